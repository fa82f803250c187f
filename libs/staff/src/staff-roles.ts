import { RolUsuario } from '@app/domain';

/** The responsables del libro (titular and alterno) manage their entity's staff. */
export function isResponsable(rol: RolUsuario): boolean {
  return rol === 'responsable_titular' || rol === 'responsable_alterno';
}

/** Roles a responsable may invite into their own entity (the titular responsable is designated by the head, via an administrator). */
export const ROLES_INVITABLES_POR_RESPONSABLE = ['oficial', 'responsable_alterno', 'titular_entidad'] as const;
/** Roles an administrator may invite, for any entity. */
export const ROLES_INVITABLES_POR_ADMINISTRADOR = ['responsable_titular', 'responsable_alterno'] as const;
/**
 * Roles the SGP's rollout coordinator may invite, for any entity: the responsables the head of the
 * entity designated by oficio (the registry's entity page invites them from the oficio in force).
 */
export const ROLES_INVITABLES_POR_COORDINADOR = ['responsable_titular', 'responsable_alterno'] as const;
export const ROLES_INVITABLES = ['oficial', 'responsable_titular', 'responsable_alterno', 'titular_entidad'] as const;
export type RolInvitable = (typeof ROLES_INVITABLES)[number];

export const ROL_ETIQUETAS: Readonly<Record<RolUsuario, string>> = {
  oficial: 'Oficial de la unidad orgánica',
  responsable_titular: 'Responsable del libro (titular)',
  responsable_alterno: 'Responsable del libro (alterno)',
  titular_entidad: 'Titular de la entidad',
  coordinador: 'Coordinador de la implementación (SGP)',
  administrador: 'Administrador de la plataforma',
};

export function mayInvite(actor: RolUsuario, rol: RolInvitable): boolean {
  if (actor === 'administrador') return (ROLES_INVITABLES_POR_ADMINISTRADOR as readonly string[]).includes(rol);
  if (actor === 'coordinador') return (ROLES_INVITABLES_POR_COORDINADOR as readonly string[]).includes(rol);
  if (isResponsable(actor)) return (ROLES_INVITABLES_POR_RESPONSABLE as readonly string[]).includes(rol);
  return false;
}
