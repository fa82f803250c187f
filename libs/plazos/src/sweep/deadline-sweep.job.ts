import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { JobName, jobOptions, JobPayload, QueueName } from '@app/platform/queue';
import { DEADLINE_SWEEP_STEPS, DeadlineSweepStep } from './deadline-sweep-step';
import { DeadlineSweepResult, RunDeadlineSweepUseCase } from './run-deadline-sweep.usecase';

export const DEADLINE_SWEEP_SCHEDULER_ID = 'deadline-sweep';
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
    const data: JobPayload['deadline-sweep'] = {};
    await this.queue.upsertJobScheduler(
      DEADLINE_SWEEP_SCHEDULER_ID,
      { every: DEADLINE_SWEEP_EVERY_MS },
      { name: JobName.BARRIDO_PLAZOS, data, opts: jobOptions(JobName.BARRIDO_PLAZOS) },
    );
  }
}

/** Runs the sweep, then each registered step; the payload is empty because the database says what is due. */
@Processor(QueueName.DEADLINES)
export class DeadlineSweepProcessor extends WorkerHost {
  private readonly logger = new Logger(DeadlineSweepProcessor.name);

  constructor(
    private readonly sweep: RunDeadlineSweepUseCase,
    @Optional() @Inject(DEADLINE_SWEEP_STEPS) private readonly steps: readonly DeadlineSweepStep[] = [],
  ) {
    super();
  }

  async process(job: Job): Promise<(DeadlineSweepResult & { pasos: Record<string, unknown> }) | { skipped: string }> {
    if (job.name !== JobName.BARRIDO_PLAZOS) return { skipped: `trabajo desconocido: ${job.name}` };
    try {
      const result = await this.sweep.execute();
      const pasos: Record<string, unknown> = {};
      // One after the other: each step is its own set-based statements, and the 2-core database is shared.
      for (const step of this.steps) pasos[step.nombre] = await step.execute();
      return { ...result, pasos };
    } catch (error) {
      // Logged and rethrown: BullMQ retries with backoff; alerts already recorded are not repeated.
      this.logger.error({ err: error, jobId: job.id }, 'Falló el barrido de plazos');
      throw error;
    }
  }
}
