import { getQueueToken } from '@nestjs/bullmq';
import { NotFoundException } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { JobName, QueueName } from '@app/platform/queue';
import { maskEmail } from '@app/receipt';

/** The states a job can be in that the page counts, in the order it shows them. */
export const ESTADOS_DE_TRABAJO = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
export type EstadoDeTrabajo = (typeof ESTADOS_DE_TRABAJO)[number];

export const ESTADO_DE_TRABAJO_LABELS: Readonly<Record<EstadoDeTrabajo, string>> = {
  waiting: 'En espera',
  active: 'En curso',
  delayed: 'Programados (reintento o espera)',
  failed: 'Fallidos',
  completed: 'Terminados',
};

/** What each queue is for, in the administrators' words. */
export const COLA_LABELS: Readonly<Record<QueueName, string>> = {
  notifications: 'Envío de correos (mensajes de la bandeja de salida)',
  deadlines: 'Barrido de plazos (recordatorios y escalamientos)',
  medicion: 'Actualización de las cifras',
  'datos-abiertos': 'Publicación diaria de datos abiertos',
  exportaciones: 'Exportaciones a Excel',
  retencion: 'Purga diaria de datos personales vencidos (Ley 29733)',
};

/** Failed jobs shown per queue (the newest): enough to see a pattern; Redis keeps the rest. */
export const FALLIDOS_POR_COLA = 20;

export interface TrabajoFallido {
  id: string;
  nombre: string;
  motivo: string;
  intentos: number;
  /** Instant of the last failure (UTC; the page shows it in Lima time). */
  fallidoEn: Date | null;
  /**
   * Whether a retry can do something: a send job re-reads its outbox row, which is `fallido` by then,
   * and skips it, so a failed message is resent from the failed-messages page instead.
   */
  reintentable: boolean;
}

export interface EstadoDeCola {
  nombre: QueueName;
  descripcion: string;
  conteos: Record<EstadoDeTrabajo, number>;
  fallidos: TrabajoFallido[];
}

const EMAIL_EN_TEXTO = /[^\s<>"'@:;,()]+@[^\s<>"'@:;,()]+\.[^\s<>"'@:;,()]+/g;
const MAX_MOTIVO = 300;

/**
 * A job's failure reason as the page may show it: one line, bounded, any e-mail address masked (an
 * SMTP refusal often quotes the recipient). Payloads are never shown: they carry ids only anyway.
 */
export function motivoSinDatosPersonales(reason: string | undefined): string {
  if (!reason) return 'Sin motivo registrado.';
  const linea = reason.split('\n')[0].replace(EMAIL_EN_TEXTO, (email) => maskEmail(email));
  return linea.length > MAX_MOTIVO ? `${linea.slice(0, MAX_MOTIVO)}…` : linea;
}

/**
 * Every BullMQ queue the platform uses (QueueName is the one list the worker registers from), read
 * for the administrators' page. A test replaces it with queues of its own prefix.
 */
export class ColasVigiladas {
  private readonly porNombre: ReadonlyMap<string, Queue>;

  constructor(colas: readonly Queue[]) {
    this.porNombre = new Map(colas.map((q) => [q.name, q]));
  }

  /** Counts per state and the newest failed jobs of each queue, in QueueName's order. */
  async estado(): Promise<EstadoDeCola[]> {
    return Promise.all(
      [...this.porNombre.values()].map(async (queue) => {
        const counts = await queue.getJobCounts(...ESTADOS_DE_TRABAJO);
        const failed = await queue.getFailed(0, FALLIDOS_POR_COLA - 1);
        return {
          nombre: queue.name as QueueName,
          descripcion: COLA_LABELS[queue.name as QueueName] ?? queue.name,
          conteos: Object.fromEntries(ESTADOS_DE_TRABAJO.map((e) => [e, counts[e] ?? 0])) as Record<EstadoDeTrabajo, number>,
          fallidos: failed.filter((job): job is Job => job !== undefined && job !== null).map(trabajoFallido),
        };
      }),
    );
  }

  /**
   * Retries one failed job (BullMQ moves it back to waiting with its attempts reset). The handlers
   * re-read their rows, so a retry never does what the database says is done. 404 when the queue or
   * the job is unknown or the job is not failed (nothing to retry).
   */
  async reintentar(cola: string, jobId: string): Promise<void> {
    const queue = this.porNombre.get(cola);
    const job = queue ? await queue.getJob(jobId) : undefined;
    if (!queue || !job || !(await job.isFailed()) || !trabajoFallido(job).reintentable) {
      throw new NotFoundException('No hay un trabajo fallido con ese identificador en esa cola.');
    }
    await job.retry('failed');
  }
}

function trabajoFallido(job: Job): TrabajoFallido {
  return {
    id: String(job.id),
    nombre: job.name,
    motivo: motivoSinDatosPersonales(job.failedReason),
    intentos: job.attemptsMade,
    fallidoEn: job.finishedOn ? new Date(job.finishedOn) : null,
    reintentable: job.name !== JobName.ENVIAR_MENSAJE && job.name !== JobName.ENVIAR_LOTE,
  };
}

/** Every queue, in QueueName's order. */
export const NOMBRES_DE_COLAS: readonly QueueName[] = Object.values(QueueName);

/** The Nest provider: the app's registered queues, one per QueueName. */
export const COLAS_VIGILADAS_PROVIDER = {
  provide: ColasVigiladas,
  inject: NOMBRES_DE_COLAS.map((nombre) => getQueueToken(nombre)),
  useFactory: (...colas: Queue[]) => new ColasVigiladas(colas),
};
