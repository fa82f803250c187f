import { DomainError } from '@app/domain';
import { StaffUser } from '@app/staff';

/**
 * Who may read the coordinators' console: the SGP's rollout coordinators and the platform's
 * administrators (no entity; they see every entity's adoption and aggregate figures, never a citizen's
 * data). An entity's staff get FORBIDDEN (403) before anything is read, so they learn nothing of other
 * entities, not even whether one exists.
 */
export function assertLeeConsola(actor: Pick<StaffUser, 'rol' | 'entidadId'>): void {
  if ((actor.rol !== 'coordinador' && actor.rol !== 'administrador') || actor.entidadId !== null) {
    throw new DomainError(
      'FORBIDDEN',
      'La consola de implementación es de los coordinadores de la SGP y de los administradores de la plataforma. Su rol ve las cifras de su propia entidad en «Cifras».',
    );
  }
}
