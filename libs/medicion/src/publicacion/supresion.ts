/**
 * Small-cell suppression of the public figures and the open-data file: what the platform publishes without a
 * sign-in must not let anyone single out a person. Pure functions, no I/O.
 *
 * Source: statistical disclosure control practice for tables of counts (a minimum cell frequency, here 5, and
 * secondary or complementary suppression so a hidden cell cannot be recovered from the published totals: the
 * "threshold rule" national statistics offices apply; Hundepool et al., *Statistical Disclosure Control*, Wiley
 * 2012, on frequency tables), and Ley N° 29733 de Protección de Datos Personales (art. 2, its definitions of
 * dato personal, information that identifies a person or makes them identifiable, and of anonimización): what
 * is published for everyone must be an anonymous aggregate. A reclamo is one person's act: in a small entity,
 * "2 reclamos about información in March, by the physical book" can point at two people.
 *
 * The rules:
 * 1. A count from 1 to 4 is not published (`menor_a_5`); 0 is (nothing to single out).
 * 2. A percentage, mean or median computed over fewer than 5 cases is not published (`base_menor_a_5`).
 * 3. In a breakdown whose cells add up to a published total (months of a period, aspects, channels), the hidden
 *    cells must not be recoverable by subtraction: while a group holds a single hidden cell, or its hidden cells
 *    add up to less than 5 (1 + 1 = 2 would give both away), the smallest published non-zero cell of that group
 *    is hidden too (`complementaria`). A table with several groups over its cells (rows and columns) is
 *    repeated until no group changes.
 *
 * Left to the threshold on purpose: a percentage over 5 or more cases is published, although its complement
 * (the answers notified late) may be a small number; the rule protects counts, the base rule the rates.
 */

/** The smallest count published. */
export const UMBRAL_PUBLICACION = 5;

/** Why a value is not published. */
export type MotivoReserva = 'menor_a_5' | 'base_menor_a_5' | 'complementaria';

/** Each reason in the words of the pages' legend and the schema page, with the mark the pages show. */
export const MOTIVOS_RESERVA: Readonly<Record<MotivoReserva, { readonly marca: string; readonly texto: string }>> = {
  menor_a_5: { marca: '<5', texto: 'entre 1 y 4 casos: no se publica el número para que nadie pueda ser identificado' },
  base_menor_a_5: { marca: '<5', texto: 'porcentaje, promedio o mediana calculado sobre menos de 5 casos: no se publica' },
  complementaria: { marca: 'reservado', texto: 'se oculta para que otra cifra reservada no pueda deducirse restando de un total publicado' },
};

/** A published value: the number, or null with the reason (null without reason: nothing to compute, e.g. no answers). */
export interface Celda {
  readonly valor: number | null;
  readonly reserva: MotivoReserva | null;
}

const publicada = (valor: number | null): Celda => ({ valor, reserva: null });

/** Rule 1: a count on its own. */
export function conteo(n: number): Celda {
  return n >= 1 && n < UMBRAL_PUBLICACION ? { valor: null, reserva: 'menor_a_5' } : publicada(n);
}

/** Rule 2: a percentage, mean or median over `base` cases (its denominator). */
export function sobreBase(valor: number | null, base: number): Celda {
  if (base >= 1 && base < UMBRAL_PUBLICACION) return { valor: null, reserva: 'base_menor_a_5' };
  return publicada(valor);
}

/**
 * Rule 2 for a share of two counts that are published themselves (on time / notified): hidden over fewer than 5
 * cases, and also when either count is hidden (`complementaria`), since the share and the other count would give
 * it back (10 notified at 30 % on time is 3).
 */
export function porcentajeDe(valor: number | null, base: number, parte: Celda, total: Celda): Celda {
  const porBase = sobreBase(valor, base);
  if (porBase.reserva !== null || valor === null) return porBase;
  return parte.reserva !== null || total.reserva !== null ? { valor: null, reserva: 'complementaria' } : porBase;
}

/**
 * Rules 1 and 3 over a table of counts: `grupos` lists, for each published total, the indexes of the cells that
 * add up to it (a breakdown is one group of every cell). Returns one cell per value, in order.
 */
