import { ExecutionContext, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ClienteRedis } from '../redis/conexion';
import { Environment } from '../config/environment';
import { REDIS_CLIENT } from '../redis/redis.module';
import { FailOpenThrottlerStorage } from './fail-open-throttler.storage';
import { RateLimitBucket, rateLimitBucketOf } from './rate-limit.decorator';
import { RateLimitGuard } from './rate-limit.guard';

const MINUTE = 60_000;

/**
 * Per-IP limits for the routes marked @RateLimited(bucket), one counter per bucket and address
 * across every route of the bucket (RateLimitGuard); other routes are not limited.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, REDIS_CLIENT],
      useFactory: (config: ConfigService<Environment, true>, redis: ClienteRedis) => {
        const enabled = config.get('THROTTLE_ENABLED', { infer: true });
        // A throttler's own skipIf replaces the module-wide one, so each carries the switch too.
        const onlyFor = (bucket: RateLimitBucket) => (context: ExecutionContext) =>
          !enabled || rateLimitBucketOf(context) !== bucket;
        return {
        errorMessage: 'Ha realizado demasiadas solicitudes seguidas. Espere un minuto e intente de nuevo.',
        storage: new FailOpenThrottlerStorage(redis),
        throttlers: [
          {
            name: 'filing',
            ttl: MINUTE,
            limit: config.get('THROTTLE_FILINGS_PER_MINUTE', { infer: true }),
            skipIf: onlyFor('filing'),
          },
          {
            name: 'tracking',
            ttl: MINUTE,
            limit: config.get('THROTTLE_TRACKING_PER_MINUTE', { infer: true }),
            skipIf: onlyFor('tracking'),
          },
          {
            name: 'sign-in',
            ttl: 15 * MINUTE,
            limit: 20,
            skipIf: onlyFor('sign-in'),
          },
        ],
        };
      },
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class ThrottlingModule {}
