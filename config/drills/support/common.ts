/**
 * What the load and fault drills share: the sessions and first cases the mix needs, the raw
 * baseline (the bench's Fastify + pg filing server, on the drills' database), the deadline sweep
 * kicked during the load, waiting for the outbox to drain, the counts of filings and messages, and
 * the report (Markdown table + JSON under .local/drills/, printed).
 */
import { Queue } from 'bullmq';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { JobName, jobOptions, QueueName } from '@app/platform/queue';
import { Client, PgClient } from '../../bench/support/pg';
import { LoadResult, paced, saturate } from '../../bench/support/load';
import { startServer } from '../../bench/support/processes';
import { filingForm, KnownCase, MixContext, MixRun, ROUTES } from './mix';
import { DRILLS_DIR, DrillStack, log } from './stack';
import { MessageTally, RouteFigures, routeFigures, tallyFilings, FilingTally, tallyMessages } from './tally';
import { freePort } from '../../../test/support/redis-process';
import { REPO_ROOT } from '../../bench/support/bench-env';
import { readFileSync } from 'node:fs';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} debe ser un número positivo (se recibió "${raw}")`);
  return value;
}

export async function withDb<T>(url: string, work: (db: PgClient) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: url, application_name: 'drills' });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

async function signIn(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/sesion`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email, password: 'Reclamos2026!' }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('sesion='));
  if (response.status !== 200 || !cookie) throw new Error(`no se pudo ingresar como ${email}: ${response.status} ${await response.text()}`);
  return cookie.split(';')[0];
}

/** Signs in the two staff members of the mix and files `n` cases to track and open. */
export async function prepareContext(stack: DrillStack, n: number): Promise<MixContext> {
  const backoffice = stack.backoffices[0].baseUrl;
  const cookies = {
    responsable: await signIn(backoffice, 'responsable@minedu.demo.gob.pe'),
    oficial: await signIn(backoffice, 'oficial1@minedu.demo.gob.pe'),
  };
  const cases: KnownCase[] = [];
  for (let i = 0; i < n; i++) {
    const form = filingForm();
    const response = await fetch(`${stack.citizens[i % stack.citizens.length].baseUrl}/api/v1/reclamos`, {
      method: 'POST',
      headers: { 'content-type': form.contentType },
      body: form.body,
    });
    const text = await response.text();
    if (response.status !== 201) throw new Error(`una presentación de preparación respondió ${response.status}: ${text.slice(0, 400)}`);
    const answer = JSON.parse(text) as { id: string; codigo: string };
    cases.push({ id: answer.id, codigo: answer.codigo, documento: form.dni });
  }
  return { cases, cookies };
}

/**
 * Open cases for the sweep to find: `n` reclamos of the seeded entities due over the next 20 days,
 * made by one INSERT … SELECT (as the sweep bench does), in the year 2099 no real counter reaches.
 */
export async function loadOpenCases(databaseUrl: string, n: number): Promise<void> {
  await withDb(databaseUrl, (db) =>
    db.query(
      `INSERT INTO reclamo (entidad_id, codigo, anio, correlativo, estado, registrado_en, fecha_registro_lima, plazo_dias_habiles,
                            vence_el, calendario_version, aspecto, descripcion, notificacion_email)
       SELECT e.id, e.codigo || '-2099-' || lpad(g::text, 7, '0'), 2099, g, 'registrado', now(), current_date - 25, 30,
              current_date + (g % 20), 'simulacro', 'informacion', 'Caso abierto del simulacro.', true
         FROM generate_series(1, $1::int) g
         JOIN (SELECT id, codigo, (row_number() OVER (ORDER BY id) - 1)::int AS k, count(*) OVER ()::int AS n FROM entidad WHERE activo) e
           ON e.k = g % e.n`,
      [n],
    ),
  );
}

/** Adds a deadline sweep to the worker's queue every `everyMs` until stopped (the schedule itself runs every 15 min). */
export function kickSweeps(stack: DrillStack, everyMs: number): { stop(): Promise<number> } {
  const target = stack.queueConnection({ maxRetriesPerRequest: 1, enableOfflineQueue: false });
  const queue = new Queue(QueueName.DEADLINES, target);
  queue.on('error', () => undefined);
  let added = 0;
  const add = async (): Promise<void> => {
    try {
      await queue.add(JobName.BARRIDO_PLAZOS, {}, { ...jobOptions(JobName.BARRIDO_PLAZOS), jobId: `simulacro-${Date.now()}` });
      added += 1;
    } catch {
      // Redis down during a fault: the next kick tries again.
    }
  };
  void add();
  const timer = setInterval(() => void add(), everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await queue.close().catch(() => undefined);
      target.close();
      return added;
    },
  };
}

