import { Injectable } from '@nestjs/common';
import { OutboxRepository } from '../outbox/outbox.repository';
import { NotificationQueue } from '../queue/notification-queue';

const BATCH = 500;
/**
 * Rows per `enviar-lote` job. A job and its claim statement cost about what a message's SMTP exchange
 * does; at 20 rows they are a few per cent of it, while NOTIFICATIONS_CONCURRENCY batches still keep
 * every SMTP connection busy and a batch's last row starts its exchange well within its claim.
 */
export const ROWS_PER_BATCH_JOB = 20;

/**
 * The relay: new pending rows go to the queue (in batch jobs), then are marked enqueued. If Redis refuses, they
 * stay unmarked and the next pass tries again; if the mark is lost after the add, re-adding is
 * harmless (jobId = row id). Returns how many rows it moved.
 */
@Injectable()
export class RelayOutboxUseCase {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly queue: NotificationQueue,
  ) {}

  async execute(): Promise<number> {
    let moved = 0;
    for (;;) {
      const ids = await this.outbox.toRelay(BATCH);
      await this.queue.enqueueBatches(ids, ROWS_PER_BATCH_JOB);
      await this.outbox.markEnqueued(ids);
      moved += ids.length;
      if (ids.length < BATCH) return moved;
    }
  }
}
