import { createHash } from 'node:crypto';

import { CalendarData } from './calendar-data';
import { NationalHolidayDefinition } from './national-holidays';

/**
 * Version of the counting rules in this library (weekends, "count starts the day after", the
 * holiday table's shape). Bump it whenever a change here could move a computed date, so the
 * calendar version of every new reclamo changes too.
 */
export const CALENDAR_RULES_VERSION = '2026.1';

const VERSION_LENGTH = 16;

/**
 * A short, deterministic fingerprint of everything that decides a due date: the rules version,
 * the national holiday table and the supplied non-working days. Reclamos store it next to their due
 * date, so a later calendar change never silently moves an old deadline (domain README).
 *
 * Rows are sorted first: the same days loaded from the database in another order give the same
 * version. sha-256 via node:crypto is computation, not I/O.
 */
export function calendarVersionOf(data: CalendarData, holidays: readonly NationalHolidayDefinition[]): string {
  const byText = (a: string[], b: string[]): number => {
    const x = JSON.stringify(a);
    const y = JSON.stringify(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const canonical = {
    rules: CALENDAR_RULES_VERSION,
    holidays: holidays.map((h) => [h.id, h.name, h.legalBasis, String(h.sinceYear), JSON.stringify(h.rule)]),
    decreed: data.decreed.map((d) => [d.date, d.decree, d.description]).sort(byText),
    regional: data.regional.map((r) => [r.date, r.departamento, r.description]).sort(byText),
    entityClosures: data.entityClosures.map((c) => [c.date, c.entityCode, c.description]).sort(byText),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, VERSION_LENGTH);
}
