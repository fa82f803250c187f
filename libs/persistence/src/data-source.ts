/** The DataSource the TypeORM CLI uses (npm run migration:run|revert|generate). */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnvironment } from '@app/platform/config/environment';
import { buildDataSourceOptions } from './data-source-options';

const env = loadEnvironment();
export default new DataSource(buildDataSourceOptions(env.DATABASE_URL, 2));
