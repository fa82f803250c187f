import { daysInMonth, IsoDate, isIsoDate } from '@app/calendar';
import { FieldError, ValidationFailedError } from '@app/domain';
import { mesesDe, Periodo } from '../figures/periodo';

/** The longest public period: three years of months (a chart of 36 months still reads on a phone). */
export const MAX_MESES_PUBLICOS = 36;

function finDeMes(mes: IsoDate): IsoDate {
  return `${mes.slice(0, 7)}-${String(daysInMonth(Number(mes.slice(0, 4)), Number(mes.slice(5, 7)))).padStart(2, '0')}`;
}

/** The first day of the month `n` months before `fecha`'s. */
function mesesAntes(fecha: IsoDate, n: number): IsoDate {
  const indice = Number(fecha.slice(0, 4)) * 12 + Number(fecha.slice(5, 7)) - 1 - n;
  return `${Math.floor(indice / 12)}-${String((indice % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * The period of the public figures and what the query may ask, Lima dates both included:
 * - whole months only (`desde` the 1st, `hasta` the last day of its month): public figures are published by month,
 *   so no one can subtract two ranges a day apart and read one day's cases, and the country's figures come whole
 *   from the monthly rollups;
 * - closed months only (`hasta` at most the last day of the month before `hoy`'s): a month is published once it is
 *   over, as statistics are, so its figures do not change under the reader day by day;
 * - at most `MAX_MESES_PUBLICOS` months; by default the last 12 closed months.
 * Anything else is a validation error (422) naming the field, in Spanish.
 */
export function resolverPeriodoPublico(consulta: { desde?: string; hasta?: string }, hoy: IsoDate): Periodo {
  const ultimoMes = mesesAntes(hoy, 1);
  const ultimoDia = finDeMes(ultimoMes);
  const errores: FieldError[] = [];
  const { desde, hasta } = consulta;
  if (desde !== undefined) {
    if (!isIsoDate(desde)) errores.push({ campo: 'desde', mensaje: 'indique la fecha como AAAA-MM-DD' });
    else if (!desde.endsWith('-01')) errores.push({ campo: 'desde', mensaje: 'las cifras públicas van por meses completos: indique el primer día de un mes (AAAA-MM-01)' });
  }
  if (hasta !== undefined) {
    if (!isIsoDate(hasta)) errores.push({ campo: 'hasta', mensaje: 'indique la fecha como AAAA-MM-DD' });
    else if (hasta !== finDeMes(hasta)) errores.push({ campo: 'hasta', mensaje: 'las cifras públicas van por meses completos: indique el último día de un mes' });
    else if (hasta > ultimoDia) errores.push({ campo: 'hasta', mensaje: `se publican solo meses cerrados: indique a lo más ${ultimoDia}` });
  }
  if (errores.length > 0) throw new ValidationFailedError(errores);
  const fin = hasta ?? ultimoDia;
  const inicio = desde ?? mesesAntes(fin, 11);
  const periodo = { desde: inicio, hasta: fin };
  if (fin < inicio) throw new ValidationFailedError([{ campo: 'hasta', mensaje: 'la fecha final no puede ser anterior a la inicial' }]);
  if (mesesDe(periodo).length > MAX_MESES_PUBLICOS) {
    throw new ValidationFailedError([{ campo: 'desde', mensaje: `el periodo puede abarcar a lo más ${MAX_MESES_PUBLICOS} meses` }]);
  }
  return periodo;
}
