import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { EstadoDeCierre } from './estado-de-cierre';
import { HealthController } from './health.controller';
import { RedisHealthIndicator } from './redis.health';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [RedisHealthIndicator, EstadoDeCierre],
  exports: [EstadoDeCierre],
})
export class HealthModule {}
