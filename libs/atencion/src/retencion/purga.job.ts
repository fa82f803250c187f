import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { LIMA_TIME_ZONE } from '@app/calendar';
import { JobName, jobOptions, JobPayload, QueueName } from '@app/platform/queue';
import { PurgarDatosVencidosUseCase, ResultadoPurga } from './purgar-datos-vencidos.usecase';

export const PURGA_SCHEDULER_ID = 'purgar-datos-vencidos';
/**
 * Every day at 02:30 in Lima: nobody is filing or answering, and it ends before the open-data file (04:00)
 * and the offices open. A case purged at 02:30 instead of at midnight keeps its data a few hours longer
 * than its period: retention is a floor, not a deadline to the minute.
 */
export const PURGA_PATTERN = '0 30 2 * * *';

/** Registers the daily purge; upsertJobScheduler is idempotent by id, so every worker replica may call it. */
@Injectable()
export class PurgaScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.RETENCION) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    const data: JobPayload['purgar-datos-vencidos'] = {};
    await this.queue.upsertJobScheduler(
      PURGA_SCHEDULER_ID,
      { pattern: PURGA_PATTERN, tz: LIMA_TIME_ZONE },
      { name: JobName.PURGAR_DATOS_VENCIDOS, data, opts: jobOptions(JobName.PURGAR_DATOS_VENCIDOS) },
    );
  }
}

/** Runs the purge; the payload is empty because the database says what is due. */
@Processor(QueueName.RETENCION)
export class PurgaProcessor extends WorkerHost {
  private readonly logger = new Logger(PurgaProcessor.name);

  constructor(private readonly purgar: PurgarDatosVencidosUseCase) {
    super();
  }

  async process(job: Job): Promise<ResultadoPurga | { skipped: string }> {
    if (job.name !== JobName.PURGAR_DATOS_VENCIDOS) return { skipped: `trabajo desconocido: ${job.name}` };
    try {
      return await this.purgar.execute();
    } catch (error) {
      // Logged and rethrown so BullMQ retries it; the batches already committed stay purged.
      this.logger.error({ err: error, jobId: job.id }, 'Falló la purga de datos personales vencidos');
      throw error;
    }
  }
}
