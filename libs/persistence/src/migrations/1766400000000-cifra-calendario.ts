import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `cifra_calendario`: the calendar version (`BusinessCalendar#versionFor` of the entity's scope: national
 * rules, decreed days, its departamento's days, its own closures) every rollup row of the entity was
 * computed with. When the calendar changes, only the entities whose version moved are rebuilt: an
 * entity's closure no longer rebuilds the whole country's figures. Written only by the rollup writer
 * (libs/medicion/src/rollup/cifras.writer.ts); it goes with its entity (a version means nothing without it).
 *
 * Rows existing before this table carry no version, so the next run rebuilds everything once
 * (`reconstruido = false`) and records each entity's version as it goes.
 */
export class CifraCalendario1766400000000 implements MigrationInterface {
  name = 'CifraCalendario1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cifra_calendario (
        entidad_id uuid NOT NULL,
        version text NOT NULL,
        actualizado_en timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_cifra_calendario PRIMARY KEY (entidad_id),
        CONSTRAINT fk_cifra_calendario_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id) ON DELETE CASCADE
      )`);
    await q.query(`UPDATE medicion_progreso SET reconstruido = false WHERE id = 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS cifra_calendario`);
  }
}
