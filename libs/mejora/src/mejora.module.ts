import { Module } from '@nestjs/common';
import { ExpedienteModule } from '@app/expediente';
import { MedicionModule } from '@app/medicion';
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
 * files go to the same AttachmentStorage as the reclamos' attachments (ReclamosModule binds it); the
 * measured values of indicators come from the entity's figures (MedicionModule).
 */
@Module({
  imports: [ExpedienteModule, ReclamosModule, MedicionModule],
  providers: [...USE_CASES, AccionMejoraTransaction],
  exports: USE_CASES,
})
export class MejoraModule {}
