import { Injectable } from '@nestjs/common';
import { EstadoReclamo, FieldError } from '@app/domain';
import { ReclamoCommand } from './reclamo-command';
import { ReclamoTransaction } from './reclamo-transaction';
import { requiredText, throwIfAny } from './field-errors';

export interface RecordSubsanacionCommand extends ReclamoCommand {
  /** What the citizen supplied, as the staff member records it. */
  detalle: string;
}

/** Subsanación recibida: observado → en_atencion; the window is closed. */
@Injectable()
export class RecordSubsanacionUseCase {
  constructor(private readonly reclamos: ReclamoTransaction) {}

  async execute(command: RecordSubsanacionCommand): Promise<{ estado: EstadoReclamo }> {
    const errors: FieldError[] = [];
    const detalle = requiredText(errors, 'detalle', command.detalle, 5, 2000);
    throwIfAny(errors);
    return this.reclamos.run(command, 'gestionar', async ({ reclamo, move }) => {
      await move(EstadoReclamo.EN_ATENCION, {
        accion: 'subsanacion_recibida',
        motivo: detalle,
        desde: [EstadoReclamo.OBSERVADO],
        set: { subsanacion_vence_el: null },
      });
      return { estado: reclamo.estado };
    });
  }
}
