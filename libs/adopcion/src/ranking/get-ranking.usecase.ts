import { Injectable } from '@nestjs/common';
import { IsoDate, limaDateOf } from '@app/calendar';
import { ESTADOS_ABIERTOS, NivelGobierno } from '@app/domain';
import { departamentos } from '@app/domain/ubigeo';
import { medianaDeHistograma, mesesDe } from '@app/medicion';
import { LecturasReplica } from '@app/persistence';
import { Clock } from '@app/platform/clock';
import { StaffUser } from '@app/staff';
import { departamentoDe } from '../adopcion/consola';
import { AuditoriaDeConsola } from '../auditoria/auditoria-consola';
import { assertLeeConsola } from '../reglas/acceso';
import { CifrasParaIndice, compararParaRanking, FORMULA_INDICE, Indice, indiceDe, MINIMO_NOTIFICADOS, PESOS_INDICE, tieneCasosSuficientes } from '../reglas/indice-calidad';
import { PeriodoConsola } from '../reglas/periodo';

export interface FiltrosRanking {
  /** Tramo number. */
  readonly tramo?: number;
  /** The entity's sector, exactly as registered. */
  readonly sector?: string;
  readonly nivel?: NivelGobierno;
  /** INEI code of the departamento (2 digits) of the entity's seat. */
  readonly departamento?: string;
}

/** One entity's line of the ranking: public facts about the entity and counts for the period. */
export interface FilaRanking {
  /** 1, 2, 3…; null for the entities «sin casos suficientes». */
  readonly puesto: number | null;
  readonly codigo: string;
  readonly nombre: string;
  readonly tramo: number | null;
  readonly sector: string;
  readonly nivelGobierno: NivelGobierno;
  readonly departamento: string;
  readonly recibidos: number;
  readonly notificados: number;
  readonly notificadosEnPlazoLegal: number;
  /** % notified within the law's 30 business days (P), one decimal. */
  readonly enPlazoLegalPct: number | null;
  /** Median business days from filing to notification. */
  readonly diasHabilesMediana: number | null;
  /** Open reclamos past their due date today (Lima date `fecha` of the answer). */
  readonly vencidosHoy: number;
  readonly vencidosPct: number | null;
  readonly encuestas: number;
  /** Mean overall satisfaction, 1–5. */
  readonly satisfaccionMedia: number | null;
  /** The quality index, 0–100 (see FORMULA_INDICE). */
  readonly indice: number | null;
  readonly componentes: Indice['componentes'];
}

export interface RangoDistribucion {
  /** Lower bound, % (included). */
  readonly desde: number;
  /** Upper bound, % (excluded, except 100). */
  readonly hasta: number;
  readonly etiqueta: string;
  readonly entidades: number;
}

export interface Ranking {
  readonly fecha: IsoDate;
  readonly periodo: PeriodoConsola;
  readonly filtros: FiltrosRanking;
  readonly minimoNotificados: number;
  readonly pesos: typeof PESOS_INDICE;
  readonly formula: readonly string[];
  readonly ranking: readonly FilaRanking[];
  readonly sinCasosSuficientes: readonly FilaRanking[];
  /** How the ranked entities' % within the legal term is spread, in tenths. */
  readonly distribucionEnPlazo: readonly RangoDistribucion[];
}

export interface OpcionesRanking {
  readonly tramos: ReadonlyArray<{ readonly numero: number; readonly nombre: string }>;
  readonly sectores: readonly string[];
  readonly departamentos: ReadonlyArray<{ readonly codigo: string; readonly nombre: string }>;
}

type FilaSql = {
  id: string;
  codigo: string;
  nombre: string;
  tramo_id: number | null;
  sector: string;
  nivel_gobierno: NivelGobierno;
  ubigeo: string;
  recibidos: string | null;
  notificados: string | null;
  legal: string | null;
  encuestas: string | null;
  satisfaccion: string | null;
  /** The histogram's buckets with answers (business days) and how many in each. */
  histograma_dias: number[] | null;
  histograma_n: string[] | null;
  vencidos: number;
};

/** The median of a sparse histogram (buckets with answers and their counts), as medianaDeHistograma counts it. */
function medianaDe(dias: readonly number[] | null, n: readonly string[] | null): number | null {
  if (!dias || !n) return null;
  const histograma = new Array<number>(Math.max(...dias) + 1).fill(0);
  dias.forEach((d, i) => (histograma[d] += Number(n[i])));
  return medianaDeHistograma(histograma);
}

