import { isIsoDate, limaDateOf } from '@app/calendar';

/** Today's date in Lima as YYYY-MM-DD (the platform is open 24/7; late evening in Lima is already tomorrow in UTC). */
export function limaToday(now: Date = new Date()): string {
  return limaDateOf(now);
}

/** A real calendar date written YYYY-MM-DD (rejects 2025-02-30). The calendar library owns the rule. */
export function isIsoCalendarDate(value: string): boolean {
  return isIsoDate(value);
}
