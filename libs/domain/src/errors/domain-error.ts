/**
 * Errors of the domain carry a stable code and a Spanish message for people;
 * they know nothing of HTTP. Each app maps codes to statuses in one filter.
 */
export type DomainErrorCode =
  | 'VALIDATION_FAILED'
  | 'ENTIDAD_NOT_FOUND'
  | 'RECLAMO_NOT_FOUND'
  | 'DIA_NO_LABORABLE_NOT_FOUND'
  | 'INVALID_TRANSITION'
  | 'IDEMPOTENCY_CONFLICT'
  | 'ATTACHMENT_TOO_LARGE'
  | 'ATTACHMENT_TYPE_NOT_ALLOWED'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'CONFLICT'
  | 'SIGN_IN_LOCKED'
  | 'CSRF_INVALID'
  | 'USUARIO_NOT_FOUND'
  | 'CONFIGURACION_NOT_FOUND'
  | 'MENSAJE_NOT_FOUND'
  | 'ACCION_MEJORA_NOT_FOUND'
  /** An export that does not exist, or that the asker may not see (another person's, another entity's). */
  | 'EXPORTACION_NOT_FOUND'
  | 'TRAMO_NOT_FOUND'
  | 'UBIGEO_NOT_FOUND'
  /** A window (a citizen's subsanación, the survey; an export's file) is over: nothing more is accepted or served through it. */
  | 'PLAZO_CERRADO';

export interface FieldError {
  campo: string;
  mensaje: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly errores: FieldError[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class ValidationFailedError extends DomainError {
  constructor(errores: FieldError[]) {
    super('VALIDATION_FAILED', 'Los datos enviados no son válidos. Revise los campos indicados.', errores);
  }
}

/**
 * Input refused at the door (a control character, a bidi override, nesting too deep), raised
 * after the whole form was read: `campos` holds every field as received, minus the refused
 * characters, so a page can show the form again with the person's text and the error beside it.
 */
export class EntradaRechazadaError extends ValidationFailedError {
  constructor(
    errores: FieldError[],
    readonly campos: Record<string, string> = {},
  ) {
    super(errores);
  }
}
