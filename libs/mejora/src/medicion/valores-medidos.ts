import { EntityManager } from 'typeorm';
import { Aspecto } from '@app/domain';
import { Fuente } from '../reglas/accion-mejora';
import { Periodo } from '../reglas/periodos';

/**
 * The actual value of a platform-measured series for each period, or null where nothing was
 * measured (no survey answered, no answer notified).
 *
 * STAND-IN: these are small direct queries over reclamo, reclamo.notificado_el and encuesta, one
 * per indicator shown. When the entity figures (libs/medicion: rollups per entity × Lima day, on
 * branch `cifras`) are merged, this one function is replaced by a call to that figures use case
 * with the same periods; nothing else in this lib reads those tables. The definitions match the
 * domain README's figures: received = reclamos registered in the period (Lima date) that were not
 * annulled (duplicates or tests); on time = notified in the period on or before its due date, over
 * all notified in the period; satisfaction = mean overall rating of the surveys answered in the period.
 */
export async function valoresMedidos(manager: EntityManager, entidadId: string, fuente: Fuente, lista: Periodo[]): Promise<Array<number | null>> {
  if (lista.length === 0) return [];
  const desde = lista.map((p) => p.desde);
  const hasta = lista.map((p) => p.hasta);
  const consulta = consultaDe(fuente);
  const rows: Array<{ i: number; valor: string | null }> = await manager.query(
    `SELECT p.i::int AS i, (${consulta.sql}) AS valor
       FROM unnest($2::date[], $3::date[]) WITH ORDINALITY AS p(desde, hasta, i)`,
    [entidadId, desde, hasta, ...consulta.params],
  );
  const out: Array<number | null> = lista.map(() => null);
  for (const r of rows) out[r.i - 1] = r.valor === null ? null : Number(r.valor);
  return out;
}

function consultaDe(fuente: Fuente): { sql: string; params: unknown[] } {
  if (fuente === 'reclamos_recibidos') {
    return {
      sql: `SELECT count(*) FROM reclamo r WHERE r.entidad_id = $1 AND r.fecha_registro_lima BETWEEN p.desde AND p.hasta AND r.estado <> 'anulado'`,
      params: [],
    };
  }
  if (fuente === 'porcentaje_notificado_en_plazo') {
    return {
      sql: `SELECT round(100.0 * count(*) FILTER (WHERE r.notificado_el <= r.vence_el) / nullif(count(*), 0), 2)
              FROM reclamo r WHERE r.entidad_id = $1 AND r.notificado_el BETWEEN p.desde AND p.hasta`,
      params: [],
    };
  }
  if (fuente === 'satisfaccion_general') {
    return {
      sql: `SELECT round(avg(e.satisfaccion_general), 2) FROM encuesta e
             WHERE e.entidad_id = $1 AND (e.respondida_en AT TIME ZONE 'America/Lima')::date BETWEEN p.desde AND p.hasta`,
      params: [],
    };
  }
  const aspecto = fuente.slice('reclamos_por_aspecto:'.length) as Aspecto;
  return {
    sql: `SELECT count(*) FROM reclamo r WHERE r.entidad_id = $1 AND r.fecha_registro_lima BETWEEN p.desde AND p.hasta AND r.estado <> 'anulado' AND r.aspecto = $4`,
    params: [aspecto],
  };
}
