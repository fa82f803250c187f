import { Module } from '@nestjs/common';
import { ReclamosModule } from '@app/reclamos';
import { AuditTrail } from './audit/audit-trail';
import { ExportBandejaCsvUseCase } from './bandeja/export-bandeja-csv.usecase';
import { ListBandejaUseCase } from './bandeja/list-bandeja.usecase';
import { AddNotaInternaUseCase } from './casos/add-nota-interna.usecase';
import { AnnulReclamoUseCase } from './casos/annul-reclamo.usecase';
import { ArchiveReclamoUseCase } from './casos/archive-reclamo.usecase';
import { AssignReclamoUseCase } from './casos/assign-reclamo.usecase';
import { CaseTransaction } from './casos/case-transaction';
import { DownloadAdjuntoUseCase } from './casos/download-adjunto.usecase';
import { GetCasoUseCase } from './casos/get-caso.usecase';
import { ReconducirReclamoUseCase } from './casos/reconducir-reclamo.usecase';
import { RecordSubsanacionUseCase } from './casos/record-subsanacion.usecase';
import { RequestSubsanacionUseCase } from './casos/request-subsanacion.usecase';
import { TrasladarReclamoUseCase } from './casos/trasladar-reclamo.usecase';
import { RegisterHojaFisicaUseCase } from './registro/register-hoja-fisica.usecase';
import { ApproveRespuestaUseCase } from './respuesta/approve-respuesta.usecase';
import { DraftRespuestaUseCase } from './respuesta/draft-respuesta.usecase';
import { MarkRespondidoUseCase } from './respuesta/mark-respondido.usecase';
import { NotifyRespuestaUseCase } from './respuesta/notify-respuesta.usecase';
import { ReturnRespuestaUseCase } from './respuesta/return-respuesta.usecase';

const USE_CASES = [
  ListBandejaUseCase,
  ExportBandejaCsvUseCase,
  GetCasoUseCase,
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
  ArchiveReclamoUseCase,
  AnnulReclamoUseCase,
  AddNotaInternaUseCase,
  RegisterHojaFisicaUseCase,
];

/** Atención y respuesta for the back-office. Needs PersistenceModule, ClockModule and AppConfigModule in the app. */
@Module({
  imports: [ReclamosModule],
  providers: [...USE_CASES, CaseTransaction, AuditTrail],
  exports: [...USE_CASES, AuditTrail],
})
export class AtencionModule {}