export function distribucionDe(pcts: ReadonlyArray<number | null>): RangoDistribucion[] {
  const rangos: RangoDistribucion[] = [];
  for (let d = 0; d < 100; d += 10) {
    const ultimo = d === 90;
    rangos.push({
      desde: d,
      hasta: d + 10,
      etiqueta: ultimo ? '90 % a 100 %' : `${d} % a menos de ${d + 10} %`,
      entidades: pcts.filter((p) => p !== null && p >= d && (ultimo ? p <= 100 : p < d + 10)).length,
    });
  }
  return rangos;
}

/**
 * Per active entity matching the filters ($2 tramo, $3 sector, $4 nivel, $5 departamento): the period's
 * months ($1) summed from `cifra_mensual`, its histogram of business days, and its reclamos open past
 * their due date on $7 (states $6), counted on the (entidad_id, estado, vence_el) index.
 */
const RANKING_SQL = `WITH e AS (
     SELECT e.id, e.codigo, e.nombre, e.tramo_id, e.sector, e.nivel_gobierno, e.ubigeo
       FROM entidad e
      WHERE e.activo AND ($2::smallint IS NULL OR e.tramo_id = $2) AND ($3::text IS NULL OR e.sector = $3)
        AND ($4::text IS NULL OR e.nivel_gobierno = $4) AND ($5::text IS NULL OR left(e.ubigeo, 2) = $5)
   ), m AS (
     SELECT cm.entidad_id, sum(cm.recibidos) AS recibidos, sum(cm.notificados) AS notificados, sum(cm.notificados_en_plazo_legal) AS legal,
            sum(cm.encuestas) AS encuestas, sum(cm.satisfaccion_suma) AS satisfaccion
       FROM cifra_mensual cm JOIN e ON e.id = cm.entidad_id
      WHERE cm.mes = ANY ($1::date[])
      GROUP BY cm.entidad_id
   ), h AS (
     -- The histograms summed bucket by bucket; only the buckets with answers (a month has a few of 61).
     SELECT x.entidad_id, array_agg(x.dias ORDER BY x.dias) AS dias, array_agg(x.n ORDER BY x.dias) AS n
       FROM (SELECT cm.entidad_id, u.i - 1 AS dias, sum(u.v) AS n
               FROM cifra_mensual cm JOIN e ON e.id = cm.entidad_id
               CROSS JOIN LATERAL unnest(cm.histograma_dias) WITH ORDINALITY AS u(v, i)
              WHERE cm.mes = ANY ($1::date[]) AND cm.notificados > 0 AND u.v > 0
              GROUP BY cm.entidad_id, u.i) x
      GROUP BY x.entidad_id
   )
   SELECT e.id, e.codigo, e.nombre, e.tramo_id, e.sector, e.nivel_gobierno, e.ubigeo,
          m.recibidos, m.notificados, m.legal, m.encuestas, m.satisfaccion, h.dias AS histograma_dias, h.n AS histograma_n,
          (SELECT count(*)::int FROM reclamo r WHERE r.entidad_id = e.id AND r.estado = ANY ($6::text[]) AND r.vence_el < $7::date) AS vencidos
     FROM e LEFT JOIN m ON m.entidad_id = e.id LEFT JOIN h ON h.entidad_id = e.id`;

/**
 * GET /api/v1/ranking: the active entities matching the filters, ordered by the quality index over a
 * period of whole months. Read from the monthly rollup `cifra_mensual` (counts and the histogram of
 * business days, so the median is exact up to 59 days), never from the case table's rows; the one
 * figure the rollups cannot hold, the cases overdue today, is counted per entity on the
 * (entidad_id, estado, vence_el) index, as the entity's own figures do. Entities with fewer than
 * MINIMO_NOTIFICADOS answers notified are listed apart, unranked. Every listed entity's read is
 * recorded in the log of reads ('cifras_consultadas', one row per entity, one INSERT). Read on the replica when there
 * is one (LecturasReplica: rollups, a minute behind anyway, and today's overdue count, a few seconds behind at most);
 * the log of reads is written on the primary.
 */
@Injectable()
export class GetRankingUseCase {
  constructor(
    private readonly lecturas: LecturasReplica,
    private readonly auditoria: AuditoriaDeConsola,
    private readonly clock: Clock,
  ) {}

