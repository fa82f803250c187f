import { CalendarError } from './calendar-error';
import { limaDateOf } from './lima-date';

describe('limaDateOf', () => {
  it('puts a reclamo filed at 23:30 in Lima on the Lima day, not the UTC one', () => {
    // 2026-03-02 23:30 in Lima (UTC-5) is 2026-03-03 04:30 UTC.
    expect(limaDateOf(new Date('2026-03-03T04:30:00Z'))).toBe('2026-03-02');
  });

  it('changes day at Lima midnight (05:00 UTC)', () => {
    expect(limaDateOf(new Date('2026-03-03T04:59:59.999Z'))).toBe('2026-03-02');
    expect(limaDateOf(new Date('2026-03-03T05:00:00Z'))).toBe('2026-03-03');
  });

  it('is UTC-5 all year (Peru has no daylight saving time)', () => {
    expect(limaDateOf(new Date('2026-07-01T04:59:00Z'))).toBe('2026-06-30');
    expect(limaDateOf(new Date('2026-12-01T04:59:00Z'))).toBe('2026-11-30');
  });

  it('handles New Year’s Eve', () => {
    expect(limaDateOf(new Date('2027-01-01T03:00:00Z'))).toBe('2026-12-31');
  });

  it('rejects an invalid Date', () => {
    expect(() => limaDateOf(new Date('no es fecha'))).toThrow(CalendarError);
  });
});
