import { DomainError } from '@app/domain';

/**
 * Whose figures a staff member reads: their own entity's, whatever their role there (officers, the
 * responsables, the titular). Coordinators and administrators belong to no entity and see aggregates
 * only (the national figures), never one entity's page with its catalogues.
 */
export function entidadDeCifras(usuario: { readonly rol: string; readonly entidadId: string | null }): string {
  if (usuario.entidadId === null) {
    throw new DomainError('FORBIDDEN', 'Su rol ve solo las cifras agregadas de las entidades, no las de una entidad.');
  }
  return usuario.entidadId;
}
