import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobName, jobOptions, JobPayload, QueueName } from '@app/platform/queue';

/** What became of a request's job in Redis, as the sweep needs to know it. */
export type EstadoDelTrabajo = 'en_cola' | 'terminado' | 'fallido' | 'ausente';

/** The producer side of the exports: ids only, jobId = the exportacion row's id, so adding twice is harmless. */
@Injectable()
export class ExportacionesQueue {
  constructor(@InjectQueue(QueueName.EXPORTACIONES) private readonly queue: Queue<JobPayload['exportar']>) {}

  async encolar(exportacionId: string): Promise<void> {
    const data: JobPayload['exportar'] = { exportacionId };
    await this.queue.add(JobName.EXPORTAR, data, { ...jobOptions(JobName.EXPORTAR), jobId: exportacionId });
  }

  async estadoDe(exportacionId: string): Promise<EstadoDelTrabajo> {
    const state = await this.queue.getJobState(exportacionId);
    switch (state) {
      case 'completed':
        return 'terminado';
      case 'failed':
        return 'fallido';
      case 'unknown':
        return 'ausente';
      case 'active':
      case 'delayed':
      case 'prioritized':
      case 'waiting':
      case 'waiting-children':
        return 'en_cola';
    }
  }

  /** A finished job of this id is replaced (its row says there is still work to do); a queued one is left alone. */
  async reencolar(exportacionId: string): Promise<void> {
    if ((await this.estadoDe(exportacionId)) === 'terminado') await this.queue.remove(exportacionId);
    await this.encolar(exportacionId);
  }
}
