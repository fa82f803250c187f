import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { limaDateOf } from '@app/calendar';
import { assertTransition, EstadoReclamo } from '@app/domain';
import { ACTOR_SISTEMA, actualizarReclamo, AuditTrail, registrarEvento } from '@app/expediente';
import { escribirMensajes } from '@app/notifications';
import { registrarNotificacion } from './notificacion-respuesta.writer';

/** The answer's e-mail whose outcome is being recorded: its outbox row and the «en curso» move that wrote it. */
export interface CorreoDeRespuesta {
  outboxId: string;
  reclamoId: string;
  /** Timeline event of the move to «notificación en curso». */
  eventoId: string;
}

/** What the timeline shows when the answer's e-mail was not accepted (no server text: it may carry the citizen's address). */
export const MOTIVO_NOTIFICACION_FALLIDA = 'El servidor de correo no aceptó la respuesta: corresponde notificarla por medio postal o presencial';

interface ReclamoBloqueado {
  id: string;
  entidadId: string;
  codigo: string;
  estado: EstadoReclamo;
  asignadoA: string | null;
}

/**
 * What the outcome of the answer's e-mail means for the reclamo (TUO Ley 27444, art. 20.4: an
 * electronic notification takes effect when its receipt is recorded, here the SMTP server's
 * acceptance). Runs inside the transaction that records the outbox row's outcome, so the reclamo and
 * the row never disagree. Each step is a no-op when the reclamo already left the state it expects
 * (notified meanwhile by postal means, or a resend of a message already recorded).
 */
@Injectable()
export class NotificacionEfectiva {
  constructor(private readonly auditTrail: AuditTrail) {}

  /**
   * Accepted at `aceptadaEn`: «en curso» (or «fallida», when an administrator resent the message) →
   * notificado, dated with the Lima date of that instant, which is what every "answered on time"
   * figure compares with the due date.
   */
  async alAceptarse(manager: EntityManager, correo: CorreoDeRespuesta, aceptadaEn: Date): Promise<void> {
    const reclamo = await this.bloquear(manager, correo.reclamoId);
    if (!reclamo || (reclamo.estado !== EstadoReclamo.NOTIFICACION_EN_CURSO && reclamo.estado !== EstadoReclamo.NOTIFICACION_FALLIDA)) return;
    assertTransition(reclamo.estado, EstadoReclamo.NOTIFICADO);
    const fecha = limaDateOf(aceptadaEn);
    const datos = { accion: 'notificado', medio: 'email', fecha, aceptadaEn: aceptadaEn.toISOString(), outboxId: correo.outboxId };
    await this.mover(manager, reclamo, EstadoReclamo.NOTIFICADO, null, datos, aceptadaEn, { notificado_el: fecha });
    await registrarNotificacion(manager, {
      reclamoId: reclamo.id,
      entidadId: reclamo.entidadId,
      medio: 'email',
      fecha,
      constanciaAdjuntoId: null,
      aceptadaEn,
      outboxId: correo.outboxId,
      registradoPor: null,
      ahora: aceptadaEn,
    });
  }

  /**
   * Never accepted (refused, or out of attempts): «en curso» → «notificación fallida», and every
   * responsable of the entity, and the officer it is assigned to, get a message saying so. The
   * deadline keeps running: the answer is not notified.
   */
  async alFallar(manager: EntityManager, correo: CorreoDeRespuesta, ahora: Date): Promise<void> {
    const reclamo = await this.bloquear(manager, correo.reclamoId);
    if (!reclamo || reclamo.estado !== EstadoReclamo.NOTIFICACION_EN_CURSO) return;
    assertTransition(reclamo.estado, EstadoReclamo.NOTIFICACION_FALLIDA);
    const eventoId = await this.mover(
      manager,
      reclamo,
      EstadoReclamo.NOTIFICACION_FALLIDA,
      MOTIVO_NOTIFICACION_FALLIDA,
      { accion: 'notificacion_fallida', medio: 'email', outboxId: correo.outboxId },
      ahora,
      {},
    );
    const destinatarios: Array<{ id: string; email: string }> = await manager.query(
      `SELECT id, email FROM usuario
        WHERE entidad_id = $1 AND activo AND (rol IN ('responsable_titular', 'responsable_alterno') OR id = $2)
        ORDER BY id`,
      [reclamo.entidadId, reclamo.asignadoA],
    );
    await escribirMensajes(
      manager,
      destinatarios.map((usuario) => ({
        tipo: 'notificacion_fallida' as const,
        entidadId: reclamo.entidadId,
        reclamoId: reclamo.id,
        destinatario: usuario.email,
        datos: { reclamoId: reclamo.id, eventoId, usuarioId: usuario.id },
        claveUnica: `notificacion_fallida:${eventoId}:${usuario.id}`,
      })),
    );
  }

  private async bloquear(manager: EntityManager, reclamoId: string): Promise<ReclamoBloqueado | undefined> {
    const [reclamo]: ReclamoBloqueado[] = await manager.query(
      `SELECT id, entidad_id AS "entidadId", codigo, estado, asignado_a AS "asignadoA" FROM reclamo WHERE id = $1 FOR UPDATE`,
      [reclamoId],
    );
    return reclamo;
  }

  /** A move by the platform: state and columns, timeline entry (actor sistema) and audit entry. Returns the event id. */
  private async mover(
    manager: EntityManager,
    reclamo: ReclamoBloqueado,
    estado: EstadoReclamo,
    motivo: string | null,
    datos: Record<string, unknown>,
    ahora: Date,
    columnas: { notificado_el?: string },
  ): Promise<string> {
    await actualizarReclamo(manager, { reclamoId: reclamo.id, entidadId: reclamo.entidadId, estado, columnas, ahora });
    const eventoId = await registrarEvento(manager, {
      reclamoId: reclamo.id,
      entidadId: reclamo.entidadId,
      tipo: 'cambio_estado',
      estadoAnterior: reclamo.estado,
      estadoNuevo: estado,
      actor: { tipo: 'sistema' },
      motivo,
      datos,
      ocurridoEn: ahora,
    });
    await this.auditTrail.append(manager, {
      entidadId: reclamo.entidadId,
      reclamoId: reclamo.id,
      actor: ACTOR_SISTEMA,
      ip: null,
      accion: String(datos.accion),
      detalle: { codigo: reclamo.codigo, estadoAnterior: reclamo.estado, estadoNuevo: estado, motivo, ...datos, eventoId },
      ocurridoEn: ahora,
    });
    return eventoId;
  }
}
