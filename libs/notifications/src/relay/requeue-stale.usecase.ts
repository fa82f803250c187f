import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from '@app/platform/config';
import { OutboxRepository } from '../outbox/outbox.repository';
import { NotificationQueue } from '../queue/notification-queue';

const BATCH = 1000;

export interface RequeueStaleResult {
  revisados: number;
  reencolados: number;
}

/**
 * The recurring sweep: rows still pending a while after they were enqueued, and claims left by a
 * dead worker, are checked against the queue (their batch job, or their own) and put back when
 * their job is missing or finished.
 * Covers Redis restarts without persistence, a relay that died between add and mark, and jobs that
 * ended without their row being updated (the database was down at that moment).
 */
@Injectable()
export class RequeueStaleUseCase {
  private readonly graceMs: number;
  private readonly claimTtlMs: number;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly queue: NotificationQueue,
    config: ConfigService<Environment, true>,
  ) {
    // A row enqueued less than two sweeps ago is normally just waiting its turn.
    this.graceMs = 2 * config.get('NOTIFICATIONS_SWEEP_EVERY_MS', { infer: true });
    this.claimTtlMs = config.get('NOTIFICATIONS_CLAIM_TTL_MS', { infer: true });
  }

  async execute(): Promise<RequeueStaleResult> {
    const ids = await this.outbox.stale(BATCH, this.graceMs, this.claimTtlMs);
    // A row still in a batch job to run is waiting its turn behind a backlog (or, claimed, is its
    // stalled job's, which BullMQ hands out again); the rest are asked about one by one.
    const enLotes = ids.length > 0 ? await this.queue.rowsInBatchesToRun() : new Set<string>();
    let reencolados = 0;
    for (const id of ids) {
      if (enLotes.has(id)) continue;
      if ((await this.queue.requeue(id)) !== 'en_cola') reencolados += 1;
    }
    await this.outbox.markEnqueued(ids);
    return { revisados: ids.length, reencolados };
  }
}
