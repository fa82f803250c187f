import { Injectable } from '@nestjs/common';
import { DomainError, RolUsuario } from '@app/domain';
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

/**
 * The messages of one reclamo, for its entity's staff (and administrators). Coordinators see only
 * aggregates, never recipients' addresses. Another entity's reclamo is "not found", not "forbidden".
 */
@Injectable()
export class ListMensajesDeReclamoUseCase {
  constructor(private readonly outbox: OutboxRepository) {}

  async execute(query: { actor: MensajesActor; reclamoId: string }): Promise<MensajeView[]> {
    const { actor } = query;
    if (actor.rol === 'coordinador') throw new DomainError('FORBIDDEN', 'Los coordinadores no ven los mensajes de los casos.');
    const scope = actor.rol === 'administrador' ? null : actor.entidadId;
    if (actor.rol !== 'administrador' && scope === null) throw new DomainError('FORBIDDEN', 'Su usuario no pertenece a una entidad.');
    // Another entity's reclamo is a 404, like on every reclamo route (an empty list would confirm nothing, but differs from them).
    if (!(await this.outbox.reclamoExists(scope, query.reclamoId))) throw new DomainError('RECLAMO_NOT_FOUND', 'No existe ese reclamo en su entidad.');
    return this.outbox.listForReclamo(scope, query.reclamoId);
  }
}

/** Failed messages across the platform, newest first: administrators only. */
@Injectable()
export class ListMensajesFallidosUseCase {
  constructor(private readonly outbox: OutboxRepository) {}

  async execute(query: { actor: MensajesActor; limite?: number }): Promise<MensajeView[]> {
    assertAdministrador(query.actor);
    return this.outbox.listFailed(Math.min(Math.max(query.limite ?? 100, 1), 500));
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
