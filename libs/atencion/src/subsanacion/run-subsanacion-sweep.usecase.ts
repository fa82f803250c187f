import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { limaDateOf } from '@app/calendar';
import { assertTransition, EstadoReclamo } from '@app/domain';
import { Clock } from '@app/platform/clock';
import { DeadlineSweepStep } from '@app/plazos';
import { ACTOR_SISTEMA, archivarNoSubsanados, AuditTrail } from '@app/expediente';
import { escribirMensajes } from '@app/notifications';

/** What the sweep writes as the motive of an automatic archive (the citizen may file again). */
export const MOTIVO_NO_SUBSANADO = 'No subsanado: venció el plazo de 2 días hábiles sin respuesta del ciudadano';

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
 * Observed reclamos past their window, of entities that flag: one alert per reclamo and window (its
 * primary key makes a re-run write nothing), returned with each responsable to tell.
 */
const FLAG_SQL = `
WITH nueva AS (
  INSERT INTO alerta_subsanacion (reclamo_id, subsanacion_vence_el, entidad_id, created_at)
  SELECT r.id, r.subsanacion_vence_el, r.entidad_id, $3
    FROM reclamo r
   WHERE r.entidad_id = ANY ($1::uuid[]) AND r.estado = '${EstadoReclamo.OBSERVADO}' AND r.subsanacion_vence_el < $2::date
  ON CONFLICT ON CONSTRAINT pk_alerta_subsanacion DO NOTHING
  RETURNING reclamo_id, subsanacion_vence_el, entidad_id
), total AS (
  SELECT count(*)::int AS marcados FROM nueva
)
SELECT t.marcados, d.*
  FROM total t
  LEFT JOIN (
    SELECT n.reclamo_id AS "reclamoId", n.entidad_id AS "entidadId", n.subsanacion_vence_el::text AS "venceSubsanacion",
           u.id AS "usuarioId", u.email
      FROM nueva n
      JOIN usuario u ON u.entidad_id = n.entidad_id AND u.activo AND u.rol IN ('responsable_titular', 'responsable_alterno')
  ) d ON true`;

/**
 * The end of the subsanación window (domain README: 2 días hábiles, "else archivado no subsanado").
 * A reclamo in 'observado' whose stored window end (`subsanacion_vence_el`, counted in business days
 * with the entity's calendar when it was requested) is before today in Lima is, per the entity's
 * `subsanacion_vencida` setting:
 * - 'archivar': moved observado → archivado by the platform (timeline entry by 'sistema', audit
 *   entry in the entity's hash chain), in one transaction per batch of entities;
 * - 'marcar': flagged for the responsables (`alerta_subsanacion` + outbox), once per window.
 * A reclamo whose citizen replied in time is back in en_atencion and is not selected. Runs as a step
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
        const flagged = await this.flag(marcar, hoy, now);
        marcados += flagged.marcados;
        notificaciones += flagged.notificaciones;
      }
    }
    if (archivados + marcados > 0) this.logger.log({ hoy, archivados, marcados, notificaciones }, 'Subsanaciones vencidas atendidas');
    return { hoy, archivados, marcados, notificaciones };
  }

  private async archive(entidadIds: string[], hoy: string, now: Date): Promise<number> {
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const moved = await archivarNoSubsanados(manager, { entidadIds, hoy, ahora: now, motivo: MOTIVO_NO_SUBSANADO });
      await this.auditTrail.appendMany(
        manager,
        moved.map((reclamo) => ({
          entidadId: reclamo.entidadId,
          reclamoId: reclamo.id,
          actor: ACTOR_SISTEMA,
          ip: null,
          accion: 'archivado',
          detalle: {
            codigo: reclamo.codigo,
            estadoAnterior: EstadoReclamo.OBSERVADO,
            estadoNuevo: EstadoReclamo.ARCHIVADO,
            motivo: MOTIVO_NO_SUBSANADO,
            subsanacionVence: reclamo.subsanacionVence,
            eventoId: reclamo.eventoId,
          },
          ocurridoEn: now,
        })),
      );
      return moved.length;
    });
  }

  /** The alerts and their messages commit together: an alert is never recorded without its messages. */
  private async flag(entidadIds: string[], hoy: string, now: Date): Promise<{ marcados: number; notificaciones: number }> {
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      // One row per message to write (at least one row, which carries the count of new alerts).
      const rows: Array<{ marcados: number; reclamoId: string | null; entidadId: string; venceSubsanacion: string; usuarioId: string; email: string }> =
        await manager.query(FLAG_SQL, [entidadIds, hoy, now]);
      const notificaciones = await escribirMensajes(
        manager,
        rows.flatMap((row) =>
          row.reclamoId
            ? [
                {
                  tipo: 'subsanacion_vencida' as const,
                  entidadId: row.entidadId,
                  reclamoId: row.reclamoId,
                  destinatario: row.email,
                  datos: { reclamoId: row.reclamoId, venceSubsanacion: row.venceSubsanacion, usuarioId: row.usuarioId },
                  claveUnica: `subsanacion_vencida:${row.reclamoId}:${row.venceSubsanacion}:${row.usuarioId}`,
                },
              ]
            : [],
        ),
      );
      return { marcados: rows[0]?.marcados ?? 0, notificaciones };
    });
  }
}
