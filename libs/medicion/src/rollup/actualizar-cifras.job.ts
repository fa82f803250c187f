import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { JobName, jobOptions, JobPayload, QueueName } from '@app/platform/queue';
import { ActualizacionCifras, ActualizarCifrasUseCase } from './actualizar-cifras.usecase';

export const ACTUALIZAR_CIFRAS_SCHEDULER_ID = 'actualizar-cifras';
/** Figures a minute behind the cases at most; a quiet minute costs two primary-key reads. */
export const ACTUALIZAR_CIFRAS_EVERY_MS = 60 * 1000;

/** Registers the one recurring update; idempotent by id, so every worker replica may call it. */
@Injectable()
export class ActualizarCifrasScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.MEDICION) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    const data: JobPayload['actualizar-cifras'] = {};
    await this.queue.upsertJobScheduler(
      ACTUALIZAR_CIFRAS_SCHEDULER_ID,
      { every: ACTUALIZAR_CIFRAS_EVERY_MS },
      { name: JobName.ACTUALIZAR_CIFRAS, data, opts: jobOptions(JobName.ACTUALIZAR_CIFRAS) },
    );
  }
}

/** Runs the update; the payload is empty because the watermark says where to go on from. */
@Processor(QueueName.MEDICION)
export class ActualizarCifrasProcessor extends WorkerHost {
  private readonly logger = new Logger(ActualizarCifrasProcessor.name);

  constructor(private readonly actualizar: ActualizarCifrasUseCase) {
    super();
  }

  async process(job: Job): Promise<ActualizacionCifras | { skipped: string }> {
    if (job.name !== JobName.ACTUALIZAR_CIFRAS) return { skipped: `trabajo desconocido: ${job.name}` };
    try {
      return await this.actualizar.execute();
    } catch (error) {
      // Logged and rethrown, so the failed job is kept; the watermark did not move past the failed batch.
      this.logger.error({ err: error, jobId: job.id }, 'Falló la actualización de las cifras');
      throw error;
    }
  }
}
