import { Injectable } from '@nestjs/common';
import { EstadoReclamo, FieldError } from '@app/domain';
import { CalendarProvider, reanudarTrasSubsanacion, ultimaSolicitudDeSubsanacion } from '@app/reclamos';
import { ReclamoCommand } from './reclamo-command';
import { ReclamoTransaction } from './reclamo-transaction';
import { requiredText, throwIfAny } from './field-errors';

export interface RecordSubsanacionCommand extends ReclamoCommand {
  /** What the citizen supplied, as the staff member records it. */
  detalle: string;
}

/**
 * Subsanación recibida (in person, at the mesa de partes): observado → en_atencion; the window is
 * closed and, when the request paused the clock, the due date moves as it does for a reply online.
 */
@Injectable()
export class RecordSubsanacionUseCase {
  constructor(
    private readonly reclamos: ReclamoTransaction,
    private readonly calendars: CalendarProvider,
  ) {}

  async execute(command: RecordSubsanacionCommand): Promise<{ estado: EstadoReclamo; vence: string }> {
    const errors: FieldError[] = [];
    const detalle = requiredText(errors, 'detalle', command.detalle, 5, 2000);
    throwIfAny(errors);
    const calendar = await this.calendars.current();
    return this.reclamos.run(command, 'gestionar', async ({ manager, reclamo, now, move }) => {
      const [{ diasPausados }]: Array<{ diasPausados: number }> = await manager.query(`SELECT dias_pausados AS "diasPausados" FROM reclamo WHERE id = $1`, [
        reclamo.id,
      ]);
      const reanudacion = reanudarTrasSubsanacion({
        // Only a reclamo still observado resumes; `move` refuses any other below.
        solicitud: reclamo.estado === EstadoReclamo.OBSERVADO ? await ultimaSolicitudDeSubsanacion(manager, reclamo.id) : null,
        reclamo: { venceEl: reclamo.venceEl, diasPausados },
        ahora: now,
        calendar,
        scope: this.calendars.scopeOf({ codigo: reclamo.entidadCodigo, ubigeo: reclamo.entidadUbigeo }),
      });
      await move(EstadoReclamo.EN_ATENCION, {
        accion: 'subsanacion_recibida',
        motivo: detalle,
        desde: [EstadoReclamo.OBSERVADO],
        datos: { ...reanudacion.datos },
        set: reanudacion.columnas,
      });
      return { estado: reclamo.estado, vence: reanudacion.vence };
    });
  }
}
