import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import { Environment } from '@app/platform/config';
import { JobName, jobOptions, QueueName, queueSettings } from '@app/platform/queue';
import { NotificationDriver } from './driver/notification-driver';
import { SmtpDriver } from './driver/smtp.driver';
import { RegistroDeCargadores } from './mensajes/registro-de-cargadores';
import { ListMensajesFallidosUseCase, ReenviarMensajeUseCase } from './mensajes/mensajes.usecases';
import { OutboxRepository } from './outbox/outbox.repository';
import { NotificationQueue } from './queue/notification-queue';
import { NotificationsProcessor, OutboxRelayLoop, OutboxSweepScheduler } from './queue/notifications.jobs';
import { RelayOutboxUseCase } from './relay/relay-outbox.usecase';
import { RequeueStaleUseCase } from './relay/requeue-stale.usecase';
import { MessageComposer } from './send/message-composer';
import { SendNotificationBatchUseCase } from './send/send-batch.usecase';
import { SendNotificationUseCase } from './send/send-notification.usecase';
import { SentRecorder } from './send/sent-recorder';
import { MessageRenderer } from './templates/message-renderer';

const USE_CASES = [ListMensajesFallidosUseCase, ReenviarMensajeUseCase];

/**
 * The back-office's part: a reclamo's messages, the failed list and resend. Needs PersistenceModule
 * and QueueRootModule in the app.
 */
@Module({
  imports: [
    BullModule.registerQueueAsync({
      name: QueueName.NOTIFICATIONS,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        defaultJobOptions: jobOptions(JobName.ENVIAR_MENSAJE, queueSettings(config)),
      }),
    }),
  ],
  providers: [...USE_CASES, OutboxRepository, NotificationQueue],
  exports: [...USE_CASES, OutboxRepository, NotificationQueue, BullModule],
})
export class NotificationsModule {}

/**
 * Composing and sending one message: the loaders' registry (every message type must have exactly
 * one loader among the providers of the app, or start-up fails naming the type), the renderer, the
 * SMTP driver and the send use case. No loop and no queue consumer: the worker adds those; a test
 * sends a row of its own through it.
 */
@Module({
  imports: [NotificationsModule, DiscoveryModule],
  providers: [
    RegistroDeCargadores,
    { provide: MessageRenderer, useFactory: () => new MessageRenderer() },
    { provide: NotificationDriver, useClass: SmtpDriver },
    MessageComposer,
    SentRecorder,
    SendNotificationUseCase,
  ],
  exports: [RegistroDeCargadores, MessageComposer, SendNotificationUseCase, NotificationDriver],
})
export class MensajeriaModule {}

/**
 * The worker's part: the relay loop, the recurring sweep and the sender over SMTP. Needs
 * PersistenceModule, ClockModule and QueueRootModule in the app, and the message loaders of every
 * lib that writes messages (each lib's `…MensajesModule`).
 */
@Module({
  imports: [NotificationsModule, MensajeriaModule],
  providers: [RelayOutboxUseCase, RequeueStaleUseCase, SendNotificationBatchUseCase, OutboxSweepScheduler, OutboxRelayLoop, NotificationsProcessor],
})
export class NotificationsWorkerModule {}
