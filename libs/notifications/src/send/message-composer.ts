import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { limaDateOf } from '@app/calendar';
import { Environment } from '@app/platform/config';
import { Clock } from '@app/platform/clock';
import { CalendarRepository, scopeOfEntidad } from '@app/plazos';
import { renderReceiptPdf } from '@app/receipt';
import { GetConstanciaUseCase, ReceiptTokens } from '@app/reclamos';
import { OutgoingMessage } from '../driver/notification-driver';
import { isTipoNotificacion, TipoNotificacion } from '../notification-types';
import { OutboxRow } from '../outbox/outbox.repository';
import { MessageRenderer } from '../templates/message-renderer';
import { PermanentNotificationError } from './notification-errors';

const PLATAFORMA = 'la Secretaría de Gestión Pública (PCM)';

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
 * atención (subsanación, reconducción, traslado, respuesta) have templates but no loader yet:
 * such a row fails permanently with a clear error instead of being retried forever.
 */
@Injectable()
export class MessageComposer {
  private readonly backofficeBaseUrl: string;

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
      case 'reconduccion':
      case 'traslado':
      case 'respuesta':
        throw new PermanentNotificationError(`El tipo "${tipo}" tiene plantilla pero aún no tiene quien cargue sus datos`);
    }
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
    const calendar = await this.calendars.current();
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

  private reclamoIdOf(row: OutboxRow): string {
    const id = row.reclamoId ?? (typeof row.datos.reclamoId === 'string' ? row.datos.reclamoId : null);
    if (!id) throw new PermanentNotificationError(`El mensaje ${row.id} (${row.tipo}) no indica su reclamo`);
    return id;
  }
}
