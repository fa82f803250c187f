import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { limaDateOf } from '@app/calendar';
import { ESTADOS_ABIERTOS } from '@app/domain';
import { escribirMensajes } from '@app/notifications';
import { Clock } from '@app/platform/clock';
import { CalendarRepository, scopeOfEntidad } from '../calendar/calendar.repository';
import { thresholdBands, UMBRAL_VENCIDO } from './threshold-bands';

export interface RunDeadlineSweepCommand {
  /** Only these entities (a batch, or a test's own); every active entity when absent. */
  readonly entidadIds?: readonly string[];
}

export interface DeadlineSweepResult {
  readonly hoy: string;
  readonly entidades: number;
  readonly alertas: number;
  readonly notificaciones: number;
}

// Entities per statement: bounds the size of the arrays sent and of each transaction.
const ENTITY_BATCH = 500;

const SWEEP_SQL = `
WITH banda AS (
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[]) AS b(entidad_id, umbral, desde, hasta)
), nueva AS (
  INSERT INTO alerta_plazo (reclamo_id, umbral, entidad_id, vence_el, created_at)
  SELECT r.id, b.umbral, r.entidad_id, r.vence_el, $5
    FROM banda b
    JOIN reclamo r ON r.entidad_id = b.entidad_id AND r.vence_el >= b.desde AND r.vence_el < b.hasta
   WHERE r.estado = ANY ($6::text[])
  ON CONFLICT ON CONSTRAINT pk_alerta_plazo DO NOTHING
  RETURNING reclamo_id, umbral, entidad_id, vence_el
), total AS (
  SELECT count(*)::int AS alertas FROM nueva
)
SELECT t.alertas, d.*
  FROM total t
  LEFT JOIN (
    SELECT n.reclamo_id AS "reclamoId", n.entidad_id AS "entidadId", n.umbral, n.vence_el::text AS vence, u.id AS "usuarioId", u.email
      FROM nueva n
      JOIN usuario u ON u.entidad_id = n.entidad_id AND u.activo
       AND (u.rol IN ('responsable_titular', 'responsable_alterno') OR (n.umbral = '${UMBRAL_VENCIDO}' AND u.rol = 'titular_entidad'))
  ) d ON true`;

/**
 * The deadline sweep: reminders at each entity's thresholds of business days left, and the
 * escalation of overdue reclamos.
 *
 * Per entity the calendar turns thresholds into due-date ranges once (`thresholdBands`); then, per
 * batch of entities, one transaction: one statement selects the open reclamos in those ranges and
 * records one alert per (reclamo, threshold), returning each recipient; one more writes their messages
 * through the typed outbox writer. The alert's primary key with ON CONFLICT DO NOTHING is what makes
 * each alert fire exactly once: a re-run, a sweep that died halfway (its transaction rolled back
 * whole) or two sweeps at once send nothing twice. Closed reclamos are not selected, so a reclamo
 * answered before a threshold never gets it.
 *
 * Recipients: the entity's responsables; overdue also the titular de la entidad. (The domain README
 * also names the assigned officer: not yet done, noted for the Plazos follow-up.) An alert with no
 * recipient is still recorded, so it does not fire later.
 */
@Injectable()
export class RunDeadlineSweepUseCase {
  private readonly logger = new Logger(RunDeadlineSweepUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: RunDeadlineSweepCommand = {}): Promise<DeadlineSweepResult> {
    const now = this.clock.now();
    const hoy = limaDateOf(now);
    const calendar = await this.calendars.current();
    const entidades: Array<{ id: string; codigo: string; ubigeo: string; umbrales: number[] }> = await this.dataSource.query(
      `SELECT id, codigo, ubigeo, umbrales_alerta AS umbrales FROM entidad
        WHERE activo AND ($1::uuid[] IS NULL OR id = ANY ($1::uuid[])) ORDER BY id`,
      [command.entidadIds ? [...command.entidadIds] : null],
    );

    let alertas = 0;
    let notificaciones = 0;
    for (let start = 0; start < entidades.length; start += ENTITY_BATCH) {
      const ids: string[] = [];
      const umbrales: string[] = [];
      const desdes: string[] = [];
      const hastas: string[] = [];
      for (const entidad of entidades.slice(start, start + ENTITY_BATCH)) {
        for (const band of thresholdBands(calendar, hoy, entidad.umbrales, scopeOfEntidad(entidad))) {
          ids.push(entidad.id);
          umbrales.push(band.umbral);
          desdes.push(band.desde ?? '-infinity');
          hastas.push(band.hasta);
        }
      }
      const batch = await this.recordAlerts([ids, umbrales, desdes, hastas, now, ESTADOS_ABIERTOS]);
      alertas += batch.alertas;
      notificaciones += batch.notificaciones;
    }
    if (alertas > 0) this.logger.log({ hoy, alertas, notificaciones }, 'Alertas de plazo registradas');
    return { hoy, entidades: entidades.length, alertas, notificaciones };
  }

  /**
   * One batch: the new alerts and their messages in one transaction, so a sweep killed halfway
   * leaves neither (and the re-run writes both once). An alert with no recipient is still recorded.
   */
  private async recordAlerts(params: unknown[]): Promise<{ alertas: number; notificaciones: number }> {
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      // One row per message to write (at least one row, which carries the count of new alerts).
      const rows: Array<{ alertas: number; reclamoId: string | null; entidadId: string; umbral: string; vence: string; usuarioId: string; email: string }> =
        await manager.query(SWEEP_SQL, params);
      const notificaciones = await escribirMensajes(
        manager,
        rows.flatMap((row) => {
          if (!row.reclamoId) return [];
          const datos = { reclamoId: row.reclamoId, umbral: row.umbral, vence: row.vence, usuarioId: row.usuarioId };
          const claveUnica = `alerta_plazo:${row.reclamoId}:${row.umbral}:${row.usuarioId}`;
          const comun = { entidadId: row.entidadId, reclamoId: row.reclamoId, destinatario: row.email, datos, claveUnica };
          return [row.umbral === UMBRAL_VENCIDO ? { tipo: 'plazo_vencido' as const, ...comun } : { tipo: 'plazo_por_vencer' as const, ...comun }];
        }),
      );
      return { alertas: rows[0]?.alertas ?? 0, notificaciones };
    });
  }
}
