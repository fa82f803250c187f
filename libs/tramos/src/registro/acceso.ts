import { DomainError } from '@app/domain';
import { StaffUser } from '@app/staff';

/** Who may change and read the entity registry and the tramos: the SGP's coordinators and the platform's administrators. */
export function puedeGestionarRegistro(actor: Pick<StaffUser, 'rol'>): boolean {
  return actor.rol === 'coordinador' || actor.rol === 'administrador';
}

/**
 * Refuses everyone else with 403: an entity's staff (even their own entity's responsable) never reach
 * the registry, which spans every entity. The refusal comes before any look-up, so it tells nothing of
 * whether an entity exists.
 */
export function assertGestionaRegistro(actor: Pick<StaffUser, 'rol'>): void {
  if (!puedeGestionarRegistro(actor)) {
    throw new DomainError(
      'FORBIDDEN',
      'Solo los coordinadores de la implementación (SGP) y los administradores de la plataforma gestionan el registro de entidades y los tramos.',
    );
  }
}
