import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { configuracionDelAlmacen, Environment } from '@app/platform/config';
import { ExpedienteModule } from '@app/expediente';
import { CalendarDataModule } from '@app/plazos';
import { AttachmentStorage, crearAlmacen } from '@app/storage';
import { AdjuntosEnEspera } from './borrador/adjuntos-en-espera';
import { CalendarProvider } from './calendar/calendar.provider';
import { GetEncuestaUseCase, ResponderEncuestaUseCase } from './encuesta/encuesta.usecases';
import { GetEntidadPublicaUseCase } from './entidades/get-entidad-publica.usecase';
import { SearchEntidadesUseCase } from './entidades/search-entidades.usecase';
import { GetConstanciaUseCase } from './receipt/get-constancia.usecase';
import { ReceiptTokens } from './receipt/receipt-token';
import { SubmitReclamoUseCase } from './submit/submit-reclamo.usecase';
import { GetRespuestaNotificadaUseCase } from './tracking/get-respuesta-notificada.usecase';
import { ReclamoDelCiudadanoFinder } from './tracking/reclamo-del-ciudadano.query';
import { GetSubsanacionUseCase, ResponderSubsanacionUseCase } from './subsanacion/subsanacion.usecases';
import { TrackReclamoUseCase } from './tracking/track-reclamo.usecase';

const USE_CASES = [
  SubmitReclamoUseCase,
  TrackReclamoUseCase,
  GetRespuestaNotificadaUseCase,
  SearchEntidadesUseCase,
  GetEntidadPublicaUseCase,
  GetConstanciaUseCase,
  GetEncuestaUseCase,
  ResponderEncuestaUseCase,
  GetSubsanacionUseCase,
  ResponderSubsanacionUseCase,
];

/** Registro and seguimiento: what the citizen app calls. Needs PersistenceModule and ClockModule in the app. */
@Module({
  imports: [CalendarDataModule, ExpedienteModule],
  providers: [
    ...USE_CASES,
    CalendarProvider,
    AdjuntosEnEspera,
    ReclamoDelCiudadanoFinder,
    ReceiptTokens,
    {
      provide: AttachmentStorage,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => crearAlmacen(configuracionDelAlmacen(config)),
    },
  ],
  exports: [...USE_CASES, CalendarProvider, ReceiptTokens, AttachmentStorage, AdjuntosEnEspera],
})
export class ReclamosModule {}
