import { CalendarError } from './calendar-error';

/**
 * A calendar date with no time and no zone, as `YYYY-MM-DD`.
 *
 * Deadlines are counted in whole days of the Lima calendar, so the library works on dates, never
 * on instants: a string compares correctly with `<`, serialises as itself to JSON and PostgreSQL
 * `date`, and cannot drift by an hour the way a `Date` at midnight can.
 */
export type IsoDate = string;

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6; // 0 = domingo … 6 = sábado, as Date#getUTCDay

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True only for a real calendar date in `YYYY-MM-DD` form (rejects 2026-02-30, 2026-2-3, ''). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE_PATTERN.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Returns the value typed as IsoDate, or throws CalendarError naming the field. */
export function assertIsoDate(value: unknown, field = 'fecha'): IsoDate {
  if (!isIsoDate(value)) {
    throw new CalendarError(
      'INVALID_DATE',
      `El campo "${field}" debe ser una fecha válida con formato AAAA-MM-DD; se recibió ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01. The calendar steps through dates as integers, with pure arithmetic
 * (H. Hinnant's days_from_civil / civil_from_days), because it runs for every open reclamo and a
 * Date object per day step was the main cost.
 */
export function toDayNumber(date: IsoDate): number {
  const valid = assertIsoDate(date);
  return dayNumberOf(Number(valid.slice(0, 4)), Number(valid.slice(5, 7)), Number(valid.slice(8, 10)));
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const { year, month, day } = civilFromDayNumber(dayNumber);
  return formatIsoDate(year, month, day);
}

export function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function civilFromDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Weekday of a day number: 1970-01-01 (day 0) was a Thursday. */
export function weekdayOfDayNumber(dayNumber: number): Weekday {
  return ((((dayNumber + 4) % 7) + 7) % 7) as Weekday;
}

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) {
    throw new CalendarError('INVALID_DATE', `La cantidad de días a sumar debe ser un entero; se recibió ${days}.`);
  }
  return fromDayNumber(toDayNumber(date) + days);
}

export function weekdayOf(date: IsoDate): Weekday {
  return weekdayOfDayNumber(toDayNumber(date));
}

/** Negative, zero or positive, for Array#sort and comparisons. */
export function compareIsoDate(a: IsoDate, b: IsoDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

export function yearOf(date: IsoDate): number {
  return Number(assertIsoDate(date).slice(0, 4));
}
