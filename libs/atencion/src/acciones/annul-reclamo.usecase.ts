import { Injectable } from '@nestjs/common';
import { EstadoReclamo, FieldError } from '@app/domain';
import { ReclamoCommand } from './reclamo-command';
import { ReclamoTransaction } from './reclamo-transaction';
import { requiredText, throwIfAny } from './field-errors';

export interface AnnulReclamoCommand extends ReclamoCommand {
  /** Duplicate or test: why it is annulled. */
  motivo: string;
}

/** Anular: registrado → anulado, by a responsable, with a reason. The reclamo is kept, never deleted. */
@Injectable()
export class AnnulReclamoUseCase {
  constructor(private readonly reclamos: ReclamoTransaction) {}

  async execute(command: AnnulReclamoCommand): Promise<{ estado: EstadoReclamo }> {
    const errors: FieldError[] = [];
    const motivo = requiredText(errors, 'motivo', command.motivo, 5, 1000);
    throwIfAny(errors);
    return this.reclamos.run(command, 'responsable', async ({ reclamo, move }) => {
      await move(EstadoReclamo.ANULADO, { accion: 'anulado', motivo, set: { anulado_motivo: motivo } });
      return { estado: reclamo.estado };
    });
  }
}
