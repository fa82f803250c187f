import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule } from '@app/platform/config';
import { ClockModule } from '@app/platform/clock';
import { HealthModule } from '@app/platform/health';
import { LoggingModule } from '@app/platform/logging';
import { RedisModule } from '@app/platform/redis';
import { ThrottlingModule } from '@app/platform/throttling';
import { StaffModule } from '@app/staff';
import { PlazosModule } from '@app/plazos';
import { CalendarioAdminController, CalendarioPublicoController } from './api/calendario.controller';
import { EntidadesController } from './api/entidades.controller';
import { SesionController } from './api/sesion.controller';
import { SessionGuard } from './auth/session';

/** The entities' back-office (staff and coordinators). For now: health, sign-in and the entity listing. */
@Module({
  imports: [AppConfigModule, LoggingModule, ClockModule, RedisModule, PersistenceModule, HealthModule, ThrottlingModule, StaffModule, PlazosModule],
  controllers: [SesionController, EntidadesController, CalendarioPublicoController, CalendarioAdminController],
  providers: [SessionGuard],
})
export class BackofficeModule {}
