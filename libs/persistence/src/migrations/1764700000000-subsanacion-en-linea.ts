import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subsanación online: the citizen answers a request for missing information from the platform.
 * - `entidad.subsanacion_pausa_plazo`: whether the 30-day clock stops while a reclamo is observado
 *   (domain README: not settled, configurable, default no pause).
 * - `reclamo.dias_pausados`: business days the clock stood still so far. The due date is then the
 *   plazo plus those days counted from registration, which is what a calendar recompute counts too
 *   (without it, a recompute would silently take the pause back).
 * - `adjunto.tipo` 'subsanacion': the files the citizen sends with the reply, beside the ones filed.
 */
export class SubsanacionEnLinea1764700000000 implements MigrationInterface {
  name = 'SubsanacionEnLinea1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE entidad ADD COLUMN subsanacion_pausa_plazo boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE reclamo ADD COLUMN dias_pausados integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE reclamo ADD CONSTRAINT ck_reclamo_dias_pausados CHECK (dias_pausados >= 0)`);
    await q.query(`ALTER TABLE adjunto DROP CONSTRAINT ck_adjunto_tipo`);
    await q.query(
      `ALTER TABLE adjunto ADD CONSTRAINT ck_adjunto_tipo CHECK (tipo IN ('ciudadano', 'hoja_fisica', 'constancia_notificacion', 'subsanacion'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // The reply's files are the citizen's own: without their kind they are kept as the citizen's attachments.
    await q.query(`UPDATE adjunto SET tipo = 'ciudadano' WHERE tipo = 'subsanacion'`);
    await q.query(`ALTER TABLE adjunto DROP CONSTRAINT ck_adjunto_tipo`);
    await q.query(`ALTER TABLE adjunto ADD CONSTRAINT ck_adjunto_tipo CHECK (tipo IN ('ciudadano', 'hoja_fisica', 'constancia_notificacion'))`);
    await q.query(`ALTER TABLE reclamo DROP CONSTRAINT ck_reclamo_dias_pausados`);
    await q.query(`ALTER TABLE reclamo DROP COLUMN dias_pausados`);
    await q.query(`ALTER TABLE entidad DROP COLUMN subsanacion_pausa_plazo`);
  }
}
