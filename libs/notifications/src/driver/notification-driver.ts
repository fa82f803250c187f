/** One e-mail as a driver sends it: already rendered, with its deterministic Message-ID. */
export interface OutgoingMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** `<outbox-ID@domain>`: the same for every attempt of one outbox row. */
  messageId: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
}

export interface SentMessage {
  /** The Message-ID header the message carried. */
  messageId: string;
  /** The server's reply ("250 OK …"), kept for support. */
  response: string;
}

/** The recipient was refused for good (e.g. SMTP 5xx on RCPT): retrying cannot help. */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

/**
 * Sends one rendered message. SMTP is the real driver; another (an API provider) would
 * implement the same. Throws on failure: PermanentDeliveryError when retrying is pointless.
 */
export abstract class NotificationDriver {
  abstract send(message: OutgoingMessage): Promise<SentMessage>;
}
