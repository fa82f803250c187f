import { FiltrosCifras } from './cifras';

/**
 * The filters as SQL conditions over a table with the rollup's dimension columns (`cifra_diaria`, or
 * `reclamo` itself), each ` AND <alias>.<column> = $n` with its parameter numbered from $4 on (the
 * callers' $1…$3 are the entity and the period). Column names come from this list, never from input.
 */
export function condiciones(filtros: FiltrosCifras, alias: string): { sql: string; params: unknown[] } {
  const pares: Array<[string, string | undefined]> = [
    ['canal', filtros.canal],
    ['aspecto', filtros.aspecto],
    ['sede_id', filtros.sedeId],
    ['unidad_id', filtros.unidadId],
    ['servicio_id', filtros.servicioId],
    ['tema_id', filtros.temaId],
  ];
  const params: unknown[] = [];
  const sql = pares
    .filter((p): p is [string, string] => p[1] !== undefined)
    .map(([columna, valor]) => {
      params.push(valor);
      return ` AND ${alias}.${columna} = $${params.length + 3}`;
    })
    .join('');
  return { sql, params };
}
