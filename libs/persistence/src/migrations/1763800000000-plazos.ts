import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plazos: the non-working days that are data (decreed, regional, entity closures), a revision
 * counter every process checks to know its cached calendar is stale, per-entity reminder
 * thresholds, and the alerts already fired (one row per reclamo and threshold, so each fires once).
 */
export class Plazos1763800000000 implements MigrationInterface {
  name = 'Plazos1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dia_no_laborable (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        tipo text NOT NULL,
        fecha date NOT NULL,
        decreto text,
        departamento char(2),
        entidad_id uuid,
        descripcion text NOT NULL,
        creado_por uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_dia_no_laborable PRIMARY KEY (id),
        CONSTRAINT fk_dia_no_laborable_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT fk_dia_no_laborable_usuario FOREIGN KEY (creado_por) REFERENCES usuario (id),
        CONSTRAINT ck_dia_no_laborable_tipo CHECK (tipo IN ('decretado','regional','cierre_entidad')),
        CONSTRAINT ck_dia_no_laborable_descripcion CHECK (btrim(descripcion) <> ''),
        -- Each kind carries exactly its own scope: a decree number, a departamento or an entity.
        CONSTRAINT ck_dia_no_laborable_alcance CHECK (
          (tipo = 'decretado' AND decreto IS NOT NULL AND btrim(decreto) <> '' AND departamento IS NULL AND entidad_id IS NULL)
          OR (tipo = 'regional' AND departamento ~ '^(0[1-9]|1[0-9]|2[0-5])$' AND entidad_id IS NULL)
          OR (tipo = 'cierre_entidad' AND entidad_id IS NOT NULL AND departamento IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_dia_no_laborable_decretado ON dia_no_laborable (fecha) WHERE tipo = 'decretado'`);
    await q.query(`CREATE UNIQUE INDEX uq_dia_no_laborable_regional ON dia_no_laborable (departamento, fecha) WHERE tipo = 'regional'`);
    await q.query(`CREATE UNIQUE INDEX uq_dia_no_laborable_cierre ON dia_no_laborable (entidad_id, fecha) WHERE tipo = 'cierre_entidad'`);

    // One row; bumped in the same transaction as every change of dia_no_laborable, so each process
    // can tell with one primary-key read whether the calendar it holds in memory is still current.
    await q.query(`
      CREATE TABLE calendario_revision (
        id smallint NOT NULL DEFAULT 1,
        revision bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_calendario_revision PRIMARY KEY (id),
        CONSTRAINT ck_calendario_revision_unica CHECK (id = 1)
      )`);
    await q.query(`INSERT INTO calendario_revision (id, revision) VALUES (1, 0)`);

    // Business days left at which reminders go out; the entity may change them.
    await q.query(`ALTER TABLE entidad ADD COLUMN umbrales_alerta smallint[] NOT NULL DEFAULT '{10,5,2,1}'`);
    await q.query(`ALTER TABLE entidad ADD CONSTRAINT ck_entidad_umbrales_alerta
      CHECK (cardinality(umbrales_alerta) BETWEEN 1 AND 10 AND 0 < ALL (umbrales_alerta) AND 30 >= ALL (umbrales_alerta))`);

    // The primary key is what makes "each (reclamo, threshold) alert fires exactly once" true, even
    // for two sweeps at once: the sweep inserts with ON CONFLICT DO NOTHING in the same statement
    // that writes the outbox rows.
    await q.query(`
      CREATE TABLE alerta_plazo (
        reclamo_id uuid NOT NULL,
        umbral text NOT NULL,
        entidad_id uuid NOT NULL,
        vence_el date NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_alerta_plazo PRIMARY KEY (reclamo_id, umbral),
        CONSTRAINT fk_alerta_plazo_reclamo FOREIGN KEY (reclamo_id) REFERENCES reclamo (id) ON DELETE CASCADE,
        CONSTRAINT fk_alerta_plazo_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT ck_alerta_plazo_umbral CHECK (umbral ~ '^([1-9]|[12][0-9]|30)$' OR umbral = 'vencido')
      )`);

    // The sweep's range scan: an entity's open reclamos by due date. Partial, so closed reclamos cost nothing.
    await q.query(`CREATE INDEX ix_reclamo_abiertos_entidad_vence ON reclamo (entidad_id, vence_el)
      WHERE estado IN ('registrado','en_atencion','observado','respondido')`);
    // The recompute groups open reclamos by what decides their due date.
    await q.query(`CREATE INDEX ix_reclamo_abiertos_recalculo ON reclamo (entidad_id, fecha_registro_lima, plazo_dias_habiles, vence_el)
      WHERE estado IN ('registrado','en_atencion','observado','respondido')`);
    // Recipients of reminders: an entity's active staff by role.
    await q.query(`CREATE INDEX ix_usuario_entidad_rol ON usuario (entidad_id, rol) WHERE activo`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_usuario_entidad_rol`);
    await q.query(`DROP INDEX IF EXISTS ix_reclamo_abiertos_recalculo`);
    await q.query(`DROP INDEX IF EXISTS ix_reclamo_abiertos_entidad_vence`);
    await q.query(`DROP TABLE IF EXISTS alerta_plazo`);
    await q.query(`ALTER TABLE entidad DROP CONSTRAINT IF EXISTS ck_entidad_umbrales_alerta`);
    await q.query(`ALTER TABLE entidad DROP COLUMN IF EXISTS umbrales_alerta`);
    await q.query(`DROP TABLE IF EXISTS calendario_revision`);
    await q.query(`DROP TABLE IF EXISTS dia_no_laborable`);
  }
}
