import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Environment } from '@app/platform/config';
import { buildDataSourceOptions } from './data-source-options';
import { ALL_ENTITIES } from './entities';

/** The PostgreSQL connection of an app or the worker, with every repository available for injection. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        buildDataSourceOptions(config.get('DATABASE_URL', { infer: true }), config.get('DB_POOL_SIZE', { infer: true })),
    }),
    TypeOrmModule.forFeature(ALL_ENTITIES),
  ],
  exports: [TypeOrmModule],
})
export class PersistenceModule {}
