import { MigrationInterface, QueryRunner } from 'typeorm';

/** Reads that leave a row here (`AccionDeAcceso`, libs/expediente/src/acceso/registro-de-acceso.ts). */
const ACCIONES = [
  'caso_consultado',
  'adjunto_descargado',
  'mensajes_consultados',
  'bandeja_consultada',
  'bandeja_exportada',
  'cifras_consultadas',
  'datos_personales_exportados',
  'accion_mejora_evidencia_descargada',
];

/**
 * `registro_acceso` (issue #14, the load drill): who saw what, when and from where — every READ of a case,
 * its files and messages, an inbox, an entity's figures, an access request's export. Until now those reads
 * were entries of the entity's hash chain (`auditoria`), and appending locks the chain's head row FOR
 * UPDATE: a read waited behind every write of its entity (a sweep, a recompute, a long transaction) and a
 * coordinator's ranking wrote to every entity's chain. A read changes nothing, so it needs no place in the
 * chain of changes; here it is one INSERT that waits on no row.
 *
 * Append-only as `auditoria` is (a trigger refuses UPDATE, DELETE and TRUNCATE). No foreign keys, on
 * purpose: checking one takes FOR KEY SHARE on the referenced row, and the registry locks `entidad` FOR
 * UPDATE while editing it, every staff action locks its `reclamo` FOR UPDATE: a read would wait on them
 * again. The ids come from rows the use case has just read in the caller's scope. `detalle` holds ids,
 * codes, filters and counts, never personal data (a file's name may name the person: only its id).
 *
 * The reads already in `auditoria` are copied here (same instant, actor, IP and detalle), so this table
 * answers "who saw this" from the start; they stay in the chain too, which cannot lose an entry.
 */
export class RegistroAcceso1766500000000 implements MigrationInterface {
  name = 'RegistroAcceso1766500000000';

  async up(q: QueryRunner): Promise<void> {
    const lista = ACCIONES.map((a) => `'${a}'`).join(',');
    await q.query(`
      CREATE TABLE registro_acceso (
        id bigint GENERATED ALWAYS AS IDENTITY,
        entidad_id uuid NOT NULL,
        reclamo_id uuid,
        actor_id uuid NOT NULL,
        actor_rol text NOT NULL,
        ip text,
        accion text NOT NULL,
        detalle jsonb NOT NULL DEFAULT '{}',
        ocurrido_en timestamptz NOT NULL,
        CONSTRAINT pk_registro_acceso PRIMARY KEY (id),
        CONSTRAINT ck_registro_acceso_accion CHECK (accion IN (${lista}))
      )`);
    await q.query(`CREATE INDEX ix_registro_acceso_reclamo ON registro_acceso (reclamo_id, ocurrido_en) WHERE reclamo_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_registro_acceso_entidad ON registro_acceso (entidad_id, ocurrido_en)`);
    await q.query(`CREATE INDEX ix_registro_acceso_actor ON registro_acceso (actor_id, ocurrido_en)`);
    await q.query(`
      CREATE FUNCTION registro_acceso_solo_agregar() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'registro_acceso es de solo agregar: no se permite %', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER tg_registro_acceso_sin_cambios BEFORE UPDATE OR DELETE ON registro_acceso
      FOR EACH ROW EXECUTE FUNCTION registro_acceso_solo_agregar()`);
    await q.query(`CREATE TRIGGER tg_registro_acceso_sin_truncate BEFORE TRUNCATE ON registro_acceso
      FOR EACH STATEMENT EXECUTE FUNCTION registro_acceso_solo_agregar()`);
    // File names out, as the writer now does (a name such as "DNI de Juan Pérez.pdf" is personal data).
    await q.query(
      `INSERT INTO registro_acceso (entidad_id, reclamo_id, actor_id, actor_rol, ip, accion, detalle, ocurrido_en)
       SELECT entidad_id, reclamo_id, actor_id, actor_rol, ip, accion, detalle - 'nombre', ocurrido_en
         FROM auditoria WHERE accion IN (${lista}) ORDER BY id`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE registro_acceso`);
    await q.query(`DROP FUNCTION registro_acceso_solo_agregar()`);
  }
}
