import { Module } from '@nestjs/common';
import { ExpedienteModule } from '@app/expediente';
import { MedicionModule } from '@app/medicion';
import { AuditoriaDeConsola } from './auditoria/auditoria-consola';
import { GetAdopcionEntidadUseCase } from './entidad/get-adopcion-entidad.usecase';
import { GetOpcionesRankingUseCase, GetRankingUseCase } from './ranking/get-ranking.usecase';
import { GetTramoUseCase, ListTramosUseCase } from './tramos/tramos.usecases';

const USE_CASES = [ListTramosUseCase, GetTramoUseCase, GetAdopcionEntidadUseCase, GetRankingUseCase, GetOpcionesRankingUseCase];

/** The coordinators' console (issue #12): adoption by tramo and entity, the ranking. Needs PersistenceModule and ClockModule. */
@Module({
  imports: [ExpedienteModule, MedicionModule],
  providers: [...USE_CASES, AuditoriaDeConsola],
  exports: USE_CASES,
})
export class AdopcionModule {}
