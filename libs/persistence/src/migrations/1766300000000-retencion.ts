import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Protección de datos en el tiempo (issue #14, Ley 29733):
 * - `entidad.retencion_meses`: how long the personal data of a closed reclamo is kept, counted from the
 *   move that closed it. The floor is 24 months (`RETENCION_MINIMA_MESES` in @app/domain, where the norm it
 *   rests on is cited); the check repeats it so no writer can go below it. 1,200 months is a sanity ceiling.
 * - `reclamo.datos_purgados_en`: when the purge removed the case's personal data and files (null: not purged).
 *   The reclamo row itself stays, with every column the figures read.
 * - `notificacion_respuesta.constancia_purgada_en`: a postal or in-person notification's proof was a file;
 *   once purged, the row keeps its medio and fecha (the figures' "answered on time") but no longer points at
 *   the file, so the check accepts a purged proof in place of the file.
 * - `ix_reclamo_retencion`: the purge's candidates, closed and not yet purged, by registration time (a case
 *   cannot close before it was filed, so "registered before the cutoff" bounds the scan). Partial: open and
 *   purged cases cost nothing.
 * - `solicitud_acceso_datos`: the administrators' exports for a person's access request (Ley 29733 art. 19),
 *   who asked, when, from where, the document as a keyed hash (never the number) and how many cases; written
 *   only by libs/atencion's export use case; append-only like the audit trails.
 */
export class Retencion1766300000000 implements MigrationInterface {
  name = 'Retencion1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE entidad ADD COLUMN retencion_meses smallint NOT NULL DEFAULT 24`);
    await q.query(`ALTER TABLE entidad ADD CONSTRAINT ck_entidad_retencion_meses CHECK (retencion_meses BETWEEN 24 AND 1200)`);
    await q.query(`ALTER TABLE reclamo ADD COLUMN datos_purgados_en timestamptz`);
    await q.query(`
      CREATE INDEX ix_reclamo_retencion ON reclamo (registrado_en, id)
       WHERE datos_purgados_en IS NULL
         AND estado IN ('notificado','archivado','reconducido','trasladado','anulado')`);
    await q.query(`ALTER TABLE notificacion_respuesta ADD COLUMN constancia_purgada_en timestamptz`);
    await q.query(`ALTER TABLE notificacion_respuesta DROP CONSTRAINT ck_notificacion_respuesta_constancia`);
    await q.query(`
      ALTER TABLE notificacion_respuesta ADD CONSTRAINT ck_notificacion_respuesta_constancia
        CHECK (medio = 'email' OR constancia_adjunto_id IS NOT NULL OR constancia_purgada_en IS NOT NULL) NOT VALID`);
    await q.query(`
      CREATE TABLE solicitud_acceso_datos (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        actor_id uuid NOT NULL,
        actor_rol text NOT NULL,
        ip text,
        tipo_documento text NOT NULL,
        documento_hmac char(64) NOT NULL,
        casos integer NOT NULL,
        entidades uuid[] NOT NULL DEFAULT '{}',
        formato text NOT NULL,
        ocurrido_en timestamptz NOT NULL,
        CONSTRAINT pk_solicitud_acceso_datos PRIMARY KEY (id),
        CONSTRAINT fk_solicitud_acceso_datos_actor FOREIGN KEY (actor_id) REFERENCES usuario (id),
        CONSTRAINT ck_solicitud_acceso_datos_tipo CHECK (tipo_documento IN ('DNI','CE','PASAPORTE','RUC')),
        CONSTRAINT ck_solicitud_acceso_datos_formato CHECK (formato IN ('json','html')),
        CONSTRAINT ck_solicitud_acceso_datos_casos CHECK (casos >= 0)
      )`);
    await q.query(`CREATE INDEX ix_solicitud_acceso_datos_ocurrido ON solicitud_acceso_datos (ocurrido_en)`);
    await q.query(`
      CREATE FUNCTION solicitud_acceso_datos_solo_agregar() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'solicitud_acceso_datos es de solo agregar: no se permite %', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER tg_solicitud_acceso_datos_sin_cambios BEFORE UPDATE OR DELETE ON solicitud_acceso_datos
      FOR EACH ROW EXECUTE FUNCTION solicitud_acceso_datos_solo_agregar()`);
    await q.query(`CREATE TRIGGER tg_solicitud_acceso_datos_sin_truncate BEFORE TRUNCATE ON solicitud_acceso_datos
      FOR EACH STATEMENT EXECUTE FUNCTION solicitud_acceso_datos_solo_agregar()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE solicitud_acceso_datos`);
    await q.query(`DROP FUNCTION solicitud_acceso_datos_solo_agregar()`);
    await q.query(`ALTER TABLE notificacion_respuesta DROP CONSTRAINT ck_notificacion_respuesta_constancia`);
    await q.query(`
      ALTER TABLE notificacion_respuesta ADD CONSTRAINT ck_notificacion_respuesta_constancia
        CHECK (medio = 'email' OR constancia_adjunto_id IS NOT NULL) NOT VALID`);
    await q.query(`ALTER TABLE notificacion_respuesta DROP COLUMN constancia_purgada_en`);
    await q.query(`DROP INDEX ix_reclamo_retencion`);
    await q.query(`ALTER TABLE reclamo DROP COLUMN datos_purgados_en`);
    await q.query(`ALTER TABLE entidad DROP CONSTRAINT ck_entidad_retencion_meses`);
    await q.query(`ALTER TABLE entidad DROP COLUMN retencion_meses`);
  }
}