export function reservarTabla(valores: readonly number[], grupos: ReadonlyArray<readonly number[]>): Celda[] {
  const motivo: Array<MotivoReserva | null> = valores.map((n) => (n >= 1 && n < UMBRAL_PUBLICACION ? 'menor_a_5' : null));
  let cambio = true;
  while (cambio) {
    cambio = false;
    for (const grupo of grupos) {
      const ocultas = grupo.filter((i) => motivo[i] !== null);
      if (ocultas.length === 0) continue;
      const suma = ocultas.reduce((s, i) => s + valores[i], 0);
      if (ocultas.length > 1 && suma >= UMBRAL_PUBLICACION) continue;
      // The next-smallest cell still shown; ties go to the first, so the result does not depend on chance.
      let siguiente = -1;
      for (const i of grupo) {
        if (motivo[i] === null && valores[i] > 0 && (siguiente === -1 || valores[i] < valores[siguiente])) siguiente = i;
      }
      // None: every other cell is 0, so the group's total is itself under 5 and hidden where it is published.
      if (siguiente === -1) continue;
      motivo[siguiente] = 'complementaria';
      cambio = true;
    }
  }
  return valores.map((n, i) => (motivo[i] === null ? publicada(n) : { valor: null, reserva: motivo[i] }));
}

/** A cross-tabulation under the rule: its inner cells, the rows' and columns' totals and the grand total. */
export interface CruceReservado {
  readonly celdas: Celda[][];
  readonly filas: Celda[];
  readonly columnas: Celda[];
  readonly total: Celda;
}

/**
 * Rules 1 and 3 over a two-way table published with its margins (aspecto × canal: the open-data file gives the inner
 * cells, the pages the aspects' and channels' totals): every cell, margins included, is a cell of the equations
 * "a row's total = its cells", "a column's total = its cells", "the total = the rows' totals = the columns' totals",
 * so whatever any of those publications hides stays hidden in all of them, and both read the same numbers the
 * same way.
 */
export function reservarCruce(interior: ReadonlyArray<readonly number[]>): CruceReservado {
  const nf = interior.length;
  const nc = nf === 0 ? 0 : interior[0].length;
  const valores: number[] = [];
  const celda = (f: number, c: number) => f * nc + c;
  for (const fila of interior) valores.push(...fila);
  const fila0 = valores.length;
  interior.forEach((fila) => valores.push(fila.reduce((a, b) => a + b, 0)));
  const columna0 = valores.length;
  for (let c = 0; c < nc; c += 1) valores.push(interior.reduce((a, fila) => a + fila[c], 0));
  const total = valores.length;
  valores.push(interior.reduce((a, fila) => a + fila.reduce((x, y) => x + y, 0), 0));
  const rango = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
  const grupos = [
    ...rango(nf, (f) => f).map((f) => [...rango(nc, (c) => celda(f, c)), fila0 + f]),
    ...rango(nc, (c) => c).map((c) => [...rango(nf, (f) => celda(f, c)), columna0 + c]),
    [...rango(nf, (f) => fila0 + f), total],
    [...rango(nc, (c) => columna0 + c), total],
  ];
  const r = reservarTabla(valores, grupos);
  return {
    celdas: rango(nf, (f) => rango(nc, (c) => r[celda(f, c)])),
    filas: rango(nf, (f) => r[fila0 + f]),
    columnas: rango(nc, (c) => r[columna0 + c]),
    total: r[total],
  };
}

/** Rules 1 and 3 over one breakdown: cells that add up to a published total. */
export function reservarDesglose(valores: readonly number[]): Celda[] {
  return reservarTabla(valores, [valores.map((_, i) => i)]);
}

/**
 * An object of published values and the reasons of those withheld, as the JSON gives them:
 * `{ recibidos: null, notificados: 12, reservas: { recibidos: 'menor_a_5' } }`.
 */
export function publicar<K extends string>(celdas: Record<K, Celda>): Record<K, number | null> & { reservas: Partial<Record<K, MotivoReserva>> } {
  const valores = {} as Record<K, number | null>;
  const reservas: Partial<Record<K, MotivoReserva>> = {};
  for (const k of Object.keys(celdas) as K[]) {
    valores[k] = celdas[k].valor;
    const r = celdas[k].reserva;
    if (r !== null) reservas[k] = r;
  }
  return { ...valores, reservas };
}
