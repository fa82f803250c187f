import { BusinessCalendar, NonWorkingDay } from './business-calendar';
import { CalendarScope } from './calendar-data';
import { CalendarError } from './calendar-error';
import { assertIsoDate, IsoDate } from './iso-date';
import { limaDateOf } from './lima-date';

export interface ComputeDueDateInput {
  /** The instant the reclamo was registered, or its Lima date when only the date is known. */
  readonly registeredAt: Date | IsoDate;
  /** The plazo in días hábiles, e.g. PLAZO_RESPUESTA_DIAS_HABILES. */
  readonly businessDays: number;
  readonly scope?: CalendarScope;
  readonly calendar: BusinessCalendar;
}

export interface DueDate {
  /** Lima calendar date of the registration. */
  readonly registro: IsoDate;
  /** The business day the reclamo counts as filed on: `registro`, or the next business day. */
  readonly registroEfectivo: IsoDate;
  /** First business day counted (day 1 of the plazo): the business day after `registroEfectivo`. */
  readonly inicio: IsoDate;
  /** Last day of the plazo (day N); always a business day. */
  readonly vence: IsoDate;
  /** Every non-business day from `registro` up to `vence`, with the reason it was skipped. */
  readonly omitidos: readonly NonWorkingDay[];
  /** BusinessCalendar#version of the calendar used; store it with `vence`. */
  readonly calendarVersion: string;
}

/**
 * The due date of a plazo counted in días hábiles from a registration.
 *
 * - The filing day is the America/Lima date: the platform is open 24/7, and 23:30 in Lima on a
 *   Monday is still Monday although UTC already says Tuesday.
 * - A reclamo filed on a non-business day counts as filed on the next business day (domain README).
 * - The count starts on the business day after that (Ley 27444, TUO art. 144.1) and skips every
 *   non-business day (art. 145.1); the due date is the N-th business day counted. Filing on Monday
 *   2026-03-02 with N = 1 is due on Tuesday 2026-03-03.
 * - Counting only business days means the last day is never a holiday, so the extension of
 *   art. 145.2 (last day inhábil → next business day) is already built in.
 */
export function computeDueDate(input: ComputeDueDateInput): DueDate {
  const { businessDays, calendar } = input;
  const scope = input.scope ?? {};
  if (typeof businessDays !== 'number' || !Number.isInteger(businessDays) || businessDays < 1) {
    throw new CalendarError(
      'INVALID_BUSINESS_DAYS',
      `El plazo debe ser un número entero positivo de días hábiles; se recibió ${String(businessDays)}.`,
    );
  }
  const registro = input.registeredAt instanceof Date ? limaDateOf(input.registeredAt) : assertIsoDate(input.registeredAt, 'registeredAt');
  const registroEfectivo = calendar.businessDayOnOrAfter(registro, scope);
  const inicio = calendar.addBusinessDays(registroEfectivo, 1, scope);
  const vence = calendar.addBusinessDays(registroEfectivo, businessDays, scope);
  return {
    registro,
    registroEfectivo,
    inicio,
    vence,
    omitidos: calendar.nonWorkingDaysBetween(registro, vence, scope),
    calendarVersion: calendar.version,
  };
}
