import type { JobsOptions, WorkerOptions } from 'bullmq';
import type { Environment } from '../config/environment';

/** Every BullMQ queue of the platform, named once. */
export const QueueName = {
  NOTIFICATIONS: 'notifications',
  DEADLINES: 'deadlines',
  MEDICION: 'medicion',
  /** The daily open-data file: its own queue, so a slow build never holds the figures' minute update back. */
  DATOS_ABIERTOS: 'datos-abiertos',
  EXPORTACIONES: 'exportaciones',
  /** The daily retention purge (Ley 29733): its own queue, so a long backlog never holds another sweep back. */
  RETENCION: 'retencion',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** Every job, named once. The database is the truth; a job is only a trigger. */
export const JobName = {
  /** Send one outbox row (jobId = the row's id, so enqueueing twice is harmless). */
  ENVIAR_MENSAJE: 'enviar',
  /**
   * Send a batch of new outbox rows (the relay's first try of each; jobId = `lote-<first row id>`).
   * One job, one claim statement for many rows: what a job and a claim cost is paid once per batch.
   * A row that fails in a batch goes on as an `enviar` job of its own, with the queue's retries.
   */
  ENVIAR_LOTE: 'enviar-lote',
  /** Re-enqueue outbox rows left behind (Redis lost them, a worker died). */
  BARRIDO_OUTBOX: 'barrido-outbox',
  /** Deadline reminders and escalations, then the registered steps (subsanación windows). */
  BARRIDO_PLAZOS: 'deadline-sweep',
  /** Bring the figures' rollups up to date with the events committed since the last run. */
  ACTUALIZAR_CIFRAS: 'actualizar-cifras',
  /** Build the open-data file from the figures' rollups and publish it (a new snapshot row). */
  PUBLICAR_DATOS_ABIERTOS: 'publicar-datos-abiertos',
  /** Write one requested export's file (jobId = the exportacion row's id, so a retry never makes two files). */
  EXPORTAR: 'exportar',
  /** Remove expired export files, and re-enqueue (or close) requests whose job was lost. */
  BARRIDO_EXPORTACIONES: 'barrido-exportaciones',
  /** Remove the personal data and files of closed reclamos past their entity's retention period. */
  PURGAR_DATOS_VENCIDOS: 'purgar-datos-vencidos',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

/** What each job carries: ids only, never a whole row (the handler re-reads it). */
export interface JobPayload {
  enviar: { outboxId: string };
  'enviar-lote': { outboxIds: string[] };
  'barrido-outbox': Record<string, never>;
  'deadline-sweep': Record<string, never>;
  'actualizar-cifras': Record<string, never>;
  'publicar-datos-abiertos': Record<string, never>;
  exportar: { exportacionId: string };
  'barrido-exportaciones': Record<string, never>;
  'purgar-datos-vencidos': Record<string, never>;
}

/** The queue each job runs on. */
export const QUEUE_OF_JOB: { readonly [J in JobName]: QueueName } = {
  enviar: QueueName.NOTIFICATIONS,
  'enviar-lote': QueueName.NOTIFICATIONS,
  'barrido-outbox': QueueName.NOTIFICATIONS,
  'deadline-sweep': QueueName.DEADLINES,
  'actualizar-cifras': QueueName.MEDICION,
  'publicar-datos-abiertos': QueueName.DATOS_ABIERTOS,
  exportar: QueueName.EXPORTACIONES,
  'barrido-exportaciones': QueueName.EXPORTACIONES,
  'purgar-datos-vencidos': QueueName.RETENCION,
};

/** The settings the queues take from the validated environment (never read at import time). */
export type QueueSettings = Pick<
  Environment,
  'NOTIFICATIONS_ATTEMPTS' | 'NOTIFICATIONS_BACKOFF_MS' | 'NOTIFICATIONS_CONCURRENCY' | 'NOTIFICATIONS_LOCK_MS'
>;

/**
 * Retries, backoff and retention of every job, in one place. Sends retry with exponential backoff
 * (an SMTP outage of hours is survived) and keep a bounded history (the outbox row is the record);
 * failed jobs are kept a month for inspection. Sweeps are cheap to repeat: the outbox sweep runs
 * every few seconds and is never retried; the deadline sweep retries three times, 30 s apart at first;
 * the figures' update runs every minute from its watermark, so it is never retried either. An export
 * retries twice (15 s, then 30 s: a database restart or a full disk that clears), then its row is
 * `fallida`; its sweep runs every five minutes and is never retried.
 */
export function jobOptions(job: typeof JobName.ENVIAR_MENSAJE | typeof JobName.ENVIAR_LOTE, settings: QueueSettings): JobsOptions;
export function jobOptions(job: Exclude<JobName, typeof JobName.ENVIAR_MENSAJE | typeof JobName.ENVIAR_LOTE>): JobsOptions;
export function jobOptions(job: JobName, settings?: QueueSettings): JobsOptions {
  switch (job) {
    // A batch retries as a whole only when its claim statement failed (its rows are still pending);
    // a row's own failures are retried as `enviar` jobs.
    case JobName.ENVIAR_LOTE:
    case JobName.ENVIAR_MENSAJE:
      if (!settings) throw new Error('jobOptions(enviar) necesita la configuración de la cola');
      return {
        attempts: settings.NOTIFICATIONS_ATTEMPTS,
        backoff: { type: 'exponential', delay: settings.NOTIFICATIONS_BACKOFF_MS },
        removeOnComplete: { count: 5_000, age: 24 * 3600 },
        removeOnFail: { age: 30 * 24 * 3600 },
      };
    case JobName.BARRIDO_OUTBOX:
      return { attempts: 1, removeOnComplete: 50, removeOnFail: 200 };
    case JobName.BARRIDO_PLAZOS:
      return { attempts: 3, backoff: { type: 'exponential', delay: 30_000 }, removeOnComplete: 100, removeOnFail: 500 };
    // Runs every minute and starts from the watermark: a failed run is simply the next one.
    case JobName.ACTUALIZAR_CIFRAS:
      return { attempts: 1, removeOnComplete: 50, removeOnFail: 500 };
    // Once a day: a failed build is retried a few times, minutes apart, before the day's file is given up.
    case JobName.PUBLICAR_DATOS_ABIERTOS:
      return { attempts: 4, backoff: { type: 'exponential', delay: 60_000 }, removeOnComplete: 30, removeOnFail: 100 };
    // The row is the record (state, progress, reason): Redis keeps a week of finished jobs, a month of failed ones.
    case JobName.EXPORTAR:
      return {
        attempts: EXPORTAR_INTENTOS,
        backoff: { type: 'exponential', delay: 15_000 },
        removeOnComplete: { count: 1_000, age: 7 * 24 * 3600 },
        removeOnFail: { age: 30 * 24 * 3600 },
      };
    case JobName.BARRIDO_EXPORTACIONES:
      return { attempts: 1, removeOnComplete: 50, removeOnFail: 200 };
    // Once a day and resumable (each batch commits; a purged case is never taken again): a failed run is
    // retried a few times, ten minutes apart, and whatever is left waits for tomorrow's.
    case JobName.PURGAR_DATOS_VENCIDOS:
      return { attempts: 3, backoff: { type: 'exponential', delay: 600_000 }, removeOnComplete: 30, removeOnFail: 100 };
  }
}

/** Attempts of one export before its row is `fallida` (the handler marks it on the last one). */
export const EXPORTAR_INTENTOS = 3;

/**
 * How the exports' worker runs: one export at a time per worker process (an export reads a whole
 * period of the rollup and compresses a workbook: two at once on a 2-core machine would slow the
 * figures' update and the sender). Rows are fetched in pages, so the event loop renews the job's lock
 * between them; a worker killed mid-export loses the lock after `lockDuration` and the job starts over
 * on another (the row goes back to 0 %).
 */
export const EXPORTACIONES_WORKER_OPTIONS = { concurrency: 1, lockDuration: 60_000, maxStalledCount: 2 } as const;

/**
 * How the notifications workers run: NOTIFICATIONS_CONCURRENCY sends at once; a job whose worker
 * was killed is taken up again a few times (maxStalledCount) before BullMQ gives up on it, and even
 * then the outbox sweep re-enqueues its row. (The deadline sweep runs with BullMQ's defaults: one
 * job at a time.)
 */
export function notificationsWorkerOptions(settings: QueueSettings): Omit<WorkerOptions, 'connection'> {
  return {
    concurrency: settings.NOTIFICATIONS_CONCURRENCY,
    lockDuration: settings.NOTIFICATIONS_LOCK_MS,
    stalledInterval: Math.max(Math.floor(settings.NOTIFICATIONS_LOCK_MS / 2), 500),
    maxStalledCount: 5,
  };
}

/** The queue settings from the app's validated configuration. */
export function queueSettings(config: { get<K extends keyof Environment>(key: K, options: { infer: true }): Environment[K] }): QueueSettings {
  return {
    NOTIFICATIONS_ATTEMPTS: config.get('NOTIFICATIONS_ATTEMPTS', { infer: true }),
    NOTIFICATIONS_BACKOFF_MS: config.get('NOTIFICATIONS_BACKOFF_MS', { infer: true }),
    NOTIFICATIONS_CONCURRENCY: config.get('NOTIFICATIONS_CONCURRENCY', { infer: true }),
    NOTIFICATIONS_LOCK_MS: config.get('NOTIFICATIONS_LOCK_MS', { infer: true }),
  };
}
