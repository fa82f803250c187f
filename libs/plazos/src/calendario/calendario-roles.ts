import { DomainError, RolUsuario } from '@app/domain';

export const TipoDiaNoLaborable = {
  DECRETADO: 'decretado',
  REGIONAL: 'regional',
  CIERRE_ENTIDAD: 'cierre_entidad',
} as const;
export type TipoDiaNoLaborable = (typeof TipoDiaNoLaborable)[keyof typeof TipoDiaNoLaborable];

/** The staff member a calendar use case acts for (the back-office's StaffUser fits). */
export interface CalendarActor {
  readonly id: string;
  readonly rol: RolUsuario;
  readonly entidadId: string | null;
}

export function isResponsable(rol: RolUsuario): boolean {
  return rol === 'responsable_titular' || rol === 'responsable_alterno';
}

/**
 * Who may change which kind of day: decreed and regional days are the platform's (administrator),
 * an entity's closures are its responsables' own.
 */
export function assertMayChange(actor: CalendarActor, tipo: TipoDiaNoLaborable): void {
  const allowed = tipo === TipoDiaNoLaborable.CIERRE_ENTIDAD ? isResponsable(actor.rol) && actor.entidadId !== null : actor.rol === 'administrador';
  if (!allowed) {
    throw new DomainError(
      'FORBIDDEN',
      tipo === TipoDiaNoLaborable.CIERRE_ENTIDAD
        ? 'Solo el responsable del libro de la entidad puede registrar o quitar sus días de cierre.'
        : 'Solo un administrador de la plataforma puede registrar o quitar días no laborables decretados o regionales.',
    );
  }
}

export function assertAdministrador(actor: CalendarActor): void {
  if (actor.rol !== 'administrador') {
    throw new DomainError('FORBIDDEN', 'Solo un administrador de la plataforma puede recalcular los plazos.');
  }
}