export interface RawBaseline {
  saturated: Pick<LoadResult, 'reqPerSec' | 'latencyMs' | 'ok' | 'non2xx' | 'errors'>;
  atRate: Pick<LoadResult, 'reqPerSec' | 'latencyMs' | 'ok' | 'non2xx' | 'errors' | 'targetRate'>;
}

/**
 * The bench's raw filing server (Fastify + pg, the same SQL in one transaction, no validation, JSON
 * without attachments) on the drills' database: its maximum over `seconds` (20 connections), then
 * its latency alone at `rate` filings/s. Run before the mix, with the apps idle.
 */
export async function rawBaseline(databaseUrl: string, rate: number, seconds: number): Promise<RawBaseline> {
  const port = await freePort();
  const server = await startServer({
    name: 'raw Fastify + pg',
    nodeArgs: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(REPO_ROOT, 'config', 'bench', 'raw-filing-server.ts')],
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      NODE_ENV: 'development',
      TS_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json'),
      RAW_PORT: String(port),
      RAW_POOL_SIZE: '10',
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: 'drills-solo-para-simulacros-locales-0123456789abcdef',
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    },
    port,
    healthPath: '/health',
    logFile: join(DRILLS_DIR, 'logs', 'raw-filing.log'),
  });
  try {
    const fixture = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'reclamo-ejemplo.json'), 'utf8')) as Record<string, unknown>;
    let dni = 90_000_000 + Math.floor(Math.random() * 5_000_000);
    const target = {
      baseUrl: server.baseUrl,
      method: 'POST' as const,
      path: '/api/v1/reclamos',
      headers: { 'content-type': 'application/json' },
      body: () => JSON.stringify({ ...fixture, numeroDocumento: String(dni++) }),
    };
    const pick = (r: LoadResult) => ({ reqPerSec: r.reqPerSec, latencyMs: r.latencyMs, ok: r.ok, non2xx: r.non2xx, errors: r.errors, targetRate: r.targetRate });
    await saturate(target, 20, 1);
    const saturated = pick(await saturate(target, 20, seconds));
    const atRate = pick(await paced(target, rate, seconds, 20));
    return { saturated, atRate };
  } finally {
    await server.stop();
  }
}

