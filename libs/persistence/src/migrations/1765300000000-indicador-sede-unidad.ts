import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An indicator measured by the platform may count one sede's or one unidad orgánica's reclamos only
 * (the example: reclamos about waiting time at a sede, per month). Both are the entity's own
 * catalogue rows (libs/mejora checks it) and make sense only with a platform series (`fuente`): an
 * indicator whose values the entity records has nothing to filter.
 */
export class IndicadorSedeUnidad1765300000000 implements MigrationInterface {
  name = 'IndicadorSedeUnidad1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accion_mejora_indicador ADD COLUMN sede_id uuid, ADD COLUMN unidad_id uuid`);
    await q.query(`ALTER TABLE accion_mejora_indicador
      ADD CONSTRAINT fk_accion_mejora_indicador_sede FOREIGN KEY (sede_id) REFERENCES sede (id),
      ADD CONSTRAINT fk_accion_mejora_indicador_unidad FOREIGN KEY (unidad_id) REFERENCES unidad_organica (id),
      ADD CONSTRAINT ck_accion_mejora_indicador_filtros CHECK (fuente IS NOT NULL OR (sede_id IS NULL AND unidad_id IS NULL))`);
    // The foreign keys' own indexes (a catalogue row's delete checks them), partial: most indicators have neither.
    await q.query(`CREATE INDEX ix_accion_mejora_indicador_sede ON accion_mejora_indicador (sede_id) WHERE sede_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_accion_mejora_indicador_unidad ON accion_mejora_indicador (unidad_id) WHERE unidad_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ix_accion_mejora_indicador_unidad`);
    await q.query(`DROP INDEX IF EXISTS ix_accion_mejora_indicador_sede`);
    await q.query(`ALTER TABLE accion_mejora_indicador
      DROP CONSTRAINT IF EXISTS ck_accion_mejora_indicador_filtros,
      DROP CONSTRAINT IF EXISTS fk_accion_mejora_indicador_unidad,
      DROP CONSTRAINT IF EXISTS fk_accion_mejora_indicador_sede`);
    await q.query(`ALTER TABLE accion_mejora_indicador DROP COLUMN IF EXISTS unidad_id, DROP COLUMN IF EXISTS sede_id`);
  }
}
