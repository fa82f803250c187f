import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { setTimeout as esperar } from 'node:timers/promises';
import { Environment } from '../config/environment';

/**
 * Whether this instance should still get new traffic. Nest calls `beforeApplicationShutdown` on SIGTERM
 * (and on `app.close()`) before it closes the HTTP server: from then on /health/ready answers 503 so a
 * load balancer stops routing here; after SHUTDOWN_DRAIN_MS the server stops accepting connections and
 * Fastify lets the requests in flight finish (a filing in flight commits or is refused whole, its
 * transaction never cut), then the database and Redis connections close (onApplicationShutdown).
 */
@Injectable()
export class EstadoDeCierre implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EstadoDeCierre.name);
  private cerrando = false;
  private readonly drenajeMs: number;

  constructor(config: ConfigService<Environment, true>) {
    this.drenajeMs = config.get('SHUTDOWN_DRAIN_MS', { infer: true });
  }

  /** False once shutdown began. */
  get aceptaTrafico(): boolean {
    return !this.cerrando;
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.cerrando = true;
    this.logger.log({ signal: signal ?? null, drenajeMs: this.drenajeMs }, 'Cierre: fuera de rotación');
    if (this.drenajeMs > 0) await esperar(this.drenajeMs);
  }
}
