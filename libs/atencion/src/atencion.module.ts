import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ExpedienteModule } from '@app/expediente';
import { CalendarDataModule } from '@app/plazos';
import { MessageRenderer } from '@app/notifications';
import { QueueName } from '@app/platform/queue';
import { ReclamosModule } from '@app/reclamos';
import { ExportBandejaCsvUseCase } from './bandeja/export-bandeja-csv.usecase';
import { ListBandejaUseCase } from './bandeja/list-bandeja.usecase';
import { ResumirBandejaUseCase } from './bandeja/resumir-bandeja.usecase';
import { AddNotaInternaUseCase } from './acciones/add-nota-interna.usecase';
import { ListMensajesDelReclamoUseCase } from './acciones/list-mensajes.usecase';
import { AnnulReclamoUseCase } from './acciones/annul-reclamo.usecase';
import { ArchiveReclamoUseCase } from './acciones/archive-reclamo.usecase';
import { AssignReclamoUseCase } from './acciones/assign-reclamo.usecase';
import { ReclamoTransaction } from './acciones/reclamo-transaction';
import { GetReclamoFormOptionsUseCase } from './acciones/reclamo-form-options.usecase';
import { DownloadAdjuntoUseCase } from './acciones/download-adjunto.usecase';
import { GetReclamoUseCase } from './acciones/get-reclamo.usecase';
import { ReconducirReclamoUseCase } from './acciones/reconducir-reclamo.usecase';
import { RecordSubsanacionUseCase } from './acciones/record-subsanacion.usecase';
import { RequestSubsanacionUseCase } from './acciones/request-subsanacion.usecase';
import { TrasladarReclamoUseCase } from './acciones/trasladar-reclamo.usecase';
import { RegisterHojaFisicaUseCase } from './registro/register-hoja-fisica.usecase';
import { ApproveRespuestaUseCase } from './respuesta/approve-respuesta.usecase';
import { DraftRespuestaUseCase } from './respuesta/draft-respuesta.usecase';
import { MarkRespondidoUseCase } from './respuesta/mark-respondido.usecase';
import { NotifyRespuestaUseCase } from './respuesta/notify-respuesta.usecase';
import { ReturnRespuestaUseCase } from './respuesta/return-respuesta.usecase';
import { AprobarYNotificarUseCase } from './respuesta/aprobar-y-notificar.usecase';
import { PreviewRespuestaCorreoUseCase } from './respuesta/preview-respuesta-correo.usecase';
import { GetAjustesUseCase, UpdateAjustesUseCase } from './configuracion/ajustes.usecases';
import { AddCatalogoUseCase, ListCatalogoUseCase, SetCatalogoActivoUseCase, UpdateCatalogoUseCase } from './configuracion/catalogo.usecases';
import { ConfiguracionTransaction } from './configuracion/configuracion-transaction';
import {
  CreatePlantillaUseCase,
  DeletePlantillaUseCase,
  GetPlantillaUseCase,
  ListPlantillasUseCase,
  UpdatePlantillaUseCase,
} from './configuracion/plantillas.usecases';
import { RunSubsanacionSweepUseCase } from './subsanacion/run-subsanacion-sweep.usecase';
import { ExportarDatosPersonaUseCase } from './retencion/exportar-datos-persona.usecase';
import { PurgaProcessor, PurgaScheduler } from './retencion/purga.job';
import { PurgarDatosVencidosUseCase } from './retencion/purgar-datos-vencidos.usecase';

const USE_CASES = [
  ListBandejaUseCase,
  ResumirBandejaUseCase,
  ExportBandejaCsvUseCase,
  GetReclamoUseCase,
  GetReclamoFormOptionsUseCase,
  DownloadAdjuntoUseCase,
  AssignReclamoUseCase,
  RequestSubsanacionUseCase,
  RecordSubsanacionUseCase,
  ReconducirReclamoUseCase,
  TrasladarReclamoUseCase,
  DraftRespuestaUseCase,
  ApproveRespuestaUseCase,
  ReturnRespuestaUseCase,
  MarkRespondidoUseCase,
  NotifyRespuestaUseCase,
  // Approve → respondido → e-mail in one request, and the e-mail's preview beside the answer (issue 13).
  AprobarYNotificarUseCase,
  PreviewRespuestaCorreoUseCase,
  ArchiveReclamoUseCase,
  AnnulReclamoUseCase,
  AddNotaInternaUseCase,
  ListMensajesDelReclamoUseCase,
  RegisterHojaFisicaUseCase,
  // Configuración de la entidad (issue #5).
  GetAjustesUseCase,
  UpdateAjustesUseCase,
  ListCatalogoUseCase,
  AddCatalogoUseCase,
  UpdateCatalogoUseCase,
  SetCatalogoActivoUseCase,
  ListPlantillasUseCase,
  GetPlantillaUseCase,
  CreatePlantillaUseCase,
  UpdatePlantillaUseCase,
  DeletePlantillaUseCase,
  // The end of the subsanación window, a step of the deadline sweep (issue #3).
  RunSubsanacionSweepUseCase,
  // Protección de datos en el tiempo (issue #14): the retention purge and a person's access request.
  PurgarDatosVencidosUseCase,
  ExportarDatosPersonaUseCase,
];

/** Atención y respuesta for the back-office. Needs PersistenceModule, ClockModule and AppConfigModule in the app. */
@Module({
  imports: [CalendarDataModule, ReclamosModule, ExpedienteModule],
  // The sender's renderer (pure: templates from libs/notifications/templates), so the preview is drawn as the e-mail is.
  providers: [...USE_CASES, ReclamoTransaction, ConfiguracionTransaction, { provide: MessageRenderer, useFactory: () => new MessageRenderer() }],
  // The apps store the scans the use cases attach (hoja física, constancia de notificación) in the same storage.
  exports: [...USE_CASES, ExpedienteModule, ReclamosModule],
})
export class AtencionModule {}

/** The worker's part of data protection: the daily retention purge (Ley 29733). Needs QueueRootModule as well. */
@Module({
  imports: [AtencionModule, BullModule.registerQueue({ name: QueueName.RETENCION })],
  providers: [PurgaScheduler, PurgaProcessor],
})
export class RetencionWorkerModule {}
