const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LIMA_DAY = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Lima',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Lima as YYYY-MM-DD (the platform is open 24/7; late evening in Lima is already tomorrow in UTC). */
export function limaToday(now: Date = new Date()): string {
  // Assembled from parts so the result does not depend on a locale's date pattern.
  const parts = LIMA_DAY.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A real calendar date written YYYY-MM-DD (rejects 2025-02-30). */
export function isIsoCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, does not map years 0–99 to 19xx
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