/** Waits until no e-mail outbox row is pending; returns how long it took (ms), or throws at the timeout. */
export async function waitForDrain(databaseUrl: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const pending = await withDb(databaseUrl, async (db) =>
      Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM outbox WHERE estado = 'pendiente' AND canal = 'email'`)).rows[0].n),
    ).catch(() => -1);
    if (pending === 0) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`la bandeja de salida no se vació en ${timeoutMs / 1000} s (${pending} pendientes)`);
    await sleep(500);
  }
}

/**
 * Waits until no queue has an active job; returns how long it took (ms). A job a killed worker held
 * stays active until BullMQ's stalled-job check hands it back; one that never leaves is a stalled job.
 */
export async function waitForQuietQueues(stack: DrillStack, timeoutMs: number): Promise<number> {
  const target = stack.queueConnection();
  const queues = Object.values(QueueName).map((name) => new Queue(name, target));
  const started = Date.now();
  try {
    for (;;) {
      const active = (await Promise.all(queues.map((q) => q.getActiveCount()))).reduce((a, b) => a + b, 0);
      if (active === 0 || Date.now() - started > timeoutMs) return Date.now() - started;
      await sleep(500);
    }
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    target.close();
  }
}

export interface Integrity {
  filings: Omit<FilingTally, 'lost'> & { lost: number; lostCodes: string[]; storedTwice: number };
  messages: Omit<MessageTally, 'lost'> & {
    lost: number;
    lostIds: string[];
    failedRows: number;
    sentWithoutMessageId: number;
    receivedUnknown: number;
    /** When each message received more than once was marked sent (ISO), to tell which fault caused it. */
    duplicatedMarkedAt: string[];
  };
  queues: Record<string, Record<string, number>>;
}

/** Filings answered 201 against the database; sent outbox rows against the SMTP server; what the queues hold. */
export async function checkIntegrity(stack: DrillStack, accepted: KnownCase[], receivedFrom: number): Promise<Integrity> {
  return withDb(stack.databaseUrl, async (db) => {
    const codes = accepted.map((c) => c.codigo);
    const stored = (await db.query<{ codigo: string }>(`SELECT codigo FROM reclamo WHERE codigo = ANY($1::text[])`, [codes])).rows.map((r) => r.codigo);
    // Each filing of the mix has a DNI of its own: one DNI on two reclamos is a filing stored twice.
    const twice = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT numero_documento FROM reclamo_persona WHERE rol = 'reclamante' AND numero_documento = ANY($1::text[])
         GROUP BY numero_documento HAVING count(*) > 1) x`,
      [accepted.map((c) => c.documento)],
    );
    const filings = tallyFilings(codes, stored);
    const sentRows = (await db.query<{ message_id: string | null; enviado_en: Date | null }>(`SELECT message_id, enviado_en FROM outbox WHERE estado = 'enviado' AND canal = 'email'`)).rows;
    const failedRows = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM outbox WHERE estado = 'fallido' AND canal = 'email'`)).rows[0].n);
    const sentIds = sentRows.flatMap((r) => (r.message_id ? [r.message_id] : []));
    const received = stack.mailbox.received.slice(receivedFrom).map((m) => m.messageId);
    const sentSet = new Set(sentIds);
    const messages = tallyMessages(sentIds, received);
    const receivedCount = new Map<string, number>();
    for (const id of received) receivedCount.set(id, (receivedCount.get(id) ?? 0) + 1);
    const duplicatedMarkedAt = sentRows.filter((r) => r.message_id && (receivedCount.get(r.message_id) ?? 0) > 1).map((r) => r.enviado_en?.toISOString() ?? '?');
    const target = stack.queueConnection();
    const queues: Record<string, Record<string, number>> = {};
    for (const name of Object.values(QueueName)) {
      const queue = new Queue(name, target);
      queues[name] = await queue.getJobCounts('active', 'waiting', 'delayed', 'failed', 'completed');
      await queue.close();
    }
    target.close();
    return {
      filings: { accepted: filings.accepted, stored: filings.stored, lost: filings.lost.length, lostCodes: filings.lost.slice(0, 20), storedTwice: Number(twice.rows[0].n) },
      messages: {
        sent: messages.sent,
        delivered: messages.delivered,
        lost: messages.lost.length,
        lostIds: messages.lost.slice(0, 20),
        duplicates: messages.duplicates,
        duplicateRatio: messages.duplicateRatio,
        failedRows,
        sentWithoutMessageId: sentRows.length - sentIds.length,
        receivedUnknown: received.filter((id) => !sentSet.has(id)).length,
        duplicatedMarkedAt,
      },
      queues,
    };
  });
}

export function routeTable(run: MixRun): RouteFigures[] {
  return ROUTES.map((r) => routeFigures(r.name, run.perRoute.get(r.name)!, run.seconds));
}

const f = (n: number | undefined, digits = 1) => (n === undefined || !Number.isFinite(n) ? '—' : n.toFixed(digits));
const mb = (bytes: number | undefined) => (bytes === undefined ? '—' : (bytes / 1_048_576).toFixed(0));

export function markdownTable(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function routesMarkdown(routes: RouteFigures[], seconds: number): string {
  const total = routes.reduce((a, r) => ({ requests: a.requests + r.requests, ok: a.ok + r.ok, errors: a.errors + r.errors, retried: a.retried + r.retried }), {
    requests: 0,
    ok: 0,
    errors: 0,
    retried: 0,
  });
  return markdownTable(
    ['ruta', 'peticiones', 'req/s (2xx)', 'p50 ms', 'p99 ms', 'máx ms', 'errores', 'reintentos'],
    [
      ...routes.map((r) => [r.route, String(r.requests), f(r.reqPerSec), f(r.p50), f(r.p99), f(r.max, 0), String(r.errors), String(r.retried)]),
      ['**total**', String(total.requests), f(total.ok / seconds), '', '', '', String(total.errors), String(total.retried)],
    ],
  );
}

export function resourcesMarkdown(report: import('./sampler').ResourceReport): string {
  const rows = Object.entries(report.processes).map(([name, p]) => [name, f(p?.cpuPercent), f(p?.cpuPercentMax, 0), mb(p?.rssMaxBytes), mb(p?.rssLastBytes)]);
  const pg = report.postgres;
  const redis = report.redis;
  return [
    markdownTable(['proceso', 'CPU % (1 núcleo = 100)', 'CPU % máx (1 s)', 'RSS máx MB', 'RSS final MB'], rows),
    '',
    `PostgreSQL: ${pg.counters ? `${pg.counters.xact_commit} commits (${f(pg.counters.xact_commit / report.seconds)}/s), ${pg.counters.xact_rollback} rollbacks, ` +
      `${pg.counters.tup_inserted} filas insertadas, ${pg.counters.deadlocks} deadlocks, caché ${f((pg.cacheHitRatio ?? NaN) * 100, 2)} %, ${mb(pg.counters.temp_bytes)} MB temporales; ` : 'contadores reiniciados por el reinicio; '}` +
      `sesiones máx ${pg.sessionsMax}, activas en promedio ${f(pg.activeAvg, 2)}, base ${mb(pg.databaseBytes)} MB. ` +
      `Sesiones activas, en qué (promedio a la vez): ${pg.activeTop.map((t) => `${f(t.sessions, 2)} ${t.what.replace(/\|/g, '/')}`).join('; ') || '—'}.`,
    `Redis: CPU ${f(redis.cpuPercent)} %, used_memory máx ${mb(redis.usedMemoryMaxBytes)} MB (RSS ${mb(redis.usedMemoryRssMaxBytes)} MB), ` +
      `${f(redis.opsPerSecAvg, 0)} ops/s en promedio, ${redis.clientsMax} clientes máx.`,
    `Carga de la máquina (1/5/15 min): antes ${report.loadAverage.before.join(' / ')}, después ${report.loadAverage.after.join(' / ')}; ${cpus().length} CPU.`,
  ].join('\n');
}

/** `quiet`: every queue had no active job at some moment within a minute of the drain (nothing stalled). */
export function integrityMarkdown(i: Integrity, maxDuplicateRatio: number, quiet: boolean): string {
  const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  return markdownTable(
    ['medida', 'valor', 'meta', ''],
    [
      ['reclamos aceptados (201)', String(i.filings.accepted), '', ''],
      ['aceptados que no están en la base', String(i.filings.lost), '0', mark(i.filings.lost === 0)],
      ['reclamos guardados dos veces (mismo DNI)', String(i.filings.storedTwice), '0', mark(i.filings.storedTwice === 0)],
      ['mensajes enviados (filas enviado)', String(i.messages.sent), '', ''],
      ['enviados que no llegaron al SMTP', String(i.messages.lost), '0', mark(i.messages.lost === 0)],
      ['duplicados por Message-ID', `${i.messages.duplicates} (${f(i.messages.duplicateRatio * 100, 3)} %)`, `≤ ${maxDuplicateRatio * 100} %`, mark(i.messages.duplicateRatio <= maxDuplicateRatio)],
      ['filas fallido (se rindió)', String(i.messages.failedRows), '0', mark(i.messages.failedRows === 0)],
      ['colas sin trabajos activos en ≤ 60 s tras vaciarse la bandeja (ninguno atascado)', quiet ? 'sí' : 'NO', 'sí', mark(quiet)],
      ['trabajos fallidos que BullMQ guarda', String(Object.values(i.queues).reduce((n, q) => n + (q.failed ?? 0), 0)), '', ''],
    ],
  );
}

export function integrityPasses(i: Integrity, maxDuplicateRatio: number, quiet: boolean): boolean {
  return (
    i.filings.lost === 0 &&
    i.filings.storedTwice === 0 &&
    i.messages.lost === 0 &&
    i.messages.duplicateRatio <= maxDuplicateRatio &&
    i.messages.failedRows === 0 &&
    quiet
  );
}

/** Writes .local/drills/<part>.md and .json; prints the Markdown. */
export function writeReport(part: string, markdown: string, data: unknown): { md: string; json: string } {
  mkdirSync(DRILLS_DIR, { recursive: true });
  const md = join(DRILLS_DIR, `${part}.md`);
  const json = join(DRILLS_DIR, `${part}.json`);
  writeFileSync(md, `${markdown}\n`);
  writeFileSync(json, `${JSON.stringify(data, null, 2)}\n`);
  process.stdout.write(`\n${markdown}\n\n`);
  log(`informe: ${md} y ${json}`);
  return { md, json };
}

export { f as fixed, mb };
