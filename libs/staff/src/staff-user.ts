import { RolUsuario } from '@app/domain';

/** The signed-in staff member, as every back-office use case receives it. */
export interface StaffUser {
  id: string;
  email: string;
  nombre: string;
  rol: RolUsuario;
  /** Null only for coordinators and administrators, who are not staff of one entity. */
  entidadId: string | null;
}

/** Roles that see across entities (aggregates for coordinators, configuration for administrators). */
export function isCrossEntityRole(rol: RolUsuario): boolean {
  return rol === 'coordinador' || rol === 'administrador';
}
