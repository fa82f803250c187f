import { DomainError, RolUsuario } from '@app/domain';
import { StaffUser } from '@app/staff';

/**
 * Who may do what with an entity's reclamos (domain README, "Roles"), as plain rules:
 * - responsables (titular and alterno): everything in their entity;
 * - officers: act on the reclamos of their entity assigned to them; never approve, annul, reconduct or transfer;
 * - titular de la entidad: reads only;
 * - coordinators and administrators: no access to reclamos at all (aggregates only).
 */
export type ReclamoAccess = 'leer' | 'gestionar' | 'responsable';

export function isResponsable(rol: RolUsuario): boolean {
  return rol === 'responsable_titular' || rol === 'responsable_alterno';
}

/** The command's entity must be the actor's own, and the actor's role must reach reclamos at all. */
export function assertEntidadScope(actor: StaffUser, entidadId: string): void {
  if (actor.rol === 'coordinador' || actor.rol === 'administrador' || actor.entidadId === null) {
    throw new DomainError('FORBIDDEN', 'Su rol no tiene acceso a los casos: solo a las cifras agregadas de las entidades.');
  }
  if (actor.entidadId !== entidadId) {
    throw new DomainError('FORBIDDEN', 'Solo puede actuar sobre los casos de su propia entidad.');
  }
}

/**
 * Why the actor may not act on this reclamo with this access, or null when they may. The pages ask
 * it to show only the forms a person can use; the use cases enforce it through assertCaseAccess.
 */
export function reclamoAccessRefusal(actor: StaffUser, reclamo: { asignadoA: string | null }, access: ReclamoAccess): string | null {
  if (isResponsable(actor.rol)) return null;
  if (access === 'responsable') return 'Solo el responsable del libro de reclamaciones puede realizar esta acción.';
  if (actor.rol === 'titular_entidad') {
    return access === 'leer' ? null : 'El titular de la entidad puede consultar los casos, pero no modificarlos.';
  }
  if (actor.rol === 'oficial' && reclamo.asignadoA === actor.id) return null;
  return 'Este caso no está asignado a usted.';
}

/** Checked once the reclamo is known to belong to the actor's entity (a foreign reclamo is a 404 before this). */
export function assertReclamoAccess(actor: StaffUser, reclamo: { asignadoA: string | null }, access: ReclamoAccess): void {
  const refusal = reclamoAccessRefusal(actor, reclamo, access);
  if (refusal !== null) throw new DomainError('FORBIDDEN', refusal);
}

/** Responsables and officers handle reclamos; the titular reads, coordinators and administrators see aggregates. */
export function mayHandleReclamos(actor: StaffUser): boolean {
  return isResponsable(actor.rol) || actor.rol === 'oficial';
}

/** Actions that are not about one reclamo (registering a physical sheet) but still need reclamo-handling staff. */
export function assertMayHandleReclamos(actor: StaffUser): void {
  if (mayHandleReclamos(actor)) return;
  throw new DomainError('FORBIDDEN', 'Su rol no puede registrar ni modificar casos.');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function reclamoNotFound(): DomainError {
  return new DomainError('RECLAMO_NOT_FOUND', 'No existe ese reclamo en su entidad.');
}

export function isUuid(id: unknown): id is string {
  return typeof id === 'string' && UUID.test(id);
}

export function assertUuidOrNotFound(id: string): void {
  if (!isUuid(id)) throw reclamoNotFound();
}
