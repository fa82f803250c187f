import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BusinessCalendar } from '@app/calendar';
import { CalendarRepository } from '@app/plazos';
import { DiaDeEntidad, DIAS_AFECTADOS_SQL, entidadesConOtroCalendario, recomputarDias, recomputarMesesNacionales, registrarCalendarios } from './cifras.writer';

export interface ActualizarCifrasCommand {
  /** Events per transaction (a batch ends between transactions, never inside one). */
  readonly lote?: number;
  /** Stop after this many batches; the next run goes on from the watermark. */
  readonly maxLotes?: number;
}

export interface ActualizacionCifras {
  /** Everything was rebuilt (first run after the migration, or a run that found no recorded watermark). */
  readonly reconstruido: boolean;
  /** Entities rebuilt because the calendar changed for them (their closures, departamento, or the country's days). */
  readonly entidadesReconstruidas: number;
  readonly lotes: number;
  readonly diasRecalculados: number;
  /** The watermark reached (a transaction id): every event and survey below it is counted. */
  readonly xidLeido: string;
}

export interface ReconstruccionCifras {
  readonly entidades: number;
  readonly diasRecalculados: number;
}

// Events per batch: a busy day (20,000) in one transaction; smaller batches recompute the same entity-days each time.
const LOTE = 20_000;
const MAX_LOTES = 200;
// Entities per transaction in a rebuild: bounds each transaction's work and lock time.
const ENTIDADES_POR_LOTE = 25;

/** Takes the progress row's lock (serialising every rollup writer) and returns the watermark. */
async function tomarProgreso(manager: EntityManager): Promise<{ xidLeido: string; reconstruido: boolean }> {
  const [row]: Array<{ xidLeido: string; reconstruido: boolean }> = await manager.query(
    `SELECT xid_leido::text AS "xidLeido", reconstruido FROM medicion_progreso WHERE id = 1 FOR UPDATE`,
  );
  return row;
}

/**
 * The oldest transaction of this database still running (or, with none, the next transaction id): every
 * transaction below it has ended, so all the rows it wrote are visible to the next statement. Transactions
 * of other databases of the cluster (a benchmark's bulk load, another application) are told apart by the
 * lock each holds on its own id (`pg_locks` → `pg_stat_activity.datid`, both readable by any role) and do
 * not hold the figures back. One that ends between the snapshot and that look counts as ours: the horizon
 * is then lower than it could be, never higher.
 */
const HORIZONTE_SQL = `
WITH s AS (
  SELECT pg_current_snapshot() AS snap
), en_curso AS (
  SELECT x AS xid FROM s CROSS JOIN LATERAL pg_snapshot_xip(s.snap) AS x
), ajenas AS (
  SELECT e.xid FROM en_curso e
    JOIN pg_locks l ON l.locktype = 'transactionid' AND l.mode = 'ExclusiveLock' AND l.granted
     AND l.transactionid::text::numeric = e.xid::text::numeric % 4294967296
    JOIN pg_stat_activity a ON a.pid = l.pid
   WHERE a.datid IS DISTINCT FROM (SELECT oid FROM pg_database WHERE datname = current_database())
)
SELECT coalesce(
  (SELECT e.xid FROM en_curso e WHERE e.xid NOT IN (SELECT xid FROM ajenas) ORDER BY e.xid LIMIT 1),
  (SELECT pg_snapshot_xmax(snap) FROM s)
)::text AS horizonte`;

async function horizonte(manager: EntityManager | DataSource): Promise<string> {
  const [row]: Array<{ horizonte: string }> = await manager.query(HORIZONTE_SQL);
  return row.horizonte;
}

/**
 * Rebuilds every rollup row from the case tables, entity by entity (each batch its own transaction,
 * so a crash loses one batch and the next run starts over, harmlessly). The watermark is then set to
 * the horizon seen at the start: whatever committed later is taken by the incremental run, and
 * counting a day twice only rewrites it with the same numbers.
 */
