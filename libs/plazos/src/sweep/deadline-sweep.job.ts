import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { QueueName } from '@app/platform/queue';
import { DeadlineSweepResult, RunDeadlineSweepUseCase } from './run-deadline-sweep.usecase';

export const DEADLINE_SWEEP_SCHEDULER_ID = 'deadline-sweep';
export const DEADLINE_SWEEP_JOB = 'deadline-sweep';
/** Often enough that a reminder arrives the morning its threshold is crossed; each run is one query per 500 entities. */
export const DEADLINE_SWEEP_EVERY_MS = 15 * 60 * 1000;

/**
 * Registers the one recurring sweep. upsertJobScheduler is idempotent by id, so every worker
 * replica may call it at start and there is still one schedule (never @Cron in each replica).
 */
@Injectable()
export class DeadlineSweepScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.DEADLINES) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      DEADLINE_SWEEP_SCHEDULER_ID,
      { every: DEADLINE_SWEEP_EVERY_MS },
      {
        name: DEADLINE_SWEEP_JOB,
        data: {},
        opts: { attempts: 3, backoff: { type: 'exponential', delay: 30_000 }, removeOnComplete: 100, removeOnFail: 500 },
      },
    );
  }
}

/** Runs the sweep; the payload is empty because the database says what is due. */
@Processor(QueueName.DEADLINES)
export class DeadlineSweepProcessor extends WorkerHost {
  private readonly logger = new Logger(DeadlineSweepProcessor.name);

  constructor(private readonly sweep: RunDeadlineSweepUseCase) {
    super();
  }

  async process(job: Job): Promise<DeadlineSweepResult | { skipped: string }> {
    if (job.name !== DEADLINE_SWEEP_JOB) return { skipped: `trabajo desconocido: ${job.name}` };
    try {
      return await this.sweep.execute();
    } catch (error) {
      // Logged and rethrown: BullMQ retries with backoff; alerts already recorded are not repeated.
      this.logger.error({ err: error, jobId: job.id }, 'Falló el barrido de plazos');
      throw error;
    }
  }
}
