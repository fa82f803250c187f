/**
 * The DataSource the TypeORM CLI uses (npm run migration:run). Migrations are written by hand in
 * ./migrations; there are no entities to generate them from.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnvironment } from '@app/platform/config';
import { buildDataSourceOptions } from './data-source-options';

const env = loadEnvironment();
export default new DataSource(buildDataSourceOptions(env.DATABASE_URL, 2));
