import { MigrationInterface, QueryRunner } from 'typeorm';

const ESTADOS_ANTES = `'registrado','en_atencion','observado','respondido','notificado','archivado','reconducido','trasladado','anulado'`;
const ESTADOS = `'registrado','en_atencion','observado','respondido','notificacion_en_curso','notificacion_fallida','notificado',
  'archivado','reconducido','trasladado','anulado'`;
const ABIERTOS_ANTES = `'registrado','en_atencion','observado','respondido'`;
const ABIERTOS = `'registrado','en_atencion','observado','respondido','notificacion_en_curso','notificacion_fallida'`;

/** The partial indexes over open reclamos (registro and plazos migrations), rebuilt over a given list of open states. */
async function indicesDeAbiertos(q: QueryRunner, abiertos: string): Promise<void> {
  await q.query(`DROP INDEX IF EXISTS ix_reclamo_abiertos_vence`);
  await q.query(`DROP INDEX IF EXISTS ix_reclamo_abiertos_entidad_vence`);
  await q.query(`DROP INDEX IF EXISTS ix_reclamo_abiertos_recalculo`);
  await q.query(`CREATE INDEX ix_reclamo_abiertos_vence ON reclamo (vence_el) WHERE estado IN (${abiertos})`);
  await q.query(`CREATE INDEX ix_reclamo_abiertos_entidad_vence ON reclamo (entidad_id, vence_el) WHERE estado IN (${abiertos})`);
  await q.query(
    `CREATE INDEX ix_reclamo_abiertos_recalculo ON reclamo (entidad_id, fecha_registro_lima, plazo_dias_habiles, vence_el) WHERE estado IN (${abiertos})`,
  );
}

/**
 * An e-mail notification counts when the SMTP server accepts it (TUO Ley 27444, art. 20.4), not
 * when staff press «Notificar»: two states for the time between (`notificacion_en_curso`) and for an
 * e-mail never accepted (`notificacion_fallida`); both still owe the citizen an answer, so the
 * indexes over open reclamos cover them. A notification row records the instant of acceptance and
 * the outbox row that carried it (its Message-ID is the proof). Rows written before this change were
 * dated at the click and have neither: NOT VALID keeps them as they are.
 */
export class NotificacionEfectiva1764600000000 implements MigrationInterface {
  name = 'NotificacionEfectiva1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reclamo DROP CONSTRAINT ck_reclamo_estado`);
    await q.query(`ALTER TABLE reclamo ADD CONSTRAINT ck_reclamo_estado CHECK (estado IN (${ESTADOS}))`);
    await indicesDeAbiertos(q, ABIERTOS);

    await q.query(`ALTER TABLE notificacion_respuesta ADD COLUMN aceptada_en timestamptz, ADD COLUMN outbox_id uuid`);
    // An accepted e-mail is recorded by the platform, not by a staff member (who ordered it is in the timeline).
    await q.query(`ALTER TABLE notificacion_respuesta ALTER COLUMN registrado_por DROP NOT NULL`);
    await q.query(
      `ALTER TABLE notificacion_respuesta ADD CONSTRAINT fk_notificacion_respuesta_outbox FOREIGN KEY (outbox_id) REFERENCES outbox (id)`,
    );
    await q.query(
      `ALTER TABLE notificacion_respuesta ADD CONSTRAINT ck_notificacion_respuesta_aceptada
         CHECK (medio <> 'email' OR (aceptada_en IS NOT NULL AND outbox_id IS NOT NULL)) NOT VALID`,
    );
    await q.query(`CREATE INDEX ix_notificacion_respuesta_outbox ON notificacion_respuesta (outbox_id) WHERE outbox_id IS NOT NULL`);
    // The responsable's inbox lists failed notifications first: few rows, found at once.
    await q.query(`CREATE INDEX ix_reclamo_notificacion_fallida ON reclamo (entidad_id) WHERE estado = 'notificacion_fallida'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_reclamo_notificacion_fallida`);
    await q.query(`DROP INDEX IF EXISTS ix_notificacion_respuesta_outbox`);
    await q.query(`ALTER TABLE notificacion_respuesta DROP CONSTRAINT IF EXISTS ck_notificacion_respuesta_aceptada`);
    await q.query(`ALTER TABLE notificacion_respuesta DROP CONSTRAINT IF EXISTS fk_notificacion_respuesta_outbox`);
    // The earlier schema wants a staff member: the one who ordered the e-mail (its «en curso» move).
    await q.query(
      `UPDATE notificacion_respuesta n SET registrado_por = (
         SELECT e.actor_id FROM reclamo_evento e
          WHERE e.reclamo_id = n.reclamo_id AND e.estado_nuevo = 'notificacion_en_curso' AND e.actor_id IS NOT NULL
          ORDER BY e.id DESC LIMIT 1)
        WHERE n.registrado_por IS NULL`,
    );
    await q.query(`ALTER TABLE notificacion_respuesta ALTER COLUMN registrado_por SET NOT NULL`);
    await q.query(`ALTER TABLE notificacion_respuesta DROP COLUMN IF EXISTS outbox_id, DROP COLUMN IF EXISTS aceptada_en`);
    // A reclamo in either new state goes back to «respondido»: its answer is written, not yet notified.
    await q.query(`UPDATE reclamo SET estado = 'respondido' WHERE estado IN ('notificacion_en_curso', 'notificacion_fallida')`);
    await indicesDeAbiertos(q, ABIERTOS_ANTES);
    await q.query(`ALTER TABLE reclamo DROP CONSTRAINT ck_reclamo_estado`);
    await q.query(`ALTER TABLE reclamo ADD CONSTRAINT ck_reclamo_estado CHECK (estado IN (${ESTADOS_ANTES}))`);
  }
}
