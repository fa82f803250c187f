/**
 * Roles of a back-office account (column usuario.rol, constraint ck_usuario_rol). A closed set:
 * the responsables del libro (titular and alterno), the officers of the units, the entity's head,
 * and two cross-entity roles without an entity (the SGP's coordinators and the platform's
 * administrators). What each may do is decided by the use cases (staff, atencion, plazos).
 */
export type RolUsuario =
  | 'oficial'
  | 'responsable_titular'
  | 'responsable_alterno'
  | 'titular_entidad'
  | 'coordinador'
  | 'administrador';
