import { BusinessCalendar } from './business-calendar';
import { dueDateAfterPause } from './pause';

describe('dueDateAfterPause', () => {
  const calendar = new BusinessCalendar();

  it('moves the due date by the business days after the request, up to and including the reply', () => {
    // Monday 2026-03-02 → Wednesday 2026-03-04: Tuesday and Wednesday paused.
    expect(dueDateAfterPause({ vence: '2026-04-15', pausedAt: '2026-03-02', resumedAt: '2026-03-04', calendar })).toMatchObject({
      diasPausados: 2,
      vence: '2026-04-17',
    });
  });

  it('counts no pause for a reply the same day', () => {
    expect(dueDateAfterPause({ vence: '2026-04-15', pausedAt: '2026-03-02', resumedAt: '2026-03-02', calendar })).toMatchObject({
      diasPausados: 0,
      vence: '2026-04-15',
    });
  });

  it('skips weekends and holidays, both in the pause and in the new due date', () => {
    // Friday 2026-03-27 → Tuesday 2026-03-31: only Monday and Tuesday are business days.
    // Due Wednesday 2026-04-01 + 2 business days: Thursday 2 and Friday 3 April are Jueves and Viernes Santo → Tuesday 7.
    expect(dueDateAfterPause({ vence: '2026-04-01', pausedAt: '2026-03-27', resumedAt: '2026-03-31', calendar })).toMatchObject({
      diasPausados: 2,
      vence: '2026-04-07',
    });
  });

  it('takes instants as their Lima dates', () => {
    // 2026-03-03T03:00Z is still Monday 2 March in Lima; 2026-03-04T04:59Z is still Tuesday 3 March.
    expect(
      dueDateAfterPause({ vence: '2026-04-15', pausedAt: new Date('2026-03-03T03:00:00Z'), resumedAt: new Date('2026-03-04T04:59:00Z'), calendar }),
    ).toMatchObject({ diasPausados: 1, vence: '2026-04-16' });
  });
});
