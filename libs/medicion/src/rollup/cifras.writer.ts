import { EntityManager } from 'typeorm';
import { BusinessCalendar, LIMA_TIME_ZONE } from '@app/calendar';
import { EstadoReclamo } from '@app/domain';
import { scopeOfEntidad } from '@app/plazos';
import { columnasDeContadores, CONTADORES, DIMENSIONES, HISTOGRAMA_CUBETAS, sumasDeContadores } from './contadores';
import { diasANotificacion } from './dias-a-notificacion';

/** One entity's Lima day whose rollup rows are recomputed whole. */
export interface DiaDeEntidad {
  readonly entidadId: string;
  readonly dia: string;
}

const DIMS = DIMENSIONES.join(', ');
const DIMS_R = DIMENSIONES.map((d) => `r.${d}`).join(', ');
const LIMA = `'${LIMA_TIME_ZONE}'`;
const E = EstadoReclamo;

/**
 * Everything that happened on each target day, one row per fact, with the reclamo's current dimensions:
 * registrations, notifications (their business days and on-time flags computed by the caller), the state
 * moves the figures count, and surveys. Grouped and summed into `cifra_diaria`.
 */
const RECOMPUTE_SQL = `
WITH objetivo AS (
  SELECT DISTINCT o.entidad_id, o.dia FROM unnest($1::uuid[], $2::date[]) AS o(entidad_id, dia)
), notificacion AS (
  SELECT * FROM unnest($3::uuid[], $4::smallint[], $5::boolean[], $6::boolean[]) AS n(reclamo_id, dias, legal, meta)
), hechos AS (
  SELECT r.entidad_id, r.fecha_registro_lima AS dia, ${DIMS_R}, NULL::smallint AS dias, ${columnasDeContadores({ recibidos: '1' })}
    FROM objetivo o JOIN reclamo r ON r.entidad_id = o.entidad_id AND r.fecha_registro_lima = o.dia
  UNION ALL
  SELECT r.entidad_id, r.notificado_el, ${DIMS_R}, n.dias, ${columnasDeContadores({
    notificados: '1',
    notificados_en_plazo_legal: 'n.legal::int',
    notificados_en_meta: 'n.meta::int',
    dias_habiles_suma: 'n.dias',
  })}
    FROM notificacion n JOIN reclamo r ON r.id = n.reclamo_id
  UNION ALL
  SELECT r.entidad_id, o.dia, ${DIMS_R}, NULL, ${columnasDeContadores({
    reconducidos: `(e.estado_nuevo = '${E.RECONDUCIDO}')::int`,
    trasladados: `(e.estado_nuevo = '${E.TRASLADADO}')::int`,
    anulados: `(e.estado_nuevo = '${E.ANULADO}')::int`,
    subsanaciones_pedidas: `(e.estado_nuevo = '${E.OBSERVADO}')::int`,
    subsanaciones_respondidas: `(e.estado_anterior = '${E.OBSERVADO}' AND e.estado_nuevo = '${E.EN_ATENCION}')::int`,
    subsanaciones_vencidas: `(e.estado_anterior = '${E.OBSERVADO}' AND e.estado_nuevo = '${E.ARCHIVADO}')::int`,
  })}
    FROM objetivo o
    JOIN reclamo_evento e ON e.entidad_id = o.entidad_id AND e.tipo = 'cambio_estado'
     AND e.ocurrido_en >= (o.dia::timestamp AT TIME ZONE ${LIMA}) AND e.ocurrido_en < ((o.dia + 1)::timestamp AT TIME ZONE ${LIMA})
     AND (e.estado_nuevo IN ('${E.RECONDUCIDO}', '${E.TRASLADADO}', '${E.ANULADO}', '${E.OBSERVADO}') OR e.estado_anterior = '${E.OBSERVADO}')
    JOIN reclamo r ON r.id = e.reclamo_id
  UNION ALL
  SELECT r.entidad_id, o.dia, ${DIMS_R}, NULL, ${columnasDeContadores({
    encuestas: '1',
    satisfaccion_suma: 's.satisfaccion_general',
    rapidez_suma: 's.rapidez',
    claridad_suma: 's.claridad',
    trato_suma: 's.trato',
    resueltos: `(s.resuelto = 'si')::int`,
    resueltos_en_parte: `(s.resuelto = 'en_parte')::int`,
  })}
    FROM objetivo o
    JOIN encuesta s ON s.entidad_id = o.entidad_id
     AND s.respondida_en >= (o.dia::timestamp AT TIME ZONE ${LIMA}) AND s.respondida_en < ((o.dia + 1)::timestamp AT TIME ZONE ${LIMA})
    JOIN reclamo r ON r.id = s.reclamo_id
)
INSERT INTO cifra_diaria (entidad_id, dia, ${DIMS}, ${CONTADORES.join(', ')}, dias_habiles)
SELECT entidad_id, dia, ${DIMS}, ${sumasDeContadores()},
       coalesce(array_agg(dias ORDER BY dias) FILTER (WHERE dias IS NOT NULL), '{}')
  FROM hechos
 GROUP BY entidad_id, dia, ${DIMS}`;

