import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DelayedError, Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Environment } from '@app/platform/config';
import { JobName, jobOptions, JobPayload, QueueName, queueSettings, notificationsWorkerOptions } from '@app/platform/queue';
import { PermanentDeliveryError } from '../driver/notification-driver';
import { RelayOutboxUseCase } from '../relay/relay-outbox.usecase';
import { RequeueStaleResult, RequeueStaleUseCase } from '../relay/requeue-stale.usecase';
import { ClaimBusyError, PermanentNotificationError } from '../send/notification-errors';
import { SendBatchResult, SendNotificationBatchUseCase } from '../send/send-batch.usecase';
import { SendNotificationResult, SendNotificationUseCase } from '../send/send-notification.usecase';
import { SWEEP_SCHEDULER_ID } from './notification-queue';

/**
 * Registers the recurring sweep (idempotent by id: every replica may call it, there is one
 * schedule) and runs one sweep at start, so rows left by a previous life move at once.
 */
@Injectable()
export class OutboxSweepScheduler implements OnApplicationBootstrap {
  private readonly everyMs: number;

  constructor(
    @InjectQueue(QueueName.NOTIFICATIONS) private readonly queue: Queue,
    config: ConfigService<Environment, true>,
  ) {
    this.everyMs = config.get('NOTIFICATIONS_SWEEP_EVERY_MS', { infer: true });
  }

  async onApplicationBootstrap(): Promise<void> {
    const opts = jobOptions(JobName.BARRIDO_OUTBOX);
    const data: JobPayload['barrido-outbox'] = {};
    await this.queue.upsertJobScheduler(SWEEP_SCHEDULER_ID, { every: this.everyMs }, { name: JobName.BARRIDO_OUTBOX, data, opts });
    await this.queue.add(JobName.BARRIDO_OUTBOX, data, { ...opts, jobId: `${JobName.BARRIDO_OUTBOX}-inicio-${Date.now()}` });
  }
}

/**
 * The relay loop: every NOTIFICATIONS_RELAY_INTERVAL_MS it moves new pending rows to the queue.
 * A poll, not a schedule: each replica may run it, since enqueueing is idempotent.
 */
@Injectable()
export class OutboxRelayLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayLoop.name);
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly relay: RelayOutboxUseCase,
    config: ConfigService<Environment, true>,
  ) {
    this.intervalMs = config.get('NOTIFICATIONS_RELAY_INTERVAL_MS', { infer: true });
  }

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => this.schedule(this.intervalMs));
    }, delay);
  }

  private async tick(): Promise<void> {
    try {
      await this.relay.execute();
    } catch (error) {
      // The next tick retries; rows stay pending in the database meanwhile.
      this.logger.error({ err: error }, 'Falló el relevo del outbox a la cola');
    }
  }
}

/**
 * Sends a batch of new outbox rows per `enviar-lote` job, one row per `enviar` job (retries, the
 * sweep's requeues, a resend); also runs the recurring sweep. A BullMQ Worker made here rather
 * than with @Processor: its concurrency and lock come from the validated configuration at start-up,
 * where the decorator would read the environment when the file is imported. It shares the queue's
 * connection settings and prefix, starts when the app has started and finishes its jobs in flight
 * on shutdown (worker.close waits for them).
 */
@Injectable()
export class NotificationsProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationsProcessor.name);
  private worker: Worker | null = null;

  constructor(
    @InjectQueue(QueueName.NOTIFICATIONS) private readonly queue: Queue,
    private readonly send: SendNotificationUseCase,
    private readonly sendBatch: SendNotificationBatchUseCase,
    private readonly sweep: RequeueStaleUseCase,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  onApplicationBootstrap(): void {
    this.worker = new Worker(QueueName.NOTIFICATIONS, (job, token) => this.process(job, token), {
      connection: this.queue.opts.connection,
      prefix: this.queue.opts.prefix,
      ...notificationsWorkerOptions(queueSettings(this.config)),
    });
    // Connection errors are retried by ioredis; logged so an outage shows, never thrown.
    this.worker.on('error', (error) => this.logger.warn({ err: error }, 'Error del worker de notificaciones'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }

  async process(job: Job, token?: string): Promise<SendNotificationResult | SendBatchResult | RequeueStaleResult> {
    if (job.name === JobName.BARRIDO_OUTBOX) return this.sweep.execute();
    // Throws only when the claim statement fails (no row claimed): BullMQ retries the batch.
    if (job.name === JobName.ENVIAR_LOTE) return this.sendBatch.execute((job.data as JobPayload['enviar-lote']).outboxIds);
    if (job.name !== JobName.ENVIAR_MENSAJE) throw new UnrecoverableError(`Trabajo desconocido en la cola de notificaciones: ${job.name}`);
    const { outboxId } = job.data as JobPayload['enviar'];
    try {
      return await this.send.execute({ outboxId, lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
    } catch (error) {
      if (error instanceof ClaimBusyError) {
        // Not a failed attempt: wait for the other claim to finish or expire.
        await job.moveToDelayed(Date.now() + error.retryInMs, token);
        throw new DelayedError();
      }
      if (error instanceof PermanentNotificationError || error instanceof PermanentDeliveryError) {
        throw new UnrecoverableError(error.message);
      }
      // Logged by the use case; rethrown so BullMQ retries with backoff.
      throw error;
    }
  }
}
