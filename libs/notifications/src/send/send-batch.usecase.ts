import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from '@app/platform/config';
import { OutboxRepository } from '../outbox/outbox.repository';
import { NotificationQueue } from '../queue/notification-queue';
import { ComposedMessage, MessageComposer } from './message-composer';
import { SendNotificationUseCase } from './send-notification.usecase';

export interface SendBatchResult {
  /** Rows of the batch this run claimed (the others were sent, failed, held by a live claim or gone). */
  reclamados: number;
  enviados: number;
  fallidos: number;
  /** Handed on as jobs of their own: to retry after a backoff, or released untried. */
  reencolados: number;
  /** Left claimed, their outcome unwritten; the sweep takes them up when the claim expires. */
  sinRegistrar: number;
}

/**
 * Sends a batch of new outbox rows (an `enviar-lote` job), SMTP_POOL_SIZE rows at a time: one
 * statement claims those still pending, the rows whose loader reads many at once are composed
 * together, then each is sent as SendNotificationUseCase.attempt does for one (the SMTP
 * connections are shared by every job of the process), and its acceptance written as soon as the
 * server gives it. A row that fails now goes on as an `enviar` job of its own, delayed by the queue's
 * exponential backoff for the attempts it has spent, so its retries are the queue's as for any row.
 *
 * The batch's job fails (and is retried as a whole) only when the claim statement itself fails: then
 * no row was claimed. If handing a failed row on fails (Redis away), the row is pending and the
 * outbox sweep enqueues it.
 */
@Injectable()
export class SendNotificationBatchUseCase {
  private readonly logger = new Logger(SendNotificationBatchUseCase.name);
  private readonly claimTtlMs: number;
  private readonly backoffMs: number;
  private readonly claimChunk: number;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly send: SendNotificationUseCase,
    private readonly composer: MessageComposer,
    private readonly queue: NotificationQueue,
    config: ConfigService<Environment, true>,
  ) {
    this.claimTtlMs = config.get('NOTIFICATIONS_CLAIM_TTL_MS', { infer: true });
    this.backoffMs = config.get('NOTIFICATIONS_BACKOFF_MS', { infer: true });
    this.claimChunk = config.get('SMTP_POOL_SIZE', { infer: true });
  }

  async execute(outboxIds: readonly string[]): Promise<SendBatchResult> {
    const result: SendBatchResult = { reclamados: 0, enviados: 0, fallidos: 0, reencolados: 0, sinRegistrar: 0 };
    // Claimed a connection pool's worth at a time: rows are claimed just before they can be sent, so
    // the batches running at once never hold more claims than they can send well within the claim.
    for (let i = 0; i < outboxIds.length; i += this.claimChunk) await this.sendChunk(outboxIds.slice(i, i + this.claimChunk), result);
    return result;
  }

  private async sendChunk(outboxIds: readonly string[], result: SendBatchResult): Promise<void> {
    const rows = await this.outbox.claimMany(outboxIds, this.claimTtlMs);
    const claimedAt = Date.now();
    result.reclamados += rows.length;
    // Types whose loader reads many rows at once are composed together: one query for the chunk.
    const composed = await this.composer.composeMany(rows).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'No se pudo componer el lote de una vez; se compone mensaje por mensaje');
      return new Map<string, ComposedMessage | Error>();
    });
    await Promise.all(
      rows.map(async (row) => {
        const outcome = await this.send.attempt(row, claimedAt, false, composed.get(row.id)).catch((error: unknown) => {
          // The row's outcome could not be written (the database away past the claim): it stays
          // claimed, and the sweep enqueues it once the claim expires.
          this.logger.error({ err: error, outboxId: row.id }, 'No se pudo registrar el resultado del envío');
          result.sinRegistrar += 1;
          return null;
        });
        if (!outcome) return;
        switch (outcome.estado) {
          case 'enviado':
            result.enviados += 1;
            return;
          case 'fallido':
            result.fallidos += 1;
            return;
          case 'reintentar':
          case 'liberado': {
            const delay = outcome.estado === 'liberado' ? 0 : this.backoffMs * 2 ** Math.max(row.intentos - 1, 0);
            try {
              await this.queue.retryLater(row.id, delay);
              result.reencolados += 1;
            } catch (error) {
              this.logger.warn({ err: error, outboxId: row.id }, 'No se pudo reencolar el mensaje; lo hará el barrido');
            }
            return;
          }
        }
      }),
    );
  }
}