/** The months of the target days, summed again from their daily rows, with the histogram of business days. */
const MENSUAL_SQL = `
WITH meses AS (
  SELECT DISTINCT o.entidad_id, date_trunc('month', o.dia)::date AS mes FROM unnest($1::uuid[], $2::date[]) AS o(entidad_id, dia)
), diarias AS (
  SELECT o.mes, c.* FROM meses o
    JOIN cifra_diaria c ON c.entidad_id = o.entidad_id AND c.dia >= o.mes AND c.dia < (o.mes + interval '1 month')
), sumas AS (
  SELECT entidad_id, mes, ${sumasDeContadores()} FROM diarias GROUP BY entidad_id, mes
), cubetas AS (
  SELECT d.entidad_id, d.mes, least(v, ${HISTOGRAMA_CUBETAS - 1}) AS cubeta, count(*)::int AS n
    FROM diarias d CROSS JOIN LATERAL unnest(d.dias_habiles) AS v GROUP BY 1, 2, 3
), histogramas AS (
  -- Every bucket of every month, joined by hash (a correlated lookup per month was quadratic).
  SELECT s.entidad_id, s.mes, array_agg(coalesce(k.n, 0) ORDER BY b) AS histograma
    FROM sumas s CROSS JOIN generate_series(0, ${HISTOGRAMA_CUBETAS - 1}) AS b
    LEFT JOIN cubetas k ON k.entidad_id = s.entidad_id AND k.mes = s.mes AND k.cubeta = b
   GROUP BY s.entidad_id, s.mes
)
INSERT INTO cifra_mensual (entidad_id, mes, ${CONTADORES.join(', ')}, histograma_dias)
SELECT s.entidad_id, s.mes, ${CONTADORES.map((c) => `s.${c}`).join(', ')}, h.histograma
  FROM sumas s JOIN histogramas h ON h.entidad_id = s.entidad_id AND h.mes = s.mes`;

/**
 * The months of the target days by canal and aspecto (the public figures' and the open-data file's grain), summed
 * again from their daily rows, with every notification's business days so a median per row is exact.
 */
const MENSUAL_DESGLOSE_SQL = `
WITH meses AS (
  SELECT DISTINCT o.entidad_id, date_trunc('month', o.dia)::date AS mes FROM unnest($1::uuid[], $2::date[]) AS o(entidad_id, dia)
), diarias AS (
  SELECT o.mes, c.* FROM meses o
    JOIN cifra_diaria c ON c.entidad_id = o.entidad_id AND c.dia >= o.mes AND c.dia < (o.mes + interval '1 month')
), sumas AS (
  SELECT entidad_id, mes, canal, aspecto, ${sumasDeContadores()} FROM diarias GROUP BY entidad_id, mes, canal, aspecto
), dias AS (
  SELECT d.entidad_id, d.mes, d.canal, d.aspecto, array_agg(v ORDER BY v) AS dias
    FROM diarias d CROSS JOIN LATERAL unnest(d.dias_habiles) AS v GROUP BY 1, 2, 3, 4
)
INSERT INTO cifra_mensual_desglose (entidad_id, mes, canal, aspecto, ${CONTADORES.join(', ')}, dias_habiles)
SELECT s.entidad_id, s.mes, s.canal, s.aspecto, ${CONTADORES.map((c) => `s.${c}`).join(', ')}, coalesce(d.dias, '{}')
  FROM sumas s LEFT JOIN dias d ON d.entidad_id = s.entidad_id AND d.mes = s.mes AND d.canal = s.canal AND d.aspecto = s.aspecto`;

