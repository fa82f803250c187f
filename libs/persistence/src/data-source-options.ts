import { DataSourceOptions } from 'typeorm';
import { ALL_MIGRATIONS } from './migrations';
import { pgVigilado } from './pg-vigilado';

/**
 * One definition of the database connection for the apps, the TypeORM CLI, the seed and the tests.
 * No entities: every query is hand-written SQL and the schema is what the hand-written migrations
 * make, so there is no second description of the tables to drift from them.
 */
export function buildDataSourceOptions(databaseUrl: string, poolSize = 10, replicaUrl?: string): DataSourceOptions {
  return {
    type: 'postgres',
    // pg with a permanent 'error' listener on every client: a PostgreSQL restart must not kill the process.
    driver: pgVigilado,
    ...(replicaUrl
      ? {
          // A pool on each server (DB_POOL_SIZE connections each). Only a query runner asked for in 'slave'
          // mode (LecturasReplica) reads from the replica. `defaultMode: 'master'` matters: TypeORM's own
          // default sends every SELECT built by its query builder or repositories to the replica, where a
          // row the same request just wrote may not have arrived yet.
          replication: { master: { url: databaseUrl }, slaves: [{ url: replicaUrl }], defaultMode: 'master' as const },
        }
      : { url: databaseUrl }),
    entities: [],
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'migraciones',
    // The schema changes only through migrations, run on purpose (npm run migration:run), never on boot.
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize, application_name: 'libro-reclamaciones' },
  };
}
