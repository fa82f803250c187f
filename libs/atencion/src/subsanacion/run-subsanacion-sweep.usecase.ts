import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { limaDateOf } from '@app/calendar';
import { assertTransition, EstadoReclamo } from '@app/domain';
import { Clock } from '@app/platform/clock';
import { DeadlineSweepStep } from '@app/plazos';
import { AuditTrail } from '../audit/audit-trail';

/** Outbox message to the responsables when a case's subsanación window passed and the entity chose 'marcar'. */
export const OUTBOX_SUBSANACION_VENCIDA = 'subsanacion_vencida';
/** What the sweep writes as the motive of an automatic archive (the citizen may file again). */
export const MOTIVO_NO_SUBSANADO = 'No subsanado: venció el plazo de 2 días hábiles sin respuesta del ciudadano';
/**
 * The audit trail's actor for what the platform does by itself. `auditoria.actor_id` is NOT NULL
 * and has no foreign key; the nil UUID with role 'sistema' cannot be mistaken for a person.
 */
export const ACTOR_SISTEMA = { id: '00000000-0000-0000-0000-000000000000', rol: 'sistema' } as const;

export interface RunSubsanacionSweepCommand {
  /** Only these entities (a batch, or a test's own); every active entity when absent. */
  readonly entidadIds?: readonly string[];
}

export interface SubsanacionSweepResult {
  readonly hoy: string;
  readonly archivados: number;
  readonly marcados: number;
  readonly notificaciones: number;
}

// Entities per statement, as in the deadline sweep.
const ENTITY_BATCH = 500;

/**
 * Observed cases whose window ended before today, of entities that archive: moved and recorded in
 * one statement. `FOR UPDATE SKIP LOCKED` leaves alone a case a staff member is acting on right
 * now (recording the citizen's reply wins; the next sweep looks again) and a case another sweep is
 * archiving; the UPDATE re-checks `estado`, so a case is archived once whatever runs at the same time.
 */
const ARCHIVE_SQL = `
WITH objetivo AS (
  SELECT r.id FROM reclamo r
   WHERE r.entidad_id = ANY ($1::uuid[]) AND r.estado = '${EstadoReclamo.OBSERVADO}' AND r.subsanacion_vence_el < $2::date
   ORDER BY r.id
   FOR UPDATE OF r SKIP LOCKED
), movido AS (
  UPDATE reclamo r SET estado = '${EstadoReclamo.ARCHIVADO}', updated_at = $3
    FROM objetivo o
   WHERE r.id = o.id AND r.estado = '${EstadoReclamo.OBSERVADO}'
  RETURNING r.id, r.entidad_id, r.codigo, r.subsanacion_vence_el
), evento AS (
  INSERT INTO reclamo_evento (reclamo_id, entidad_id, tipo, estado_anterior, estado_nuevo, actor_tipo, actor_id, motivo, datos, ocurrido_en)
  SELECT m.id, m.entidad_id, 'cambio_estado', '${EstadoReclamo.OBSERVADO}', '${EstadoReclamo.ARCHIVADO}', 'sistema', NULL, $4,
         jsonb_build_object('accion', 'archivado_no_subsanado', 'subsanacionVence', m.subsanacion_vence_el), $3
    FROM movido m
  RETURNING id, reclamo_id
)
SELECT m.id, m.entidad_id AS "entidadId", m.codigo, m.subsanacion_vence_el::text AS "subsanacionVence", e.id::text AS "eventoId"
  FROM movido m JOIN evento e ON e.reclamo_id = m.id
 ORDER BY m.entidad_id, m.id`;

/** Observed cases past their window, of entities that flag: one alert per case and window, and its outbox rows, in one statement. */
const FLAG_SQL = `
WITH nueva AS (
  INSERT INTO alerta_subsanacion (reclamo_id, subsanacion_vence_el, entidad_id, created_at)
  SELECT r.id, r.subsanacion_vence_el, r.entidad_id, $3
    FROM reclamo r
   WHERE r.entidad_id = ANY ($1::uuid[]) AND r.estado = '${EstadoReclamo.OBSERVADO}' AND r.subsanacion_vence_el < $2::date
  ON CONFLICT ON CONSTRAINT pk_alerta_subsanacion DO NOTHING
  RETURNING reclamo_id, subsanacion_vence_el, entidad_id
), mensaje AS (
  INSERT INTO outbox (entidad_id, reclamo_id, tipo, canal, destinatario, datos, clave_unica, estado, intentos)
  SELECT n.entidad_id, n.reclamo_id, '${OUTBOX_SUBSANACION_VENCIDA}', 'email', u.email,
         jsonb_build_object('reclamoId', n.reclamo_id, 'venceSubsanacion', n.subsanacion_vence_el, 'usuarioId', u.id),
         '${OUTBOX_SUBSANACION_VENCIDA}:' || n.reclamo_id || ':' || n.subsanacion_vence_el || ':' || u.id,
         'pendiente', 0
    FROM nueva n
    JOIN usuario u ON u.entidad_id = n.entidad_id AND u.activo AND u.rol IN ('responsable_titular', 'responsable_alterno')
  ON CONFLICT (clave_unica) DO NOTHING
  RETURNING 1
)
SELECT (SELECT count(*) FROM nueva)::int AS marcados, (SELECT count(*) FROM mensaje)::int AS notificaciones`;

