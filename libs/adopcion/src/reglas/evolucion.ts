import { daysInMonth, IsoDate } from '@app/calendar';

/** Cumulative entities implementado at the end of a month (or today, for the current month). */
export interface PuntoEvolucion {
  /** AAAA-MM */
  readonly mes: string;
  /** The Lima date counted up to: the month's last day, or today in the current month. */
  readonly corte: IsoDate;
  readonly implementados: number;
  /** Of the tramo's entities today, one decimal. */
  readonly pct: number | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The cumulative count of implementado entities month by month, from `desde`'s month to today's. Each
 * entity counts from the day it reached its last step (`implementadoEl`); the denominator is the
 * tramo's entities today (an entity moved to another tramo since is counted in its new one).
 */
export function evolucionDeAdopcion(implementadoEl: ReadonlyArray<IsoDate | null>, total: number, desde: IsoDate, hoy: IsoDate): PuntoEvolucion[] {
  const fechas = implementadoEl.filter((f): f is IsoDate => f !== null).sort();
  const puntos: PuntoEvolucion[] = [];
  let [anio, mes] = [Number(desde.slice(0, 4)), Number(desde.slice(5, 7))];
  const ultimo = hoy.slice(0, 7);
  let i = 0;
  while (`${anio}-${pad(mes)}` <= ultimo) {
    const fin = `${anio}-${pad(mes)}-${pad(daysInMonth(anio, mes))}`;
    const corte = fin < hoy ? fin : hoy;
    while (i < fechas.length && fechas[i] <= corte) i += 1;
    puntos.push({ mes: `${anio}-${pad(mes)}`, corte, implementados: i, pct: total === 0 ? null : Math.round((i * 1000) / total) / 10 });
    [anio, mes] = mes === 12 ? [anio + 1, 1] : [anio, mes + 1];
  }
  return puntos;
}

/** How many were implementado by a date (the tramo's deadline), counting each from its `implementadoEl`. */
export function implementadosAl(implementadoEl: ReadonlyArray<IsoDate | null>, fecha: IsoDate): number {
  return implementadoEl.filter((f) => f !== null && f <= fecha).length;
}
