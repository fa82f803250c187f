import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Environment } from '@app/platform/config';
import { buildDataSourceOptions } from './data-source-options';

/** The PostgreSQL connection of an app or the worker: its DataSource (@InjectDataSource) runs the hand-written SQL. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        buildDataSourceOptions(config.get('DATABASE_URL', { infer: true }), config.get('DB_POOL_SIZE', { infer: true })),
    }),
  ],
  exports: [TypeOrmModule],
})
export class PersistenceModule {}
