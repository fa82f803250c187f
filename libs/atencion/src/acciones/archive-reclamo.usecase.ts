import { Injectable } from '@nestjs/common';
import { limaDateOf } from '@app/calendar';
import { DomainError, EstadoReclamo } from '@app/domain';
import { ReclamoCommand } from './reclamo-command';
import { ReclamoTransaction } from './reclamo-transaction';

export interface ArchiveReclamoCommand extends ReclamoCommand {
  motivo?: string | null;
}

/**
 * Archivar: notificado → archivado once answered; observado → archivado "no subsanado" only after
 * the citizen's 2-business-day window has passed (the citizen may file again).
 */
@Injectable()
export class ArchiveReclamoUseCase {
  constructor(private readonly reclamos: ReclamoTransaction) {}

  async execute(command: ArchiveReclamoCommand): Promise<{ estado: EstadoReclamo }> {
    return this.reclamos.run(command, 'gestionar', async ({ reclamo, now, move }) => {
      let motivo = command.motivo?.trim() || null;
      if (reclamo.estado === EstadoReclamo.OBSERVADO) {
        const hoy = limaDateOf(now);
        if (reclamo.subsanacionVenceEl !== null && hoy <= reclamo.subsanacionVenceEl) {
          throw new DomainError(
            'CONFLICT',
            `Aún corre el plazo de subsanación del ciudadano (vence el ${reclamo.subsanacionVenceEl}); podrá archivarlo después.`,
          );
        }
        motivo = motivo ? `No subsanado: ${motivo}` : 'No subsanado';
      }
      await move(EstadoReclamo.ARCHIVADO, { accion: 'archivado', motivo });
      return { estado: reclamo.estado };
    });
  }
}
