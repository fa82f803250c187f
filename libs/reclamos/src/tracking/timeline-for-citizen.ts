import { ESTADO_CIUDADANO_LABELS, EstadoReclamo, fechaEnPalabras } from '@app/domain';

/**
 * What the citizen may read of a timeline event. Internal notes, views and staff names
 * stay inside the entity; an unknown kind of event is hidden rather than leaked. States read in the
 * citizen's words (ESTADO_CIUDADANO_LABELS), as the page's current state does.
 */
export function describeEventoForCitizen(evento: { tipo: string; estado_nuevo: string | null; datos?: Record<string, unknown> | null }): string | null {
  switch (evento.tipo) {
    case 'registrado':
      return 'Reclamo registrado en el Libro de Reclamaciones.';
    case 'cambio_estado':
      if (evento.datos?.accion === 'subsanacion_respondida') return subsanacionRespondida(evento.datos);
      return evento.estado_nuevo && evento.estado_nuevo in ESTADO_CIUDADANO_LABELS
        ? `Estado: ${ESTADO_CIUDADANO_LABELS[evento.estado_nuevo as EstadoReclamo]}.`
        : null;
    default:
      return null;
  }
}

/** The citizen's own reply online: said as theirs, with how far a paused clock moved the due date. */
function subsanacionRespondida(datos: Record<string, unknown>): string {
  const base = `Usted envió la información que pidió la entidad. Estado: ${ESTADO_CIUDADANO_LABELS[EstadoReclamo.EN_ATENCION]}.`;
  const dias = typeof datos.diasPausados === 'number' ? datos.diasPausados : 0;
  if (dias <= 0 || typeof datos.venceNuevo !== 'string') return base;
  return `${base} El plazo estuvo suspendido ${dias === 1 ? '1 día hábil' : `${dias} días hábiles`}: la fecha máxima de respuesta pasó al ${fechaEnPalabras(datos.venceNuevo)}.`;
}
