import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { EXPORTACIONES_WORKER_OPTIONS, JobName, jobOptions, JobPayload, QueueName } from '@app/platform/queue';
import { BarrerExportacionesUseCase, ResultadoBarrido } from './barrer-exportaciones.usecase';
import { GenerarExportacionUseCase, ResultadoExportacion } from './generar-exportacion.usecase';

export const BARRIDO_EXPORTACIONES_SCHEDULER_ID = 'barrido-exportaciones';
/** Expired files go within five minutes of their expiry; a lost job is found within seven. */
export const BARRIDO_EXPORTACIONES_EVERY_MS = 5 * 60 * 1000;

/** Registers the one recurring sweep; idempotent by id, so every worker replica may call it. */
@Injectable()
export class BarridoExportacionesScheduler implements OnApplicationBootstrap {
  constructor(@InjectQueue(QueueName.EXPORTACIONES) private readonly queue: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    const data: JobPayload['barrido-exportaciones'] = {};
    await this.queue.upsertJobScheduler(
      BARRIDO_EXPORTACIONES_SCHEDULER_ID,
      { every: BARRIDO_EXPORTACIONES_EVERY_MS },
      { name: JobName.BARRIDO_EXPORTACIONES, data, opts: jobOptions(JobName.BARRIDO_EXPORTACIONES) },
    );
  }
}

/**
 * Runs the exports' queue: `exportar` (one file; `ultimoIntento` tells the use case to mark the row
 * `fallida` if this attempt fails too) and the sweep. The use cases log and rethrow, so BullMQ retries.
 */
@Processor(QueueName.EXPORTACIONES, EXPORTACIONES_WORKER_OPTIONS)
export class ExportacionesProcessor extends WorkerHost {
  constructor(
    private readonly generar: GenerarExportacionUseCase,
    private readonly barrer: BarrerExportacionesUseCase,
  ) {
    super();
  }

  async process(job: Job): Promise<ResultadoExportacion | ResultadoBarrido> {
    if (job.name === JobName.BARRIDO_EXPORTACIONES) return this.barrer.execute();
    if (job.name !== JobName.EXPORTAR) throw new UnrecoverableError(`Trabajo desconocido en la cola de exportaciones: ${job.name}`);
    const { exportacionId } = job.data as JobPayload['exportar'];
    return this.generar.execute({ exportacionId, ultimoIntento: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
  }
}
