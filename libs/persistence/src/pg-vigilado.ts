import { Logger } from '@nestjs/common';
import pg from 'pg';

const logger = new Logger('PostgreSQL');

/**
 * The `pg` module TypeORM is given (its `driver` option), with a Pool whose every client keeps an 'error'
 * listener for its whole life.
 *
 * Why: TypeORM's query runner listens for a checked-out client's 'error' only until the first one, then
 * removes its listener and releases the client. When PostgreSQL restarts (or a backend is terminated) a
 * client in use emits twice — «terminating connection due to administrator command», then «Connection
 * terminated unexpectedly» — and an 'error' event with no listener kills the process (found by
 * `npm run drills -- faults`: an app exited on `pg_ctl restart`). The listener only logs: the failed query
 * has already been rejected to its caller, and the pool discards the broken client.
 */
class PoolVigilado extends pg.Pool {
  constructor(config?: pg.PoolConfig) {
    super(config);
    this.on('connect', (client) => {
      client.on('error', (error: Error) => logger.warn(`Conexión a PostgreSQL perdida: ${error.message}`));
    });
  }
}

/** The `pg` module as is, with the Pool above: TypeORM reads `Pool`, `defaults` and `types` from it. */
export const pgVigilado: typeof pg = Object.create(pg, { Pool: { value: PoolVigilado, enumerable: true } }) as typeof pg;
