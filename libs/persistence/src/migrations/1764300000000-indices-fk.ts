import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes on the foreign keys that point at reclamo and had none. Without them, deleting or
 * re-keying a reclamo makes PostgreSQL scan the referencing table once per row: the transfer
 * links are self-references of reclamo, so that scan is of the largest table (found when the
 * benchmark's clean-up of 1M reclamos did not finish).
 */
export class IndicesFk1764300000000 implements MigrationInterface {
  name = 'IndicesFk1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_reclamo_origen ON reclamo (origen_reclamo_id) WHERE origen_reclamo_id IS NOT NULL`);
    await q.query(
      `CREATE INDEX ix_reclamo_trasladado_a ON reclamo (trasladado_a_reclamo_id) WHERE trasladado_a_reclamo_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_idempotencia_reclamo ON idempotencia (reclamo_id) WHERE reclamo_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_idempotencia_reclamo`);
    await q.query(`DROP INDEX IF EXISTS ix_reclamo_trasladado_a`);
    await q.query(`DROP INDEX IF EXISTS ix_reclamo_origen`);
  }
}
