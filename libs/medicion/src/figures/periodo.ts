import { addDays, daysInMonth, IsoDate, isIsoDate } from '@app/calendar';
import { ValidationFailedError } from '@app/domain';

/** A period of figures: Lima dates, both included. */
export interface Periodo {
  readonly desde: IsoDate;
  readonly hasta: IsoDate;
}

export type TipoPeriodo = 'mes' | 'trimestre' | 'anio' | 'rango';

const MAX_DIAS = 5 * 366 + 1;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function finDeMes(anio: number, mes: number): IsoDate {
  return `${anio}-${pad(mes)}-${pad(daysInMonth(anio, mes))}`;
}

/**
 * The Lima dates a period covers: a month (`2026-03`), a quarter (`2026-T1`), a year (`2026`) or a range
 * of dates (`desde`, `hasta`). Anything else is a validation error naming the field.
 */
export function resolverPeriodo(tipo: TipoPeriodo, valor: { periodo?: string; desde?: string; hasta?: string }): Periodo {
  const malo = (campo: string, mensaje: string): never => {
    throw new ValidationFailedError([{ campo, mensaje }]);
  };
  const p = valor.periodo ?? '';
  switch (tipo) {
    case 'mes': {
      const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(p);
      if (!m) return malo('periodo', 'indique el mes como AAAA-MM');
      return { desde: `${m[1]}-${m[2]}-01`, hasta: finDeMes(Number(m[1]), Number(m[2])) };
    }
    case 'trimestre': {
      const m = /^(\d{4})-T([1-4])$/.exec(p);
      if (!m) return malo('periodo', 'indique el trimestre como AAAA-T1 … AAAA-T4');
      const primero = (Number(m[2]) - 1) * 3 + 1;
      return { desde: `${m[1]}-${pad(primero)}-01`, hasta: finDeMes(Number(m[1]), primero + 2) };
    }
    case 'anio': {
      if (!/^\d{4}$/.test(p)) return malo('periodo', 'indique el año como AAAA');
      return { desde: `${p}-01-01`, hasta: `${p}-12-31` };
    }
    case 'rango': {
      if (!isIsoDate(valor.desde)) return malo('desde', 'indique la fecha inicial como AAAA-MM-DD');
      if (!isIsoDate(valor.hasta)) return malo('hasta', 'indique la fecha final como AAAA-MM-DD');
      const desde = valor.desde;
      const hasta = valor.hasta;
      if (hasta < desde) return malo('hasta', 'la fecha final no puede ser anterior a la inicial');
      if (addDays(desde, MAX_DIAS) < hasta) return malo('hasta', 'el rango no puede pasar de cinco años');
      return { desde, hasta };
    }
  }
}

/** The first day of each month the period touches, in order. */
export function mesesDe(periodo: Periodo): IsoDate[] {
  const meses: IsoDate[] = [];
  let [anio, mes] = [Number(periodo.desde.slice(0, 4)), Number(periodo.desde.slice(5, 7))];
  while (`${anio}-${pad(mes)}-01` <= periodo.hasta) {
    meses.push(`${anio}-${pad(mes)}-01`);
    [anio, mes] = mes === 12 ? [anio + 1, 1] : [anio, mes + 1];
  }
  return meses;
}

/**
 * Splits a period into the whole months inside it and the loose days at its edges, so national figures
 * read whole months from the monthly rollup and only the edges from the daily one.
 */
export function partirEnMeses(periodo: Periodo): { mesesCompletos: IsoDate[]; bordes: Periodo[] } {
  const mesesCompletos: IsoDate[] = [];
  const bordes: Periodo[] = [];
  for (const mes of mesesDe(periodo)) {
    const fin = finDeMes(Number(mes.slice(0, 4)), Number(mes.slice(5, 7)));
    const desde = mes < periodo.desde ? periodo.desde : mes;
    const hasta = fin > periodo.hasta ? periodo.hasta : fin;
    if (desde === mes && hasta === fin) mesesCompletos.push(mes);
    else bordes.push({ desde, hasta });
  }
  return { mesesCompletos, bordes };
}

/** The median of values counted in a histogram (index = business days; the last bucket is "that many or more"). */
export function medianaDeHistograma(histograma: readonly number[]): number | null {
  const total = histograma.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const valorEn = (posicion: number): number => {
    let acumulado = 0;
    for (let i = 0; i < histograma.length; i += 1) {
      acumulado += histograma[i];
      if (acumulado > posicion) return i;
    }
    return histograma.length - 1;
  };
  return total % 2 === 1 ? valorEn((total - 1) / 2) : (valorEn(total / 2 - 1) + valorEn(total / 2)) / 2;
}

/** A share as a percentage with one decimal, or null when there is nothing to divide. */
export function porcentaje(parte: number, total: number): number | null {
  return total === 0 ? null : Math.round((parte * 1000) / total) / 10;
}
