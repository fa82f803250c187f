import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { configuracionRedis, Environment } from '../config/environment';
import { ClienteRedis, conectarRedis } from './conexion';

export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** One shared ioredis client (one server or a cluster) for rate limiting and health; BullMQ keeps connections of its own. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        conectarRedis(configuracionRedis(config), {
          // Fail commands fast while Redis is away instead of queueing them forever:
          // filing a reclamo must not hang on a rate-limit counter.
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          lazyConnect: false,
        }),
    },
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: ClienteRedis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
