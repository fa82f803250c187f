import { Injectable } from '@nestjs/common';
import { EstadoReclamo, FieldError } from '@app/domain';
import { CaseCommand } from './reclamo-command';
import { CaseTransaction } from './reclamo-transaction';
import { requiredText, throwIfAny } from './field-errors';

export interface AnnulReclamoCommand extends CaseCommand {
  /** Duplicate or test: why it is annulled. */
  motivo: string;
}

/** Anular: registrado → anulado, by a responsable, with a reason. The case is kept, never deleted. */
@Injectable()
export class AnnulReclamoUseCase {
  constructor(private readonly cases: CaseTransaction) {}

  async execute(command: AnnulReclamoCommand): Promise<{ estado: EstadoReclamo }> {
    const errors: FieldError[] = [];
    const motivo = requiredText(errors, 'motivo', command.motivo, 5, 1000);
    throwIfAny(errors);
    return this.cases.run(command, 'responsable', async ({ caso, move }) => {
      await move(EstadoReclamo.ANULADO, { accion: 'anulado', motivo, set: { anulado_motivo: motivo } });
      return { estado: caso.estado };
    });
  }
}
