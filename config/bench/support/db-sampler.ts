/**
 * What the server's database sessions were doing during a run, sampled from
 * pg_stat_activity every 50 ms: on average how many waited on a lock, and how many sat
 * "idle in transaction" (a transaction open while PostgreSQL waits for the app's next
 * statement). A filing holds its entity's counter row from the correlativo upsert to COMMIT,
 * so these two say whether a run was limited by that lock and by the app's turnaround
 * between statements, rather than by CPU.
 */
import { Client } from './pg';

export interface SessionSample {
  samples: number;
  /** Average sessions waiting on a lock. */
  lockWaiting: number;
  /** Average sessions idle in transaction. */
  idleInTransaction: number;
  /** Average sessions running a statement (lock waits included). */
  active: number;
}

/** Sessions of the given application_name, or (`others`) of every other one but the sampler. */
export interface SessionFilter {
  applicationName: string;
  others?: boolean;
}

export async function withSessionSampling<T>(
  databaseUrl: string,
  filter: SessionFilter,
  work: () => Promise<T>,
): Promise<{ result: T; sessions?: SessionSample }> {
  const db = new Client({ connectionString: databaseUrl, application_name: 'bench-sampler' });
  try {
    await db.connect();
  } catch {
    return { result: await work() };
  }
  const totals = { samples: 0, lockWaiting: 0, idleInTransaction: 0, active: 0 };
  let running = true;
  const sql = `SELECT count(*) FILTER (WHERE wait_event_type = 'Lock')::int AS lock,
      count(*) FILTER (WHERE state = 'idle in transaction')::int AS idle_tx,
      count(*) FILTER (WHERE state = 'active')::int AS active
    FROM pg_stat_activity
    WHERE datname = current_database() AND pid <> pg_backend_pid()
      AND application_name ${filter.others ? '<>' : '='} $1 AND application_name <> 'bench-sampler'`;
  const sampling = (async () => {
    while (running) {
      const { rows } = await db.query<{ lock: number; idle_tx: number; active: number }>(sql, [filter.applicationName]);
      totals.samples += 1;
      totals.lockWaiting += rows[0].lock;
      totals.idleInTransaction += rows[0].idle_tx;
      totals.active += rows[0].active;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })().catch(() => undefined);
  try {
    const result = await work();
    running = false;
    await sampling;
    const n = Math.max(1, totals.samples);
    return {
      result,
      sessions: {
        samples: totals.samples,
        lockWaiting: totals.lockWaiting / n,
        idleInTransaction: totals.idleInTransaction / n,
        active: totals.active / n,
      },
    };
  } finally {
    running = false;
    await sampling;
    await db.end().catch(() => undefined);
  }
}
