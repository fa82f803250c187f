import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tramos (issue #12): the designation of an entity's responsables del libro, as the rollout
 * coordinator enters it from the entity's oficio (number and date), and whether an entity's tramo was
 * chosen by hand.
 *
 * - `designacion_responsables`: one row per oficio received, kept as history (a later oficio replaces
 *   the designated people; the first one dates the adoption step «designación recibida»). The names and
 *   e-mails are the designated public servants' (staff, not citizens); the accounts are invited from
 *   them. Written only by the entity registry (libs/tramos).
 * - `entidad.tramo_manual`: false means the tramo follows the entity's kind (tramo.tipos_entidad);
 *   true means a coordinator assigned it by hand and a change of kinds does not move it.
 */
export class Designaciones1765500000000 implements MigrationInterface {
  name = 'Designaciones1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE designacion_responsables (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        entidad_id uuid NOT NULL,
        oficio_numero text NOT NULL,
        oficio_fecha date NOT NULL,
        titular_nombre text NOT NULL,
        titular_email text NOT NULL,
        alterno_nombre text,
        alterno_email text,
        registrado_por uuid,
        registrado_en timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_designacion_responsables PRIMARY KEY (id),
        CONSTRAINT fk_designacion_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT fk_designacion_registrado_por FOREIGN KEY (registrado_por) REFERENCES usuario (id),
        CONSTRAINT ck_designacion_oficio CHECK (btrim(oficio_numero) <> ''),
        CONSTRAINT ck_designacion_alterno CHECK ((alterno_nombre IS NULL) = (alterno_email IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_designacion_entidad ON designacion_responsables (entidad_id, oficio_fecha)`);
    await q.query(`ALTER TABLE entidad ADD COLUMN tramo_manual boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE entidad DROP COLUMN tramo_manual`);
    await q.query(`DROP TABLE designacion_responsables`);
  }
}
