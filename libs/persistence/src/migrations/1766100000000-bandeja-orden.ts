import { MigrationInterface, QueryRunner } from 'typeorm';

/** The lifecycle's order of the states when this migration was written (EstadoReclamo's), frozen here as a migration must be. */
const ESTADOS_EN_ORDEN = [
  'registrado',
  'en_atencion',
  'observado',
  'respondido',
  'notificacion_en_curso',
  'notificacion_fallida',
  'notificado',
  'archivado',
  'reconducido',
  'trasladado',
  'anulado',
].join(',');

/**
 * Formulario (issue 13), the back-office part:
 * - The inbox sorts by code and by due date over every state (not only the open ones, which
 *   ix_reclamo_abiertos_entidad_vence covers): each index lets the page query read the entity's rows
 *   in order and stop at the page, instead of sorting all of them. Registration date already has
 *   ix_reclamo_entidad_registro. The state sorts in lifecycle order, an expression this migration indexes
 *   as ListBandejaUseCase writes it (POSICION_DEL_ESTADO_SQL; a test compares the two, so a new state
 *   comes with a migration). The officer's name comes through a join and sorts the filtered set.
 * - `entidad.aprobar_y_notificar`: the responsable may approve an answer and notify it in one step
 *   (approve → respondido → e-mail), each step still audited. On by default; an entity that wants
 *   approval and notification done by different people turns it off in /configuracion.
 */
export class BandejaOrden1766100000000 implements MigrationInterface {
  name = 'BandejaOrden1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_reclamo_entidad_vence ON reclamo (entidad_id, vence_el, codigo)`);
    await q.query(`CREATE INDEX ix_reclamo_entidad_codigo ON reclamo (entidad_id, codigo)`);
    await q.query(`CREATE INDEX ix_reclamo_entidad_estado_orden ON reclamo (entidad_id, array_position('{${ESTADOS_EN_ORDEN}}'::text[], estado), vence_el, codigo)`);
    await q.query(`ALTER TABLE entidad ADD COLUMN aprobar_y_notificar boolean NOT NULL DEFAULT true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE entidad DROP COLUMN aprobar_y_notificar`);
    await q.query(`DROP INDEX ix_reclamo_entidad_estado_orden`);
    await q.query(`DROP INDEX ix_reclamo_entidad_codigo`);
    await q.query(`DROP INDEX ix_reclamo_entidad_vence`);
  }
}
