import { Injectable } from '@nestjs/common';
import { QueryRunner } from 'typeorm';
import { LecturasReplica } from '@app/persistence';
import { DomainError } from '@app/domain';
import { completarMeses } from '../figures/get-cifras-entidad.usecase';
import { GetCifrasNacionalesUseCase } from '../figures/get-cifras-nacionales.usecase';
import { Periodo } from '../figures/periodo';
import { contadoresDe } from '../figures/resumen';
import { sumasDeContadores } from '../rollup/contadores';
import { ConteosCruce, desglosesPublicos, EntidadPublica, EstadisticasEntidad, EstadisticasNacionales, filasPublicas, mesesPublicos, resumenPublico } from './estadisticas';
import { publicar } from './supresion';

/** `lector.query`, typed: TypeORM's QueryRunner returns `any`. */
function filasDe(lector: QueryRunner) {
  return <T>(sql: string, params: unknown[]): Promise<T> => lector.query(sql, params) as Promise<T>;
}

type FilaCruce = { aspecto: string; canal: string; recibidos: string; notificados: string; legal: string };

function cruceDe(filas: readonly FilaCruce[]): ConteosCruce {
  return new Map(filas.map((f) => [`${f.aspecto}|${f.canal}`, { recibidos: Number(f.recibidos), notificados: Number(f.notificados), legal: Number(f.legal) }]));
}

const CRUCE_SQL = (tabla: string, donde: string) => `
  SELECT aspecto, canal, sum(recibidos) AS recibidos, sum(notificados) AS notificados, sum(notificados_en_plazo_legal) AS legal
    FROM ${tabla} WHERE ${donde} GROUP BY aspecto, canal`;

/**
 * One entity's public figures for a period of whole months (see `resolverPeriodoPublico`), by its code: received,
 * answers notified and within the legal term, business days to notification, reconducidos, trasladados,
 * anulados, satisfaction; per month, aspecto and canal; every value under the small-cell rule. Reads the
 * entity's monthly rollup by canal × aspecto (at most 12 rows a month): no case, person or text. An unknown or
 * inactive code is ENTIDAD_NOT_FOUND (404). Read on the replica when there is one (LecturasReplica): closed months
 * of rollups, which a few seconds of replication lag cannot change.
 */
/** Runs the reads one after another on the view's one connection and returns their results in order. */
async function enOrden<T extends unknown[]>(...pasos: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  const resultados: unknown[] = [];
  for (const paso of pasos) resultados.push(await paso());
  return resultados as T;
}

@Injectable()
export class GetEstadisticasEntidadUseCase {
  constructor(private readonly lecturas: LecturasReplica) {}

  execute(command: { codigo: string; periodo: Periodo }): Promise<EstadisticasEntidad> {
    return this.lecturas.leer((lector) => this.leer(command, lector));
  }

  private async leer(command: { codigo: string; periodo: Periodo }, lector: QueryRunner): Promise<EstadisticasEntidad> {
    const { periodo } = command;
    const filas = filasDe(lector);
    const [entidad]: Array<{ id: string; codigo: string; nombre: string }> = await lector.query(
      `SELECT id, codigo, nombre FROM entidad WHERE codigo = $1 AND activo`,
      [command.codigo.trim().toUpperCase()],
    );
    if (!entidad) throw new DomainError('ENTIDAD_NOT_FOUND', 'No hay una entidad con ese código en la plataforma.');
    const donde = `entidad_id = $1 AND mes BETWEEN $2::date AND $3::date`;
    const params = [entidad.id, periodo.desde, periodo.hasta];
    const [[totales], meses, desgloses] = await enOrden(
      () => filas<Array<Record<string, unknown>>>(
        `SELECT ${sumasDeContadores()},
                (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) FROM cifra_mensual_desglose CROSS JOIN LATERAL unnest(dias_habiles) AS v
                  WHERE ${donde}) AS mediana
           FROM cifra_mensual_desglose WHERE ${donde}`,
        params,
      ),
      () => filas<Array<{ mes: string; recibidos: string; notificados: string; legal: string }>>(
        `SELECT to_char(mes, 'YYYY-MM') AS mes, sum(recibidos) AS recibidos, sum(notificados) AS notificados, sum(notificados_en_plazo_legal) AS legal
           FROM cifra_mensual_desglose WHERE ${donde} GROUP BY mes`,
        params,
      ),
      () => filas<FilaCruce[]>(CRUCE_SQL('cifra_mensual_desglose', donde), params),
    );
    const mediana = totales.mediana === null ? null : Math.round(Number(totales.mediana) * 10) / 10;
    const d = desglosesPublicos(cruceDe(desgloses));
    return {
      entidad: { codigo: entidad.codigo, nombre: entidad.nombre },
      periodo,
      resumen: resumenPublico(contadoresDe(totales), mediana, d.totales),
      porMes: mesesPublicos(completarMeses(periodo, meses).map((m) => ({ mes: m.mes, recibidos: m.recibidos, notificados: m.notificados, legal: m.notificadosEnPlazoLegal }))),
      porAspecto: d.porAspecto,
      porCanal: d.porCanal,
    };
  }
}

