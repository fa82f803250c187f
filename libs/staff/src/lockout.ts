/**
 * Lock-out after repeated failed sign-ins, as plain rules on a counter: N failures
 * within a window lock the e-mail for a while; a success (or the lock running out) starts over.
 */
export interface LockoutPolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const LOCKOUT_POLICY: LockoutPolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export interface LockoutState {
  failedAttempts: number;
  firstFailedAt: Date | null;
  lockedUntil: Date | null;
}

export const NO_FAILURES: LockoutState = { failedAttempts: 0, firstFailedAt: null, lockedUntil: null };

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** The state after one more failure. Failures while locked are not counted, so a lock never grows by itself. */
export function afterFailure(state: LockoutState, now: Date, policy: LockoutPolicy = LOCKOUT_POLICY): LockoutState {
  if (isLocked(state, now)) return state;
  const windowOpen =
    state.lockedUntil === null &&
    state.firstFailedAt !== null &&
    now.getTime() - state.firstFailedAt.getTime() < policy.windowMs;
  const failedAttempts = windowOpen ? state.failedAttempts + 1 : 1;
  const firstFailedAt = windowOpen ? state.firstFailedAt : now;
  if (failedAttempts >= policy.maxFailures) {
    return { failedAttempts, firstFailedAt, lockedUntil: new Date(now.getTime() + policy.lockMs) };
  }
  return { failedAttempts, firstFailedAt, lockedUntil: null };
}
