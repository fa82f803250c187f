import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foreign keys from the rows a filing writes alongside its reclamo (people, attachments' records,
 * timeline, outbox) become DEFERRABLE, still INITIALLY IMMEDIATE: every writer keeps the check at the
 * statement, except the one that asks otherwise. A filing (`prepararReclamo` in libs/expediente) defers
 * them for its own transaction, writes those rows first and the reclamo row last, in one statement with
 * its correlative, so the entity's counter row is locked only from that statement to the commit (the
 * checks then run at commit, and a filing that never wrote its reclamo fails whole). Altering the
 * constraints checks no rows.
 */
const DIFERIBLES: ReadonlyArray<readonly [tabla: string, restriccion: string]> = [
  ['reclamo_persona', 'fk_reclamo_persona_reclamo'],
  ['adjunto', 'fk_adjunto_reclamo'],
  ['reclamo_evento', 'fk_reclamo_evento_reclamo'],
  ['outbox', 'fk_outbox_reclamo'],
];

export class ReferenciasAlReclamoDiferibles1766451400000 implements MigrationInterface {
  name = 'ReferenciasAlReclamoDiferibles1766451400000';

  async up(q: QueryRunner): Promise<void> {
    for (const [tabla, restriccion] of DIFERIBLES) {
      await q.query(`ALTER TABLE ${tabla} ALTER CONSTRAINT ${restriccion} DEFERRABLE INITIALLY IMMEDIATE`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [tabla, restriccion] of DIFERIBLES) {
      await q.query(`ALTER TABLE ${tabla} ALTER CONSTRAINT ${restriccion} NOT DEFERRABLE`);
    }
  }
}
