import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BusinessCalendar, computeDueDate } from '@app/calendar';
import { DomainError, ESTADOS_ABIERTOS } from '@app/domain';
import { AuditTrail, GrupoDePlazo, moverPlazos } from '@app/expediente';
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
  /** The administrator's address as the app saw it, for the audit trail. */
  readonly ip?: string | null;
}

interface MovedGroup extends GrupoDePlazo {
  readonly casos: number;
}

/**
 * Open reclamos whose due date the current calendar would change. Reclamos are grouped by what decides
 * the due date (entity, registration date, plazo, current due date), so the calendar runs once per
 * group, not once per reclamo: at a million open reclamos the groups number in the tens of thousands.
 */
async function movedGroups(dataSource: DataSource, calendar: BusinessCalendar): Promise<{ abiertos: number; grupos: MovedGroup[] }> {
  const rows: Array<{ entidad_id: string; codigo: string; ubigeo: string; fecha: string; plazo: number; pausados: number; vence: string; casos: number }> =
    await dataSource.query(
      `SELECT r.entidad_id, e.codigo, e.ubigeo, r.fecha_registro_lima::text AS fecha, r.plazo_dias_habiles AS plazo,
              r.dias_pausados AS pausados, r.vence_el::text AS vence, count(*)::int AS casos
         FROM reclamo r JOIN entidad e ON e.id = r.entidad_id
        WHERE r.estado = ANY ($1::text[])
        GROUP BY r.entidad_id, e.codigo, e.ubigeo, r.fecha_registro_lima, r.plazo_dias_habiles, r.dias_pausados, r.vence_el`,
      [ESTADOS_ABIERTOS],
    );
  let abiertos = 0;
  const grupos: MovedGroup[] = [];
  for (const row of rows) {
    abiertos += row.casos;
    // Days a subsanación paused the clock extend the plazo: counting on from the due date is counting a longer plazo.
    const { vence } = computeDueDate({ registeredAt: row.fecha, businessDays: row.plazo + row.pausados, scope: scopeOfEntidad(row), calendar });
    if (vence !== row.vence) {
      grupos.push({
        entidadId: row.entidad_id,
        fechaRegistro: row.fecha,
        plazo: row.plazo,
        diasPausados: row.pausados,
        anterior: row.vence,
        nuevo: vence,
        casos: row.casos,
      });
    }
  }
  return { abiertos, grupos };
}

function shiftInDays(group: MovedGroup): number {
  return Math.round((Date.parse(group.nuevo) - Date.parse(group.anterior)) / 86_400_000);
}

/** Shows the administrator how many open reclamos a recompute would move and by how much. Writes nothing. */
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

/**
 * Applies the recompute the administrator saw: open reclamos get the new due date and calendar
 * version, each with a 'plazo_recalculado' entry in its timeline and an entry in its entity's
 * audit trail (domain README: "recompute only on purpose, with an audit entry"), in one
 * transaction. Closed reclamos are never touched. Reclamos the calendar does not move keep their stored
 * version. Due dates are Lima calendar dates counted in días hábiles by the current calendar.
 */
@Injectable()
export class ConfirmRecalculoUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarRepository,
    private readonly auditTrail: AuditTrail,
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
    const ahora = this.clock.now();
    const motivo = command.motivo?.trim() || 'Recálculo por cambio del calendario de días no laborables';
    const movidos = await this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const reclamos = await moverPlazos(manager, {
        grupos,
        calendarioVersion: calendar.version,
        estadosAbiertos: ESTADOS_ABIERTOS,
        actorId: command.actor.id,
        motivo,
        ahora,
      });
      await this.auditTrail.appendMany(
        manager,
        reclamos.map((reclamo) => ({
          entidadId: reclamo.entidadId,
          reclamoId: reclamo.id,
          actor: { id: command.actor.id, rol: command.actor.rol },
          ip: command.ip ?? null,
          accion: 'plazo_recalculado',
          detalle: { codigo: reclamo.codigo, venceAnterior: reclamo.anterior, venceNuevo: reclamo.nuevo, calendarioVersion: calendar.version, motivo, eventoId: reclamo.eventoId },
          ocurridoEn: ahora,
        })),
      );
      return reclamos.length;
    });
    return { version: calendar.version, casosMovidos: movidos };
  }
}
