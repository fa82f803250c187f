import { Injectable } from '@nestjs/common';
import { OutgoingMessage } from '../driver/notification-driver';
import { MensajeCargado, MensajeGuardado } from '../mensajes/cargador-de-mensajes';
import { RegistroDeCargadores } from '../mensajes/registro-de-cargadores';
import { isTipoMensaje } from '../mensajes/tipo-mensaje';
import { OutboxRow } from '../outbox/outbox.repository';
import { MessageRenderer } from '../templates/message-renderer';
import { PermanentNotificationError } from './notification-errors';

export type ComposedMessage = Omit<OutgoingMessage, 'messageId'>;

/** The row as its loader receives it; null for a type this build does not know. */
export function mensajeGuardado(row: OutboxRow): MensajeGuardado | null {
  if (!isTipoMensaje(row.tipo)) return null;
  // The row was written by `escribirMensaje`, whose type ties `datos` to `tipo`.
  return { ...row, tipo: row.tipo } as MensajeGuardado;
}

/**
 * Turns an outbox row (ids only) into a message: its type's loader (registered by the lib that
 * produces the type) reads what the template needs, now, from the database; the renderer draws
 * it. A row of a type this build does not know fails for good (it is listed for administrators).
 */
@Injectable()
export class MessageComposer {
  constructor(
    private readonly cargadores: RegistroDeCargadores,
    private readonly renderer: MessageRenderer,
  ) {}

  async compose(row: OutboxRow): Promise<ComposedMessage> {
    const mensaje = mensajeGuardado(row);
    if (!mensaje) throw new PermanentNotificationError(`Tipo de mensaje desconocido: "${row.tipo}"`);
    return this.render(mensaje, await this.cargadores.cargar(mensaje));
  }

  /**
   * `compose` for the rows of a batch whose types' loaders read many at once (one query for all of
   * them, where one per row made a database round trip per message): by row id, each a message or its
   * row's error. Rows of other types are not in the map.
   */
  async composeMany(rows: readonly OutboxRow[]): Promise<Map<string, ComposedMessage | Error>> {
    const mensajes = rows.map(mensajeGuardado).filter((m): m is MensajeGuardado => m !== null);
    const cargados = await this.cargadores.cargarVarios(mensajes);
    const resultado = new Map<string, ComposedMessage | Error>();
    for (const mensaje of mensajes) {
      const cargado = cargados.get(mensaje.id);
      if (cargado === undefined) continue;
      try {
        resultado.set(mensaje.id, cargado instanceof Error ? cargado : this.render(mensaje, cargado));
      } catch (error) {
        resultado.set(mensaje.id, error instanceof Error ? error : new Error(String(error)));
      }
    }
    return resultado;
  }

  private render(mensaje: MensajeGuardado, { contenido, adjuntos }: MensajeCargado): ComposedMessage {
    const rendered = this.renderer.render(mensaje.tipo, contenido);
    return { to: mensaje.destinatario, ...rendered, ...(adjuntos ? { attachments: adjuntos } : {}) };
  }
}
