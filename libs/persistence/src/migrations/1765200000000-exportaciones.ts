import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exportaciones: long exports (the figures' detail, in CSV or XLSX) that the worker writes in the
 * background (libs/medicion, the only writer of this table). A row is the request and its life:
 * `pendiente` (written by the back-office, the job enqueued with jobId = the row's id) → `en_proceso`
 * (the worker, with `progreso` 0–100 and the rows written so far) → `lista` (the file's storage key and
 * size, and when it expires: 7 calendar days after it was finished) or `fallida` (with a Spanish reason)
 * → `vencida` (the expiry sweep removed the file). `parametros` holds the period (Lima dates) and the
 * filters, never personal data: a figure is a count.
 */
export class Exportaciones1765200000000 implements MigrationInterface {
  name = 'Exportaciones1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE exportacion (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        entidad_id uuid NOT NULL,
        solicitado_por uuid NOT NULL,
        tipo text NOT NULL,
        formato text NOT NULL,
        parametros jsonb NOT NULL,
        estado text NOT NULL DEFAULT 'pendiente',
        progreso smallint NOT NULL DEFAULT 0,
        filas_escritas integer NOT NULL DEFAULT 0,
        filas_total integer,
        intentos smallint NOT NULL DEFAULT 0,
        clave_almacen text,
        bytes bigint,
        motivo_falla text,
        created_at timestamptz NOT NULL,
        iniciado_en timestamptz,
        terminado_en timestamptz,
        expira_en timestamptz,
        vencido_en timestamptz,
        CONSTRAINT pk_exportacion PRIMARY KEY (id),
        CONSTRAINT fk_exportacion_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT fk_exportacion_solicitado_por FOREIGN KEY (solicitado_por) REFERENCES usuario (id),
        CONSTRAINT ck_exportacion_tipo CHECK (tipo IN ('cifras_detalle')),
        CONSTRAINT ck_exportacion_formato CHECK (formato IN ('csv','xlsx')),
        CONSTRAINT ck_exportacion_estado CHECK (estado IN ('pendiente','en_proceso','lista','fallida','vencida')),
        CONSTRAINT ck_exportacion_progreso CHECK (progreso BETWEEN 0 AND 100),
        CONSTRAINT ck_exportacion_filas CHECK (filas_escritas >= 0 AND (filas_total IS NULL OR filas_total >= 0)),
        -- A ready export has its file; a failed one says why.
        CONSTRAINT ck_exportacion_lista CHECK (estado <> 'lista' OR (clave_almacen IS NOT NULL AND bytes IS NOT NULL AND expira_en IS NOT NULL)),
        CONSTRAINT ck_exportacion_fallida CHECK (estado <> 'fallida' OR motivo_falla IS NOT NULL)
      )`);
    // A person's recent exports (the /cifras list); the foreign key to entidad.
    await q.query(`CREATE INDEX ix_exportacion_solicitado_por ON exportacion (solicitado_por, created_at DESC)`);
    await q.query(`CREATE INDEX ix_exportacion_entidad ON exportacion (entidad_id, created_at DESC)`);
    // The worker's sweep: files past their expiry, and requests whose job Redis may have lost.
    await q.query(`CREATE INDEX ix_exportacion_expira ON exportacion (expira_en) WHERE estado = 'lista'`);
    await q.query(`CREATE INDEX ix_exportacion_en_curso ON exportacion (created_at) WHERE estado IN ('pendiente','en_proceso')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS exportacion`);
  }
}
