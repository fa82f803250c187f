import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@app/platform/clock';
import { AlmacenExportaciones } from './almacen-exportaciones';
import { ExportacionRepository } from './exportacion.repository';
import { ExportacionesQueue } from './exportaciones-queue';

/** A request still in flight this long after it was made may have lost its job (Redis was down, a worker died). */
export const EN_CURSO_SOSPECHOSA_MS = 2 * 60 * 1000;
/** Rows per run of each part of the sweep; the next run (five minutes later) takes the rest. */
const LOTE_BARRIDO = 500;

export const MOTIVO_INTERRUMPIDA =
  'La generación del archivo se interrumpió y no pudo retomarse. Pida la exportación de nuevo; si vuelve a ocurrir, avise al administrador de la plataforma indicando el código de esta exportación.';

export interface ResultadoBarrido {
  /** Files past their expiry removed, their rows now `vencida`. */
  readonly vencidas: number;
  /** Requests whose job was missing, enqueued again (same jobId: a job still queued is left as it is). */
  readonly reencoladas: number;
  /** Requests whose job BullMQ gave up on without the handler closing the row (a worker killed too often): `fallida`. */
  readonly cerradas: number;
}

/**
 * The worker's recurring `barrido-exportaciones` (every five minutes): (1) files whose 7 calendar days
 * are over are removed from the storage, then their rows marked `vencida` (a crash between the two
 * only removes the file again, which is harmless); (2) requests still pending or in progress two
 * minutes after they were made are checked against the queue: a missing job is enqueued again, a job
 * BullMQ failed for good closes its row as `fallida`.
 */
@Injectable()
export class BarrerExportacionesUseCase {
  private readonly logger = new Logger(BarrerExportacionesUseCase.name);

  constructor(
    private readonly repo: ExportacionRepository,
    private readonly queue: ExportacionesQueue,
    private readonly almacen: AlmacenExportaciones,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<ResultadoBarrido> {
    const ahora = this.clock.now();
    let vencidas = 0;
    for (const v of await this.repo.vencidas(ahora, LOTE_BARRIDO)) {
      await this.almacen.remove(v.claveAlmacen);
      await this.repo.marcarVencida(v.id, ahora);
      vencidas += 1;
    }
    let reencoladas = 0;
    let cerradas = 0;
    for (const p of await this.repo.enCursoDesde(new Date(ahora.getTime() - EN_CURSO_SOSPECHOSA_MS), LOTE_BARRIDO)) {
      const trabajo = await this.queue.estadoDe(p.id);
      if (trabajo === 'ausente' || trabajo === 'terminado') {
        await this.queue.reencolar(p.id);
        reencoladas += 1;
      } else if (trabajo === 'fallido') {
        await this.repo.fallar(p.id, MOTIVO_INTERRUMPIDA, ahora);
        cerradas += 1;
      }
    }
    if (vencidas + reencoladas + cerradas > 0) this.logger.log({ vencidas, reencoladas, cerradas }, 'Barrido de exportaciones');
    return { vencidas, reencoladas, cerradas };
  }
}
