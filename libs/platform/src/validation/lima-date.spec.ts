import { isIsoCalendarDate, limaToday } from './lima-date';

describe('limaToday', () => {
  it('is UTC-5 all year (Peru has no daylight saving time)', () => {
    expect(limaToday(new Date('2025-06-15T04:59:59Z'))).toBe('2025-06-14');
    expect(limaToday(new Date('2025-06-15T05:00:00Z'))).toBe('2025-06-15');
    expect(limaToday(new Date('2025-01-01T04:59:59Z'))).toBe('2024-12-31');
  });
});

describe('isIsoCalendarDate', () => {
  it.each(['2024-02-29', '2025-12-31', '0001-01-01', '0099-06-30'])('accepts %s', (value) => {
    expect(isIsoCalendarDate(value)).toBe(true);
  });

  it.each(['2025-02-29', '2025-04-31', '2025-00-10', '2025-01-00', '2025-1-1', '25-01-01', ' 2025-01-01', '2025/01/01'])(
    'rejects %s',
    (value) => {
      expect(isIsoCalendarDate(value)).toBe(false);
    },
  );
});