@Injectable()
export class ReconstruirCifrasUseCase {
  private readonly logger = new Logger(ReconstruirCifrasUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarRepository,
  ) {}

  async execute(command: { entidadIds?: readonly string[] } = {}): Promise<ReconstruccionCifras> {
    const inicio = await horizonte(this.dataSource);
    const calendar = await this.calendars.current();
    const entidades: Array<{ id: string }> = command.entidadIds
      ? command.entidadIds.map((id) => ({ id }))
      : await this.dataSource.query(`SELECT id FROM entidad ORDER BY id`);
    let diasRecalculados = 0;
    for (let i = 0; i < entidades.length; i += ENTIDADES_POR_LOTE) {
      const ids = entidades.slice(i, i + ENTIDADES_POR_LOTE).map((e) => e.id);
      diasRecalculados += await this.dataSource.transaction((manager) => this.reconstruirEntidades(manager, calendar, ids));
    }
    // The country's months once at the end (per batch, every month would be summed again 80 times).
    await this.dataSource.transaction(async (manager) => {
      await tomarProgreso(manager);
      await recomputarMesesNacionales(manager);
      if (!command.entidadIds) {
        await manager.query(
          `UPDATE medicion_progreso SET xid_leido = $1::xid8, reconstruido = true, calendario_version = $2, actualizado_en = now() WHERE id = 1`,
          [inicio, calendar.version],
        );
      }
    });
    this.logger.log({ entidades: entidades.length, diasRecalculados }, 'Cifras reconstruidas');
    return { entidades: entidades.length, diasRecalculados };
  }

  private async reconstruirEntidades(manager: EntityManager, calendar: BusinessCalendar, ids: string[]): Promise<number> {
    await tomarProgreso(manager);
    const dias: DiaDeEntidad[] = await manager.query(
      `SELECT DISTINCT entidad_id AS "entidadId", dia::text AS dia FROM (
         SELECT entidad_id, fecha_registro_lima AS dia FROM reclamo WHERE entidad_id = ANY ($1::uuid[])
         UNION ALL SELECT entidad_id, notificado_el FROM reclamo WHERE entidad_id = ANY ($1::uuid[]) AND notificado_el IS NOT NULL
         UNION ALL SELECT entidad_id, (ocurrido_en AT TIME ZONE 'America/Lima')::date FROM reclamo_evento
                    WHERE entidad_id = ANY ($1::uuid[]) AND tipo = 'cambio_estado'
         UNION ALL SELECT entidad_id, (respondida_en AT TIME ZONE 'America/Lima')::date FROM encuesta WHERE entidad_id = ANY ($1::uuid[])
       ) x`,
      [ids],
    );
    // Rows of days that no longer have any fact go too: the entities' rows are rewritten whole.
    await manager.query(`DELETE FROM cifra_diaria WHERE entidad_id = ANY ($1::uuid[])`, [ids]);
    await manager.query(`DELETE FROM cifra_mensual WHERE entidad_id = ANY ($1::uuid[])`, [ids]);
    await manager.query(`DELETE FROM cifra_mensual_desglose WHERE entidad_id = ANY ($1::uuid[])`, [ids]);
    await recomputarDias(manager, calendar, dias, { nacional: false });
    await registrarCalendarios(manager, calendar, ids, 'reemplazar');
    return dias.length;
  }
}

/**
 * Brings the rollups up to date with the events and surveys committed since the last run (the worker
 * runs it every minute). Each batch is one transaction: it takes the progress row's lock, recomputes
 * whole the entity-days its events touch, and moves the watermark, so a crash leaves the watermark where
 * the rollups are, and a second run at once waits for the lock and then finds nothing new. The first
 * run after the migration rebuilds everything (rows older than the migration carry no transaction id).
 * When the business calendar changed (`medicion_progreso.calendario_version`), the entities whose own
 * calendar moved (`cifra_calendario`: a closure of theirs, their departamento's days, or a national day for
 * all) are rebuilt first; the others' rows stay, as their business-day counts are the same.
 */
