import { Injectable } from '@nestjs/common';
import { EstadoReclamo, FieldError } from '@app/domain';
import { CaseCommand } from './reclamo-command';
import { CaseTransaction } from './reclamo-transaction';
import { requiredText, throwIfAny } from './field-errors';

export interface RecordSubsanacionCommand extends CaseCommand {
  /** What the citizen supplied, as the staff member records it. */
  detalle: string;
}

/** Subsanación recibida: observado → en_atencion; the window is closed. */
@Injectable()
export class RecordSubsanacionUseCase {
  constructor(private readonly cases: CaseTransaction) {}

  async execute(command: RecordSubsanacionCommand): Promise<{ estado: EstadoReclamo }> {
    const errors: FieldError[] = [];
    const detalle = requiredText(errors, 'detalle', command.detalle, 5, 2000);
    throwIfAny(errors);
    return this.cases.run(command, 'gestionar', async ({ caso, move }) => {
      await move(EstadoReclamo.EN_ATENCION, {
        accion: 'subsanacion_recibida',
        motivo: detalle,
        desde: [EstadoReclamo.OBSERVADO],
        set: { subsanacion_vence_el: null },
      });
      return { estado: caso.estado };
    });
  }
}
