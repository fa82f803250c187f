import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Environment } from '@app/platform/config';
import { buildDataSourceOptions } from './data-source-options';
import { LecturasReplica } from './lecturas-replica';

/**
 * The PostgreSQL connection of an app or the worker: its DataSource (@InjectDataSource) runs the hand-written SQL,
 * LecturasReplica the aggregate reads that may go to DATABASE_REPLICA_URL. Global, as TypeORM's DataSource is:
 * every lib's module reads through them without importing this one.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        buildDataSourceOptions(
          config.get('DATABASE_URL', { infer: true }),
          config.get('DB_POOL_SIZE', { infer: true }),
          config.get('DATABASE_REPLICA_URL', { infer: true }),
        ),
    }),
  ],
  providers: [LecturasReplica],
  exports: [TypeOrmModule, LecturasReplica],
})
export class PersistenceModule {}
