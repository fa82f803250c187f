/*
 * Spanish (Peru) wording for the receipt. Peru has no daylight saving time, so
 * "hora de Lima" is always UTC-5, but the zone is still named, never hard-coded.
 */

const LIMA = 'America/Lima';
const LOCALE = 'es-PE';

const limaDate = new Intl.DateTimeFormat(LOCALE, {
  timeZone: LIMA,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const limaTime = new Intl.DateTimeFormat(LOCALE, {
  timeZone: LIMA,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
const limaIsoDate = new Intl.DateTimeFormat('en-CA', { timeZone: LIMA, year: 'numeric', month: '2-digit', day: '2-digit' });
// A calendar date (no instant) is formatted at UTC midnight in UTC, so no zone can shift its day.
const calendarDate = new Intl.DateTimeFormat(LOCALE, {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const decimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'martes, 12 de mayo de 2026' for the Lima day of `instant`. */
export function formatLimaDate(instant: Date): string {
  return limaDate.format(instant);
}

/** '23:30:15' in Lima, 24-hour clock. */
export function formatLimaTime(instant: Date): string {
  return limaTime.format(instant);
}

/** 'YYYY-MM-DD' of the Lima day of `instant`. */
export function limaIsoDateOf(instant: Date): string {
  return limaIsoDate.format(instant);
}

/** '2026-06-19' → 'viernes, 19 de junio de 2026'. Throws on anything but a real YYYY-MM-DD date. */
export function formatCalendarDate(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new Error(`Fecha inválida (se espera AAAA-MM-DD): "${isoDate}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new Error(`Fecha inexistente: "${isoDate}"`);
  }
  return calendarDate.format(date);
}

/** 512 → '512 B', 1536 → '1.5 KB', 3_250_000 → '3.1 MB' (binary multiples, es-PE digits). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${decimal.format(bytes / 1024)} KB`;
  return `${decimal.format(bytes / (1024 * 1024))} MB`;
}

/** '1 día hábil' / '30 días hábiles'. */
export function formatDiasHabiles(n: number): string {
  return n === 1 ? '1 día hábil' : `${n} días hábiles`;
}
