import { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from './migrations';
import { pgVigilado } from './pg-vigilado';

/**
 * One definition of the database connection for the apps, the TypeORM CLI, the seed and the tests.
 * No entities: every query is hand-written SQL and the schema is what the hand-written migrations
 * make, so there is no second description of the tables to drift from them.
 */
export function buildDataSourceOptions(databaseUrl: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    // pg with a permanent 'error' listener on every client: a PostgreSQL restart must not kill the process.
    driver: pgVigilado,
    url: databaseUrl,
    entities: [],
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'migraciones',
    // The schema changes only through migrations, run on purpose (npm run migration:run), never on boot.
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize, application_name: 'libro-reclamaciones' },
  };
}
