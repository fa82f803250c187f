import { Injectable } from '@nestjs/common';
import { QueryRunner } from 'typeorm';
import { limaDateOf } from '@app/calendar';
import { Aspecto, ASPECTO_LABELS, DomainError, EstadoReclamo, ESTADOS_ABIERTOS } from '@app/domain';
import { LecturasReplica } from '@app/persistence';
import { Clock } from '@app/platform/clock';
import { sumasDeContadores } from '../rollup/contadores';
import { CifrasEntidad, Desglose, FiltrosCifras, PuntoMensual } from './cifras';
import { condiciones } from './condiciones';
import { Periodo, porcentaje } from './periodo';
import { contadoresDe, resumenDe } from './resumen';

export interface GetCifrasEntidadCommand {
  /** The caller's entity (the tenant): every query below is scoped to it. */
  readonly entidadId: string;
  readonly periodo: Periodo;
  readonly filtros: FiltrosCifras;
}

const SIN_DATO = 'Sin registrar';

/**
 * An entity's figures for a period and filters, from its daily rollup (a few thousand rows a year on
 * the (entidad, dia) index), plus what is open and overdue now from the case table's partial index of
 * open reclamos. Received counts by registration date, answered and on time by the notification's
 * date, the rest by the day it happened; all Lima dates. Read on the replica when there is one (LecturasReplica):
 * the rollups are a minute behind the cases anyway, and "open now" may be a few seconds behind as well.
 */
@Injectable()
export class GetCifrasEntidadUseCase {
  constructor(
    private readonly lecturas: LecturasReplica,
    private readonly clock: Clock,
  ) {}

  /**
   * `lector`: a connection with a transaction of its own, for a reader that must see these figures and
   * other reads in one snapshot (the detail export reads its rows in the same REPEATABLE READ transaction,
   * so the summary sheet and the detail add up). Without it, one read-only transaction of LecturasReplica.
   */
  execute(command: GetCifrasEntidadCommand, lector?: QueryRunner): Promise<CifrasEntidad> {
    return lector ? this.leer(command, lector) : this.lecturas.leer((propio) => this.leer(command, propio));
  }

