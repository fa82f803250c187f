/**
 * More work the recurring deadline sweep runs after its reminders, provided by libs that own it
 * (e.g. @app/atencion archives or flags reclamos whose subsanación window passed). Plazos defines
 * the slot and never imports those libs: they depend on plazos, not the other way round.
 */
export interface DeadlineSweepStep {
  /** Names the step's result in the job's return value. */
  readonly nombre: string;
  /** Must be idempotent: the sweep re-runs every 15 minutes and retries on failure. */
  execute(): Promise<unknown>;
}

export const DEADLINE_SWEEP_STEPS = Symbol('DEADLINE_SWEEP_STEPS');