/**
 * The end of the subsanación window (domain README: 2 días hábiles, "else archivado no subsanado").
 * A case in 'observado' whose stored window end (`subsanacion_vence_el`, counted in business days
 * with the entity's calendar when it was requested) is before today in Lima is, per the entity's
 * `subsanacion_vencida` setting:
 * - 'archivar': moved observado → archivado by the platform (timeline entry by 'sistema', audit
 *   entry in the entity's hash chain), in one transaction per batch of entities;
 * - 'marcar': flagged for the responsables (`alerta_subsanacion` + outbox), once per window.
 * A case whose citizen replied in time is back in en_atencion and is not selected. Runs as a step
 * of the deadline sweep (`DEADLINE_SWEEP_STEPS`), so it shares its schedule, retries and batching.
 */
@Injectable()
export class RunSubsanacionSweepUseCase implements DeadlineSweepStep {
  readonly nombre = 'subsanacion';
  private readonly logger = new Logger(RunSubsanacionSweepUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditTrail: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(command: RunSubsanacionSweepCommand = {}): Promise<SubsanacionSweepResult> {
    // The one move this sweep makes must be one the lifecycle allows; it is the same for every row.
    assertTransition(EstadoReclamo.OBSERVADO, EstadoReclamo.ARCHIVADO);
    const now = this.clock.now();
    const hoy = limaDateOf(now);
    const entidades: Array<{ id: string; modo: 'archivar' | 'marcar' }> = await this.dataSource.query(
      `SELECT id, subsanacion_vencida AS modo FROM entidad
        WHERE activo AND ($1::uuid[] IS NULL OR id = ANY ($1::uuid[])) ORDER BY id`,
      [command.entidadIds ? [...command.entidadIds] : null],
    );
    let archivados = 0;
    let marcados = 0;
    let notificaciones = 0;
    for (let start = 0; start < entidades.length; start += ENTITY_BATCH) {
      const batch = entidades.slice(start, start + ENTITY_BATCH);
      const archivar = batch.filter((e) => e.modo === 'archivar').map((e) => e.id);
      const marcar = batch.filter((e) => e.modo === 'marcar').map((e) => e.id);
      if (archivar.length > 0) archivados += await this.archive(archivar, hoy, now);
      if (marcar.length > 0) {
        const [row]: Array<{ marcados: number; notificaciones: number }> = await this.dataSource.query(FLAG_SQL, [marcar, hoy, now]);
        marcados += row.marcados;
        notificaciones += row.notificaciones;
      }
    }
    if (archivados + marcados > 0) this.logger.log({ hoy, archivados, marcados, notificaciones }, 'Subsanaciones vencidas atendidas');
    return { hoy, archivados, marcados, notificaciones };
  }

  private async archive(entidadIds: string[], hoy: string, now: Date): Promise<number> {
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const moved: Array<{ id: string; entidadId: string; codigo: string; subsanacionVence: string; eventoId: string }> = await manager.query(
        ARCHIVE_SQL,
        [entidadIds, hoy, now, MOTIVO_NO_SUBSANADO],
      );
      // The audit chain is a hash per entry, so entries are appended one by one, in entity order
      // (chain heads are always locked in the same order: no deadlock between sweeps).
      for (const caso of moved) {
        await this.auditTrail.append(manager, {
          entidadId: caso.entidadId,
          reclamoId: caso.id,
          actor: ACTOR_SISTEMA,
          ip: null,
          accion: 'archivado',
          detalle: {
            codigo: caso.codigo,
            estadoAnterior: EstadoReclamo.OBSERVADO,
            estadoNuevo: EstadoReclamo.ARCHIVADO,
            motivo: MOTIVO_NO_SUBSANADO,
            subsanacionVence: caso.subsanacionVence,
            eventoId: caso.eventoId,
          },
          ocurridoEn: now,
        });
      }
      return moved.length;
    });
  }
}