/** The country's months by canal and aspecto, summed again from every entity's rows of those months. */
const NACIONAL_DESGLOSE_SQL = `
INSERT INTO cifra_nacional_mensual_desglose (mes, canal, aspecto, ${CONTADORES.join(', ')})
SELECT m.mes, m.canal, m.aspecto, ${CONTADORES.map((c) => `sum(m.${c})`).join(', ')}
  FROM cifra_mensual_desglose m
 WHERE m.mes IN (SELECT DISTINCT date_trunc('month', d)::date FROM unnest($1::date[]) AS d)
 GROUP BY m.mes, m.canal, m.aspecto`;

/** The country's months of the target days, summed again from every entity's month. */
const NACIONAL_SQL = `
WITH meses AS (
  SELECT DISTINCT date_trunc('month', d)::date AS mes FROM unnest($1::date[]) AS d
)
INSERT INTO cifra_nacional_mensual (mes, ${CONTADORES.join(', ')}, histograma_dias)
SELECT o.mes, ${CONTADORES.map((c) => `sum(m.${c})`).join(', ')},
       (SELECT array_agg(t ORDER BY i) FROM (
          SELECT i, sum(v)::int AS t FROM cifra_mensual m2 CROSS JOIN LATERAL unnest(m2.histograma_dias) WITH ORDINALITY AS u(v, i)
           WHERE m2.mes = o.mes GROUP BY i) h)
  FROM meses o JOIN cifra_mensual m ON m.mes = o.mes
 GROUP BY o.mes`;

/**
 * Recomputes whole the rollup rows of these entity-days (and of their months) from the case tables:
 * whatever they held is replaced by what the tables say now, so running it twice, or over a day
 * already counted, changes nothing. The only writer of `cifra_diaria`, `cifra_mensual` and
 * `cifra_mensual_desglose` (and, through `recomputarMesesNacionales`, of the country's months); call it
 * inside a transaction that holds `medicion_progreso`'s row lock, so two recomputes never interleave.
 */
