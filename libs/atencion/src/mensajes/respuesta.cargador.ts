import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { limaDateOf } from '@app/calendar';
import { CargadorDeMensajes, CargadorMensaje, MensajeCargado, MensajeGuardado, PermanentNotificationError } from '@app/notifications';
import { Clock } from '@app/platform/clock';
import { EnlacesBackoffice, EnlacesCiudadano } from '@app/platform/links';
import { ReceiptTokens } from '@app/reclamos';
import { NotificacionEfectiva } from '../respuesta/notificacion-efectiva';
import { eventoIdOf } from './reclamos.cargador';
import { contenidoDeRespuesta, leerRespuestaParaCorreo, respuestaCompleta } from './respuesta-contenido';

type TipoMensajeRespuesta = 'respuesta' | 'notificacion_fallida';

/**
 * The answer's notification by e-mail: the message to the citizen (the approved answer, never a
 * draft) and, when the server never accepts it, the alert to the responsables. The answer's
 * message is also where the notification takes effect: its acceptance or failure moves the reclamo
 * (NotificacionEfectiva), in the transaction that records the outbox row's outcome.
 */
@Injectable()
@CargadorDeMensajes(['respuesta', 'notificacion_fallida'])
export class RespuestaCargador implements CargadorMensaje<TipoMensajeRespuesta> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ciudadano: EnlacesCiudadano,
    private readonly backoffice: EnlacesBackoffice,
    private readonly tokens: ReceiptTokens,
    private readonly clock: Clock,
    private readonly notificacion: NotificacionEfectiva,
  ) {}

  cargar(mensaje: MensajeGuardado<TipoMensajeRespuesta>): Promise<MensajeCargado<TipoMensajeRespuesta>> {
    return mensaje.tipo === 'respuesta' ? this.respuesta(mensaje) : this.notificacionFallida(mensaje);
  }

  async alEnviarse(manager: EntityManager, mensaje: MensajeGuardado<TipoMensajeRespuesta>, aceptadoEn: Date): Promise<void> {
    if (mensaje.tipo !== 'respuesta') return;
    await this.notificacion.alAceptarse(manager, this.correo(mensaje), aceptadoEn);
  }

  async alFallar(manager: EntityManager, mensaje: MensajeGuardado<TipoMensajeRespuesta>): Promise<void> {
    if (mensaje.tipo !== 'respuesta') return;
    await this.notificacion.alFallar(manager, this.correo(mensaje), this.clock.now());
  }

  private correo(mensaje: MensajeGuardado<'respuesta'>) {
    return { outboxId: mensaje.id, reclamoId: mensaje.datos.reclamoId, eventoId: eventoIdOf(mensaje, mensaje.datos.eventoId) };
  }

  /**
   * The approved answer (facts, analysis, measures). The date it shows is today in Lima, the day it
   * is being sent: the notification takes effect when the server accepts it, moments later (a
   * reclamo already notified, on a resend, keeps its own date).
   */
  private async respuesta(mensaje: MensajeGuardado<'respuesta'>): Promise<MensajeCargado<'respuesta'>> {
    const { reclamoId } = mensaje.datos;
    const reclamo = await leerRespuestaParaCorreo(this.dataSource, reclamoId);
    if (!reclamo) throw new PermanentNotificationError(`No existe el reclamo ${reclamoId}`);
    if (reclamo.estado_respuesta !== 'aprobada' || !respuestaCompleta(reclamo)) {
      throw new PermanentNotificationError(`El reclamo ${reclamo.codigo} no tiene una respuesta aprobada`);
    }
    return {
      contenido: contenidoDeRespuesta(reclamo, limaDateOf(this.clock.now()), {
        seguimientoUrl: this.ciudadano.seguimiento(reclamo.codigo),
        encuestaUrl: this.ciudadano.encuesta(reclamo.codigo, this.tokens.tokenFor(reclamo.codigo, 'encuesta')),
      }),
    };
  }

  /** To a responsable (or the assigned officer): which reclamo, its due date, and where to notify it by other means. */
  private async notificacionFallida(mensaje: MensajeGuardado<'notificacion_fallida'>): Promise<MensajeCargado<'notificacion_fallida'>> {
    const { reclamoId } = mensaje.datos;
    const [reclamo]: Array<{ codigo: string; entidad_nombre: string; vence: string }> = await this.dataSource.query(
      `SELECT r.codigo, e.nombre AS entidad_nombre, r.vence_el::text AS vence FROM reclamo r JOIN entidad e ON e.id = r.entidad_id WHERE r.id = $1`,
      [reclamoId],
    );
    if (!reclamo) throw new PermanentNotificationError(`No existe el reclamo ${reclamoId}`);
    return {
      contenido: {
        entidadNombre: reclamo.entidad_nombre,
        codigo: reclamo.codigo,
        vence: reclamo.vence,
        backofficeUrl: this.backoffice.reclamo(reclamoId),
      },
    };
  }
}
