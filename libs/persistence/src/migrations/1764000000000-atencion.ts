import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Atención y respuesta: assignment, subsanación window, reconducción and traslado links on the
 * reclamo; response drafts and their approval; entity settings and response templates; internal
 * notes; notification records; and the append-only, hash-chained audit trail (Ley 29733: log
 * who saw and changed what).
 */
export class Atencion1764000000000 implements MigrationInterface {
  name = 'Atencion1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reclamo
      ADD COLUMN asignado_a uuid,
      ADD COLUMN asignado_en timestamptz,
      ADD COLUMN subsanacion_vence_el date,
      ADD COLUMN reconducido_a text,
      ADD COLUMN origen_reclamo_id uuid,
      ADD COLUMN trasladado_a_reclamo_id uuid,
      ADD COLUMN notificado_el date,
      ADD COLUMN anulado_motivo text`);
    await q.query(`ALTER TABLE reclamo
      ADD CONSTRAINT fk_reclamo_asignado_a FOREIGN KEY (asignado_a) REFERENCES usuario (id),
      ADD CONSTRAINT fk_reclamo_origen FOREIGN KEY (origen_reclamo_id) REFERENCES reclamo (id),
      ADD CONSTRAINT fk_reclamo_trasladado_a FOREIGN KEY (trasladado_a_reclamo_id) REFERENCES reclamo (id),
      ADD CONSTRAINT ck_reclamo_reconducido_a CHECK (reconducido_a IS NULL OR reconducido_a IN
        ('queja_defecto_tramitacion','acceso_informacion','denuncia','mesa_de_partes'))`);
    // "Assigned to me" in the inbox.
    await q.query(`CREATE INDEX ix_reclamo_asignado_a ON reclamo (asignado_a, vence_el) WHERE asignado_a IS NOT NULL`);
    // A sheet of the physical book is transcribed once per entity.
    await q.query(`CREATE UNIQUE INDEX uq_reclamo_hoja_fisica ON reclamo (entidad_id, numero_hoja_fisica) WHERE canal = 'fisico'`);

    // Entity settings: approval by the responsable before the answer may go out (domain README: may be switched off).
    await q.query(`ALTER TABLE entidad ADD COLUMN aprobacion_requerida boolean NOT NULL DEFAULT true`);

    await q.query(`
      CREATE TABLE plantilla_respuesta (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        entidad_id uuid NOT NULL,
        nombre text NOT NULL,
        hechos text NOT NULL DEFAULT '',
        analisis text NOT NULL DEFAULT '',
        medidas_adoptadas text NOT NULL DEFAULT '',
        activo boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_plantilla_respuesta PRIMARY KEY (id),
        CONSTRAINT fk_plantilla_respuesta_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT uq_plantilla_respuesta_nombre UNIQUE (entidad_id, nombre)
      )`);

    // One response per reclamo; its text is rewritten until it is approved, and every version is in the timeline.
    await q.query(`
      CREATE TABLE respuesta (
        reclamo_id uuid NOT NULL,
        entidad_id uuid NOT NULL,
        hechos text NOT NULL,
        analisis text NOT NULL,
        medidas_adoptadas text NOT NULL,
        estado text NOT NULL,
        comentarios_devolucion text,
        plantilla_id uuid,
        redactado_por uuid NOT NULL,
        redactado_en timestamptz NOT NULL,
        revisado_por uuid,
        revisado_en timestamptz,
        CONSTRAINT pk_respuesta PRIMARY KEY (reclamo_id),
        CONSTRAINT fk_respuesta_reclamo FOREIGN KEY (reclamo_id) REFERENCES reclamo (id),
        CONSTRAINT fk_respuesta_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT fk_respuesta_plantilla FOREIGN KEY (plantilla_id) REFERENCES plantilla_respuesta (id),
        CONSTRAINT fk_respuesta_redactado_por FOREIGN KEY (redactado_por) REFERENCES usuario (id),
        CONSTRAINT fk_respuesta_revisado_por FOREIGN KEY (revisado_por) REFERENCES usuario (id),
        CONSTRAINT ck_respuesta_estado CHECK (estado IN ('pendiente_aprobacion','aprobada','devuelta'))
      )`);

    await q.query(`
      CREATE TABLE nota_interna (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        reclamo_id uuid NOT NULL,
        entidad_id uuid NOT NULL,
        autor_id uuid NOT NULL,
        texto text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_nota_interna PRIMARY KEY (id),
        CONSTRAINT fk_nota_interna_reclamo FOREIGN KEY (reclamo_id) REFERENCES reclamo (id),
        CONSTRAINT fk_nota_interna_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT fk_nota_interna_autor FOREIGN KEY (autor_id) REFERENCES usuario (id)
      )`);
    await q.query(`CREATE INDEX ix_nota_interna_reclamo ON nota_interna (reclamo_id, created_at)`);

    // How the answer reached the citizen; the date is what counts for "answered on time".
    await q.query(`
      CREATE TABLE notificacion_respuesta (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        reclamo_id uuid NOT NULL,
        entidad_id uuid NOT NULL,
        medio text NOT NULL,
        fecha date NOT NULL,
        constancia_clave text,
        registrado_por uuid NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_notificacion_respuesta PRIMARY KEY (id),
        CONSTRAINT fk_notificacion_respuesta_reclamo FOREIGN KEY (reclamo_id) REFERENCES reclamo (id),
        CONSTRAINT fk_notificacion_respuesta_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT fk_notificacion_respuesta_usuario FOREIGN KEY (registrado_por) REFERENCES usuario (id),
        CONSTRAINT ck_notificacion_respuesta_medio CHECK (medio IN ('email','postal','presencial')),
        CONSTRAINT ck_notificacion_respuesta_constancia CHECK (medio = 'email' OR constancia_clave IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX ix_notificacion_respuesta_reclamo ON notificacion_respuesta (reclamo_id)`);

    // The audit trail: append-only, one hash chain per entity. The head row is locked FOR UPDATE by
    // each writer, so entries of one entity get consecutive sequence numbers and each carries the
    // hash of the one before.
    await q.query(`
      CREATE TABLE auditoria_cadena (
        entidad_id uuid NOT NULL,
        secuencia bigint NOT NULL,
        ultimo_hash char(64) NOT NULL,
        CONSTRAINT pk_auditoria_cadena PRIMARY KEY (entidad_id),
        CONSTRAINT fk_auditoria_cadena_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id)
      )`);
    await q.query(`
      CREATE TABLE auditoria (
        id bigint GENERATED ALWAYS AS IDENTITY,
        entidad_id uuid NOT NULL,
        secuencia bigint NOT NULL,
        reclamo_id uuid,
        actor_id uuid NOT NULL,
        actor_rol text NOT NULL,
        ip text,
        accion text NOT NULL,
        detalle jsonb NOT NULL DEFAULT '{}',
        ocurrido_en timestamptz NOT NULL,
        hash_anterior char(64) NOT NULL,
        hash char(64) NOT NULL,
        CONSTRAINT pk_auditoria PRIMARY KEY (id),
        CONSTRAINT fk_auditoria_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT uq_auditoria_secuencia UNIQUE (entidad_id, secuencia)
      )`);
    await q.query(`CREATE INDEX ix_auditoria_reclamo ON auditoria (reclamo_id, id) WHERE reclamo_id IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION auditoria_solo_agregar() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'auditoria es de solo agregar: no se permite % ', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER tg_auditoria_sin_cambios BEFORE UPDATE OR DELETE ON auditoria
      FOR EACH ROW EXECUTE FUNCTION auditoria_solo_agregar()`);
    await q.query(`CREATE TRIGGER tg_auditoria_sin_truncate BEFORE TRUNCATE ON auditoria
      FOR EACH STATEMENT EXECUTE FUNCTION auditoria_solo_agregar()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS auditoria`);
    await q.query(`DROP FUNCTION IF EXISTS auditoria_solo_agregar()`);
    await q.query(`DROP TABLE IF EXISTS auditoria_cadena`);
    await q.query(`DROP TABLE IF EXISTS notificacion_respuesta`);
    await q.query(`DROP TABLE IF EXISTS nota_interna`);
    await q.query(`DROP TABLE IF EXISTS respuesta`);
    await q.query(`DROP TABLE IF EXISTS plantilla_respuesta`);
    await q.query(`ALTER TABLE entidad DROP COLUMN IF EXISTS aprobacion_requerida`);
    await q.query(`DROP INDEX IF EXISTS uq_reclamo_hoja_fisica`);
    await q.query(`DROP INDEX IF EXISTS ix_reclamo_asignado_a`);
    await q.query(`ALTER TABLE reclamo
      DROP CONSTRAINT IF EXISTS ck_reclamo_reconducido_a,
      DROP CONSTRAINT IF EXISTS fk_reclamo_trasladado_a,
      DROP CONSTRAINT IF EXISTS fk_reclamo_origen,
      DROP CONSTRAINT IF EXISTS fk_reclamo_asignado_a`);
    await q.query(`ALTER TABLE reclamo
      DROP COLUMN IF EXISTS anulado_motivo,
      DROP COLUMN IF EXISTS notificado_el,
      DROP COLUMN IF EXISTS trasladado_a_reclamo_id,
      DROP COLUMN IF EXISTS origen_reclamo_id,
      DROP COLUMN IF EXISTS reconducido_a,
      DROP COLUMN IF EXISTS subsanacion_vence_el,
      DROP COLUMN IF EXISTS asignado_en,
      DROP COLUMN IF EXISTS asignado_a`);
  }
}
