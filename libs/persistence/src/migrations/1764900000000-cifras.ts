import { MigrationInterface, QueryRunner } from 'typeorm';

/** Counters of one rollup row, in the order both tables declare them. */
const CONTADORES = `
        recibidos integer NOT NULL DEFAULT 0,
        notificados integer NOT NULL DEFAULT 0,
        notificados_en_plazo_legal integer NOT NULL DEFAULT 0,
        notificados_en_meta integer NOT NULL DEFAULT 0,
        dias_habiles_suma bigint NOT NULL DEFAULT 0,
        reconducidos integer NOT NULL DEFAULT 0,
        trasladados integer NOT NULL DEFAULT 0,
        anulados integer NOT NULL DEFAULT 0,
        subsanaciones_pedidas integer NOT NULL DEFAULT 0,
        subsanaciones_respondidas integer NOT NULL DEFAULT 0,
        subsanaciones_vencidas integer NOT NULL DEFAULT 0,
        encuestas integer NOT NULL DEFAULT 0,
        satisfaccion_suma integer NOT NULL DEFAULT 0,
        rapidez_suma integer NOT NULL DEFAULT 0,
        claridad_suma integer NOT NULL DEFAULT 0,
        trato_suma integer NOT NULL DEFAULT 0,
        resueltos integer NOT NULL DEFAULT 0,
        resueltos_en_parte integer NOT NULL DEFAULT 0`;

/**
 * Medición: the figures' rollups, kept current from the case events by the worker (libs/medicion).
 *
 * - `cifra_diaria`: per entidad × Lima day × (canal, aspecto, sede, unidad, servicio, tema), what happened
 *   that day: reclamos registered, answers notified (with on-time counts and each one's business days, kept
 *   as a small array so a median over any filter is exact), reconducciones, traslados, anulaciones,
 *   subsanaciones and surveys. An entity's year is a few thousand rows on its (entidad, dia) index.
 * - `cifra_mensual`: the same per entidad × month without dimensions, with a histogram of business days
 *   (0…59, 60 or more) instead of the values; `cifra_nacional_mensual` sums those per month for the country,
 *   so a national year is twelve rows.
 * - `medicion_progreso`: how far the worker has read. Events and surveys get the id of the transaction that
 *   wrote them (`xid`, filled by the database, so their writers change nothing): everything below the oldest
 *   transaction of this database still running has committed or never will, so no row can appear behind the
 *   watermark later, as it could with an identity column (ids are taken before commit, out of order).
 *   Rows from before this migration have no `xid`: `reconstruido = false` makes the worker's first run
 *   rebuild everything from the case table.
 */
export class Cifras1764900000000 implements MigrationInterface {
  name = 'Cifras1764900000000';

  async up(q: QueryRunner): Promise<void> {
    // Two steps: a volatile default in ADD COLUMN would rewrite the whole table; this way old rows stay NULL.
    for (const table of ['reclamo_evento', 'encuesta']) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN xid xid8`);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN xid SET DEFAULT pg_current_xact_id()`);
      await q.query(`CREATE INDEX ix_${table}_xid ON ${table} (xid) WHERE xid IS NOT NULL`);
    }
    // Recomputing one entity-day reads that day's moves, registrations and notifications by index.
    await q.query(`CREATE INDEX ix_reclamo_evento_entidad_movimiento ON reclamo_evento (entidad_id, ocurrido_en) WHERE tipo = 'cambio_estado'`);
    await q.query(`CREATE INDEX ix_reclamo_entidad_registro ON reclamo (entidad_id, fecha_registro_lima)`);
    await q.query(`CREATE INDEX ix_reclamo_entidad_notificado ON reclamo (entidad_id, notificado_el) WHERE notificado_el IS NOT NULL`);

    await q.query(`
      CREATE TABLE cifra_diaria (
        entidad_id uuid NOT NULL,
        dia date NOT NULL,
        canal text NOT NULL,
        aspecto text NOT NULL,
        sede_id uuid,
        unidad_id uuid,
        servicio_id uuid,
        tema_id uuid,
        ${CONTADORES},
        dias_habiles smallint[] NOT NULL DEFAULT '{}',
        CONSTRAINT fk_cifra_diaria_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT uq_cifra_diaria UNIQUE NULLS NOT DISTINCT (entidad_id, dia, canal, aspecto, sede_id, unidad_id, servicio_id, tema_id),
        CONSTRAINT ck_cifra_diaria_dias CHECK (cardinality(dias_habiles) = notificados)
      )`);
    await q.query(`CREATE INDEX ix_cifra_diaria_dia ON cifra_diaria (dia)`);

    await q.query(`
      CREATE TABLE cifra_mensual (
        entidad_id uuid NOT NULL,
        mes date NOT NULL,
        ${CONTADORES},
        histograma_dias integer[] NOT NULL,
        CONSTRAINT pk_cifra_mensual PRIMARY KEY (entidad_id, mes),
        CONSTRAINT fk_cifra_mensual_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT ck_cifra_mensual_mes CHECK (extract(day FROM mes) = 1),
        CONSTRAINT ck_cifra_mensual_histograma CHECK (cardinality(histograma_dias) = 61)
      )`);
    await q.query(`CREATE INDEX ix_cifra_mensual_mes ON cifra_mensual (mes)`);
    // The country's month, summed from cifra_mensual: a national year is twelve rows.
    await q.query(`
      CREATE TABLE cifra_nacional_mensual (
        mes date NOT NULL,
        ${CONTADORES},
        histograma_dias integer[] NOT NULL,
        CONSTRAINT pk_cifra_nacional_mensual PRIMARY KEY (mes),
        CONSTRAINT ck_cifra_nacional_mensual_histograma CHECK (cardinality(histograma_dias) = 61)
      )`);

    await q.query(`
      CREATE TABLE medicion_progreso (
        id smallint NOT NULL,
        xid_leido xid8 NOT NULL,
        reconstruido boolean NOT NULL,
        actualizado_en timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_medicion_progreso PRIMARY KEY (id),
        CONSTRAINT ck_medicion_progreso_una CHECK (id = 1)
      )`);
    await q.query(`INSERT INTO medicion_progreso (id, xid_leido, reconstruido) VALUES (1, pg_snapshot_xmin(pg_current_snapshot()), false)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS medicion_progreso`);
    await q.query(`DROP TABLE IF EXISTS cifra_nacional_mensual`);
    await q.query(`DROP TABLE IF EXISTS cifra_mensual`);
    await q.query(`DROP TABLE IF EXISTS cifra_diaria`);
    await q.query(`DROP INDEX IF EXISTS ix_reclamo_entidad_notificado`);
    await q.query(`DROP INDEX IF EXISTS ix_reclamo_entidad_registro`);
    await q.query(`DROP INDEX IF EXISTS ix_reclamo_evento_entidad_movimiento`);
    for (const table of ['encuesta', 'reclamo_evento']) {
      await q.query(`DROP INDEX IF EXISTS ix_${table}_xid`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN IF EXISTS xid`);
    }
  }
}
