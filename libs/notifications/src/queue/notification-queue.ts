import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobName, JobPayload, QueueName } from '@app/platform/queue';

/** The id of the recurring outbox sweep's job scheduler (one schedule, whatever the replicas). */
export const SWEEP_SCHEDULER_ID = 'barrido-outbox';

/** The producer side: ids only, jobId = the outbox row's id, so adding twice is harmless. */
@Injectable()
export class NotificationQueue {
  constructor(@InjectQueue(QueueName.NOTIFICATIONS) private readonly queue: Queue<JobPayload['enviar']>) {}

  async enqueue(outboxIds: readonly string[]): Promise<void> {
    if (outboxIds.length === 0) return;
    // Retries and retention are the queue's defaults (jobOptions(JobName.ENVIAR_MENSAJE), set where the queue is registered).
    await this.queue.addBulk(outboxIds.map((outboxId) => ({ name: JobName.ENVIAR_MENSAJE, data: { outboxId }, opts: { jobId: outboxId } })));
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
