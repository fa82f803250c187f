import { Injectable, Logger } from '@nestjs/common';
import { OutboxRepository } from '../outbox/outbox.repository';

// Rows per statement: one UPDATE … FROM unnest(…) stays small and quick.
const MAX_PER_STATEMENT = 200;
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 2_000;

interface Accepted {
  id: string;
  messageId: string;
  /** Date.now() after which a failed write is given up (the claim may be taken over by then). */
  giveUpAt: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes "the server accepted it" (enviando → enviado) for rows whose type records nothing else, as
 * a group commit: an acceptance is written at once when no write is running, or else with the
 * others that arrived meanwhile, in the very next statement. So no acceptance waits for a batch to
 * fill (a worker killed now loses only the acceptances of the statement in flight, which are then
 * sent again after their claim expires), and at hundreds of messages a second the database sees
 * one commit per round trip instead of one per message.
 *
 * A failed write (the database restarting) is retried until it succeeds or the claim is about to be
 * taken over (`giveUpAt`): a message the server accepted must not be sent again because the database
 * was away for a second. Only then is the error passed to the caller.
 */
@Injectable()
export class SentRecorder {
  private readonly logger = new Logger(SentRecorder.name);
  private pending: Accepted[] = [];
  private writing = false;

  constructor(private readonly outbox: OutboxRepository) {}

  /** Resolves once the row says 'enviado' (or was already moved on by someone else). */
  record(id: string, messageId: string, giveUpAt: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ id, messageId, giveUpAt, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.pending.length > 0) await this.write(this.pending.splice(0, MAX_PER_STATEMENT));
    } finally {
      this.writing = false;
    }
  }

  private async write(batch: Accepted[]): Promise<void> {
    let delay = FIRST_RETRY_MS;
    for (;;) {
      try {
        await this.outbox.markSentMany(batch);
        for (const accepted of batch) accepted.resolve();
        return;
      } catch (error) {
        const now = Date.now();
        for (const accepted of batch) if (accepted.giveUpAt <= now) accepted.reject(error);
        batch = batch.filter((accepted) => accepted.giveUpAt > now);
        if (batch.length === 0) return;
        this.logger.warn({ err: error, filas: batch.length, reintentoEnMs: delay }, 'No se pudo registrar el envío aceptado; se reintenta');
        await sleep(delay);
        delay = Math.min(delay * 2, MAX_RETRY_MS);
        // Acceptances that came meanwhile ride along in the same statement.
        batch.push(...this.pending.splice(0, MAX_PER_STATEMENT - batch.length));
      }
    }
  }
}
