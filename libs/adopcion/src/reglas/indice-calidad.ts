/**
 * The quality index of the ranking (issue #12; the SGP's quality policy asks for an index or ranking of
 * entities by service quality). Plain arithmetic over an entity's figures for a period, written once
 * here so the page, the API, the exports and the README say the same thing.
 *
 * Components, each on 0–100 (higher is better):
 * - **P, en plazo**: % of the answers notified in the period within the legal 30 business days.
 * - **R, rapidez**: 100 × (30 − median business days to notification) / 30, floored at 0.
 * - **V, sin vencidos**: 100 − % vencidos, where % vencidos = open reclamos past their due date today ÷
 *   (answers notified in the period + open reclamos past their due date today) × 100.
 * - **S, satisfacción**: (mean overall satisfaction on the 1–5 survey − 1) / 4 × 100; left out (and the
 *   other weights count for it) when nobody answered the survey in the period.
 *
 * Índice = (40·P + 20·R + 20·V + 20·S) / (sum of the weights of the components present), one decimal.
 * Only entities with at least MINIMO_NOTIFICADOS answers notified in the period are ranked; the rest are
 * listed apart as «sin casos suficientes». Ties (same índice to one decimal) are broken by: higher P,
 * lower median, more answers notified, then the entity's code in alphabetical order (unique), so the
 * order never depends on the database's.
 */
export const PESOS_INDICE = { enPlazo: 40, rapidez: 20, sinVencidos: 20, satisfaccion: 20 } as const;
export type ComponenteIndice = keyof typeof PESOS_INDICE;

export const MINIMO_NOTIFICADOS = 10;
const PLAZO_LEGAL = 30;

export const COMPONENTE_ETIQUETAS: Readonly<Record<ComponenteIndice, string>> = {
  enPlazo: 'En plazo (P)',
  rapidez: 'Rapidez (R)',
  sinVencidos: 'Sin vencidos (V)',
  satisfaccion: 'Satisfacción (S)',
};

/** The formula in Spanish, as the ranking page and the exports show it. */
export const FORMULA_INDICE = [
  'P = % de respuestas notificadas en el periodo dentro del plazo legal de 30 días hábiles.',
  'R = 100 × (30 − mediana de días hábiles hasta la notificación) ÷ 30; 0 si la mediana llega a 30 o más.',
  'V = 100 − % vencidos; % vencidos = reclamos abiertos con el plazo vencido hoy ÷ (respuestas notificadas en el periodo + reclamos abiertos con el plazo vencido hoy) × 100.',
  'S = (satisfacción general media de la encuesta, de 1 a 5, − 1) ÷ 4 × 100; si nadie respondió la encuesta en el periodo, S no se usa y su peso se reparte entre los demás.',
  'Índice = (40 × P + 20 × R + 20 × V + 20 × S) ÷ (suma de los pesos usados), con un decimal.',
  `Solo entran al ranking las entidades con al menos ${MINIMO_NOTIFICADOS} respuestas notificadas en el periodo; las demás se listan aparte como «sin casos suficientes».`,
  'Empates (mismo índice con un decimal): primero la de mayor P, luego la de menor mediana, luego la de más respuestas notificadas y, al final, el código de la entidad en orden alfabético.',
] as const;

/** What the index is computed from: one entity's counts for the period (and its overdue cases today). */
export interface CifrasParaIndice {
  readonly codigo: string;
  readonly notificados: number;
  readonly notificadosEnPlazoLegal: number;
  /** Median business days from filing to notification (null with no answer notified). */
  readonly diasHabilesMediana: number | null;
  /** Open reclamos whose due date has passed, today. */
  readonly vencidos: number;
  readonly encuestas: number;
  /** Sum of the overall satisfaction answers (1–5 each). */
  readonly satisfaccionSuma: number;
}

export interface Indice {
  /** The index on 0–100, one decimal; null when the entity has no answer notified. */
  readonly valor: number | null;
  /** Each component on 0–100, one decimal (null when it does not apply). */
  readonly componentes: Readonly<Record<ComponenteIndice, number | null>>;
  readonly enPlazoPct: number | null;
  readonly vencidosPct: number | null;
  readonly satisfaccionMedia: number | null;
}

const redondear = (v: number) => Math.round(v * 10) / 10;

export function indiceDe(c: CifrasParaIndice): Indice {
  if (c.notificados === 0) {
    const vencidosPct = c.vencidos > 0 ? 100 : null;
    return {
      valor: null,
      componentes: { enPlazo: null, rapidez: null, sinVencidos: vencidosPct === null ? null : 0, satisfaccion: null },
      enPlazoPct: null,
      vencidosPct,
      satisfaccionMedia: c.encuestas > 0 ? redondear(c.satisfaccionSuma / c.encuestas) : null,
    };
  }
  const enPlazo = (c.notificadosEnPlazoLegal * 100) / c.notificados;
  const mediana = c.diasHabilesMediana ?? PLAZO_LEGAL;
  const rapidez = (Math.max(0, PLAZO_LEGAL - mediana) * 100) / PLAZO_LEGAL;
  const vencidosPct = (c.vencidos * 100) / (c.notificados + c.vencidos);
  const sinVencidos = 100 - vencidosPct;
  const media = c.encuestas > 0 ? c.satisfaccionSuma / c.encuestas : null;
  const satisfaccion = media === null ? null : ((media - 1) * 100) / 4;
  const presentes: Array<[ComponenteIndice, number]> = [
    ['enPlazo', enPlazo],
    ['rapidez', rapidez],
    ['sinVencidos', sinVencidos],
    ...(satisfaccion === null ? [] : [['satisfaccion', satisfaccion] as [ComponenteIndice, number]]),
  ];
  const pesos = presentes.reduce((s, [k]) => s + PESOS_INDICE[k], 0);
  const valor = presentes.reduce((s, [k, v]) => s + PESOS_INDICE[k] * v, 0) / pesos;
  return {
    valor: redondear(valor),
    componentes: {
      enPlazo: redondear(enPlazo),
      rapidez: redondear(rapidez),
      sinVencidos: redondear(sinVencidos),
      satisfaccion: satisfaccion === null ? null : redondear(satisfaccion),
    },
    enPlazoPct: redondear(enPlazo),
    vencidosPct: redondear(vencidosPct),
    satisfaccionMedia: media === null ? null : redondear(media),
  };
}

/** Whether an entity has enough answers notified in the period to be ranked. */
export function tieneCasosSuficientes(c: Pick<CifrasParaIndice, 'notificados'>): boolean {
  return c.notificados >= MINIMO_NOTIFICADOS;
}

/**
 * The ranking's order (see the header): índice, then P, then the median, then answers notified, then
 * the code. Every key is compared on the figures as shown (one decimal), so two rows that look tied are
 * ordered by the next key, never by a hidden digit.
 */
export function compararParaRanking(
  a: CifrasParaIndice & { readonly indice: Indice },
  b: CifrasParaIndice & { readonly indice: Indice },
): number {
  return (
    (b.indice.valor ?? -1) - (a.indice.valor ?? -1) ||
    (b.indice.enPlazoPct ?? -1) - (a.indice.enPlazoPct ?? -1) ||
    (a.diasHabilesMediana ?? Number.MAX_SAFE_INTEGER) - (b.diasHabilesMediana ?? Number.MAX_SAFE_INTEGER) ||
    b.notificados - a.notificados ||
    (a.codigo < b.codigo ? -1 : a.codigo > b.codigo ? 1 : 0)
  );
}
