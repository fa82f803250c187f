import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from '@app/platform/config';
import { NotificationDriver, PermanentDeliveryError } from '../driver/notification-driver';
import { EntityManager } from 'typeorm';
import { RegistroDeCargadores } from '../mensajes/registro-de-cargadores';
import { OutboxRepository, OutboxRow } from '../outbox/outbox.repository';
import { mensajeGuardado, MessageComposer } from './message-composer';
import { ClaimBusyError, PermanentNotificationError } from './notification-errors';

export interface SendNotificationCommand {
  outboxId: string;
  /** The queue's last attempt: a failure now leaves the row 'fallido'. */
  lastAttempt: boolean;
}

export type SendNotificationResult = { estado: 'enviado'; messageId: string } | { omitido: string };

/** The deterministic Message-ID of a row: every attempt of one message carries the same one. */
export function messageIdFor(outboxId: string, domain: string): string {
  return `<outbox-${outboxId}@${domain}>`;
}

/**
 * Sends one outbox row: claim it ('enviando'), render, hand it to the driver, record the SMTP
 * message id and the time ('enviado'). A row already sent or failed is skipped.
 *
 * Duplicates: the claim stops two live attempts from sending the same row at once, and a claim is
 * only taken over once it is older than NOTIFICATIONS_CLAIM_TTL_MS (longer than any SMTP exchange).
 * What remains is the window between the server's "250 accepted" and our UPDATE to 'enviado'
 * (about a millisecond): a worker killed exactly there leaves a stale claim and the message is
 * sent again after the TTL, with the same Message-ID, so mail clients that collapse duplicates
 * by Message-ID show it once. SMTP has no way to ask "did you get it?", so this is at-least-once.
 *
 * What a sent or failed message means for its reclamo (an answer notified on the date the server
 * accepted it, or a notification that failed) is written by its type's loader in the transaction
 * that records the row's outcome. If that write fails, the row's outcome is still recorded alone
 * (and the fault logged): a message the server accepted must never be sent again because of it.
 */
@Injectable()
export class SendNotificationUseCase {
  private readonly logger = new Logger(SendNotificationUseCase.name);
  private readonly claimTtlMs: number;
  private readonly domain: string;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly composer: MessageComposer,
    private readonly driver: NotificationDriver,
    private readonly cargadores: RegistroDeCargadores,
    config: ConfigService<Environment, true>,
  ) {
    this.claimTtlMs = config.get('NOTIFICATIONS_CLAIM_TTL_MS', { infer: true });
    this.domain = config.get('MESSAGE_ID_DOMAIN', { infer: true });
  }

  async execute(command: SendNotificationCommand): Promise<SendNotificationResult> {
    const claim = await this.outbox.claim(command.outboxId, this.claimTtlMs);
    if (claim.outcome === 'skip') return { omitido: claim.estado };
    if (claim.outcome === 'busy') throw new ClaimBusyError(claim.retryInMs);

    const { row } = claim;
    let messageId: string;
    try {
      const message = await this.composer.compose(row);
      ({ messageId } = await this.driver.send({ ...message, messageId: messageIdFor(row.id, this.domain) }));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof PermanentNotificationError || error instanceof PermanentDeliveryError;
      if (permanent || command.lastAttempt) {
        await this.recordFailure(row, reason);
        this.logger.error({ err: error, outboxId: row.id, tipo: row.tipo, intentos: row.intentos }, 'Mensaje fallido');
        throw permanent ? error : new PermanentNotificationError(reason);
      }
      await this.outbox.markRetry(row.id, reason);
      this.logger.warn({ err: error, outboxId: row.id, intentos: row.intentos }, 'Envío fallido; se reintentará');
      throw error;
    }
    await this.recordSent(row, messageId);
    return { estado: 'enviado', messageId };
  }

  private async recordSent(row: OutboxRow, messageId: string): Promise<void> {
    const mensaje = mensajeGuardado(row);
    try {
      const efecto = mensaje && this.cargadores.tieneEfectos(mensaje.tipo).alEnviarse;
      await this.outbox.markSent(row.id, messageId, efecto ? (manager: EntityManager, at: Date) => this.cargadores.alEnviarse(manager, mensaje, at) : undefined);
    } catch (error) {
      this.logger.error({ err: error, outboxId: row.id, tipo: row.tipo }, 'Mensaje aceptado por el servidor; no se pudo registrar su efecto en el reclamo');
      await this.outbox.markSent(row.id, messageId);
    }
  }

  private async recordFailure(row: OutboxRow, reason: string): Promise<void> {
    const mensaje = mensajeGuardado(row);
    try {
      const efecto = mensaje && this.cargadores.tieneEfectos(mensaje.tipo).alFallar;
      await this.outbox.markFailed(row.id, reason, efecto ? (manager: EntityManager) => this.cargadores.alFallar(manager, mensaje) : undefined);
    } catch (error) {
      this.logger.error({ err: error, outboxId: row.id, tipo: row.tipo }, 'Mensaje fallido; no se pudo registrar su efecto en el reclamo');
      await this.outbox.markFailed(row.id, reason);
    }
  }
}
