/**
 * Maximum time an entity has to answer a reclamo (D.S. N° 007-2020-PCM). An entity may set a
 * shorter internal target, never a longer one.
 */
export const PLAZO_RESPUESTA_DIAS_HABILES = 30;

/** Time the citizen has to complete missing information (subsanación) before the reclamo may be archived. */
export const PLAZO_SUBSANACION_DIAS_HABILES = 2;
