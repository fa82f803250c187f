import { CalendarError } from './calendar-error';
import { formatIsoDate, IsoDate } from './iso-date';

/**
 * Easter Sunday of a Gregorian year, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
 * Jueves Santo and Viernes Santo, national holidays under D.Leg. 713 art. 6, move with it.
 */
export function easterSunday(year: number): IsoDate {
  if (!Number.isInteger(year) || year < 1583) {
    // The algorithm is only valid for the Gregorian calendar (from 1583).
    throw new CalendarError('INVALID_DATE', `El año debe ser un entero desde 1583; se recibió ${year}.`);
  }
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatIsoDate(year, month, day);
}