  private async leer(command: GetCifrasEntidadCommand, lector: QueryRunner): Promise<CifrasEntidad> {
    const { entidadId, periodo, filtros } = command;
    const [entidad]: Array<CifrasEntidad['entidad']> = await lector.query(
      `SELECT id, codigo, nombre, plazo_respuesta_dias AS "metaDiasHabiles" FROM entidad WHERE id = $1`,
      [entidadId],
    );
    if (!entidad) throw new DomainError('ENTIDAD_NOT_FOUND', 'La entidad no existe.');
    const f = condiciones(filtros, 'c');
    const base = [entidadId, periodo.desde, periodo.hasta, ...f.params];
    const desde = `FROM cifra_diaria c WHERE c.entidad_id = $1 AND c.dia BETWEEN $2::date AND $3::date${f.sql}`;

    const [totales]: Array<Record<string, unknown>> = await lector.query(
      `SELECT ${sumasDeContadores('c.')},
              (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) FROM cifra_diaria c CROSS JOIN LATERAL unnest(c.dias_habiles) AS v
                WHERE c.entidad_id = $1 AND c.dia BETWEEN $2::date AND $3::date${f.sql}) AS mediana
         ${desde}`,
      base,
    );
    const mediana = totales.mediana === null ? null : Math.round(Number(totales.mediana) * 10) / 10;

    const meses: Array<{ mes: string; recibidos: string; notificados: string; legal: string }> = await lector.query(
      `SELECT to_char(date_trunc('month', c.dia), 'YYYY-MM') AS mes, sum(c.recibidos) AS recibidos, sum(c.notificados) AS notificados,
              sum(c.notificados_en_plazo_legal) AS legal
         ${desde} GROUP BY 1 ORDER BY 1`,
      base,
    );
    const porMes = completarMeses(periodo, meses);

    const desgloses: Array<{ dimension: 'aspecto' | 'unidad' | 'sede'; clave: string | null; nombre: string | null; recibidos: string; notificados: string; legal: string }> =
      await lector.query(
        `SELECT CASE WHEN GROUPING(c.aspecto) = 0 THEN 'aspecto' WHEN GROUPING(c.unidad_id) = 0 THEN 'unidad' ELSE 'sede' END AS dimension,
                coalesce(c.aspecto, c.unidad_id::text, c.sede_id::text) AS clave,
                CASE WHEN GROUPING(c.unidad_id) = 0 THEN min(u.nombre) WHEN GROUPING(c.sede_id) = 0 THEN min(s.nombre) END AS nombre,
                sum(c.recibidos) AS recibidos, sum(c.notificados) AS notificados, sum(c.notificados_en_plazo_legal) AS legal
           FROM cifra_diaria c
           LEFT JOIN unidad_organica u ON u.id = c.unidad_id
           LEFT JOIN sede s ON s.id = c.sede_id
          WHERE c.entidad_id = $1 AND c.dia BETWEEN $2::date AND $3::date${f.sql}
          GROUP BY GROUPING SETS ((c.aspecto), (c.unidad_id), (c.sede_id))`,
        base,
      );
    const desglose = (dimension: 'aspecto' | 'unidad' | 'sede'): Desglose[] =>
      desgloses
        .filter((d) => d.dimension === dimension)
        .map((d) => ({
          clave: d.clave,
          etiqueta: dimension === 'aspecto' ? (ASPECTO_LABELS[d.clave as Aspecto] ?? d.clave ?? SIN_DATO) : (d.nombre ?? SIN_DATO),
          recibidos: Number(d.recibidos),
          notificados: Number(d.notificados),
          notificadosEnPlazoLegal: Number(d.legal),
          enPlazoLegalPct: porcentaje(Number(d.legal), Number(d.notificados)),
        }))
        .sort((a, b) => b.recibidos - a.recibidos || a.etiqueta.localeCompare(b.etiqueta, 'es'));

    const hoy = limaDateOf(this.clock.now());
    const r = condiciones(filtros, 'r');
    // An expired subsanación window is counted in the period's figures only when the case moves on (the
    // citizen replies late, or it is archived): in an entity whose setting is 'marcar' a flagged case may
    // wait in 'observado' for days, so those waiting now are shown apart.
    const [ahora]: Array<{ abiertos: number; vencidos: number; subsanacionesVencidas: number }> = await lector.query(
      `SELECT count(*)::int AS abiertos, count(*) FILTER (WHERE r.vence_el < $2::date)::int AS vencidos,
              count(*) FILTER (WHERE r.estado = '${EstadoReclamo.OBSERVADO}' AND r.subsanacion_vence_el < $2::date)::int AS "subsanacionesVencidas"
         FROM reclamo r WHERE r.entidad_id = $1 AND r.estado = ANY ($3::text[])${r.sql}`,
      [entidadId, hoy, ESTADOS_ABIERTOS, ...r.params],
    );

    return {
      entidad,
      periodo,
      filtros,
      resumen: resumenDe(contadoresDe(totales), mediana),
      ahora: { fecha: hoy, ...ahora },
      porMes,
      porAspecto: desglose('aspecto'),
      porUnidad: desglose('unidad'),
      porSede: desglose('sede'),
    };
  }
}

/** One point per month of the period, zero where nothing happened (a chart's gaps are months, not missing data). */
export function completarMeses(periodo: Periodo, filas: ReadonlyArray<{ mes: string; recibidos: string | number; notificados: string | number; legal: string | number }>): PuntoMensual[] {
  const porMes = new Map(filas.map((f) => [f.mes, f]));
  const puntos: PuntoMensual[] = [];
  let mes = periodo.desde.slice(0, 7);
  const ultimo = periodo.hasta.slice(0, 7);
  while (mes <= ultimo) {
    const f = porMes.get(mes);
    puntos.push({ mes, recibidos: Number(f?.recibidos ?? 0), notificados: Number(f?.notificados ?? 0), notificadosEnPlazoLegal: Number(f?.legal ?? 0) });
    const [a, m] = [Number(mes.slice(0, 4)), Number(mes.slice(5, 7))];
    mes = m === 12 ? `${a + 1}-01` : `${a}-${String(m + 1).padStart(2, '0')}`;
  }
  return puntos;
}
