import { Module } from '@nestjs/common';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule } from '@app/platform/config';
import { ClockModule } from '@app/platform/clock';
import { HealthModule } from '@app/platform/health';
import { LoggingModule } from '@app/platform/logging';
import { RedisModule } from '@app/platform/redis';
import { ThrottlingModule } from '@app/platform/throttling';
import { MedicionModule } from '@app/medicion';
import { ReclamosModule } from '@app/reclamos';
import { PlazosModule } from '@app/plazos';
import { CalendarioApiController } from './api/calendario.controller';
import { DatosAbiertosController } from './estadisticas/datos-abiertos.controller';
import { EstadisticasApiController, EstadisticasPagesController } from './estadisticas/estadisticas.controller';
import { EntidadesApiController } from './api/entidades.controller';
import { UbigeosApiController } from './api/ubigeos.controller';
import { ReclamosApiController } from './api/reclamos.controller';
import { ConstanciaController } from './pages/constancia.controller';
import { HomeController } from './pages/home.controller';
import { DistritoController } from './pages/distrito.controller';
import { LibroController } from './pages/libro.controller';
import { EncuestaController } from './pages/encuesta.controller';
import { SeguimientoController } from './pages/seguimiento.controller';
import { SubsanacionController } from './pages/subsanacion.controller';

/** The public intake: citizens find an entity, file a reclamo, keep the receipt and follow it; and the public figures. */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    ClockModule,
    RedisModule,
    PersistenceModule,
    HealthModule,
    ThrottlingModule,
    ReclamosModule,
    PlazosModule,
    // Public figures and open data: reads of the rollups and of the published file only.
    MedicionModule,
  ],
  controllers: [
    EstadisticasApiController,
    EstadisticasPagesController,
    DatosAbiertosController,
    EntidadesApiController,
    UbigeosApiController,
    CalendarioApiController,
    ReclamosApiController,
    HomeController,
    LibroController,
    DistritoController,
    ConstanciaController,
    SeguimientoController,
    EncuestaController,
    SubsanacionController,
  ],
})
export class CitizenModule {}
