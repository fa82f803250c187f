import { ASPECTO_LABELS, Aspecto, Canal } from '@app/domain';
import { Contadores } from '../rollup/contadores';
import { Periodo, porcentaje } from '../figures/periodo';
import { Celda, conteo, MotivoReserva, porcentajeDe, publicar, reservarCruce, reservarDesglose, sobreBase } from './supresion';

/**
 * The public figures (no sign-in): what the citizen app's /estadisticas pages and /api/v1/estadisticas give.
 * Aggregates only, every one under the small-cell rule (`supresion.ts`): a withheld value is `null` and its
 * field is named in the object's `reservas` with the reason (`menor_a_5`, `base_menor_a_5`, `complementaria`).
 * A null without a reason means there is nothing to compute (no answer notified, no survey).
 * Dates are Lima dates; months AAAA-MM; business days (días hábiles) as the plazo counts them.
 */
export type Reservas<K extends string> = Partial<Record<K, MotivoReserva>>;

type CamposResumen =
  | 'recibidos'
  | 'notificados'
  | 'notificadosEnPlazoLegal'
  | 'enPlazoLegalPct'
  | 'diasHabilesMedia'
  | 'diasHabilesMediana'
  | 'reconducidos'
  | 'trasladados'
  | 'anulados';
type CamposSatisfaccion = 'encuestas' | 'general' | 'rapidez' | 'claridad' | 'trato' | 'resueltoPct';
type CamposFila = 'recibidos' | 'notificados' | 'notificadosEnPlazoLegal' | 'enPlazoLegalPct';

export type ResumenPublico = Record<CamposResumen, number | null> & {
  readonly reservas: Reservas<CamposResumen>;
  /** The survey after the answer: means on the 1–5 scale over the surveys answered; % who say it was solved. */
  readonly satisfaccion: Record<CamposSatisfaccion, number | null> & { readonly reservas: Reservas<CamposSatisfaccion> };
};

export type MesPublico = { readonly mes: string } & Record<Exclude<CamposFila, 'enPlazoLegalPct'>, number | null> & {
    readonly reservas: Reservas<Exclude<CamposFila, 'enPlazoLegalPct'>>;
  };

export type FilaPublica = { readonly clave: string; readonly etiqueta: string } & Record<CamposFila, number | null> & {
    readonly reservas: Reservas<CamposFila>;
  };

export type EntidadPublica = { readonly codigo: string; readonly nombre: string } & Record<CamposFila, number | null> & {
    readonly reservas: Reservas<CamposFila>;
  };

export interface EstadisticasEntidad {
  readonly entidad: { readonly codigo: string; readonly nombre: string };
  readonly periodo: Periodo;
  readonly resumen: ResumenPublico;
  readonly porMes: readonly MesPublico[];
  readonly porAspecto: readonly FilaPublica[];
  readonly porCanal: readonly FilaPublica[];
}

export interface EstadisticasNacionales {
  readonly periodo: Periodo;
  readonly resumen: ResumenPublico;
  readonly porMes: readonly MesPublico[];
  readonly porAspecto: readonly FilaPublica[];
  readonly porCanal: readonly FilaPublica[];
  /** Every entity with a reclamo received or an answer notified in the period: the ranking by % on time. */
  readonly entidades: readonly EntidadPublica[];
}

/** The words the public pages show for the channels (the back-office's, "Libro virtual" and "Libro físico"). */
export const CANAL_PUBLICO: Readonly<Record<Canal, string>> = {
  [Canal.VIRTUAL]: 'Libro virtual',
  [Canal.FISICO]: 'Libro físico',
};

function media(suma: number, n: number): number | null {
  return n === 0 ? null : Math.round((suma * 10) / n) / 10;
}

/**
 * The period's summary under the rule: counts alone, shares with their counts, means and medians over their base.
 * `totales`: the received, notified and on-time counts as the breakdowns' table left them (`desglosesPublicos`).
 */
export function resumenPublico(c: Contadores, mediana: number | null, totales?: Record<'recibidos' | 'notificados' | 'legal', Celda>): ResumenPublico {
  const recibidos = totales?.recibidos ?? conteo(c.recibidos);
  const notificados = totales?.notificados ?? conteo(c.notificados);
  const legal = totales?.legal ?? conteo(c.notificados_en_plazo_legal);
  const e = c.encuestas;
  return {
    ...publicar({
      recibidos,
      notificados,
      notificadosEnPlazoLegal: legal,
      enPlazoLegalPct: porcentajeDe(porcentaje(c.notificados_en_plazo_legal, c.notificados), c.notificados, legal, notificados),
      diasHabilesMedia: sobreBase(media(c.dias_habiles_suma, c.notificados), c.notificados),
      diasHabilesMediana: sobreBase(mediana, c.notificados),
      reconducidos: conteo(c.reconducidos),
      trasladados: conteo(c.trasladados),
      anulados: conteo(c.anulados),
    }),
    satisfaccion: publicar({
      encuestas: conteo(e),
      general: sobreBase(media(c.satisfaccion_suma, e), e),
      rapidez: sobreBase(media(c.rapidez_suma, e), e),
      claridad: sobreBase(media(c.claridad_suma, e), e),
      trato: sobreBase(media(c.trato_suma, e), e),
      resueltoPct: sobreBase(porcentaje(c.resueltos, e), e),
    }),
  };
}

