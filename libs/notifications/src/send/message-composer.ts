import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BusinessCalendar, limaDateOf, PLAZO_SUBSANACION_DIAS_HABILES } from '@app/calendar';
import { Environment } from '@app/platform/config';
import { Clock } from '@app/platform/clock';
import { CalendarRepository, scopeOfEntidad } from '@app/plazos';
import { renderReceiptPdf } from '@app/receipt';
import { GetConstanciaUseCase, ReceiptTokens } from '@app/reclamos';
import { OutgoingMessage } from '../driver/notification-driver';
import { isTipoNotificacion, TipoNotificacion } from '../notification-types';
import { OutboxRow } from '../outbox/outbox.repository';
import { MessageRenderer } from '../templates/message-renderer';
import { canalReconduccion, dondeResponderSubsanacion, medidasDe } from './citizen-texts';
import { PermanentNotificationError } from './notification-errors';

const PLATAFORMA = 'la Secretaría de Gestión Pública (PCM)';
/**
 * How long a reminder may count business days with the calendar it already holds. The calendar
 * changes a few times a year (a decreed non-working day); asking for its revision on every
 * message was one of four database round trips per reminder, for a figure ("days left") that is
 * informative, never a deadline.
 */
const CALENDAR_REUSE_MS = 30_000;

function textField(row: OutboxRow, field: string): string {
  const value = row.datos[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new PermanentNotificationError(`Al mensaje ${row.id} (${row.tipo}) le falta "${field}" en sus datos`);
  }
  return value;
}

export type ComposedMessage = Omit<OutgoingMessage, 'messageId'>;

/**
 * Turns an outbox row (ids only) into a message: loads what its template needs, now, from the
 * database, and renders it. Staff account messages (password reset, invitation) carry their
 * one-time link in `datos`, since only a hash of its token is stored. The case messages of
 * atención (subsanación, reconducción, traslado, respuesta) read what the action wrote: its
 * timeline event (`datos.eventoId`), the new case of a transfer, the approved answer. A citizen's
 * message carries the case's code and what the entity wrote for the citizen: no staff names,
 * internal notes or the citizen's own document number.
 */
