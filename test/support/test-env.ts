import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test defaults: a database and a Redis logical db of their own, so `npm test` never
 * touches the demo data. Anything already set (CI, a developer) wins.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/reclamos_test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/1';

export function applyTestEnvironment(): void {
  process.env.NODE_ENV = 'test';
  process.env.DATABASE_URL = TEST_DATABASE_URL;
  process.env.REDIS_URL = TEST_REDIS_URL;
  process.env.LOG_LEVEL ??= 'warn';
  process.env.THROTTLE_ENABLED ??= 'false';
  process.env.DB_POOL_SIZE ??= '20';
  process.env.STORAGE_DIR ??= join(tmpdir(), 'reclamos-test-storage');
}

applyTestEnvironment();
