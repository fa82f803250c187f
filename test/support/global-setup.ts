import 'tsconfig-paths/register';
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@app/persistence';
import { seed } from '@app/persistence/seed';
import { TEST_DATABASE_URL } from './test-env';

/**
 * Once per run: the test database exists, has every migration applied (the same ones
 * production runs) and holds the demo seed the fixtures refer to.
 */
export default async function globalSetup(): Promise<void> {
  execFileSync(process.execPath, ['config/scripts/ensure-database.js', TEST_DATABASE_URL], { stdio: 'inherit' });
  const dataSource = new DataSource(buildDataSourceOptions(TEST_DATABASE_URL, 2));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await seed(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
