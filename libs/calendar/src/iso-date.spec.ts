import fc from 'fast-check';

import { CalendarError } from './calendar-error';
import { addDays, assertIsoDate, compareIsoDate, fromDayNumber, isIsoDate, toDayNumber, weekdayOf } from './iso-date';

describe('IsoDate', () => {
  it.each(['2026-03-02', '2024-02-29', '2000-02-29', '1999-12-31'])('accepts the real date %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });

  it.each(['2026-02-30', '2025-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-3-2', '20260302', '', 'hoy'])(
    'rejects %p',
    (value) => {
      expect(isIsoDate(value)).toBe(false);
    },
  );

  it('rejects values that are not strings', () => {
    expect(isIsoDate(new Date())).toBe(false);
    expect(isIsoDate(20260302)).toBe(false);
    expect(isIsoDate(undefined)).toBe(false);
  });

  it('assertIsoDate throws a CalendarError naming the field, in Spanish', () => {
    expect(() => assertIsoDate('2026-02-30', 'vence')).toThrow(CalendarError);
    expect(() => assertIsoDate('2026-02-30', 'vence')).toThrow(/"vence".*AAAA-MM-DD/);
  });

  it('adds days across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-02', 0)).toBe('2026-03-02');
  });

  it('knows the weekday (0 = domingo, 6 = sábado)', () => {
    expect(weekdayOf('2026-03-02')).toBe(1);
    expect(weekdayOf('2026-03-07')).toBe(6);
    expect(weekdayOf('2026-03-08')).toBe(0);
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('1969-12-31')).toBe(3);
  });

  it('compares dates', () => {
    expect(compareIsoDate('2026-03-02', '2026-03-03')).toBeLessThan(0);
    expect(compareIsoDate('2026-03-03', '2026-03-02')).toBeGreaterThan(0);
    expect(compareIsoDate('2026-03-02', '2026-03-02')).toBe(0);
    expect(['2027-01-01', '2026-12-31', '2026-03-02'].sort(compareIsoDate)).toEqual(['2026-03-02', '2026-12-31', '2027-01-01']);
  });

  it('day numbers agree with Date.UTC and round-trip, 1600–2400', () => {
    fc.assert(
      fc.property(fc.integer({ min: -135_140, max: 157_000 }), (dayNumber) => {
        const date = fromDayNumber(dayNumber);
        expect(date).toBe(new Date(dayNumber * 86_400_000).toISOString().slice(0, 10));
        expect(isIsoDate(date)).toBe(true);
        expect(toDayNumber(date)).toBe(dayNumber);
        expect(weekdayOf(date)).toBe(new Date(dayNumber * 86_400_000).getUTCDay());
      }),
    );
  });
});
