import { DataSourceOptions } from 'typeorm';
import { ALL_ENTITIES } from './entities';
import { ALL_MIGRATIONS } from './migrations';

/** One definition of the database connection for the apps, the TypeORM CLI, the seed and the tests. */
export function buildDataSourceOptions(databaseUrl: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'migraciones',
    // The schema changes only through migrations, run on purpose (npm run migration:run), never on boot.
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize, application_name: 'libro-reclamaciones' },
  };
}
