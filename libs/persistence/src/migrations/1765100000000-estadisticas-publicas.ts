import { MigrationInterface, QueryRunner } from 'typeorm';

/** Counters of one rollup row, as `cifra_mensual` declares them (1764900000000-cifras). */
const CONTADORES = [
  'recibidos',
  'notificados',
  'notificados_en_plazo_legal',
  'notificados_en_meta',
  'dias_habiles_suma',
  'reconducidos',
  'trasladados',
  'anulados',
  'subsanaciones_pedidas',
  'subsanaciones_respondidas',
  'subsanaciones_vencidas',
  'encuestas',
  'satisfaccion_suma',
  'rapidez_suma',
  'claridad_suma',
  'trato_suma',
  'resueltos',
  'resueltos_en_parte',
];
const COLUMNAS = CONTADORES.map((c) => `${c} ${c === 'dias_habiles_suma' ? 'bigint' : 'integer'} NOT NULL DEFAULT 0`).join(',\n        ');
const SUMAS = CONTADORES.map((c) => `sum(${c}) AS ${c}`).join(', ');

/**
 * Public figures and open data (libs/medicion, `publicacion/`).
 *
 * - `cifra_mensual_desglose`: per entidad × month × canal × aspecto, the same counters as `cifra_mensual`, with
 *   each notification's business days (so the open-data file's median per row is exact). An entity's year is at
 *   most 12 × 2 × 6 rows: the public pages and the open-data file read it instead of the daily rows.
 * - `cifra_nacional_mensual_desglose`: the country's month × canal × aspecto, summed from the rows above, so the
 *   national page's breakdowns are a few dozen rows at any number of entities.
 * - `datos_abiertos_archivo`: one row per published open-data file (its bytes, hash and when it was made); the
 *   citizen app serves the newest, the worker writes them (one writer) and keeps the last few.
 *
 * Both rollups are filled here from the existing daily rows; from then on the figures' writer keeps them with
 * `cifra_mensual`, in the same transactions.
 */
export class EstadisticasPublicas1765100000000 implements MigrationInterface {
  name = 'EstadisticasPublicas1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cifra_mensual_desglose (
        entidad_id uuid NOT NULL,
        mes date NOT NULL,
        canal text NOT NULL,
        aspecto text NOT NULL,
        ${COLUMNAS},
        dias_habiles smallint[] NOT NULL DEFAULT '{}',
        CONSTRAINT pk_cifra_mensual_desglose PRIMARY KEY (entidad_id, mes, canal, aspecto),
        CONSTRAINT fk_cifra_mensual_desglose_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT ck_cifra_mensual_desglose_mes CHECK (extract(day FROM mes) = 1),
        CONSTRAINT ck_cifra_mensual_desglose_dias CHECK (cardinality(dias_habiles) = notificados)
      )`);
    await q.query(`CREATE INDEX ix_cifra_mensual_desglose_mes ON cifra_mensual_desglose (mes)`);
    await q.query(`
      CREATE TABLE cifra_nacional_mensual_desglose (
        mes date NOT NULL,
        canal text NOT NULL,
        aspecto text NOT NULL,
        ${COLUMNAS},
        CONSTRAINT pk_cifra_nacional_mensual_desglose PRIMARY KEY (mes, canal, aspecto),
        CONSTRAINT ck_cifra_nacional_mensual_desglose_mes CHECK (extract(day FROM mes) = 1)
      )`);
    await q.query(`
      INSERT INTO cifra_mensual_desglose (entidad_id, mes, canal, aspecto, ${CONTADORES.join(', ')}, dias_habiles)
      SELECT s.entidad_id, s.mes, s.canal, s.aspecto, ${CONTADORES.map((c) => `s.${c}`).join(', ')}, coalesce(d.dias, '{}')
        FROM (SELECT entidad_id, date_trunc('month', dia)::date AS mes, canal, aspecto, ${SUMAS}
                FROM cifra_diaria GROUP BY 1, 2, 3, 4) s
        LEFT JOIN (SELECT c.entidad_id, date_trunc('month', c.dia)::date AS mes, c.canal, c.aspecto, array_agg(v ORDER BY v) AS dias
                     FROM cifra_diaria c CROSS JOIN LATERAL unnest(c.dias_habiles) AS v GROUP BY 1, 2, 3, 4) d
          ON d.entidad_id = s.entidad_id AND d.mes = s.mes AND d.canal = s.canal AND d.aspecto = s.aspecto`);
    await q.query(`
      INSERT INTO cifra_nacional_mensual_desglose (mes, canal, aspecto, ${CONTADORES.join(', ')})
      SELECT mes, canal, aspecto, ${SUMAS} FROM cifra_mensual_desglose GROUP BY 1, 2, 3`);

    await q.query(`
      CREATE TABLE datos_abiertos_archivo (
        id bigint GENERATED ALWAYS AS IDENTITY,
        nombre text NOT NULL,
        generado_en timestamptz NOT NULL,
        ultimo_mes date,
        filas integer NOT NULL,
        bytes integer NOT NULL,
        sha256 text NOT NULL,
        contenido bytea NOT NULL,
        CONSTRAINT pk_datos_abiertos_archivo PRIMARY KEY (id),
        CONSTRAINT ck_datos_abiertos_archivo_bytes CHECK (bytes = octet_length(contenido)),
        CONSTRAINT ck_datos_abiertos_archivo_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$')
      )`);
    await q.query(`CREATE INDEX ix_datos_abiertos_archivo_nombre ON datos_abiertos_archivo (nombre, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS datos_abiertos_archivo`);
    await q.query(`DROP TABLE IF EXISTS cifra_nacional_mensual_desglose`);
    await q.query(`DROP TABLE IF EXISTS cifra_mensual_desglose`);
  }
}
