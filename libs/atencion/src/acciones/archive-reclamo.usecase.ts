import { Injectable } from '@nestjs/common';
import { limaDateOf } from '@app/calendar';
import { DomainError, EstadoReclamo } from '@app/domain';
import { CaseCommand } from './reclamo-command';
import { CaseTransaction } from './reclamo-transaction';

export interface ArchiveReclamoCommand extends CaseCommand {
  motivo?: string | null;
}

/**
 * Archivar: notificado → archivado once answered; observado → archivado "no subsanado" only after
 * the citizen's 2-business-day window has passed (the citizen may file again).
 */
@Injectable()
export class ArchiveReclamoUseCase {
  constructor(private readonly cases: CaseTransaction) {}

  async execute(command: ArchiveReclamoCommand): Promise<{ estado: EstadoReclamo }> {
    return this.cases.run(command, 'gestionar', async ({ caso, now, move }) => {
      let motivo = command.motivo?.trim() || null;
      if (caso.estado === EstadoReclamo.OBSERVADO) {
        const hoy = limaDateOf(now);
        if (caso.subsanacionVenceEl !== null && hoy <= caso.subsanacionVenceEl) {
          throw new DomainError(
            'CONFLICT',
            `Aún corre el plazo de subsanación del ciudadano (vence el ${caso.subsanacionVenceEl}); podrá archivarlo después.`,
          );
        }
        motivo = motivo ? `No subsanado: ${motivo}` : 'No subsanado';
      }
      await move(EstadoReclamo.ARCHIVADO, { accion: 'archivado', motivo });
      return { estado: caso.estado };
    });
  }
}
