import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { SkipThrottle } from '@nestjs/throttler';
import { EstadoDeCierre } from './estado-de-cierre';
import { RedisHealthIndicator } from './redis.health';

/**
 * Liveness and readiness, apart (an orchestrator restarts on the first, routes on the second):
 * - GET /health/live: 200 while the process serves HTTP at all; checks nothing else, so a database
 *   outage never gets every instance restarted at once.
 * - GET /health/ready: 200 when PostgreSQL and Redis answer and the instance is not shutting down;
 *   503 naming what fails (or `cierre` during shutdown).
 * - GET /health: the same as /health/ready (the contract the README and the demo use).
 * The 503 body is Terminus's (`{ status: 'error', error: { database: { status: 'down', message } } }`),
 * not the generic error body: it names components, never a person's data, and operators need it.
 */
@ApiTags('salud')
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly cierre: EstadoDeCierre,
    private readonly indicadores: HealthIndicatorService,
  ) {}

  @Get()
  check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult | string | object> {
    return this.ready(reply);
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult | string | object> {
    try {
      return await this.health.check([
        () => {
          const indicador = this.indicadores.check('cierre');
          return this.cierre.aceptaTrafico ? indicador.up() : indicador.down({ message: 'La instancia se está cerrando.' });
        },
        () => this.database.pingCheck('database', { timeout: 1500 }),
        () => this.redis.isHealthy('redis'),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      reply.status(503);
      return error.getResponse();
    }
  }

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
