import { Module } from '@nestjs/common';
import { StaffModule } from '@app/staff';
import { DesignarResponsablesUseCase, InvitarResponsableUseCase, ObtenerEntidadUseCase } from './designacion/designaciones.usecases';
import { CambiarEstadoEntidadUseCase, ListarRegistroEntidadesUseCase, ModificarEntidadUseCase, RegistrarEntidadUseCase } from './entidades/entidades.usecases';
import { ImportarEntidadesUseCase } from './importacion/importar-entidades.usecase';
import { RegistroTransaction } from './registro/registro-transaction';
import { GuardarTramoUseCase, ListarTramosUseCase } from './tramos/tramos.usecases';

const USE_CASES = [
  ListarTramosUseCase,
  GuardarTramoUseCase,
  ListarRegistroEntidadesUseCase,
  ObtenerEntidadUseCase,
  RegistrarEntidadUseCase,
  ModificarEntidadUseCase,
  CambiarEstadoEntidadUseCase,
  ImportarEntidadesUseCase,
  DesignarResponsablesUseCase,
  InvitarResponsableUseCase,
];

/**
 * The entity registry and the tramos (issue #12): the coordinators' writes of `tramo`, of `entidad`'s
 * registry columns and of `designacion_responsables`, with their trail (`auditoria_registro`).
 * Needs PersistenceModule and ClockModule in the app; invitations go through StaffModule.
 */
@Module({
  imports: [StaffModule],
  providers: [...USE_CASES, RegistroTransaction],
  exports: USE_CASES,
})
export class TramosModule {}