@Injectable()
export class MessageComposer {
  private readonly backofficeBaseUrl: string;
  private readonly publicBaseUrl: string;
  private calendar: { value: Promise<BusinessCalendar>; until: number } | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly renderer: MessageRenderer,
    private readonly constancia: GetConstanciaUseCase,
    private readonly tokens: ReceiptTokens,
    private readonly calendars: CalendarRepository,
    private readonly clock: Clock,
    config: ConfigService<Environment, true>,
  ) {
    this.backofficeBaseUrl = config.get('BACKOFFICE_BASE_URL', { infer: true });
    this.publicBaseUrl = config.get('PUBLIC_BASE_URL', { infer: true });
  }

  async compose(row: OutboxRow): Promise<ComposedMessage> {
    if (!isTipoNotificacion(row.tipo)) {
      throw new PermanentNotificationError(`Tipo de mensaje desconocido: "${row.tipo}"`);
    }
    const tipo: TipoNotificacion = row.tipo;
    switch (tipo) {
      case 'acuse_recibo':
        return this.acuseRecibo(row);
      case 'plazo_por_vencer':
      case 'plazo_vencido':
        return this.plazo(row, tipo);
      case 'restablecer_password':
        return this.restablecerPassword(row);
      case 'invitacion_personal':
        return this.invitacion(row);
      case 'solicitud_subsanacion':
        return this.solicitudSubsanacion(row);
      case 'reconduccion':
        return this.reconduccion(row);
      case 'traslado':
        return this.traslado(row);
      case 'respuesta':
        return this.respuesta(row);
    }
  }

  /** What is missing and until when: the request's own event (its text and window), not the case's current columns. */
  private async solicitudSubsanacion(row: OutboxRow): Promise<ComposedMessage> {
    const reclamoId = this.reclamoIdOf(row);
    const [caso]: Array<{
      codigo: string;
      entidad_nombre: string;
      observacion: string | null;
      vence: string | null;
      sede_nombre: string | null;
      sede_direccion: string | null;
    }> = await this.dataSource.query(
      `SELECT r.codigo, e.nombre AS entidad_nombre, ev.motivo AS observacion, ev.datos->>'subsanacionVence' AS vence,
              s.nombre AS sede_nombre, s.direccion AS sede_direccion
         FROM reclamo r JOIN entidad e ON e.id = r.entidad_id
         LEFT JOIN sede s ON s.id = r.sede_id
         LEFT JOIN reclamo_evento ev ON ev.reclamo_id = r.id AND ev.id = $2::bigint AND ev.estado_nuevo = 'observado'
        WHERE r.id = $1`,
      [reclamoId, this.eventoIdOf(row)],
    );
    if (!caso) throw new PermanentNotificationError(`No existe el reclamo ${reclamoId}`);
    if (!caso.observacion || !caso.vence) throw new PermanentNotificationError(`El mensaje ${row.id} no corresponde a una solicitud de subsanación del reclamo`);
    const rendered = this.renderer.render('solicitud_subsanacion', {
      entidadNombre: caso.entidad_nombre,
      codigo: caso.codigo,
      observacion: caso.observacion,
      plazoDiasHabiles: PLAZO_SUBSANACION_DIAS_HABILES,
      venceSubsanacion: caso.vence,
      dondeResponder: dondeResponderSubsanacion(
        caso.entidad_nombre,
        caso.sede_nombre ? { nombre: caso.sede_nombre, direccion: caso.sede_direccion ?? '' } : null,
      ),
      seguimientoUrl: this.seguimientoUrl(caso.codigo),
    });
    return { to: row.destinatario, ...rendered };
  }

  /** Where it went (the channel recorded with the move) and why (the responsable's message to the citizen). */
  private async reconduccion(row: OutboxRow): Promise<ComposedMessage> {
    const reclamoId = this.reclamoIdOf(row);
    const [caso]: Array<{ codigo: string; entidad_nombre: string; canal: string | null; motivo: string | null }> = await this.dataSource.query(
      `SELECT r.codigo, e.nombre AS entidad_nombre, coalesce(ev.datos->>'canal', r.reconducido_a) AS canal, ev.motivo
         FROM reclamo r JOIN entidad e ON e.id = r.entidad_id
         LEFT JOIN reclamo_evento ev ON ev.reclamo_id = r.id AND ev.id = $2::bigint AND ev.estado_nuevo = 'reconducido'
        WHERE r.id = $1`,
      [reclamoId, this.eventoIdOf(row)],
    );
    if (!caso) throw new PermanentNotificationError(`No existe el reclamo ${reclamoId}`);
    const canal = caso.canal ? canalReconduccion(caso.canal) : null;
    if (!canal || !caso.motivo) throw new PermanentNotificationError(`El mensaje ${row.id} no corresponde a una reconducción del reclamo`);
    const rendered = this.renderer.render('reconduccion', {
      entidadNombre: caso.entidad_nombre,
      codigo: caso.codigo,
      canalDestino: canal.nombre,
      motivo: caso.motivo,
      canalContacto: canal.contacto(caso.entidad_nombre),
      canalUrl: canal.url,
    });
    return { to: row.destinatario, ...rendered };
  }

  /**
   * The receiving entity, the case's new code there and its new due date. The responsable's reason
   * for the transfer is an internal note (the form asks "por qué se traslada", not a message to the
   * citizen), so it is not sent.
   */
  private async traslado(row: OutboxRow): Promise<ComposedMessage> {
    const reclamoId = this.reclamoIdOf(row);
    const [caso]: Array<{ codigo: string; entidad_nombre: string; nuevo_codigo: string; nuevo_vence: string; plazo: number; destino_nombre: string }> =
      await this.dataSource.query(
        `SELECT r.codigo, e.nombre AS entidad_nombre, n.codigo AS nuevo_codigo, n.vence_el::text AS nuevo_vence, n.plazo_dias_habiles AS plazo,
                d.nombre AS destino_nombre
           FROM reclamo r JOIN entidad e ON e.id = r.entidad_id
           JOIN reclamo n ON n.id = coalesce($2::uuid, r.trasladado_a_reclamo_id) AND n.origen_reclamo_id = r.id
           JOIN entidad d ON d.id = n.entidad_id
          WHERE r.id = $1`,
        [reclamoId, typeof row.datos.nuevoReclamoId === 'string' ? row.datos.nuevoReclamoId : null],
      );
    if (!caso) throw new PermanentNotificationError(`El reclamo ${reclamoId} no tiene un traslado registrado`);
    const rendered = this.renderer.render('traslado', {
      entidadNombre: caso.entidad_nombre,
      codigo: caso.codigo,
      entidadDestinoNombre: caso.destino_nombre,
      nuevoCodigo: caso.nuevo_codigo,
      nuevoVence: caso.nuevo_vence,
      plazoDiasHabiles: caso.plazo,
      seguimientoUrl: this.seguimientoUrl(caso.nuevo_codigo),
    });
    return { to: row.destinatario, ...rendered };
  }

  /** The approved answer (facts, analysis, measures) with its notification date; never a draft. */
  private async respuesta(row: OutboxRow): Promise<ComposedMessage> {
    const reclamoId = this.reclamoIdOf(row);
    const [caso]: Array<{
      codigo: string;
      entidad_nombre: string;
      hechos: string | null;
      analisis: string | null;
      medidas: string | null;
      estado_respuesta: string | null;
      fecha: string | null;
    }> = await this.dataSource.query(
      `SELECT r.codigo, e.nombre AS entidad_nombre, x.hechos, x.analisis, x.medidas_adoptadas AS medidas, x.estado AS estado_respuesta,
              coalesce(n.fecha, r.notificado_el)::text AS fecha
         FROM reclamo r JOIN entidad e ON e.id = r.entidad_id
         LEFT JOIN respuesta x ON x.reclamo_id = r.id AND x.entidad_id = r.entidad_id
         LEFT JOIN LATERAL (SELECT fecha FROM notificacion_respuesta WHERE reclamo_id = r.id AND medio = 'email' ORDER BY created_at DESC LIMIT 1) n ON true
        WHERE r.id = $1`,
      [reclamoId],
    );
    if (!caso) throw new PermanentNotificationError(`No existe el reclamo ${reclamoId}`);
    if (caso.estado_respuesta !== 'aprobada' || !caso.hechos || !caso.analisis || !caso.medidas) {
      throw new PermanentNotificationError(`El reclamo ${caso.codigo} no tiene una respuesta aprobada`);
    }
    if (!caso.fecha) throw new PermanentNotificationError(`El reclamo ${caso.codigo} no tiene fecha de notificación`);
    const rendered = this.renderer.render('respuesta', {
      entidadNombre: caso.entidad_nombre,
      codigo: caso.codigo,
      hechos: caso.hechos,
      analisis: caso.analisis,
      medidasAdoptadas: medidasDe(caso.medidas),
      fechaNotificacion: caso.fecha,
      seguimientoUrl: this.seguimientoUrl(caso.codigo),
    });
    return { to: row.destinatario, ...rendered };
  }

  private async acuseRecibo(row: OutboxRow): Promise<ComposedMessage> {
    const [reclamo]: Array<{ codigo: string }> = await this.dataSource.query(`SELECT codigo FROM reclamo WHERE id = $1`, [this.reclamoIdOf(row)]);
    if (!reclamo) throw new PermanentNotificationError(`No existe el reclamo ${this.reclamoIdOf(row)}`);
    // The same data and PDF the citizen gets from the receipt page; the token is the one the filer got.
    const view = await this.constancia.execute({ codigo: reclamo.codigo, token: this.tokens.tokenFor(reclamo.codigo) });
    const rendered = this.renderer.render('acuse_recibo', {
      entidadNombre: view.entidadNombre,
      codigo: view.codigo,
      resumen: view.resumen,
      vence: view.vence,
      plazoDiasHabiles: view.plazoDiasHabiles,
      seguimientoUrl: view.seguimientoUrl,
    });
    const pdf = await renderReceiptPdf(view);
    return {
      to: row.destinatario,
      ...rendered,
      attachments: [{ filename: `constancia-${view.codigo}.pdf`, content: pdf, contentType: 'application/pdf' }],
    };
  }

  private async plazo(row: OutboxRow, tipo: 'plazo_por_vencer' | 'plazo_vencido'): Promise<ComposedMessage> {
    const reclamoId = this.reclamoIdOf(row);
    const [reclamo]: Array<{ codigo: string; vence: string; entidad_nombre: string; entidad_codigo: string; ubigeo: string }> =
      await this.dataSource.query(
        `SELECT r.codigo, r.vence_el::text AS vence, e.nombre AS entidad_nombre, e.codigo AS entidad_codigo, e.ubigeo
           FROM reclamo r JOIN entidad e ON e.id = r.entidad_id WHERE r.id = $1`,
        [reclamoId],
      );
    if (!reclamo) throw new PermanentNotificationError(`No existe el reclamo ${reclamoId}`);
    const calendar = await this.currentCalendar();
    const scope = scopeOfEntidad({ codigo: reclamo.entidad_codigo, ubigeo: reclamo.ubigeo });
    const rendered = this.renderer.render(tipo, {
      entidadNombre: reclamo.entidad_nombre,
      codigo: reclamo.codigo,
      vence: reclamo.vence,
      diasHabilesRestantes: calendar.businessDaysBetween(limaDateOf(this.clock.now()), reclamo.vence, scope),
      backofficeUrl: `${this.backofficeBaseUrl}/reclamos/${reclamoId}`,
    });
    return { to: row.destinatario, ...rendered };
  }

  private async restablecerPassword(row: OutboxRow): Promise<ComposedMessage> {
    const rendered = this.renderer.render('restablecer_password', {
      entidadNombre: await this.entidadNombreOf(row),
      nombre: textField(row, 'nombre'),
      enlace: textField(row, 'enlace'),
      expiraEnMinutos: Math.ceil(this.msUntilExpiry(row) / 60_000),
    });
    return { to: row.destinatario, ...rendered };
  }

  private async invitacion(row: OutboxRow): Promise<ComposedMessage> {
    const rendered = this.renderer.render('invitacion_personal', {
      entidadNombre: typeof row.datos.entidadNombre === 'string' ? row.datos.entidadNombre : await this.entidadNombreOf(row),
      nombre: textField(row, 'nombre'),
      rol: typeof row.datos.rolEtiqueta === 'string' ? row.datos.rolEtiqueta : textField(row, 'rol'),
      enlace: textField(row, 'enlace'),
      expiraEnDias: Math.ceil(this.msUntilExpiry(row) / 86_400_000),
    });
    return { to: row.destinatario, ...rendered };
  }

  /** A link that expired while the message waited is useless: fail it rather than send it. */
  private msUntilExpiry(row: OutboxRow): number {
    const ms = new Date(textField(row, 'venceEn')).getTime() - this.clock.now().getTime();
    if (!Number.isFinite(ms)) throw new PermanentNotificationError(`El mensaje ${row.id} (${row.tipo}) tiene una fecha de vencimiento inválida`);
    if (ms <= 0) throw new PermanentNotificationError(`El enlace del mensaje ${row.id} (${row.tipo}) venció antes de enviarse`);
    return ms;
  }

  /** Platform staff (administrators, coordinators) belong to no entity: the platform's owner signs. */
  private async entidadNombreOf(row: OutboxRow): Promise<string> {
    if (!row.entidadId) return PLATAFORMA;
    const [entidad]: Array<{ nombre: string }> = await this.dataSource.query(`SELECT nombre FROM entidad WHERE id = $1`, [row.entidadId]);
    return entidad?.nombre ?? PLATAFORMA;
  }

  private currentCalendar(): Promise<BusinessCalendar> {
    const now = Date.now();
    if (!this.calendar || this.calendar.until <= now) {
      const value = this.calendars.current();
      this.calendar = { value, until: now + CALENDAR_REUSE_MS };
      // A failed load is not kept: the next message asks again.
      value.catch(() => {
        if (this.calendar?.value === value) this.calendar = null;
      });
    }
    return this.calendar.value;
  }

  private seguimientoUrl(codigo: string): string {
    return `${this.publicBaseUrl}/seguimiento?codigo=${encodeURIComponent(codigo)}`;
  }

  /** The timeline event the producer wrote with the row (bigint id, as text). */
  private eventoIdOf(row: OutboxRow): string {
    const id = row.datos.eventoId;
    if ((typeof id !== 'string' && typeof id !== 'number') || !/^\d{1,19}$/.test(String(id))) {
      throw new PermanentNotificationError(`Al mensaje ${row.id} (${row.tipo}) le falta "eventoId" en sus datos`);
    }
    return String(id);
  }

  private reclamoIdOf(row: OutboxRow): string {
    const id = row.reclamoId ?? (typeof row.datos.reclamoId === 'string' ? row.datos.reclamoId : null);
    if (!id) throw new PermanentNotificationError(`El mensaje ${row.id} (${row.tipo}) no indica su reclamo`);
    return id;
  }
}
