import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Configuración de la entidad (issue #5) and the end of the subsanación window (issue #3):
 * second-level topics per entity (optionally under one of the six aspects), the topic a reclamo was
 * classified under at assignment, what the sweep does with a reclamo whose citizen did not reply in
 * time, and the flags it raised (one per reclamo and window, so each fires once).
 */
export class Configuracion1764200000000 implements MigrationInterface {
  name = 'Configuracion1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tema (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        entidad_id uuid NOT NULL,
        nombre text NOT NULL,
        aspecto text,
        activo boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_tema PRIMARY KEY (id),
        CONSTRAINT fk_tema_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT uq_tema_entidad_nombre UNIQUE (entidad_id, nombre),
        CONSTRAINT ck_tema_nombre CHECK (btrim(nombre) <> ''),
        CONSTRAINT ck_tema_aspecto CHECK (aspecto IS NULL OR aspecto IN
          ('trato_profesional','informacion','tiempo_espera','acceso','resultado','confianza'))
      )`);
    await q.query(`ALTER TABLE reclamo ADD COLUMN tema_id uuid`);
    await q.query(`ALTER TABLE reclamo ADD CONSTRAINT fk_reclamo_tema FOREIGN KEY (tema_id) REFERENCES tema (id)`);

    // 'marcar' by default: the law says the reclamo "may" be archived, so archiving unattended is opt-in.
    await q.query(`ALTER TABLE entidad ADD COLUMN subsanacion_vencida text NOT NULL DEFAULT 'marcar'`);
    await q.query(`ALTER TABLE entidad ADD CONSTRAINT ck_entidad_subsanacion_vencida CHECK (subsanacion_vencida IN ('archivar','marcar'))`);

    // The primary key makes "flag once per window" hold for re-runs and concurrent sweeps alike;
    // a later request of subsanación opens a new window and may be flagged again.
    await q.query(`
      CREATE TABLE alerta_subsanacion (
        reclamo_id uuid NOT NULL,
        subsanacion_vence_el date NOT NULL,
        entidad_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_alerta_subsanacion PRIMARY KEY (reclamo_id, subsanacion_vence_el),
        CONSTRAINT fk_alerta_subsanacion_reclamo FOREIGN KEY (reclamo_id) REFERENCES reclamo (id) ON DELETE CASCADE,
        CONSTRAINT fk_alerta_subsanacion_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id)
      )`);
    // The sweep's range scan: an entity's observed reclamos by window end. Partial, so other states cost nothing.
    await q.query(`CREATE INDEX ix_reclamo_observado_subsanacion ON reclamo (entidad_id, subsanacion_vence_el) WHERE estado = 'observado'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_reclamo_observado_subsanacion`);
    await q.query(`DROP TABLE IF EXISTS alerta_subsanacion`);
    await q.query(`ALTER TABLE entidad DROP CONSTRAINT IF EXISTS ck_entidad_subsanacion_vencida`);
    await q.query(`ALTER TABLE entidad DROP COLUMN IF EXISTS subsanacion_vencida`);
    await q.query(`ALTER TABLE reclamo DROP CONSTRAINT IF EXISTS fk_reclamo_tema`);
    await q.query(`ALTER TABLE reclamo DROP COLUMN IF EXISTS tema_id`);
    await q.query(`DROP TABLE IF EXISTS tema`);
  }
}
