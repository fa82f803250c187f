import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PLAZO_SUBSANACION_DIAS_HABILES } from '@app/calendar';
import { dondeResponderSubsanacion, plazoDuranteSubsanacion } from '@app/domain';
import { CargadorDeMensajes, CargadorMensaje, MensajeCargado, MensajeGuardado, PermanentNotificationError } from '@app/notifications';
import { EnlacesBackoffice, EnlacesCiudadano } from '@app/platform/links';
import { ReceiptTokens } from '@app/reclamos';
import { canalReconduccion } from './citizen-texts';

type TipoMensajeReclamo = 'solicitud_subsanacion' | 'subsanacion_vencida' | 'reconduccion' | 'traslado';

/**
 * The messages of atención's actions. Each reads what the action wrote: its timeline event
 * (`datos.eventoId`), the new reclamo of a transfer, the approved answer. A citizen's message carries
 * the reclamo's code and what the entity wrote for the citizen: no staff names, internal notes or the
 * citizen's own document number. Staff messages link to the reclamo's back-office page.
 */
@Injectable()
@CargadorDeMensajes(['solicitud_subsanacion', 'subsanacion_vencida', 'reconduccion', 'traslado'])
export class ReclamosCargador implements CargadorMensaje<TipoMensajeReclamo> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ciudadano: EnlacesCiudadano,
    private readonly backoffice: EnlacesBackoffice,
    private readonly tokens: ReceiptTokens,
  ) {}

  cargar(mensaje: MensajeGuardado<TipoMensajeReclamo>): Promise<MensajeCargado<TipoMensajeReclamo>> {
    switch (mensaje.tipo) {
      case 'solicitud_subsanacion':
        return this.solicitudSubsanacion(mensaje);
      case 'subsanacion_vencida':
        return this.subsanacionVencida(mensaje);
      case 'reconduccion':
        return this.reconduccion(mensaje);
      case 'traslado':
        return this.traslado(mensaje);
    }
  }

  /** What is missing and until when: the request's own event (its text and window), not the reclamo's current columns. */
  private async solicitudSubsanacion(mensaje: MensajeGuardado<'solicitud_subsanacion'>): Promise<MensajeCargado<'solicitud_subsanacion'>> {
    const { reclamoId } = mensaje.datos;
    const [reclamo]: Array<{
      codigo: string;
      entidad_nombre: string;
      observacion: string | null;
      vence: string | null;
      sede_nombre: string | null;
      sede_direccion: string | null;
      evento_id: string | null;
      pausa: boolean | null;
    }> = await this.dataSource.query(
      `SELECT r.codigo, e.nombre AS entidad_nombre, ev.motivo AS observacion, ev.datos->>'subsanacionVence' AS vence,
              s.nombre AS sede_nombre, s.direccion AS sede_direccion, ev.id::text AS evento_id, (ev.datos->>'pausaPlazo')::boolean AS pausa
         FROM reclamo r JOIN entidad e ON e.id = r.entidad_id
         LEFT JOIN sede s ON s.id = r.sede_id
         LEFT JOIN reclamo_evento ev ON ev.reclamo_id = r.id AND ev.id = $2::bigint AND ev.estado_nuevo = 'observado'
        WHERE r.id = $1`,
      [reclamoId, eventoIdOf(mensaje, mensaje.datos.eventoId)],
    );
    if (!reclamo) throw new PermanentNotificationError(`No existe el reclamo ${reclamoId}`);
    if (!reclamo.observacion || !reclamo.vence || !reclamo.evento_id) {
      throw new PermanentNotificationError(`El mensaje ${mensaje.id} no corresponde a una solicitud de subsanación del reclamo`);
    }
    return {
      contenido: {
        entidadNombre: reclamo.entidad_nombre,
        codigo: reclamo.codigo,
        observacion: reclamo.observacion,
        plazoDiasHabiles: PLAZO_SUBSANACION_DIAS_HABILES,
        venceSubsanacion: reclamo.vence,
        dondeResponder: dondeResponderSubsanacion(
          reclamo.entidad_nombre,
          reclamo.sede_nombre ? { nombre: reclamo.sede_nombre, direccion: reclamo.sede_direccion ?? '' } : null,
        ),
        seguimientoUrl: this.ciudadano.seguimiento(reclamo.codigo),
        // Single use, tied to this request: a later request or a reply makes it open nothing.
        responderUrl: this.ciudadano.subsanacion(reclamo.codigo, this.tokens.tokenForSubsanacion(reclamo.codigo, reclamo.evento_id)),
        plazoDuranteSubsanacion: plazoDuranteSubsanacion(reclamo.pausa === true),
      },
    };
  }

  /** To the responsables: which reclamo, and since when its window is over (the window the sweep flagged, from the row). */
  private async subsanacionVencida(mensaje: MensajeGuardado<'subsanacion_vencida'>): Promise<MensajeCargado<'subsanacion_vencida'>> {
    const { reclamoId, venceSubsanacion } = mensaje.datos;
    const [reclamo]: Array<{ codigo: string; entidad_nombre: string }> = await this.dataSource.query(
      `SELECT r.codigo, e.nombre AS entidad_nombre FROM reclamo r JOIN entidad e ON e.id = r.entidad_id WHERE r.id = $1`,
      [reclamoId],
    );
    if (!reclamo) throw new PermanentNotificationError(`No existe el reclamo ${reclamoId}`);
    if (typeof venceSubsanacion !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(venceSubsanacion)) {
      throw new PermanentNotificationError(`Al mensaje ${mensaje.id} (${mensaje.tipo}) le falta "venceSubsanacion" en sus datos`);
    }
    return {
      contenido: {
        entidadNombre: reclamo.entidad_nombre,
        codigo: reclamo.codigo,
        venceSubsanacion,
        backofficeUrl: this.backoffice.reclamo(reclamoId),
      },
    };
  }

  /** Where it went (the channel recorded with the move) and why (the responsable's message to the citizen). */
  private async reconduccion(mensaje: MensajeGuardado<'reconduccion'>): Promise<MensajeCargado<'reconduccion'>> {
    const { reclamoId } = mensaje.datos;
    const [reclamo]: Array<{ codigo: string; entidad_nombre: string; canal: string | null; motivo: string | null }> = await this.dataSource.query(
      `SELECT r.codigo, e.nombre AS entidad_nombre, coalesce(ev.datos->>'canal', r.reconducido_a) AS canal, ev.motivo
         FROM reclamo r JOIN entidad e ON e.id = r.entidad_id
         LEFT JOIN reclamo_evento ev ON ev.reclamo_id = r.id AND ev.id = $2::bigint AND ev.estado_nuevo = 'reconducido'
        WHERE r.id = $1`,
      [reclamoId, eventoIdOf(mensaje, mensaje.datos.eventoId)],
    );
    if (!reclamo) throw new PermanentNotificationError(`No existe el reclamo ${reclamoId}`);
    const canal = reclamo.canal ? canalReconduccion(reclamo.canal) : null;
    if (!canal || !reclamo.motivo) throw new PermanentNotificationError(`El mensaje ${mensaje.id} no corresponde a una reconducción del reclamo`);
    return {
      contenido: {
        entidadNombre: reclamo.entidad_nombre,
        codigo: reclamo.codigo,
        canalDestino: canal.nombre,
        motivo: reclamo.motivo,
        canalContacto: canal.contacto(reclamo.entidad_nombre),
        canalUrl: canal.url,
      },
    };
  }

  /**
   * The receiving entity, the reclamo's new code there and its new due date. The responsable's reason
   * for the transfer is an internal note (the form asks "por qué se traslada", not a message to the
   * citizen), so it is not sent.
   */
  private async traslado(mensaje: MensajeGuardado<'traslado'>): Promise<MensajeCargado<'traslado'>> {
    const { reclamoId } = mensaje.datos;
    const [reclamo]: Array<{ codigo: string; entidad_nombre: string; nuevo_codigo: string; nuevo_vence: string; plazo: number; destino_nombre: string }> =
      await this.dataSource.query(
        `SELECT r.codigo, e.nombre AS entidad_nombre, n.codigo AS nuevo_codigo, n.vence_el::text AS nuevo_vence, n.plazo_dias_habiles AS plazo,
                d.nombre AS destino_nombre
           FROM reclamo r JOIN entidad e ON e.id = r.entidad_id
           JOIN reclamo n ON n.id = coalesce($2::uuid, r.trasladado_a_reclamo_id) AND n.origen_reclamo_id = r.id
           JOIN entidad d ON d.id = n.entidad_id
          WHERE r.id = $1`,
        [reclamoId, typeof mensaje.datos.nuevoReclamoId === 'string' ? mensaje.datos.nuevoReclamoId : null],
      );
    if (!reclamo) throw new PermanentNotificationError(`El reclamo ${reclamoId} no tiene un traslado registrado`);
    return {
      contenido: {
        entidadNombre: reclamo.entidad_nombre,
        codigo: reclamo.codigo,
        entidadDestinoNombre: reclamo.destino_nombre,
        nuevoCodigo: reclamo.nuevo_codigo,
        nuevoVence: reclamo.nuevo_vence,
        plazoDiasHabiles: reclamo.plazo,
        seguimientoUrl: this.ciudadano.seguimiento(reclamo.nuevo_codigo),
      },
    };
  }
}

/** The timeline event the producer wrote with the row (bigint id, as text). */
export function eventoIdOf(mensaje: MensajeGuardado, id: unknown): string {
  if ((typeof id !== 'string' && typeof id !== 'number') || !/^\d{1,19}$/.test(String(id))) {
    throw new PermanentNotificationError(`Al mensaje ${mensaje.id} (${mensaje.tipo}) le falta "eventoId" en sus datos`);
  }
  return String(id);
}
