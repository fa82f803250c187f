/**
 * The measures adopted, as the citizen reads them: one item per line the unidad wrote, without the
 * list marks people type (-, *, •, "1."). A text with no line breaks is one item.
 */
export function medidasDe(texto: string): string[] {
  const items = texto
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[-*•·]|\d+[.)])\s+/, '').trim())
    .filter((line) => line.length > 0);
  return items.length > 0 ? items : [texto.trim()];
}

/** How an answer reached the citizen (notificacion_respuesta.medio). */
export type MedioNotificacion = 'email' | 'postal' | 'presencial';

export const MEDIO_NOTIFICACION_LABELS: Readonly<Record<MedioNotificacion, string>> = {
  email: 'correo electrónico',
  postal: 'correo postal',
  presencial: 'entrega en persona',
};

/** Where the citizen hands in what is missing: the entity's mesa de partes, or the sede of the reclamo. */
export function dondeResponderSubsanacion(entidadNombre: string, sede: { nombre: string; direccion: string } | null): string {
  const base = `Hágala llegar a ${entidadNombre} por su mesa de partes (presencial o virtual)`;
  if (!sede) return `${base}.`;
  const direccion = sede.direccion.trim();
  return `${base} o en la sede ${sede.nombre}${direccion ? ` (${direccion})` : ''}.`;
}
