import { BusinessCalendar } from './business-calendar';
import { CalendarScope } from './calendar-data';
import { assertIsoDate, IsoDate } from './iso-date';
import { limaDateOf } from './lima-date';

export interface DueDateAfterPauseInput {
  /** The due date in force when the clock stopped (a business day, Lima). */
  readonly vence: IsoDate;
  /** When the clock stopped (the request for missing information), an instant or its Lima date. */
  readonly pausedAt: Date | IsoDate;
  /** When it runs again (the citizen's reply, or staff recording it). */
  readonly resumedAt: Date | IsoDate;
  readonly scope?: CalendarScope;
  readonly calendar: BusinessCalendar;
}

export interface DueDateAfterPause {
  /** Business days the clock stood still: those after the pause's day, up to and including the resume's day. */
  readonly diasPausados: number;
  /** The due date moved later by that many business days (unchanged when 0). */
  readonly vence: IsoDate;
  readonly calendarVersion: string;
}

/**
 * The due date of a plazo that stopped while the reclamo waited for the citizen (entity setting
 * "pausar el plazo durante la subsanación"). The days counted as paused follow the same rule as
 * every plazo here (Ley 27444, TUO art. 144.1: from the business day after the act): a request on
 * Monday answered on Wednesday paused Tuesday and Wednesday, 2 days; answered the same day, none.
 * The new due date is the old one plus those business days, so it stays a business day.
 */
export function dueDateAfterPause(input: DueDateAfterPauseInput): DueDateAfterPause {
  const scope = input.scope ?? {};
  const vence = assertIsoDate(input.vence, 'vence');
  const desde = input.pausedAt instanceof Date ? limaDateOf(input.pausedAt) : assertIsoDate(input.pausedAt, 'pausedAt');
  const hasta = input.resumedAt instanceof Date ? limaDateOf(input.resumedAt) : assertIsoDate(input.resumedAt, 'resumedAt');
  const diasPausados = Math.max(0, input.calendar.businessDaysBetween(desde, hasta, scope));
  return { diasPausados, vence: input.calendar.addBusinessDays(vence, diasPausados, scope), calendarVersion: input.calendar.version };
}
