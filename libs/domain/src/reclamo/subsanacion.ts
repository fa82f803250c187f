/**
 * The citizen's side of a subsanación (D.S. 007-2020-PCM: 2 días hábiles to supply what is missing):
 * the wording of its deadline and of the entity's clock, and the bounds of the reply. Pure, so the
 * e-mail, the tracking page and the reply form say the same thing.
 */

/** The reply's text: long enough to say something, short enough to read (the hoja's account allows 5,000). */
export const SUBSANACION_TEXTO_MIN = 10;
export const SUBSANACION_TEXTO_MAX = 4000;

// A calendar date (no instant) is formatted at UTC midnight in UTC, so no zone can shift its day.
const DIA = new Intl.DateTimeFormat('es-PE', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/**
 * The last moment to reply, as a Lima date and time: '2026-12-04' → «viernes 4 de diciembre de 2026,
 * 23:59 (hora de Lima)». The window runs to the end of its last business day in Lima.
 */
export function fechaLimiteSubsanacion(iso: string): string {
  return `${fechaEnPalabras(iso)}, 23:59 (hora de Lima)`;
}

/** A calendar date in words: '2026-12-04' → «viernes 4 de diciembre de 2026». */
export function fechaEnPalabras(iso: string): string {
  return DIA.format(new Date(`${iso}T00:00:00Z`)).replace(/^(\p{L}+),\s/u, '$1 ');
}

/** Whether the entity's 30 días hábiles stop while the citizen answers, in the citizen's words. */
export function plazoDuranteSubsanacion(pausaPlazo: boolean): string {
  return pausaPlazo
    ? 'Mientras usted responde, el plazo de la entidad para atender su reclamo se suspende: la fecha máxima de respuesta se correrá los días hábiles que tarde en responder.'
    : 'Mientras usted responde, el plazo de la entidad para atender su reclamo sigue corriendo: la fecha máxima de respuesta no cambia.';
}
