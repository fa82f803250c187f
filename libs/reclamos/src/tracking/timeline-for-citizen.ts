import { ESTADO_CIUDADANO_LABELS, EstadoReclamo } from '@app/domain';

/**
 * What the citizen may read of a timeline event. Internal notes, views and staff names
 * stay inside the entity; an unknown kind of event is hidden rather than leaked. States read in the
 * citizen's words (ESTADO_CIUDADANO_LABELS), as the page's current state does.
 */
export function describeEventoForCitizen(evento: { tipo: string; estado_nuevo: string | null }): string | null {
  switch (evento.tipo) {
    case 'registrado':
      return 'Reclamo registrado en el Libro de Reclamaciones.';
    case 'cambio_estado':
      return evento.estado_nuevo && evento.estado_nuevo in ESTADO_CIUDADANO_LABELS
        ? `Estado: ${ESTADO_CIUDADANO_LABELS[evento.estado_nuevo as EstadoReclamo]}.`
        : null;
    default:
      return null;
  }
}