/**
 * The country's public figures for a period of whole months: the summary and months from the national monthly
 * rollup (twelve rows a year), aspecto and canal from its breakdown (a dozen rows a month), and the ranking of
 * entities from the entities' monthly rows (one per entity and month, on the month index): cheap at 2,000 entities
 * and millions of reclamos. The ranking lists every entity with a reclamo received or an answer notified in the
 * period, by % notified within the legal term (withheld last), then by name; each entity's counts are under the
 * rule within their column, as cells of the country's totals. Read on the replica when there is one
 * (LecturasReplica), all in one snapshot.
 */
@Injectable()
export class GetEstadisticasNacionalesUseCase {
  constructor(
    private readonly lecturas: LecturasReplica,
    private readonly nacionales: GetCifrasNacionalesUseCase,
  ) {}

  execute(command: { periodo: Periodo }): Promise<EstadisticasNacionales> {
    return this.lecturas.leer((lector) => this.leer(command.periodo, lector));
  }

  private async leer(periodo: Periodo, lector: QueryRunner): Promise<EstadisticasNacionales> {
    const params = [periodo.desde, periodo.hasta];
    const filas = filasDe(lector);
    // One connection, one snapshot: the reads go one after the other (pg no longer queues concurrent queries on a client).
    const [cifras, [totales], desgloses, entidades] = await enOrden(
      () => this.nacionales.execute({ periodo }, lector),
      () => filas<Array<Record<string, unknown>>>(
        `SELECT ${sumasDeContadores()} FROM cifra_nacional_mensual WHERE mes BETWEEN $1::date AND $2::date`,
        params,
      ),
      () => filas<FilaCruce[]>(CRUCE_SQL('cifra_nacional_mensual_desglose', 'mes BETWEEN $1::date AND $2::date'), params),
      () => filas<Array<{ codigo: string; nombre: string; recibidos: string; notificados: string; legal: string }>>(
        `SELECT e.codigo, e.nombre, sum(m.recibidos) AS recibidos, sum(m.notificados) AS notificados, sum(m.notificados_en_plazo_legal) AS legal
           FROM cifra_mensual m JOIN entidad e ON e.id = m.entidad_id
          WHERE m.mes BETWEEN $1::date AND $2::date AND e.activo
          GROUP BY e.id, e.codigo, e.nombre
         HAVING sum(m.recibidos) > 0 OR sum(m.notificados) > 0`,
        params,
      ),
    );
    // The sums carry every counter the summary's bases need; the median comes from the country's histograms.
    const c = contadoresDe(totales);
    const d = desglosesPublicos(cruceDe(desgloses));
    const ranking: EntidadPublica[] = filasPublicas(
      entidades.map((e) => ({ codigo: e.codigo, nombre: e.nombre, recibidos: Number(e.recibidos), notificados: Number(e.notificados), legal: Number(e.legal) })),
    )
      .map(({ fila, celdas }) => ({ codigo: fila.codigo, nombre: fila.nombre, ...publicar(celdas) }))
      .sort((a, b) => (b.enPlazoLegalPct ?? -1) - (a.enPlazoLegalPct ?? -1) || a.nombre.localeCompare(b.nombre, 'es'));
    return {
      periodo,
      resumen: resumenPublico(c, cifras.resumen.diasHabilesMediana, d.totales),
      porMes: mesesPublicos(cifras.porMes.map((m) => ({ mes: m.mes, recibidos: m.recibidos, notificados: m.notificados, legal: m.notificadosEnPlazoLegal }))),
      porAspecto: d.porAspecto,
      porCanal: d.porCanal,
      entidades: ranking,
    };
  }
}
