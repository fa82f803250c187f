/** The row can never be sent as it is (unknown tipo, its reclamo is gone, data missing): no retry. */
export class PermanentNotificationError extends Error {
  override readonly name = 'PermanentNotificationError';
}

/** Another attempt holds a fresh claim on the row; try again after `retryInMs` without spending an attempt. */
export class ClaimBusyError extends Error {
  override readonly name = 'ClaimBusyError';

  constructor(readonly retryInMs: number) {
    super(`Otro intento está enviando este mensaje; se reintenta en ${retryInMs} ms`);
  }
}
