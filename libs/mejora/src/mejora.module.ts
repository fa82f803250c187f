import { Module } from '@nestjs/common';
import { ExpedienteModule } from '@app/expediente';
import { ReclamosModule } from '@app/reclamos';
import { AccionMejoraTransaction } from './acciones/accion-transaction';
import { AbrirSiguienteAccionUseCase, AvanzarFaseUseCase, CreateAccionMejoraUseCase, UpdateAccionMejoraUseCase } from './acciones/diseno.usecases';
import { AddActividadUseCase, AddIndicadorUseCase, RemoveActividadUseCase, RemoveIndicadorUseCase } from './acciones/plan.usecases';
import { AddAvanceUseCase, DownloadEvidenciaUseCase } from './acciones/avances.usecases';
import { GetAccionMejoraUseCase, ListAccionesMejoraUseCase } from './acciones/consultas.usecases';

const USE_CASES = [
  ListAccionesMejoraUseCase,
  GetAccionMejoraUseCase,
  CreateAccionMejoraUseCase,
  UpdateAccionMejoraUseCase,
  AvanzarFaseUseCase,
  AbrirSiguienteAccionUseCase,
  AddActividadUseCase,
  RemoveActividadUseCase,
  AddIndicadorUseCase,
  RemoveIndicadorUseCase,
  AddAvanceUseCase,
  DownloadEvidenciaUseCase,
];

/**
 * Acciones de mejora (issue #11). Needs PersistenceModule and ClockModule in the app; the evidence
 * files go to the same AttachmentStorage as the reclamos' attachments (ReclamosModule binds it).
 */
@Module({
  imports: [ExpedienteModule, ReclamosModule],
  providers: [...USE_CASES, AccionMejoraTransaction],
  exports: USE_CASES,
})
export class MejoraModule {}