export async function recomputarDias(
  manager: EntityManager,
  calendar: BusinessCalendar,
  dias: readonly DiaDeEntidad[],
  opciones: { nacional: boolean } = { nacional: true },
): Promise<void> {
  if (dias.length === 0) return;
  const entidades = dias.map((d) => d.entidadId);
  const fechas = dias.map((d) => d.dia);
  const notificados: Array<{
    id: string;
    codigo: string;
    ubigeo: string;
    fechaRegistro: string;
    notificadoEl: string;
    plazo: number;
    diasPausados: number;
  }> = await manager.query(
    `SELECT r.id, e.codigo, e.ubigeo, r.fecha_registro_lima::text AS "fechaRegistro", r.notificado_el::text AS "notificadoEl",
            r.plazo_dias_habiles AS plazo, r.dias_pausados AS "diasPausados"
       FROM (SELECT DISTINCT * FROM unnest($1::uuid[], $2::date[]) AS o(entidad_id, dia)) o
       JOIN reclamo r ON r.entidad_id = o.entidad_id AND r.notificado_el = o.dia
       JOIN entidad e ON e.id = r.entidad_id`,
    [entidades, fechas],
  );
  const ids: string[] = [];
  const diasHabiles: number[] = [];
  const legal: boolean[] = [];
  const meta: boolean[] = [];
  for (const r of notificados) {
    const cuenta = diasANotificacion(calendar, scopeOfEntidad(r), r);
    ids.push(r.id);
    diasHabiles.push(Math.min(cuenta.dias, 32_767));
    legal.push(cuenta.enPlazoLegal);
    meta.push(cuenta.enMeta);
  }
  await manager.query(
    `DELETE FROM cifra_diaria c USING unnest($1::uuid[], $2::date[]) AS o(entidad_id, dia) WHERE c.entidad_id = o.entidad_id AND c.dia = o.dia`,
    [entidades, fechas],
  );
  await manager.query(RECOMPUTE_SQL, [entidades, fechas, ids, diasHabiles, legal, meta]);
  await manager.query(
    `DELETE FROM cifra_mensual m USING unnest($1::uuid[], $2::date[]) AS o(entidad_id, dia)
      WHERE m.entidad_id = o.entidad_id AND m.mes = date_trunc('month', o.dia)::date`,
    [entidades, fechas],
  );
  await manager.query(MENSUAL_SQL, [entidades, fechas]);
  await manager.query(
    `DELETE FROM cifra_mensual_desglose m USING unnest($1::uuid[], $2::date[]) AS o(entidad_id, dia)
      WHERE m.entidad_id = o.entidad_id AND m.mes = date_trunc('month', o.dia)::date`,
    [entidades, fechas],
  );
  await manager.query(MENSUAL_DESGLOSE_SQL, [entidades, fechas]);
  if (opciones.nacional) await recomputarMesesNacionales(manager, fechas);
}

/** The country's months of these dates (or every month there is), summed again from the entities' months. */
export async function recomputarMesesNacionales(manager: EntityManager, fechas?: readonly string[]): Promise<void> {
  const meses: readonly string[] = fechas ?? (await manager.query<Array<{ mes: string }>>(`SELECT DISTINCT mes::text AS mes FROM cifra_mensual`)).map((m) => m.mes);
  await manager.query(`DELETE FROM cifra_nacional_mensual WHERE mes IN (SELECT date_trunc('month', d)::date FROM unnest($1::date[]) AS d)`, [meses]);
  await manager.query(NACIONAL_SQL, [meses]);
  await manager.query(
    `DELETE FROM cifra_nacional_mensual_desglose WHERE mes IN (SELECT date_trunc('month', d)::date FROM unnest($1::date[]) AS d)`,
    [meses],
  );
  await manager.query(NACIONAL_DESGLOSE_SQL, [meses]);
}

/**
 * The entity-days a set of events and surveys touches: the Lima day each happened; a filing's registration
 * date (a physical sheet's may be earlier than its transcription) and a notification's date (a postal one
 * may be recorded days later); and, for a reclamo whose unidad or tema may have changed (assignment,
 * re-assignment), every day it is counted on, as those rows hold it under its old dimensions.
 */
export const DIAS_AFECTADOS_SQL = `
WITH ev AS (
  SELECT reclamo_id, entidad_id, tipo, estado_anterior, estado_nuevo, ocurrido_en FROM reclamo_evento WHERE xid >= $1::xid8 AND xid < $2::xid8
), en AS (
  SELECT reclamo_id, entidad_id, respondida_en FROM encuesta WHERE xid >= $1::xid8 AND xid < $2::xid8
), redimensionados AS (
  SELECT DISTINCT reclamo_id FROM ev
   WHERE tipo = 'reasignado' OR (tipo = 'cambio_estado' AND estado_anterior = '${E.REGISTRADO}' AND estado_nuevo = '${E.EN_ATENCION}')
)
SELECT DISTINCT entidad_id AS "entidadId", dia::text AS dia FROM (
  SELECT entidad_id, (ocurrido_en AT TIME ZONE ${LIMA})::date AS dia FROM ev
  UNION ALL SELECT entidad_id, (respondida_en AT TIME ZONE ${LIMA})::date FROM en
  UNION ALL SELECT r.entidad_id, r.fecha_registro_lima FROM ev JOIN reclamo r ON r.id = ev.reclamo_id WHERE ev.tipo = 'registrado'
  UNION ALL SELECT r.entidad_id, r.notificado_el FROM ev JOIN reclamo r ON r.id = ev.reclamo_id
             WHERE ev.estado_nuevo = '${E.NOTIFICADO}' AND r.notificado_el IS NOT NULL
  UNION ALL SELECT r.entidad_id, r.fecha_registro_lima FROM redimensionados x JOIN reclamo r ON r.id = x.reclamo_id
  UNION ALL SELECT r.entidad_id, r.notificado_el FROM redimensionados x JOIN reclamo r ON r.id = x.reclamo_id WHERE r.notificado_el IS NOT NULL
  UNION ALL SELECT e.entidad_id, (e.ocurrido_en AT TIME ZONE ${LIMA})::date FROM redimensionados x
              JOIN reclamo_evento e ON e.reclamo_id = x.reclamo_id AND e.tipo = 'cambio_estado'
  UNION ALL SELECT s.entidad_id, (s.respondida_en AT TIME ZONE ${LIMA})::date FROM redimensionados x JOIN encuesta s ON s.reclamo_id = x.reclamo_id
) x`;

