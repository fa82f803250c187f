import { IsoDate } from '@app/calendar';
import { ValidationFailedError } from '@app/domain';
import { Periodo, resolverPeriodo } from '@app/medicion';

/** A period of the console's figures as it is written in the address: a year, a quarter or a month. */
export interface PeriodoConsola extends Periodo {
  /** As given (or the default): "2026", "2026-T2" or "2026-05". */
  readonly clave: string;
}

const MESES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'setiembre', 'octubre', 'noviembre', 'diciembre'];

/**
 * `periodo=` of the console (ranking, an entity's figures): `AAAA` (a year), `AAAA-T1`…`AAAA-T4` (a
 * quarter) or `AAAA-MM` (a month); Lima dates, whole months, so the figures come from the monthly
 * rollups. Absent: the current year (Lima). Anything else is a 422 naming `periodo`.
 */
export function periodoDeConsola(valor: string | undefined, hoy: IsoDate): PeriodoConsola {
  const clave = (valor ?? '').trim() || hoy.slice(0, 4);
  if (/^\d{4}$/.test(clave)) return { clave, ...resolverPeriodo('anio', { periodo: clave }) };
  if (/^\d{4}-T\d$/.test(clave)) return { clave, ...resolverPeriodo('trimestre', { periodo: clave }) };
  if (/^\d{4}-\d{2}$/.test(clave)) return { clave, ...resolverPeriodo('mes', { periodo: clave }) };
  throw new ValidationFailedError([{ campo: 'periodo', mensaje: 'indique el periodo como un año (2026), un trimestre (2026-T1) o un mes (2026-03)' }]);
}

/** "el año 2026", "el 2.º trimestre de 2026", "mayo de 2026". */
export function etiquetaDePeriodo(p: PeriodoConsola): string {
  const anio = p.clave.slice(0, 4);
  if (p.clave.length === 4) return `el año ${anio}`;
  if (p.clave[5] === 'T') return `el ${p.clave[6]}.º trimestre de ${anio}`;
  return `${MESES[Number(p.clave.slice(5, 7)) - 1]} de ${anio}`;
}
