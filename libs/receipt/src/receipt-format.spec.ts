import {
  formatBytes,
  formatCalendarDate,
  formatDiasHabiles,
  formatLimaDate,
  formatLimaTime,
  limaIsoDateOf,
} from './receipt-format';

describe('receipt formatting', () => {
  it('formats an instant in Lima (UTC-5), even across UTC midnight', () => {
    const instant = new Date('2026-05-13T04:30:15Z');
    expect(formatLimaDate(instant)).toBe('martes, 12 de mayo de 2026');
    expect(formatLimaTime(instant)).toBe('23:30:15');
    expect(limaIsoDateOf(instant)).toBe('2026-05-12');
  });

  it('uses a 24-hour clock with leading zeros', () => {
    expect(formatLimaTime(new Date('2026-01-02T13:05:09Z'))).toBe('08:05:09');
  });

  it('spells a calendar date without shifting its day', () => {
    expect(formatCalendarDate('2026-06-24')).toBe('miércoles, 24 de junio de 2026');
    expect(formatCalendarDate('2026-01-01')).toBe('jueves, 1 de enero de 2026');
  });

  it.each(['2026-02-30', '2026-6-24', '24/06/2026', ''])('rejects %p as a date', (value) => {
    expect(() => formatCalendarDate(value)).toThrow(/Fecha/);
  });

  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1536, '1.5 KB'],
    [1_245_184, '1.2 MB'],
    [20 * 1024 * 1024, '20 MB'],
  ])('formats %p bytes as %p', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });

  it('agrees "día hábil" in number', () => {
    expect(formatDiasHabiles(1)).toBe('1 día hábil');
    expect(formatDiasHabiles(30)).toBe('30 días hábiles');
  });
});