/**
 * Records the calendar version (`BusinessCalendar#versionFor` of each entity's scope) its rollup rows are
 * computed with: `reemplazar` after a rebuild of the entities (every row now follows this calendar),
 * `si_falta` after an incremental batch (an entity seen for the first time has only rows of this calendar;
 * one already recorded keeps its version until a rebuild, since its older rows were computed with that one).
 * The only writer of `cifra_calendario`; same transaction and lock as `recomputarDias`.
 */
export async function registrarCalendarios(
  manager: EntityManager,
  calendar: BusinessCalendar,
  entidadIds: readonly string[],
  modo: 'reemplazar' | 'si_falta',
): Promise<void> {
  if (entidadIds.length === 0) return;
  const entidades: Array<{ id: string; codigo: string; ubigeo: string }> = await manager.query(
    `SELECT id, codigo, ubigeo FROM entidad WHERE id = ANY ($1::uuid[])`,
    [[...new Set(entidadIds)]],
  );
  const versiones = versionesPorEntidad(calendar);
  await manager.query(
    `INSERT INTO cifra_calendario (entidad_id, version)
     SELECT * FROM unnest($1::uuid[], $2::text[])
     ON CONFLICT (entidad_id) DO ${modo === 'reemplazar' ? 'UPDATE SET version = excluded.version, actualizado_en = now()' : 'NOTHING'}`,
    [entidades.map((e) => e.id), entidades.map((e) => versiones(e))],
  );
}

/**
 * The entities whose recorded calendar version differs from the one this calendar gives their scope:
 * their rows count business days with days that are no longer (or not yet were) non-working.
 */
export async function entidadesConOtroCalendario(manager: EntityManager, calendar: BusinessCalendar): Promise<string[]> {
  const registradas: Array<{ id: string; codigo: string; ubigeo: string; version: string }> = await manager.query(
    `SELECT e.id, e.codigo, e.ubigeo, c.version FROM cifra_calendario c JOIN entidad e ON e.id = c.entidad_id`,
  );
  const versiones = versionesPorEntidad(calendar);
  return registradas.filter((e) => versiones(e) !== e.version).map((e) => e.id);
}

/**
 * `versionFor` of each entity, computed once per departamento for the many entities with no closure of their
 * own (their versions are equal: the hash covers only the closures of the scope's entity).
 */
function versionesPorEntidad(calendar: BusinessCalendar): (entidad: { codigo: string; ubigeo: string }) => string {
  const conCierres = new Set(calendar.data.entityClosures.map((c) => c.entityCode));
  const memo = new Map<string, string>();
  return (entidad) => {
    const scope = scopeOfEntidad(entidad);
    const clave = conCierres.has(entidad.codigo) ? `${scope.departamento}|${entidad.codigo}` : `${scope.departamento}|`;
    let version = memo.get(clave);
    if (version === undefined) {
      version = calendar.versionFor(scope);
      memo.set(clave, version);
    }
    return version;
  };
}
