import { BusinessCalendar, CalendarScope, IsoDate, PLAZO_RESPUESTA_DIAS_HABILES } from '@app/calendar';

export interface ReclamoNotificado {
  readonly fechaRegistro: IsoDate;
  readonly notificadoEl: IsoDate;
  /** The entity's own target when it was filed (≤ 30). */
  readonly plazo: number;
  /** Business days the clock stood still during subsanaciones (entity setting). */
  readonly diasPausados: number;
}

export interface DiasANotificacion {
  /** Business days from the day the reclamo counts as filed to the notification, both as the plazo counts them. */
  readonly dias: number;
  readonly enPlazoLegal: boolean;
  readonly enMeta: boolean;
}

/**
 * Business days a reclamo waited for its notified answer, counted as its plazo is: from the business
 * day it counts as filed on (the next one when filed on a non-working day), so an answer notified on
 * the due date has waited exactly the plazo. On time when, without the days the clock was paused, that
 * is within 30 días hábiles (the law) and within the plazo the reclamo was filed with (the entity's
 * target). Counted with today's calendar: a rebuild after a calendar change recounts every case.
 */
export function diasANotificacion(calendar: BusinessCalendar, scope: CalendarScope, r: ReclamoNotificado): DiasANotificacion {
  const efectivo = calendar.businessDayOnOrAfter(r.fechaRegistro, scope);
  const dias = Math.max(0, calendar.businessDaysBetween(efectivo, r.notificadoEl, scope));
  const netos = Math.max(0, dias - r.diasPausados);
  return { dias, enPlazoLegal: netos <= PLAZO_RESPUESTA_DIAS_HABILES, enMeta: netos <= r.plazo };
}
