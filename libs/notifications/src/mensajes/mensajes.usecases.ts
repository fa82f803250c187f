import { Injectable } from '@nestjs/common';
import { DomainError, RolUsuario } from '@app/domain';
import { maskEmail } from '@app/receipt';
import { MensajeView, OutboxRepository } from '../outbox/outbox.repository';
import { NotificationQueue } from '../queue/notification-queue';

/** Who asks (the back-office's StaffUser fits). */
export interface MensajesActor {
  readonly id: string;
  readonly rol: RolUsuario;
  readonly entidadId: string | null;
}

const ADMIN_ONLY = 'Solo un administrador de la plataforma puede ver o reenviar los mensajes fallidos.';

function assertAdministrador(actor: MensajesActor): void {
  if (actor.rol !== 'administrador') throw new DomainError('FORBIDDEN', ADMIN_ONLY);
}

/** An e-mail address anywhere in a text (a server's refusal often quotes it). */
const EMAIL_EN_TEXTO = /[^\s<>"'@:;,()]+@[^\s<>"'@:;,()]+\.[^\s<>"'@:;,()]+/g;

/**
 * A message as someone who does not handle its reclamo may see it: the recipient's address masked
 * (`m*********e@example.pe`), in the recipient field and in the server's error text alike.
 */
export function mensajeEnmascarado(mensaje: MensajeView): MensajeView {
  return {
    ...mensaje,
    destinatario: maskEmail(mensaje.destinatario),
    ultimoError: mensaje.ultimoError?.replace(EMAIL_EN_TEXTO, (email) => maskEmail(email)) ?? null,
  };
}

/** A failed message as the administrators' list shows it: its reclamo's code beside the id. */
export type MensajeFallidoView = MensajeView & { reclamoCodigo: string | null };

/**
 * Failed messages across the platform, newest first, a page at a time: administrators only. An
 * administrator runs the platform and does not handle reclamos, so addresses come masked: enough to
 * see that a message failed and why, and to resend it. `limite` 1–500 (default 100), `desde` = rows
 * skipped (default 0).
 */
@Injectable()
export class ListMensajesFallidosUseCase {
  constructor(private readonly outbox: OutboxRepository) {}

  async execute(query: { actor: MensajesActor; limite?: number; desde?: number }): Promise<MensajeFallidoView[]> {
    assertAdministrador(query.actor);
    const fallidos = await this.outbox.listFailed(Math.min(Math.max(query.limite ?? 100, 1), 500), Math.max(query.desde ?? 0, 0));
    return fallidos.map((m) => ({ ...mensajeEnmascarado(m), reclamoCodigo: m.reclamoCodigo }));
  }
}

/**
 * Resend a failed message: back to pendiente with its attempts reset, and onto the queue (its old
 * failed job is replaced). If Redis is away the row is still pendiente and the sweep enqueues it.
 */
@Injectable()
export class ReenviarMensajeUseCase {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly queue: NotificationQueue,
  ) {}

  async execute(command: { actor: MensajesActor; outboxId: string }): Promise<{ id: string; estado: 'pendiente' }> {
    assertAdministrador(command.actor);
    if (!(await this.outbox.resetFailed(command.outboxId))) {
      throw new DomainError('MENSAJE_NOT_FOUND', 'No hay un mensaje fallido con ese identificador.');
    }
    await this.queue.requeue(command.outboxId);
    return { id: command.outboxId, estado: 'pendiente' };
  }
}
