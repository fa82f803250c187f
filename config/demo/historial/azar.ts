/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same history, so a demo can be
 * reproduced and a test can count on its shape. Not for anything secret.
 */
export class Azar {
  private estado: number;

  constructor(semilla: number) {
    this.estado = semilla >>> 0;
  }

  /** A number in [0, 1). */
  numero(): number {
    this.estado = (this.estado + 0x6d2b79f5) >>> 0;
    let t = this.estado;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max], both included. */
  entero(min: number, max: number): number {
    return min + Math.floor(this.numero() * (max - min + 1));
  }

  probabilidad(p: number): boolean {
    return this.numero() < p;
  }

  elegir<T>(lista: readonly T[]): T {
    return lista[Math.floor(this.numero() * lista.length)];
  }

  /** One of the items, each as likely as its weight. */
  ponderado<T>(pares: ReadonlyArray<readonly [T, number]>): T {
    const total = pares.reduce((s, [, p]) => s + p, 0);
    let r = this.numero() * total;
    for (const [valor, peso] of pares) {
      r -= peso;
      if (r < 0) return valor;
    }
    return pares[pares.length - 1][0];
  }

  /** An index of `pesos`, by cumulative weights (binary search: for the thousands of days a history draws). */
  indicePonderado(acumulados: readonly number[]): number {
    const r = this.numero() * acumulados[acumulados.length - 1];
    let [lo, hi] = [0, acumulados.length - 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (acumulados[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** A triangular draw on [min, max] peaking at `moda` (durations: most near the mode, a tail either side). */
  triangular(min: number, moda: number, max: number): number {
    const u = this.numero();
    const c = (moda - min) / (max - min);
    return u < c ? min + Math.sqrt(u * (max - min) * (moda - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - moda));
  }
}

/** A stable 32-bit seed from a text (an entity's code), so each entity's history does not depend on the others'. */
export function semillaDe(texto: string, base = 0): number {
  let h = (2_166_136_261 ^ base) >>> 0;
  for (const c of texto) h = Math.imul(h ^ c.charCodeAt(0), 16_777_619) >>> 0;
  return h;
}
