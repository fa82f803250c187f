import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Cluster } from 'ioredis';
import { configuracionRedis, Environment } from '../config/environment';
import { conectarRedis, nodosDelCluster, prefijoDeColas } from '../redis/conexion';

/**
 * The BullMQ connection (ioredis) for producers and workers: REDIS_URL's server, or the Redis Cluster
 * of REDIS_CLUSTER_NODES with the hash-tagged prefix `{reclamos}`. BullMQ needs
 * maxRetriesPerRequest: null so its blocking commands survive a Redis restart.
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => {
        const redis = configuracionRedis(config);
        const prefix = prefijoDeColas(redis);
        // A cluster: one ioredis Cluster, which BullMQ duplicates for each worker's blocking connection.
        if (nodosDelCluster(redis)) return { connection: conectarRedis(redis, { maxRetriesPerRequest: null }) as Cluster, prefix };
        const url = new URL(redis.REDIS_URL);
        return {
          connection: {
            host: url.hostname,
            port: Number(url.port || 6379),
            db: Number(url.pathname.slice(1) || 0),
            password: url.password || undefined,
            username: url.username || undefined,
            tls: url.protocol === 'rediss:' ? {} : undefined,
            maxRetriesPerRequest: null,
          },
          prefix,
        };
      },
    }),
  ],
  exports: [BullModule],
})
export class QueueRootModule {}
