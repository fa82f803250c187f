import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Environment } from '@app/platform/config';
import { NotificationDriver, PermanentDeliveryError } from '../driver/notification-driver';
import { EntityManager } from 'typeorm';
import { RegistroDeCargadores } from '../mensajes/registro-de-cargadores';
import { OutboxRepository, OutboxRow } from '../outbox/outbox.repository';
import { ComposedMessage, mensajeGuardado, MessageComposer } from './message-composer';
import { ClaimBusyError, PermanentNotificationError } from './notification-errors';
import { SentRecorder } from './sent-recorder';
import { Slots } from './slots';

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

/** What one claimed row's attempt came to; the row already says so. */
export type AttemptOutcome =
  | { estado: 'enviado'; messageId: string }
  /** Failed for good: the row is 'fallido'. */
  | { estado: 'fallido'; error: unknown; permanent: boolean }
  /** Failed this time: the row is 'pendiente' again; retry it after a backoff. */
  | { estado: 'reintentar'; error: unknown }
  /** Not tried (the claim grew too old waiting for a connection): 'pendiente', the attempt not spent. */
  | { estado: 'liberado' };

/**
 * Sends one outbox row: claim it ('enviando'), render, hand it to the driver, record the SMTP
 * message id and the time ('enviado'). A row already sent or failed is skipped.
 *
 * Duplicates: the claim stops two live attempts from sending the same row at once, and a claim is
 * only taken over once it is older than NOTIFICATIONS_CLAIM_TTL_MS. An SMTP exchange is started
 * only while the claim has more than SMTP_TIMEOUT_MS left (a row that waited longer for one of the
 * SMTP_POOL_SIZE connections is released untried), so no exchange outlives its claim. What remains
 * is the window between the server's "250 accepted" and the row saying 'enviado': the acceptance
 * is written at once (SentRecorder: a group commit, never a wait for a batch to fill) and retried
 * while the database is away, so only a worker killed in that window leaves a message to be sent
 * again after the TTL, with the same Message-ID (mail clients that collapse duplicates by
 * Message-ID show it once). SMTP has no way to ask "did you get it?", so this is at-least-once.
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
  private readonly smtpTimeoutMs: number;
  private readonly attempts: number;
  private readonly domain: string;
  private readonly smtp: Slots;
  private readonly composing: Slots;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly composer: MessageComposer,
    private readonly driver: NotificationDriver,
    private readonly cargadores: RegistroDeCargadores,
    private readonly recorder: SentRecorder,
    config: ConfigService<Environment, true>,
  ) {
    this.claimTtlMs = config.get('NOTIFICATIONS_CLAIM_TTL_MS', { infer: true });
    this.smtpTimeoutMs = config.get('SMTP_TIMEOUT_MS', { infer: true });
    this.attempts = config.get('NOTIFICATIONS_ATTEMPTS', { infer: true });
    this.domain = config.get('MESSAGE_ID_DOMAIN', { infer: true });
    this.smtp = new Slots(config.get('SMTP_POOL_SIZE', { infer: true }));
    // As many composed at once as sent: enough to keep every connection fed, and few enough that a
    // batch's loader queries never queue the acceptances' writes behind them in the database pool
    // (a write waiting there is a message a killed worker would send again).
    this.composing = new Slots(config.get('SMTP_POOL_SIZE', { infer: true }));
  }

  async execute(command: SendNotificationCommand): Promise<SendNotificationResult> {
    const claim = await this.outbox.claim(command.outboxId, this.claimTtlMs);
    if (claim.outcome === 'skip') return { omitido: claim.estado };
    if (claim.outcome === 'busy') throw new ClaimBusyError(claim.retryInMs);

    const outcome = await this.attempt(claim.row, Date.now(), command.lastAttempt);
    switch (outcome.estado) {
      case 'enviado':
        return { estado: 'enviado', messageId: outcome.messageId };
      case 'fallido':
        if (outcome.permanent) throw outcome.error;
        throw new PermanentNotificationError(errorText(outcome.error));
      case 'reintentar':
        throw outcome.error;
      case 'liberado':
        // Not an attempt: the job comes back at once, without spending one.
        throw new ClaimBusyError(0);
    }
  }

  /**
   * One attempt at a row this worker has just claimed (at `claimedAt`, Date.now()): compose, send,
   * record. Never throws for the row's own failure: the outcome says what the row now is.
   * `lastAttempt` (or the row's attempts reaching NOTIFICATIONS_ATTEMPTS) makes a failure final.
   * `composed`: the message (or its row's error) when the caller composed it already (a batch's rows).
   */
  async attempt(row: OutboxRow, claimedAt: number, lastAttempt: boolean, composed?: ComposedMessage | Error): Promise<AttemptOutcome> {
    let messageId: string;
    try {
      if (composed instanceof Error) throw composed;
      const message = composed ?? (await this.composing.run(() => this.composer.compose(row)));
      const sent = await this.smtp.run(async () => {
        // Past this point the exchange could outlive the claim, and another worker send it too.
        if (Date.now() - claimedAt >= this.claimTtlMs - this.smtpTimeoutMs) return null;
        return this.driver.send({ ...message, messageId: messageIdFor(row.id, this.domain) });
      });
      if (!sent) {
        await this.outbox.release(row.id);
        return { estado: 'liberado' };
      }
      messageId = sent.messageId;
    } catch (error) {
      const reason = errorText(error);
      const permanent = error instanceof PermanentNotificationError || error instanceof PermanentDeliveryError;
      if (permanent || lastAttempt || row.intentos >= this.attempts) {
        await this.recordFailure(row, reason);
        this.logger.error({ err: error, outboxId: row.id, tipo: row.tipo, intentos: row.intentos }, 'Mensaje fallido');
        return { estado: 'fallido', error, permanent };
      }
      await this.outbox.markRetry(row.id, reason);
      this.logger.warn({ err: error, outboxId: row.id, intentos: row.intentos }, 'Envío fallido; se reintentará');
      return { estado: 'reintentar', error };
    }
    await this.recordSent(row, messageId, claimedAt + this.claimTtlMs);
    return { estado: 'enviado', messageId };
  }

  private async recordSent(row: OutboxRow, messageId: string, giveUpAt: number): Promise<void> {
    const mensaje = mensajeGuardado(row);
    const efecto = mensaje && this.cargadores.tieneEfectos(mensaje.tipo).alEnviarse;
    if (!efecto) {
      await this.recorder.record(row.id, messageId, giveUpAt);
      return;
    }
    // The effect and the row in one transaction, retried through a database restart for half of what
    // is left of the claim; then the row alone (the other half), so the message is not sent again.
    const effectUntil = Date.now() + (giveUpAt - Date.now()) / 2;
    for (let delay = 100; ; delay = Math.min(delay * 2, 2_000)) {
      try {
        await this.outbox.markSent(row.id, messageId, (manager: EntityManager, at: Date) => this.cargadores.alEnviarse(manager, mensaje, at));
        return;
      } catch (error) {
        if (Date.now() + delay >= effectUntil) {
          this.logger.error({ err: error, outboxId: row.id, tipo: row.tipo }, 'Mensaje aceptado por el servidor; no se pudo registrar su efecto en el reclamo');
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
    await this.recorder.record(row.id, messageId, giveUpAt);
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

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