/** Counts of one row of a breakdown (a month, an aspect, a channel, an entity). */
export interface ConteosFila {
  readonly recibidos: number;
  readonly notificados: number;
  readonly legal: number;
}

/**
 * The rows of one breakdown whose cells add up to the period's totals: each count under rules 1 and 3 within its
 * column (received, notified, on time), and the share on time over its row's counts.
 */
export function filasPublicas<T extends ConteosFila>(filas: readonly T[]): Array<{ fila: T; celdas: Record<CamposFila, Celda> }> {
  const recibidos = reservarDesglose(filas.map((f) => f.recibidos));
  const notificados = reservarDesglose(filas.map((f) => f.notificados));
  const legal = reservarDesglose(filas.map((f) => f.legal));
  return filas.map((fila, i) => ({
    fila,
    celdas: {
      recibidos: recibidos[i],
      notificados: notificados[i],
      notificadosEnPlazoLegal: legal[i],
      enPlazoLegalPct: porcentajeDe(porcentaje(fila.legal, fila.notificados), fila.notificados, legal[i], notificados[i]),
    },
  }));
}

/** The months of the period, each under the rule within its column (the months add up to the period). */
export function mesesPublicos(meses: ReadonlyArray<ConteosFila & { mes: string }>): MesPublico[] {
  return filasPublicas(meses).map(({ fila, celdas }) => ({
    mes: fila.mes,
    ...publicar({ recibidos: celdas.recibidos, notificados: celdas.notificados, notificadosEnPlazoLegal: celdas.notificadosEnPlazoLegal }),
  }));
}

/** The period's counts by aspecto × canal, keyed `aspecto|canal` (absent: 0). */
export type ConteosCruce = ReadonlyMap<string, ConteosFila>;

const ASPECTOS: readonly string[] = Object.values(Aspecto);
const CANALES: readonly string[] = Object.values(Canal);

/**
 * The breakdowns by aspecto and by canal, as the margins of the aspecto × canal table under the rule
 * (`reservarCruce`): the open-data file gives that table's cells month by month, so a month's page hides exactly
 * what the file's rows let nobody recover. Every value of each dimension, 0 where nothing happened, in the law's
 * order (not by size: the place of a withheld row among the others would tell how large it is). `totales` are the
 * table's grand totals under the same rule, for the summary.
 */
export function desglosesPublicos(cruce: ConteosCruce): {
  porAspecto: FilaPublica[];
  porCanal: FilaPublica[];
  totales: Record<'recibidos' | 'notificados' | 'legal', Celda>;
} {
  const medida = (m: keyof ConteosFila) => reservarCruce(ASPECTOS.map((a) => CANALES.map((c) => cruce.get(`${a}|${c}`)?.[m] ?? 0)));
  const [recibidos, notificados, legal] = [medida('recibidos'), medida('notificados'), medida('legal')];
  const suma = (claves: readonly string[], m: keyof ConteosFila) => claves.reduce((t, k) => t + (cruce.get(k)?.[m] ?? 0), 0);
  const fila = (clave: string, etiqueta: string, claves: readonly string[], margen: 'filas' | 'columnas', i: number): FilaPublica => {
    const celdas = { recibidos: recibidos[margen][i], notificados: notificados[margen][i], notificadosEnPlazoLegal: legal[margen][i] };
    const n = suma(claves, 'notificados');
    return {
      clave,
      etiqueta,
      ...publicar({ ...celdas, enPlazoLegalPct: porcentajeDe(porcentaje(suma(claves, 'legal'), n), n, celdas.notificadosEnPlazoLegal, celdas.notificados) }),
    };
  };
  return {
    porAspecto: ASPECTOS.map((a, i) => fila(a, ASPECTO_LABELS[a as Aspecto], CANALES.map((c) => `${a}|${c}`), 'filas', i)),
    porCanal: CANALES.map((c, i) => fila(c, CANAL_PUBLICO[c as Canal], ASPECTOS.map((a) => `${a}|${c}`), 'columnas', i)),
    totales: { recibidos: recibidos.total, notificados: notificados.total, legal: legal.total },
  };
}
