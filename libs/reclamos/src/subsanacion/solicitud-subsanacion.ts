import { EntityManager } from 'typeorm';
import { BusinessCalendar, CalendarScope, dueDateAfterPause } from '@app/calendar';
import { EstadoReclamo } from '@app/domain';
import { ColumnasDelReclamo } from '@app/expediente';

/**
 * A request for missing information, as its own timeline entry recorded it (the move to observado):
 * what the citizen was asked, until when, and whether the entity's clock stops meanwhile. What the
 * citizen was told at the request is what holds at the reply, even if the entity changes its setting
 * in between.
 */
export interface SolicitudDeSubsanacion {
  /** The request's timeline event (bigint id, as text): the single-use link is tied to it. */
  eventoId: string;
  /** What is missing, in the responsable's words. */
  pedido: string;
  /** AAAA-MM-DD (Lima): the last day to reply, until the end of that day. */
  venceEl: string;
  /** The 30 días hábiles stop while the citizen answers (the entity's setting when it asked). */
  pausaPlazo: boolean;
  solicitadaEn: Date;
}

/** The reclamo's latest request (its last move to observado), or null when it never had one. */
export async function ultimaSolicitudDeSubsanacion(manager: EntityManager, reclamoId: string): Promise<SolicitudDeSubsanacion | null> {
  const [row]: Array<{ id: string; motivo: string | null; vence: string | null; pausa: boolean | null; ocurrido_en: Date }> = await manager.query(
    `SELECT id::text AS id, motivo, datos->>'subsanacionVence' AS vence, (datos->>'pausaPlazo')::boolean AS pausa, ocurrido_en
       FROM reclamo_evento
      WHERE reclamo_id = $1 AND estado_nuevo = '${EstadoReclamo.OBSERVADO}'
      ORDER BY id DESC
      LIMIT 1`,
    [reclamoId],
  );
  if (!row?.motivo || !row.vence) return null;
  // A request from before the setting existed was made under the default: no pause.
  return { eventoId: row.id, pedido: row.motivo, venceEl: row.vence, pausaPlazo: row.pausa === true, solicitadaEn: new Date(row.ocurrido_en) };
}

/** What returning to en_atencion writes besides the state, and what its timeline entry and audit record of the clock. */
export interface Reanudacion {
  columnas: ColumnasDelReclamo;
  datos: { pausaPlazo: boolean; diasPausados?: number; venceAnterior?: string; venceNuevo?: string; calendarioVersion?: string };
  /** AAAA-MM-DD (Lima): the due date after the move. */
  vence: string;
  diasPausados: number;
}

/**
 * observado → en_atencion (the citizen replied, online or in person): the window is closed and, when
 * the request stopped the clock, the due date moves later by the business days the reclamo spent
 * observado (counted with the entity's calendar), which are added to the reclamo's paused days so
 * that a calendar recompute keeps them.
 */
export function reanudarTrasSubsanacion(c: {
  solicitud: SolicitudDeSubsanacion | null;
  reclamo: { venceEl: string; diasPausados: number };
  ahora: Date;
  calendar: BusinessCalendar;
  scope: CalendarScope;
}): Reanudacion {
  const cerrar: ColumnasDelReclamo = { subsanacion_vence_el: null };
  if (!c.solicitud?.pausaPlazo) return { columnas: cerrar, datos: { pausaPlazo: false }, vence: c.reclamo.venceEl, diasPausados: 0 };
  const pausa = dueDateAfterPause({ vence: c.reclamo.venceEl, pausedAt: c.solicitud.solicitadaEn, resumedAt: c.ahora, scope: c.scope, calendar: c.calendar });
  const datos = { pausaPlazo: true, diasPausados: pausa.diasPausados, venceAnterior: c.reclamo.venceEl, venceNuevo: pausa.vence, calendarioVersion: pausa.calendarVersion };
  if (pausa.diasPausados === 0) return { columnas: cerrar, datos, vence: c.reclamo.venceEl, diasPausados: 0 };
  return {
    columnas: { ...cerrar, vence_el: pausa.vence, calendario_version: pausa.calendarVersion, dias_pausados: c.reclamo.diasPausados + pausa.diasPausados },
    datos,
    vence: pausa.vence,
    diasPausados: pausa.diasPausados,
  };
}
