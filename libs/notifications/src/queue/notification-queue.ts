import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobName, JobPayload, QueueName } from '@app/platform/queue';

/** The id of the recurring outbox sweep's job scheduler (one schedule, whatever the replicas). */
export const SWEEP_SCHEDULER_ID = 'barrido-outbox';

/** The producer side: ids only, jobId = the outbox row's id, so adding twice is harmless. */
@Injectable()
export class NotificationQueue {
  constructor(@InjectQueue(QueueName.NOTIFICATIONS) private readonly queue: Queue<JobPayload['enviar'] | JobPayload['enviar-lote']>) {}

  async enqueue(outboxIds: readonly string[]): Promise<void> {
    if (outboxIds.length === 0) return;
    // Retries and retention are the queue's defaults (jobOptions(JobName.ENVIAR_MENSAJE), set where the queue is registered).
    await this.queue.addBulk(outboxIds.map((outboxId) => ({ name: JobName.ENVIAR_MENSAJE, data: { outboxId }, opts: { jobId: outboxId } })));
  }

  /**
   * New rows in batches of `size` (one `enviar-lote` job each, jobId = `lote-<first id>`): the same
   * rows enqueued twice (the relay died before marking them) make the same job, added once. A row
   * in two batches is harmless too: only one claim of it can win.
   */
  async enqueueBatches(outboxIds: readonly string[], size: number): Promise<void> {
    const jobs = [];
    for (let i = 0; i < outboxIds.length; i += size) {
      const lote = outboxIds.slice(i, i + size);
      jobs.push({ name: JobName.ENVIAR_LOTE, data: { outboxIds: lote }, opts: { jobId: `lote-${lote[0]}` } });
    }
    if (jobs.length > 0) await this.queue.addBulk(jobs);
  }

  /**
   * A row that failed inside a batch goes on as a job of its own (jobId = its id), to run after
   * `delayMs`, whatever became of an earlier job of it: a finished one (kept by retention) is
   * replaced; a waiting, delayed or active one is left alone.
   */
  async retryLater(outboxId: string, delayMs: number): Promise<void> {
    const state = await this.queue.getJobState(outboxId);
    if (state === 'completed' || state === 'failed') await this.queue.remove(outboxId);
    else if (state !== 'unknown') return;
    await this.queue.add(JobName.ENVIAR_MENSAJE, { outboxId }, { jobId: outboxId, delay: delayMs });
  }

  /**
   * The rows of the batch jobs still to run (waiting, delayed or active), up to `limit` jobs per state:
   * a pending row in one of them is waiting its turn, not lost. Rows of batches beyond the limit look
   * lost to the sweep, which then gives them a job of their own: harmless, only one claim wins.
   */
  async rowsInBatchesToRun(limit = 2_000): Promise<Set<string>> {
    const rows = new Set<string>();
    for (const state of ['waiting', 'prioritized', 'delayed', 'active'] as const) {
      for (const job of await this.queue.getJobs([state], 0, limit - 1)) {
        if (job?.name !== JobName.ENVIAR_LOTE) continue;
        for (const id of (job.data as JobPayload['enviar-lote']).outboxIds) rows.add(id);
      }
    }
    return rows;
  }

  /**
   * Puts a row back on the queue whatever became of its job: absent (Redis lost it) → added;
   * finished (completed or failed, kept by retention) → replaced; waiting, delayed or active → left alone.
   * Returns what it did.
   */
  async requeue(outboxId: string): Promise<'añadido' | 'reemplazado' | 'en_cola'> {
    const state = await this.queue.getJobState(outboxId);
    if (state === 'completed' || state === 'failed') {
      await this.queue.remove(outboxId);
      await this.enqueue([outboxId]);
      return 'reemplazado';
    }
    if (state === 'unknown') {
      await this.enqueue([outboxId]);
      return 'añadido';
    }
    return 'en_cola';
  }
}
