import { Injectable } from '@nestjs/common';
import { computeDueDate, PLAZO_SUBSANACION_DIAS_HABILES } from '@app/calendar';
import { EstadoReclamo, FieldError } from '@app/domain';
import { CalendarProvider } from '@app/reclamos';
import { escribirMensaje } from '@app/notifications';
import { ReclamoCommand } from './reclamo-command';
import { ReclamoTransaction, reclamanteEmail } from './reclamo-transaction';
import { requiredText, throwIfAny } from './field-errors';

export interface RequestSubsanacionCommand extends ReclamoCommand {
  /** What the citizen must complete; it goes into the message. */
  motivo: string;
}

/**
 * Pedir subsanación: en_atencion → observado. The citizen has 2 business days from the day after
 * the request; that window's end is stored with the reclamo, counted with the entity's calendar.
 * Whether the entity's clock stops meanwhile (its setting now) is recorded with the request: the
 * e-mail and the tracking page tell the citizen so, and the return to en_atencion honours it.
 */
@Injectable()
export class RequestSubsanacionUseCase {
  constructor(
    private readonly reclamos: ReclamoTransaction,
    private readonly calendars: CalendarProvider,
  ) {}

  async execute(command: RequestSubsanacionCommand): Promise<{ estado: EstadoReclamo; subsanacionVence: string }> {
    const errors: FieldError[] = [];
    const motivo = requiredText(errors, 'motivo', command.motivo, 10, 2000);
    throwIfAny(errors);
    const calendar = await this.calendars.current();
    return this.reclamos.run(command, 'gestionar', async ({ manager, reclamo, now, move }) => {
      const window = computeDueDate({
        registeredAt: now,
        businessDays: PLAZO_SUBSANACION_DIAS_HABILES,
        scope: this.calendars.scopeOf({ codigo: reclamo.entidadCodigo, ubigeo: reclamo.entidadUbigeo }),
        calendar,
      });
      const [entidad]: Array<{ pausa: boolean }> = await manager.query(`SELECT subsanacion_pausa_plazo AS pausa FROM entidad WHERE id = $1`, [
        reclamo.entidadId,
      ]);
      const eventoId = await move(EstadoReclamo.OBSERVADO, {
        accion: 'subsanacion_solicitada',
        motivo,
        datos: { subsanacionVence: window.vence, calendarioVersion: window.calendarVersion, pausaPlazo: entidad.pausa },
        set: { subsanacion_vence_el: window.vence },
      });
      const email = await reclamanteEmail(manager, reclamo.id);
      if (email) {
        await escribirMensaje(manager, {
          entidadId: reclamo.entidadId,
          reclamoId: reclamo.id,
          tipo: 'solicitud_subsanacion',
          destinatario: email,
          datos: { reclamoId: reclamo.id, eventoId },
          claveUnica: `solicitud_subsanacion:${reclamo.id}:${eventoId}`,
        });
      }
      return { estado: reclamo.estado, subsanacionVence: window.vence };
    });
  }
}