  async execute(command: { actor: StaffUser; periodo: PeriodoConsola; filtros: FiltrosRanking; ip: string | null }): Promise<Ranking> {
    assertLeeConsola(command.actor);
    const { periodo, filtros } = command;
    const hoy = limaDateOf(this.clock.now());
    // Thousands of index lookups and small sums: PostgreSQL's JIT would spend longer compiling than running it.
    const filas: FilaSql[] = await this.lecturas.leer(async (db) => {
      await db.query(`SET LOCAL jit = off`);
      const leidas: FilaSql[] = await db.query(RANKING_SQL, [
        mesesDe(periodo),
        filtros.tramo ?? null,
        filtros.sector ?? null,
        filtros.nivel ?? null,
        filtros.departamento ?? null,
        ESTADOS_ABIERTOS,
        hoy,
      ]);
      return leidas;
    });

    const conIndice = filas.map((f) => {
      const cifras: CifrasParaIndice = {
        codigo: f.codigo,
        notificados: Number(f.notificados ?? 0),
        notificadosEnPlazoLegal: Number(f.legal ?? 0),
        diasHabilesMediana: medianaDe(f.histograma_dias, f.histograma_n),
        vencidos: f.vencidos,
        encuestas: Number(f.encuestas ?? 0),
        satisfaccionSuma: Number(f.satisfaccion ?? 0),
      };
      return { fila: f, ...cifras, indice: indiceDe(cifras) };
    });
    const clasificadas = conIndice.filter(tieneCasosSuficientes).sort(compararParaRanking);
    const otras = conIndice.filter((c) => !tieneCasosSuficientes(c)).sort((a, b) => b.notificados - a.notificados || (a.codigo < b.codigo ? -1 : 1));
    const linea = (c: (typeof conIndice)[number], puesto: number | null): FilaRanking => ({
      puesto,
      codigo: c.codigo,
      nombre: c.fila.nombre,
      tramo: c.fila.tramo_id,
      sector: c.fila.sector,
      nivelGobierno: c.fila.nivel_gobierno,
      departamento: departamentoDe(c.fila.ubigeo),
      recibidos: Number(c.fila.recibidos ?? 0),
      notificados: c.notificados,
      notificadosEnPlazoLegal: c.notificadosEnPlazoLegal,
      enPlazoLegalPct: c.indice.enPlazoPct,
      diasHabilesMediana: c.diasHabilesMediana,
      vencidosHoy: c.vencidos,
      vencidosPct: c.indice.vencidosPct,
      encuestas: c.encuestas,
      satisfaccionMedia: c.indice.satisfaccionMedia,
      indice: puesto === null ? null : c.indice.valor,
      componentes: c.indice.componentes,
    });
    const ranking = clasificadas.map((c, i) => linea(c, i + 1));

    await this.auditoria.cifrasConsultadas(
      command.actor,
      command.ip,
      filas.map((f) => f.id),
      { vista: 'ranking', periodo: periodo.clave, filtros: { ...filtros } },
    );
    return {
      fecha: hoy,
      periodo,
      filtros,
      minimoNotificados: MINIMO_NOTIFICADOS,
      pesos: PESOS_INDICE,
      formula: FORMULA_INDICE,
      ranking,
      sinCasosSuficientes: otras.map((c) => linea(c, null)),
      distribucionEnPlazo: distribucionDe(ranking.map((r) => r.enPlazoLegalPct)),
    };
  }
}

/** The values the ranking's filters offer: tramos, the sectors entities have, the departamentos (INEI); read as the ranking is. */
@Injectable()
export class GetOpcionesRankingUseCase {
  constructor(private readonly lecturas: LecturasReplica) {}

  async execute(command: { actor: StaffUser }): Promise<OpcionesRanking> {
    assertLeeConsola(command.actor);
    const [tramos, sectores]: [Array<{ numero: number; nombre: string }>, Array<{ sector: string }>] = await this.lecturas.leer(async (lector) => [
      await lector.query(`SELECT id AS numero, nombre FROM tramo ORDER BY id`),
      await lector.query(`SELECT DISTINCT sector FROM entidad WHERE activo AND sector <> '' ORDER BY sector`),
    ]);
    return {
      tramos,
      sectores: sectores.map((s) => s.sector),
      departamentos: departamentos().map((d) => ({ codigo: d.code, nombre: d.name })),
    };
  }
}
