import { MigrationInterface, QueryRunner } from 'typeorm';

/** The open states, as the partial indexes over open reclamos list them (1764600000000-notificacion-efectiva). */
const ABIERTOS = `'registrado','en_atencion','observado','respondido','notificacion_en_curso','notificacion_fallida'`;

/**
 * The back-office's landing pages read what each role works from, bounded by what is open or waiting,
 * never by the entity's history (an entity may have 100,000 open reclamos and years of closed ones):
 *
 * - `reclamo.subsanacion_respondida_en`: the instant the citizen's online reply to a subsanación arrived,
 *   kept while no staff member has acted on the reclamo since (any action of the back-office clears it).
 *   Counting "replies waiting" from the timeline instead would read every reply the entity ever got.
 *   Backfilled from the timeline: the latest reply of each reclamo en atención with no staff event after it.
 * - `ix_reclamo_subsanacion_respondida`: those reclamos per entity, by due date.
 * - `ix_respuesta_pendiente_aprobacion`: drafts waiting for the responsable (approved ones stay forever).
 * - `ix_reclamo_abiertos_asignado`: an officer's open reclamos by due date.
 * - `ix_reclamo_abiertos_entidad_vence` gains the code as its last key: the lists (the landing pages', the
 *   bandeja's) order by due date then code, and about a day's worth of an entity's reclamos share each due
 *   date. With the code in the key an entity's first reclamos by due date are read in order and the scan stops;
 *   without it the planner walked the country's open reclamos (ix_reclamo_abiertos_vence) and sorted a whole
 *   date (50–150 ms for 5 rows at 1M open reclamos; 0.1–0.5 ms with it). It serves every query it served.
 * If the open states ever change, rebuild both with the other partial indexes over open reclamos.
 */
export class Inicio1765150000000 implements MigrationInterface {
  name = 'Inicio1765150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reclamo ADD COLUMN subsanacion_respondida_en timestamptz`);
    await q.query(`
      UPDATE reclamo r SET subsanacion_respondida_en = s.ocurrido_en
        FROM (SELECT DISTINCT ON (e.reclamo_id) e.reclamo_id, e.id, e.ocurrido_en
                FROM reclamo_evento e
               WHERE e.tipo = 'cambio_estado' AND e.datos->>'accion' = 'subsanacion_respondida'
               ORDER BY e.reclamo_id, e.id DESC) s
       WHERE r.id = s.reclamo_id AND r.estado = 'en_atencion'
         AND NOT EXISTS (SELECT 1 FROM reclamo_evento p WHERE p.reclamo_id = s.reclamo_id AND p.id > s.id AND p.actor_tipo = 'personal')`);
    await q.query(
      `CREATE INDEX ix_reclamo_subsanacion_respondida ON reclamo (entidad_id, vence_el) WHERE subsanacion_respondida_en IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_respuesta_pendiente_aprobacion ON respuesta (entidad_id) WHERE estado = 'pendiente_aprobacion'`);
    await q.query(`CREATE INDEX ix_reclamo_abiertos_asignado ON reclamo (entidad_id, asignado_a, vence_el) WHERE estado IN (${ABIERTOS})`);
    await q.query(`DROP INDEX ix_reclamo_abiertos_entidad_vence`);
    await q.query(`CREATE INDEX ix_reclamo_abiertos_entidad_vence ON reclamo (entidad_id, vence_el, codigo) WHERE estado IN (${ABIERTOS})`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_reclamo_abiertos_entidad_vence`);
    await q.query(`CREATE INDEX ix_reclamo_abiertos_entidad_vence ON reclamo (entidad_id, vence_el) WHERE estado IN (${ABIERTOS})`);
    await q.query(`DROP INDEX IF EXISTS ix_reclamo_abiertos_asignado`);
    await q.query(`DROP INDEX IF EXISTS ix_respuesta_pendiente_aprobacion`);
    await q.query(`DROP INDEX IF EXISTS ix_reclamo_subsanacion_respondida`);
    await q.query(`ALTER TABLE reclamo DROP COLUMN subsanacion_respondida_en`);
  }
}
