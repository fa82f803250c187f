/**
 * The counters of a rollup row (`cifra_diaria`, `cifra_mensual`), named once: the recompute sums them,
 * the figures read them. Names reach SQL text, so they come from this list, never from input.
 */
export const CONTADORES = [
  'recibidos',
  'notificados',
  'notificados_en_plazo_legal',
  'notificados_en_meta',
  'dias_habiles_suma',
  'reconducidos',
  'trasladados',
  'anulados',
  'subsanaciones_pedidas',
  'subsanaciones_respondidas',
  'subsanaciones_vencidas',
  'encuestas',
  'satisfaccion_suma',
  'rapidez_suma',
  'claridad_suma',
  'trato_suma',
  'resueltos',
  'resueltos_en_parte',
] as const;
export type Contador = (typeof CONTADORES)[number];
export type Contadores = Record<Contador, number>;

/** The dimensions a figure may be filtered or broken down by, as columns of `cifra_diaria` (and of `reclamo`). */
export const DIMENSIONES = ['canal', 'aspecto', 'sede_id', 'unidad_id', 'servicio_id', 'tema_id'] as const;
export type Dimension = (typeof DIMENSIONES)[number];

/** Buckets of the monthly histogram of business days to notification: 0 … 59, then "60 or more". */
export const HISTOGRAMA_CUBETAS = 61;

/** One branch of the recompute's union: each counter's expression, 0 where the branch does not count it. */
export function columnasDeContadores(valores: Partial<Record<Contador, string>>): string {
  return CONTADORES.map((c) => `${valores[c] ?? '0'}::bigint AS ${c}`).join(', ');
}

export function sumasDeContadores(prefijo = ''): string {
  return CONTADORES.map((c) => `sum(${prefijo}${c})::bigint AS ${c}`).join(', ');
}
