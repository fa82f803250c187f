import { AccesoDatosController } from './admin/acceso-datos.controller';
import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { NotificationsModule } from '@app/notifications';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule } from '@app/platform/config';
import { ClockModule } from '@app/platform/clock';
import { HealthModule } from '@app/platform/health';
import { LoggingModule } from '@app/platform/logging';
import { QueueRootModule } from '@app/platform/queue';
import { RedisModule } from '@app/platform/redis';
import { ThrottlingModule } from '@app/platform/throttling';
import { StaffModule } from '@app/staff';
import { PlazosModule } from '@app/plazos';
import { CalendarioAdminController, CalendarioPublicoController } from './api/calendario.controller';
import { EntidadesController } from './api/entidades.controller';
import { SesionController } from './api/sesion.controller';
import { MensajesController } from './api/mensajes.controller';
import { SessionGuard } from './auth/session';
import { NoStoreApiInterceptor } from './api/no-store.interceptor';
import { PersonalController } from './api/personal.controller';
import { AccesoPagesController } from './pages/acceso.controller';
import { InicioPagesController } from './pages/inicio-pages.controller';
import { PersonalPagesController } from './pages/personal-pages.controller';
import { AtencionModule } from '@app/atencion';
import { AdminModule } from './admin/admin.module';
import { BandejaController, ReclamosController } from './api/reclamos/reclamos.controller';
import { BandejaPagesController } from './pages/bandeja-pages.controller';
import { ReclamoPagesController } from './pages/reclamo-pages.controller';
import { HojaFisicaPagesController } from './pages/hoja-fisica-pages.controller';
import { ConfiguracionController } from './api/configuracion.controller';
import { CalendarioPagesController } from './pages/calendario-pages.controller';
import { ConfiguracionPagesController } from './pages/configuracion-pages.controller';
import { MejoraModule } from '@app/mejora';
import { AccionesMejoraController } from './api/acciones-mejora.controller';
import { MejoraPagesController } from './pages/mejora-pages.controller';
import { ExportacionesModule, MedicionModule } from '@app/medicion';
import { CifrasController } from './cifras/cifras.controller';
import { CifrasPagesController } from './cifras/cifras-pages.controller';
import { ExportacionesController } from './cifras/exportaciones.controller';
import { ExportacionesPagesController } from './cifras/exportaciones-pages.controller';
import { TramosModule } from '@app/tramos';
import { RegistroEntidadesController, TramosRegistroController } from './registro/registro-api.controller';
import { EntidadesPagesController } from './registro/entidades-pages.controller';
import { TramosPagesController } from './registro/tramos-pages.controller';
import { ImportacionesPendientes } from './registro/importaciones-pendientes';
import { AdopcionModule } from '@app/adopcion';
import { ConsolaController } from './consola/consola.controller';
import { ConsolaPagesController } from './consola/consola-pages.controller';

/** The entities' back-office (staff and coordinators). For now: health, sign-in and the entity listing. */
@Module({
  imports: [AppConfigModule, LoggingModule, ClockModule, RedisModule, PersistenceModule, HealthModule, ThrottlingModule, StaffModule, PlazosModule,
    AtencionModule, MedicionModule, ExportacionesModule, MejoraModule, TramosModule, AdopcionModule,
    QueueRootModule, NotificationsModule,
    AdminModule],
  controllers: [SesionController, EntidadesController, CalendarioPublicoController, CalendarioAdminController,
    BandejaController, ReclamosController,
    BandejaPagesController, HojaFisicaPagesController, ReclamoPagesController,
    ConfiguracionController, AccesoDatosController,
    CalendarioPagesController, ConfiguracionPagesController,
    PersonalController, PersonalPagesController, AccesoPagesController, InicioPagesController, MensajesController,
    AccionesMejoraController, MejoraPagesController,
    CifrasController, CifrasPagesController, ExportacionesController, ExportacionesPagesController,
    RegistroEntidadesController, TramosRegistroController, EntidadesPagesController, TramosPagesController,
    ConsolaController, ConsolaPagesController],
  providers: [SessionGuard, ImportacionesPendientes, { provide: APP_INTERCEPTOR, useClass: NoStoreApiInterceptor }],
})
export class BackofficeModule {}
