import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DelayedError, Job, Queue, UnrecoverableError } from 'bullmq';
import { Environment, loadEnvironment } from '@app/platform/config';
import { QueueName } from '@app/platform/queue';
import { PermanentDeliveryError } from '../driver/notification-driver';
import { RelayOutboxUseCase } from '../relay/relay-outbox.usecase';
import { RequeueStaleResult, RequeueStaleUseCase } from '../relay/requeue-stale.usecase';
import { ClaimBusyError, PermanentNotificationError } from '../send/notification-errors';
import { SendNotificationResult, SendNotificationUseCase } from '../send/send-notification.usecase';
import { SEND_JOB, SendJobData, SWEEP_JOB, SWEEP_SCHEDULER_ID } from './notification-queue';

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
    const opts = { attempts: 1, removeOnComplete: 50, removeOnFail: 200 };
    await this.queue.upsertJobScheduler(SWEEP_SCHEDULER_ID, { every: this.everyMs }, { name: SWEEP_JOB, data: {}, opts });
    await this.queue.add(SWEEP_JOB, {}, { ...opts, jobId: `${SWEEP_JOB}-inicio-${Date.now()}` });
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

// Worker settings are read when the decorator runs (module load), from the same validated environment.
const env = loadEnvironment();

/** Sends one outbox row per job; also runs the recurring sweep. */
@Processor(QueueName.NOTIFICATIONS, {
  concurrency: env.NOTIFICATIONS_CONCURRENCY,
  lockDuration: env.NOTIFICATIONS_LOCK_MS,
  stalledInterval: Math.max(Math.floor(env.NOTIFICATIONS_LOCK_MS / 2), 500),
  // A job whose worker was killed is taken up again a few times before BullMQ gives up on it;
  // even then the sweep re-enqueues its row, which the database still shows as unsent.
  maxStalledCount: 5,
})
export class NotificationsProcessor extends WorkerHost {
  private readonly logger = new Logger(NotificationsProcessor.name);

  constructor(
    private readonly send: SendNotificationUseCase,
    private readonly sweep: RequeueStaleUseCase,
  ) {
    super();
  }

  async process(job: Job, token?: string): Promise<SendNotificationResult | RequeueStaleResult> {
    if (job.name === SWEEP_JOB) return this.sweep.execute();
    if (job.name !== SEND_JOB) throw new UnrecoverableError(`Trabajo desconocido en la cola de notificaciones: ${job.name}`);
    const { outboxId } = job.data as SendJobData;
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
