import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notificaciones (issue #4): the outbox gains a sending claim and a relay mark.
 *
 * - estado 'enviando': a send job claimed the row (updated_at is the claim's time). A claim older
 *   than the claim TTL belongs to a worker that died mid-send and may be taken over.
 * - encolado_en: when the relay last put the row on the queue; rows pending long after it are
 *   re-enqueued by the recurring sweep.
 */
export class Notificaciones1763900000000 implements MigrationInterface {
  name = 'Notificaciones1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP CONSTRAINT ck_outbox_estado`);
    await q.query(`ALTER TABLE outbox ADD CONSTRAINT ck_outbox_estado CHECK (estado IN ('pendiente','enviando','enviado','fallido'))`);
    await q.query(`ALTER TABLE outbox ADD COLUMN encolado_en timestamptz`);
    // The relay's scan: pending rows never enqueued, oldest first.
    await q.query(`CREATE INDEX ix_outbox_por_encolar ON outbox (created_at) WHERE estado = 'pendiente' AND encolado_en IS NULL`);
    // The sweep's scan of claims left by dead workers.
    await q.query(`CREATE INDEX ix_outbox_enviando ON outbox (updated_at) WHERE estado = 'enviando'`);
    // The administrators' list of failed messages, newest first.
    await q.query(`CREATE INDEX ix_outbox_fallido ON outbox (updated_at DESC) WHERE estado = 'fallido'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_outbox_fallido`);
    await q.query(`DROP INDEX IF EXISTS ix_outbox_enviando`);
    await q.query(`DROP INDEX IF EXISTS ix_outbox_por_encolar`);
    await q.query(`ALTER TABLE outbox DROP COLUMN IF EXISTS encolado_en`);
    // A claim is not a state the older schema knows: those rows go back to pending.
    await q.query(`UPDATE outbox SET estado = 'pendiente' WHERE estado = 'enviando'`);
    await q.query(`ALTER TABLE outbox DROP CONSTRAINT ck_outbox_estado`);
    await q.query(`ALTER TABLE outbox ADD CONSTRAINT ck_outbox_estado CHECK (estado IN ('pendiente','enviado','fallido'))`);
  }
}
