/**
 * Settings shared by every part of `npm run bench`. All have defaults so the command
 * needs no arguments; set the BENCH_* variables to change them.
 */
import { join } from 'node:path';

function intFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} debe ser un número positivo (se recibió "${raw}")`);
  return value;
}

export const REPO_ROOT = join(__dirname, '..', '..', '..');
/** Results (JSON), server logs and CPU profiles; .local/ is git-ignored. */
export const OUTPUT_DIR = join(REPO_ROOT, '.local', 'bench');

export const BENCH = {
  /** A database of its own: the bench truncates its filing tables, so never the demo or test one. */
  databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/reclamos_bench',
  /** Redis logical db 4 (0 demo, 1 tests). */
  redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/4',
  /** Same PostgreSQL pool size for our app (DB_POOL_SIZE) and for the raw baseline. */
  poolSize: intFrom('BENCH_POOL_SIZE', 10),
  /** Concurrent keep-alive connections of the saturating runs. */
  connections: intFrom('BENCH_CONNECTIONS', 20),
  /** Seconds measured per run, after `warmupSeconds` that are thrown away. */
  durationSeconds: intFrom('BENCH_DURATION', 10),
  warmupSeconds: intFrom('BENCH_WARMUP', 2),
  /** Rounds of "ours, raw" saturating runs; medians are reported. */
  rounds: intFrom('BENCH_ROUNDS', 2),
  /** Rounds and seconds of the fixed-rate runs: a p99 moves with one disk stall, so three. */
  fixedRounds: intFrom('BENCH_FIXED_ROUNDS', 3),
  fixedSeconds: intFrom('BENCH_FIXED_DURATION', 8),
  /** BENCH_PROFILE=1: start our app with --cpu-prof and print where its CPU time went. */
  profile: ['1', 'true', 'yes'].includes((process.env.BENCH_PROFILE ?? '').toLowerCase()),
};

/**
 * Environment of our app under test: NODE_ENV=development (with a SESSION_SECRET of its
 * own, as production would need) because under NODE_ENV=production @fastify/view reads the
 * `partials` option as file paths and the citizen app does not boot (ENAMETOOLONG). For a
 * JSON API request the two modes run the same code (production only caches templates).
 * Logs at warn, so a request writes no log line; throttling off, because every request
 * comes from one address.
 */
export function appEnvironment(port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'development',
    SESSION_SECRET: 'bench-solo-para-mediciones-locales-0123456789abcdef',
    DATABASE_URL: BENCH.databaseUrl,
    REDIS_URL: BENCH.redisUrl,
    DB_POOL_SIZE: String(BENCH.poolSize),
    HOST: '127.0.0.1',
    CITIZEN_PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
    THROTTLE_ENABLED: 'false',
    STORAGE_DIR: join(OUTPUT_DIR, 'storage'),
  };
}