@Injectable()
export class ActualizarCifrasUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarRepository,
    private readonly reconstruir: ReconstruirCifrasUseCase,
  ) {}

  async execute(command: ActualizarCifrasCommand = {}): Promise<ActualizacionCifras> {
    const lote = command.lote ?? LOTE;
    const maxLotes = command.maxLotes ?? MAX_LOTES;
    const [estado]: Array<{ reconstruido: boolean; calendarioVersion: string | null }> = await this.dataSource.query(
      `SELECT reconstruido, calendario_version AS "calendarioVersion" FROM medicion_progreso WHERE id = 1`,
    );
    const calendar = await this.calendars.current();
    // A non-working day added or removed changes business-day counts on days already rolled up (days to
    // notification, on time or late) of the entities it applies to: those are rebuilt with the new calendar.
    // A national decree touches every entity (a few a year); an entity's closure, that entity alone.
    const reconstruido = !estado.reconstruido;
    let entidadesReconstruidas = 0;
    if (reconstruido) await this.reconstruir.execute();
    else if (estado.calendarioVersion !== calendar.version) entidadesReconstruidas = await this.alNuevoCalendario(calendar);
    let lotes = 0;
    let diasRecalculados = 0;
    let xidLeido = '';
    for (;;) {
      const paso = await this.dataSource.transaction((manager) => this.unLote(manager, calendar, lote));
      xidLeido = paso.xidLeido;
      if (!paso.avanzo) break;
      lotes += 1;
      diasRecalculados += paso.dias;
      // Up to the horizon: done. (Going on would chase the horizon our own transactions keep moving.)
      if (!paso.cortado || lotes >= maxLotes) break;
    }
    return { reconstruido, entidadesReconstruidas, lotes, diasRecalculados, xidLeido };
  }

  /** Rebuilds the entities the new calendar changes, then records it as the one the rollups follow. */
  private async alNuevoCalendario(calendar: BusinessCalendar): Promise<number> {
    const entidadIds = await entidadesConOtroCalendario(this.dataSource.manager, calendar);
    if (entidadIds.length > 0) await this.reconstruir.execute({ entidadIds });
    await this.dataSource.query(`UPDATE medicion_progreso SET calendario_version = $1, actualizado_en = now() WHERE id = 1`, [calendar.version]);
    return entidadIds.length;
  }

  private async unLote(
    manager: EntityManager,
    calendar: BusinessCalendar,
    lote: number,
  ): Promise<{ avanzo: boolean; cortado: boolean; dias: number; xidLeido: string }> {
    const { xidLeido: desde } = await tomarProgreso(manager);
    // Read after the lock, in a fresh snapshot: the horizon cannot be behind what the previous holder wrote.
    let hasta = await horizonte(manager);
    if (BigInt(desde) >= BigInt(hasta)) return { avanzo: false, cortado: false, dias: 0, xidLeido: desde };
    const [corte]: Array<{ xid: string }> = await manager.query(
      `SELECT xid::text AS xid FROM reclamo_evento WHERE xid >= $1::xid8 AND xid < $2::xid8 ORDER BY xid OFFSET $3 LIMIT 1`,
      [desde, hasta, lote],
    );
    // A batch ends at a transaction boundary; one transaction bigger than a batch is taken whole.
    if (corte) hasta = corte.xid === desde ? (BigInt(desde) + 1n).toString() : corte.xid;
    const dias: DiaDeEntidad[] = await manager.query(DIAS_AFECTADOS_SQL, [desde, hasta]);
    await recomputarDias(manager, calendar, dias);
    await registrarCalendarios(manager, calendar, dias.map((d) => d.entidadId), 'si_falta');
    await manager.query(`UPDATE medicion_progreso SET xid_leido = $1::xid8, actualizado_en = now() WHERE id = 1`, [hasta]);
    return { avanzo: true, cortado: corte !== undefined, dias: dias.length, xidLeido: hasta };
  }
}
