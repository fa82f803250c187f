import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { LIMA_TIME_ZONE, limaDateOf } from '@app/calendar';
import { Clock } from '@app/platform/clock';
import { JobName, jobOptions, JobPayload, QueueName } from '@app/platform/queue';
import { ArchivoDatosAbiertos, GetDatosAbiertosUseCase, PublicarDatosAbiertosUseCase } from './datos-abiertos';

export const PUBLICAR_DATOS_ABIERTOS_SCHEDULER_ID = 'publicar-datos-abiertos';
/** Every day at 04:00 in Lima: yesterday's late notifications are in, and nobody is filing much. */
export const PUBLICAR_DATOS_ABIERTOS_PATTERN = '0 0 4 * * *';

/**
 * Registers the daily publication (idempotent by id, so every worker replica may call it) and, when no file has
 * been published yet (a new deployment, the demo), asks for one at once, keyed by the day so replicas starting
 * together add it once.
 */
@Injectable()
export class PublicarDatosAbiertosScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(QueueName.DATOS_ABIERTOS) private readonly queue: Queue,
    private readonly datos: GetDatosAbiertosUseCase,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const data: JobPayload['publicar-datos-abiertos'] = {};
    const opts = jobOptions(JobName.PUBLICAR_DATOS_ABIERTOS);
    await this.queue.upsertJobScheduler(
      PUBLICAR_DATOS_ABIERTOS_SCHEDULER_ID,
      { pattern: PUBLICAR_DATOS_ABIERTOS_PATTERN, tz: LIMA_TIME_ZONE },
      { name: JobName.PUBLICAR_DATOS_ABIERTOS, data, opts },
    );
    if ((await this.datos.ultimo()) === null) {
      await this.queue.add(JobName.PUBLICAR_DATOS_ABIERTOS, data, { ...opts, jobId: `inicial-${limaDateOf(this.clock.now())}` });
    }
  }
}

/** Builds and publishes the file; the payload is empty because the rollups say what there is. */
@Processor(QueueName.DATOS_ABIERTOS)
export class PublicarDatosAbiertosProcessor extends WorkerHost {
  private readonly logger = new Logger(PublicarDatosAbiertosProcessor.name);

  constructor(private readonly publicar: PublicarDatosAbiertosUseCase) {
    super();
  }

  async process(job: Job): Promise<Omit<ArchivoDatosAbiertos, 'generadoEn'> | { skipped: string }> {
    if (job.name !== JobName.PUBLICAR_DATOS_ABIERTOS) return { skipped: `trabajo desconocido: ${job.name}` };
    try {
      const { generadoEn: _, ...archivo } = await this.publicar.execute();
      return archivo;
    } catch (error) {
      // Logged and rethrown, so BullMQ retries it and keeps the failed job; the previous file stays published.
      this.logger.error({ err: error, jobId: job.id }, 'Falló la publicación de los datos abiertos');
      throw error;
    }
  }
}
