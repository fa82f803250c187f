import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BusinessCalendar, computeDueDate, IsoDate } from '@app/calendar';
import { DomainError, ESTADOS_ABIERTOS } from '@app/domain';
import { Clock } from '@app/platform/clock';
import { CalendarRepository, scopeOfEntidad } from '../calendar/calendar.repository';
import { assertAdministrador, CalendarActor } from '../calendario/calendario-roles';

/** What a recompute would do; `version` is what the administrator confirms. */
export interface RecalculoPreview {
  /** BusinessCalendar#version the preview was computed with. */
  readonly version: string;
  readonly casosAbiertos: number;
  readonly casosQueCambian: number;
  /** Calendar days the due dates move (positive: later); null when nothing moves. */
  readonly desplazamientoMinDias: number | null;
  readonly desplazamientoMaxDias: number | null;
}

export interface ConfirmRecalculoCommand {
  readonly actor: CalendarActor;
  /** The version shown in the preview: if the calendar changed since, nothing is applied. */
  readonly version: string;
  readonly motivo?: string;
}

interface MovedGroup {
  readonly entidadId: string;
  readonly fechaRegistro: IsoDate;
  readonly plazo: number;
  readonly anterior: IsoDate;
  readonly nuevo: IsoDate;
  readonly casos: number;
}

/**
 * Open cases whose due date the current calendar would change. Cases are grouped by what decides
 * the due date (entity, registration date, plazo, current due date), so the calendar runs once per
 * group, not once per case: at a million open cases the groups number in the tens of thousands.
 */
async function movedGroups(dataSource: DataSource, calendar: BusinessCalendar): Promise<{ abiertos: number; grupos: MovedGroup[] }> {
  const rows: Array<{ entidad_id: string; codigo: string; ubigeo: string; fecha: string; plazo: number; vence: string; casos: number }> =
    await dataSource.query(
      `SELECT r.entidad_id, e.codigo, e.ubigeo, r.fecha_registro_lima::text AS fecha, r.plazo_dias_habiles AS plazo,
              r.vence_el::text AS vence, count(*)::int AS casos
         FROM reclamo r JOIN entidad e ON e.id = r.entidad_id
        WHERE r.estado = ANY ($1::text[])
        GROUP BY r.entidad_id, e.codigo, e.ubigeo, r.fecha_registro_lima, r.plazo_dias_habiles, r.vence_el`,
      [ESTADOS_ABIERTOS],
    );
  let abiertos = 0;
  const grupos: MovedGroup[] = [];
  for (const row of rows) {
    abiertos += row.casos;
    const { vence } = computeDueDate({ registeredAt: row.fecha, businessDays: row.plazo, scope: scopeOfEntidad(row), calendar });
    if (vence !== row.vence) {
      grupos.push({ entidadId: row.entidad_id, fechaRegistro: row.fecha, plazo: row.plazo, anterior: row.vence, nuevo: vence, casos: row.casos });
    }
  }
  return { abiertos, grupos };
}

function shiftInDays(group: MovedGroup): number {
  return Math.round((Date.parse(group.nuevo) - Date.parse(group.anterior)) / 86_400_000);
}

/** Shows the administrator how many open cases a recompute would move and by how much. Writes nothing. */
@Injectable()
export class PreviewRecalculoUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarRepository,
  ) {}

  async execute(actor: CalendarActor): Promise<RecalculoPreview> {
    assertAdministrador(actor);
    const calendar = await this.calendars.current();
    const { abiertos, grupos } = await movedGroups(this.dataSource, calendar);
    const shifts = grupos.map(shiftInDays);
    return {
      version: calendar.version,
      casosAbiertos: abiertos,
      casosQueCambian: grupos.reduce((sum, g) => sum + g.casos, 0),
      desplazamientoMinDias: shifts.length > 0 ? Math.min(...shifts) : null,
      desplazamientoMaxDias: shifts.length > 0 ? Math.max(...shifts) : null,
    };
  }
}

const APPLY_SQL = `
WITH grupo AS (
  SELECT * FROM unnest($1::uuid[], $2::date[], $3::int[], $4::date[], $5::date[]) AS g(entidad_id, fecha, plazo, anterior, nuevo)
), movido AS (
  UPDATE reclamo r SET vence_el = g.nuevo, calendario_version = $6, updated_at = $7
    FROM grupo g
   WHERE r.entidad_id = g.entidad_id AND r.fecha_registro_lima = g.fecha AND r.plazo_dias_habiles = g.plazo
     AND r.vence_el = g.anterior AND r.estado = ANY ($8::text[])
  RETURNING r.id, r.entidad_id, g.anterior, g.nuevo
), evento AS (
  INSERT INTO reclamo_evento (reclamo_id, entidad_id, tipo, estado_anterior, estado_nuevo, actor_tipo, actor_id, motivo, datos, ocurrido_en)
  SELECT m.id, m.entidad_id, 'plazo_recalculado', NULL, NULL, 'personal', $9, $10,
         jsonb_build_object('venceAnterior', m.anterior, 'venceNuevo', m.nuevo, 'calendarioVersion', $6::text), $7
    FROM movido m
  RETURNING 1
)
SELECT count(*)::int AS casos FROM evento`;

/**
 * Applies the recompute the administrator saw: open cases get the new due date and calendar
 * version, each with a 'plazo_recalculado' entry in its timeline, in one transaction. Closed cases
 * are never touched. Cases the calendar does not move keep their stored version.
 */
@Injectable()
export class ConfirmRecalculoUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: ConfirmRecalculoCommand): Promise<{ version: string; casosMovidos: number }> {
    assertAdministrador(command.actor);
    const calendar = await this.calendars.current();
    if (calendar.version !== command.version) {
      throw new DomainError('CONFLICT', 'El calendario cambió desde la vista previa. Revise de nuevo cuántos casos se mueven.', [
        { campo: 'version', mensaje: 'no corresponde al calendario vigente' },
      ]);
    }
    const { grupos } = await movedGroups(this.dataSource, calendar);
    if (grupos.length === 0) return { version: calendar.version, casosMovidos: 0 };
    const [row]: Array<{ casos: number }> = await this.dataSource.query(APPLY_SQL, [
      grupos.map((g) => g.entidadId),
      grupos.map((g) => g.fechaRegistro),
      grupos.map((g) => g.plazo),
      grupos.map((g) => g.anterior),
      grupos.map((g) => g.nuevo),
      calendar.version,
      this.clock.now(),
      ESTADOS_ABIERTOS,
      command.actor.id,
      command.motivo?.trim() || 'Recálculo por cambio del calendario de días no laborables',
    ]);
    return { version: calendar.version, casosMovidos: row.casos };
  }
}
