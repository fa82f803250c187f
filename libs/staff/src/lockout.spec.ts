import { afterFailure, isLocked, LOCKOUT_POLICY, LockoutState, NO_FAILURES } from './lockout';

const T0 = new Date('2026-03-02T14:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function fail(times: number, state: LockoutState = NO_FAILURES, minute = 0): LockoutState {
  let s = state;
  for (let i = 0; i < times; i++) s = afterFailure(s, at(minute + i));
  return s;
}

describe('lock-out after failed sign-ins', () => {
  it('does not lock before the fifth failure', () => {
    const s = fail(4);
    expect(s.failedAttempts).toBe(4);
    expect(isLocked(s, at(4))).toBe(false);
  });

  it('locks for 15 minutes at the fifth failure within 15 minutes', () => {
    const s = fail(5);
    expect(isLocked(s, at(4))).toBe(true);
    expect(s.lockedUntil).toEqual(at(4 + 15));
    expect(isLocked(s, at(18.9))).toBe(true);
    expect(isLocked(s, at(19))).toBe(false);
  });

  it('starts a new window when the first failure is older than 15 minutes', () => {
    const s = afterFailure(fail(4), at(16));
    expect(s).toEqual({ failedAttempts: 1, firstFailedAt: at(16), lockedUntil: null });
  });

  it('does not count failures while locked, so the lock does not grow', () => {
    const locked = fail(5);
    expect(afterFailure(locked, at(10))).toBe(locked);
  });

  it('starts over after a lock runs out', () => {
    const s = afterFailure(fail(5), at(30));
    expect(s).toEqual({ failedAttempts: 1, firstFailedAt: at(30), lockedUntil: null });
  });

  it('follows the configured policy', () => {
    expect(LOCKOUT_POLICY).toEqual({ maxFailures: 5, windowMs: 900_000, lockMs: 900_000 });
    const strict = { maxFailures: 2, windowMs: 60_000, lockMs: 5_000 };
    const s = afterFailure(afterFailure(NO_FAILURES, T0, strict), at(0.5), strict);
    expect(s.lockedUntil).toEqual(new Date(at(0.5).getTime() + 5_000));
  });
});
