import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BusinessCalendar, limaDateOf } from '@app/calendar';
import { CargadorDeMensajes, CargadorMensaje, MensajeCargado, MensajeGuardado, PermanentNotificationError } from '@app/notifications';
import { Clock } from '@app/platform/clock';
import { EnlacesBackoffice } from '@app/platform/links';
import { CalendarRepository, scopeOfEntidad } from '../calendar/calendar.repository';

/**
 * How long a reminder may count business days with the calendar it already holds. The calendar
 * changes a few times a year (a decreed non-working day); asking for its revision on every
 * message was one of four database round trips per reminder, for a figure ("days left") that is
 * informative, never a deadline.
 */
const CALENDAR_REUSE_MS = 30_000;

type TipoAlerta = 'plazo_por_vencer' | 'plazo_vencido';

/**
 * Reminders and escalations of the deadline sweep, to the responsables (and the titular when
 * overdue): the reclamo's code, its due date, business days left today (Lima) and a link to the
 * reclamo's page in the back-office.
 */
@Injectable()
@CargadorDeMensajes(['plazo_por_vencer', 'plazo_vencido'])
export class AlertaPlazoCargador implements CargadorMensaje<TipoAlerta> {
  private calendar: { value: Promise<BusinessCalendar>; until: number } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarRepository,
    private readonly clock: Clock,
    private readonly enlaces: EnlacesBackoffice,
  ) {}

  async cargar(mensaje: MensajeGuardado<TipoAlerta>): Promise<MensajeCargado<TipoAlerta>> {
    const [cargado] = await this.cargarVarios([mensaje]);
    if (cargado instanceof Error) throw cargado;
    return cargado;
  }

  /** One read for all the reclamos of a batch of reminders (a sweep writes them by the hundred). */
  async cargarVarios(mensajes: ReadonlyArray<MensajeGuardado<TipoAlerta>>): Promise<Array<MensajeCargado<TipoAlerta> | Error>> {
    const ids = [...new Set(mensajes.map((m) => m.datos.reclamoId))];
    const filas: Array<{ id: string; codigo: string; vence: string; entidad_nombre: string; entidad_codigo: string; ubigeo: string }> = await this.dataSource.query(
      `SELECT r.id, r.codigo, r.vence_el::text AS vence, e.nombre AS entidad_nombre, e.codigo AS entidad_codigo, e.ubigeo
         FROM reclamo r JOIN entidad e ON e.id = r.entidad_id WHERE r.id = ANY ($1::uuid[])`,
      [ids],
    );
    const porId = new Map(filas.map((f) => [f.id, f]));
    const calendar = await this.currentCalendar();
    const hoy = limaDateOf(this.clock.now());
    return mensajes.map(({ datos: { reclamoId } }) => {
      const reclamo = porId.get(reclamoId);
      if (!reclamo) return new PermanentNotificationError(`No existe el reclamo ${reclamoId}`);
      const scope = scopeOfEntidad({ codigo: reclamo.entidad_codigo, ubigeo: reclamo.ubigeo });
      return {
        contenido: {
          entidadNombre: reclamo.entidad_nombre,
          codigo: reclamo.codigo,
          vence: reclamo.vence,
          diasHabilesRestantes: calendar.businessDaysBetween(hoy, reclamo.vence, scope),
          backofficeUrl: this.enlaces.reclamo(reclamoId),
        },
      };
    });
  }

  private currentCalendar(): Promise<BusinessCalendar> {
    const now = Date.now();
    if (!this.calendar || this.calendar.until <= now) {
      const value = this.calendars.current();
      this.calendar = { value, until: now + CALENDAR_REUSE_MS };
      // A failed load is not kept: the next message asks again.
      value.catch(() => {
        if (this.calendar?.value === value) this.calendar = null;
      });
    }
    return this.calendar.value;
  }
}
