import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tramos (issue #12): the trail of the entity registry, written only by libs/tramos in the
 * transaction of each change. Coordinators and administrators belong to no entity, and one change
 * may touch thousands of entities at once (a CSV import, a tramo whose kinds change), so the
 * registry keeps one trail of its own instead of a per-entity hash chain (`auditoria`): one row
 * per change, naming the entity or the tramo when there is one, with who, when, from where and what
 * (`detalle`: before and after, the entities moved or created, an imported file's SHA-256 and rows).
 * Append-only, as `auditoria` is: a trigger refuses UPDATE, DELETE and TRUNCATE.
 */
export class AuditoriaRegistro1765600000000 implements MigrationInterface {
  name = 'AuditoriaRegistro1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE auditoria_registro (
        id bigint GENERATED ALWAYS AS IDENTITY,
        accion text NOT NULL,
        actor_id uuid NOT NULL,
        actor_rol text NOT NULL,
        ip text,
        entidad_id uuid,
        tramo_id smallint,
        detalle jsonb NOT NULL DEFAULT '{}',
        ocurrido_en timestamptz NOT NULL,
        CONSTRAINT pk_auditoria_registro PRIMARY KEY (id),
        CONSTRAINT fk_auditoria_registro_actor FOREIGN KEY (actor_id) REFERENCES usuario (id),
        CONSTRAINT fk_auditoria_registro_entidad FOREIGN KEY (entidad_id) REFERENCES entidad (id),
        CONSTRAINT fk_auditoria_registro_tramo FOREIGN KEY (tramo_id) REFERENCES tramo (id),
        CONSTRAINT ck_auditoria_registro_accion CHECK (accion IN ('tramo_creado','tramo_modificado','entidad_registrada',
          'entidad_modificada','entidad_desactivada','entidad_reactivada','entidades_importadas','responsables_designados'))
      )`);
    await q.query(`CREATE INDEX ix_auditoria_registro_entidad ON auditoria_registro (entidad_id, id) WHERE entidad_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_auditoria_registro_tramo ON auditoria_registro (tramo_id, id) WHERE tramo_id IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION auditoria_registro_solo_agregar() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'auditoria_registro es de solo agregar: no se permite %', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER tg_auditoria_registro_sin_cambios BEFORE UPDATE OR DELETE ON auditoria_registro
      FOR EACH ROW EXECUTE FUNCTION auditoria_registro_solo_agregar()`);
    await q.query(`CREATE TRIGGER tg_auditoria_registro_sin_truncate BEFORE TRUNCATE ON auditoria_registro
      FOR EACH STATEMENT EXECUTE FUNCTION auditoria_registro_solo_agregar()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE auditoria_registro`);
    await q.query(`DROP FUNCTION auditoria_registro_solo_agregar()`);
  }
}
