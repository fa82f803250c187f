import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { DefaultJobOptions, Queue } from 'bullmq';
import { Environment } from '@app/platform/config';
import { QueueName } from '@app/platform/queue';

export const SEND_JOB = 'enviar';
export const SWEEP_JOB = 'barrido-outbox';
export const SWEEP_SCHEDULER_ID = 'barrido-outbox';

export interface SendJobData {
  outboxId: string;
}

/**
 * Retries and retention of the notifications queue, in one place: exponential backoff, completed
 * jobs bounded (the row is the record), failed jobs kept a month for inspection.
 */
export function notificationJobOptions(env: Pick<Environment, 'NOTIFICATIONS_ATTEMPTS' | 'NOTIFICATIONS_BACKOFF_MS'>): DefaultJobOptions {
  return {
    attempts: env.NOTIFICATIONS_ATTEMPTS,
    backoff: { type: 'exponential', delay: env.NOTIFICATIONS_BACKOFF_MS },
    removeOnComplete: { count: 5_000, age: 24 * 3600 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
}

/** The producer side: ids only, jobId = the outbox row's id, so adding twice is harmless. */
@Injectable()
export class NotificationQueue {
  constructor(@InjectQueue(QueueName.NOTIFICATIONS) private readonly queue: Queue<SendJobData>) {}

  async enqueue(outboxIds: readonly string[]): Promise<void> {
    if (outboxIds.length === 0) return;
    await this.queue.addBulk(outboxIds.map((outboxId) => ({ name: SEND_JOB, data: { outboxId }, opts: { jobId: outboxId } })));
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
