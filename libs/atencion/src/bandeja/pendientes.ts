import { EstadoReclamo } from '@app/domain';

/**
 * What a reclamo waits for from the entity's staff beyond its state, for the responsable del libro:
 * - `aprobacion`: the unidad's response draft waits for the responsable's approval (reclamo en atención);
 * - `notificacion`: the answer is approved and marked respondido but not notified yet, or its e-mail was
 *   refused (notificación fallida) and it must go by post or in person; an e-mail on its way
 *   (notificación en curso) waits for the mail server, not for staff;
 * - `subsanacion`: the citizen answered a subsanación request online and no staff member has acted on the
 *   reclamo since (`reclamo.subsanacion_respondida_en`, cleared by the next action of the back-office).
 */
export const PENDIENTES = ['aprobacion', 'notificacion', 'subsanacion'] as const;
export type Pendiente = (typeof PENDIENTES)[number];

export const PENDIENTE_LABELS: Readonly<Record<Pendiente, string>> = {
  aprobacion: 'Respuestas por aprobar',
  notificacion: 'Respuestas por notificar o con notificación fallida',
  subsanacion: 'Subsanaciones respondidas por el ciudadano',
};

/**
 * The condition over `reclamo r` of one kind of pending work: the one definition the bandeja's
 * `pendiente` filter and the responsable's landing page share, so a count and the list its link opens
 * agree. `entidad` is the SQL parameter holding the entity's id (the drafts are read by their own
 * entity-scoped partial index, `ix_respuesta_pendiente_aprobacion`). No input reaches the text.
 */
export function condicionPendiente(pendiente: Pendiente, entidad: string): string {
  switch (pendiente) {
    case 'aprobacion':
      return `(r.estado = '${EstadoReclamo.EN_ATENCION}' AND r.id IN (SELECT x.reclamo_id FROM respuesta x
                WHERE x.entidad_id = ${entidad} AND x.estado = 'pendiente_aprobacion'))`;
    case 'notificacion':
      return `r.estado IN ('${EstadoReclamo.RESPONDIDO}', '${EstadoReclamo.NOTIFICACION_FALLIDA}')`;
    case 'subsanacion':
      return `r.subsanacion_respondida_en IS NOT NULL`;
  }
}
