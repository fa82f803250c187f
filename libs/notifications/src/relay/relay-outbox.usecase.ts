import { Injectable } from '@nestjs/common';
import { OutboxRepository } from '../outbox/outbox.repository';
import { NotificationQueue } from '../queue/notification-queue';

const BATCH = 500;

/**
 * The relay: new pending rows go to the queue, then are marked enqueued. If Redis refuses, they
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
      await this.queue.enqueue(ids);
      await this.outbox.markEnqueued(ids);
      moved += ids.length;
      if (ids.length < BATCH) return moved;
    }
  }
}
