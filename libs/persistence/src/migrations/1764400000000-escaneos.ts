import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scans uploaded by staff become attachments of the reclamo like the citizen's own, told apart by
 * `adjunto.tipo`: the scan of a physical backup-book sheet, or the proof (cargo, acuse) of a postal
 * or in-person notification. The notification points at its proof's adjunto row instead of
 * keeping a free-text key.
 */
export class Escaneos1764400000000 implements MigrationInterface {
  name = 'Escaneos1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE adjunto ADD COLUMN tipo text NOT NULL DEFAULT 'ciudadano'`);
    await q.query(
      `ALTER TABLE adjunto ADD CONSTRAINT ck_adjunto_tipo CHECK (tipo IN ('ciudadano', 'hoja_fisica', 'constancia_notificacion'))`,
    );
    await q.query(`ALTER TABLE notificacion_respuesta ADD COLUMN constancia_adjunto_id uuid`);
    await q.query(
      `ALTER TABLE notificacion_respuesta ADD CONSTRAINT fk_notificacion_respuesta_constancia
         FOREIGN KEY (constancia_adjunto_id) REFERENCES adjunto (id)`,
    );
    await q.query(
      `CREATE INDEX ix_notificacion_respuesta_constancia ON notificacion_respuesta (constancia_adjunto_id) WHERE constancia_adjunto_id IS NOT NULL`,
    );
    // Earlier rows had only a free-text key with no file behind it; that key stays in their timeline
    // event and audit entry, and NOT VALID keeps those rows while every new one must reference a file.
    await q.query(`ALTER TABLE notificacion_respuesta DROP CONSTRAINT ck_notificacion_respuesta_constancia`);
    await q.query(`ALTER TABLE notificacion_respuesta DROP COLUMN constancia_clave`);
    await q.query(
      `ALTER TABLE notificacion_respuesta ADD CONSTRAINT ck_notificacion_respuesta_constancia
         CHECK (medio = 'email' OR constancia_adjunto_id IS NOT NULL) NOT VALID`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notificacion_respuesta DROP CONSTRAINT ck_notificacion_respuesta_constancia`);
    await q.query(`ALTER TABLE notificacion_respuesta ADD COLUMN constancia_clave text`);
    await q.query(
      `UPDATE notificacion_respuesta n SET constancia_clave = a.clave_almacen FROM adjunto a WHERE a.id = n.constancia_adjunto_id`,
    );
    await q.query(`DROP INDEX IF EXISTS ix_notificacion_respuesta_constancia`);
    await q.query(`ALTER TABLE notificacion_respuesta DROP CONSTRAINT fk_notificacion_respuesta_constancia`);
    await q.query(`ALTER TABLE notificacion_respuesta DROP COLUMN constancia_adjunto_id`);
    await q.query(
      `ALTER TABLE notificacion_respuesta ADD CONSTRAINT ck_notificacion_respuesta_constancia
         CHECK (medio = 'email' OR constancia_clave IS NOT NULL) NOT VALID`,
    );
    await q.query(`ALTER TABLE adjunto DROP CONSTRAINT ck_adjunto_tipo`);
    await q.query(`ALTER TABLE adjunto DROP COLUMN tipo`);
  }
}
