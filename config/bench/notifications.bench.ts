/**
 * Bench, part 3 — notifications: outbox rows through relay → BullMQ → worker → SMTP.
 *
 *   - throughput: N reminder rows (plazo_por_vencer: rendered from the reclamo, no PDF) inserted in
 *     one statement; the real worker (child process, the same NotificationsWorkerModule) relays,
 *     claims, renders, sends to an in-process smtp-server and marks each row; timed until every row
 *     is 'enviado'. Against it, in the same run and on the same Redis: raw BullMQ addBulk of N jobs
 *     and a Worker with the same concurrency doing nothing.  aim: ours ÷ raw ≥ 0.5
 *   - against a bare nodemailer pool (the same pool size and options as our SMTP driver) sending the
 *     very messages our path rendered (their raw MIME, as the SMTP server received them) to the same
 *     SMTP server, all at once: what rendering, the outbox rows and the queue cost on top of the sending
 *     itself.  aim: ours ÷ nodemailer ≥ 0.5
 *   - fault drill under load: M rows; the bench's own redis-server (AOF, fsync every second: a
 *     kill may lose the last second of queue writes) is SIGKILLed and restarted three times, and
 *     the worker three times. Then every intended message is counted in the mailbox by Message-ID.
 *     aims: delivered ÷ intended = 1.000, duplicates ÷ intended ≤ 0.001
 *
 * Everything runs on a redis-server of the bench's own (spare port, temporary directory), never
 * on the shared one. Rows are tagged in `datos` and deleted at the end.
 */
import { Queue, Worker } from 'bullmq';
import { createTransport } from 'nodemailer';
import { join } from 'node:path';
import { RedisProcess, freePort } from '../../test/support/redis-process';
import { SmtpMailbox } from '../../test/support/smtp-mailbox';
import { WorkerProcess } from '../../test/support/worker-process';
import { BENCH } from './support/bench-env';
import { BenchPart, BenchPartResult } from './support/part';
import { Client, PgClient } from './support/pg';
import { fixed, machine, table, writeResult } from './support/report';

const MESSAGES = Number(process.env.BENCH_NOTIF_MESSAGES ?? 2_000);
const DRILL_MESSAGES = Number(process.env.BENCH_NOTIF_DRILL_MESSAGES ?? 4_000);
const CONCURRENCY = Number(process.env.BENCH_NOTIF_CONCURRENCY ?? 8);
const KILLS = 3;
const AIM_RATIO = 0.5;
const AIM_DUPLICATES = 0.001;
const DOMAIN = 'libro-reclamaciones.gob.pe';
const TAG = 'bench-notificaciones';

const log = (message: string) => process.stderr.write(`[bench:notifications] ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`tiempo agotado: ${what}`);
    await sleep(50);
  }
}

/** One open reclamo to remind about, in the first active entity. */
async function benchReclamo(db: PgClient): Promise<{ id: string; entidadId: string }> {
  const found = await db.query<{ id: string; entidad_id: string }>(`SELECT id, entidad_id FROM reclamo WHERE codigo = 'BENCH-NOTIF-0001'`);
  if (found.rows[0]) return { id: found.rows[0].id, entidadId: found.rows[0].entidad_id };
  const created = await db.query<{ id: string; entidad_id: string }>(
    `INSERT INTO reclamo (entidad_id, codigo, anio, correlativo, estado, registrado_en, fecha_registro_lima, plazo_dias_habiles,
                          vence_el, calendario_version, aspecto, descripcion, notificacion_email)
     SELECT id, 'BENCH-NOTIF-0001', 2098, 1, 'registrado', now(), current_date, 30, current_date + 14, 'bench', 'informacion',
            'Caso del bench de notificaciones.', true
       FROM entidad WHERE activo ORDER BY id LIMIT 1
     RETURNING id, entidad_id`,
  );
  return { id: created.rows[0].id, entidadId: created.rows[0].entidad_id };
}

async function insertRows(db: PgClient, reclamo: { id: string; entidadId: string }, n: number, run: string): Promise<string[]> {
  const result = await db.query<{ id: string }>(
    `INSERT INTO outbox (entidad_id, reclamo_id, tipo, canal, destinatario, datos, estado, intentos)
     SELECT $1::uuid, $2::uuid, 'plazo_por_vencer', 'email', 'responsable' || g || '@bench.gob.pe',
            jsonb_build_object('reclamoId', $2::text, 'bench', $4::text, 'run', $5::text), 'pendiente', 0
       FROM generate_series(1, $3::int) g
     RETURNING id`,
    [reclamo.entidadId, reclamo.id, n, TAG, run],
  );
  return result.rows.map((r) => r.id);
}

async function sentCount(db: PgClient, run: string): Promise<number> {
  const result = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE datos->>'run' = $1 AND estado = 'enviado'`, [run]);
  return result.rows[0].n;
}

/** The same raw messages through a bare nodemailer pool (SmtpDriver's options), all handed over at once: messages/s. */
async function bareNodemailer(port: number, messages: Array<{ to: string[]; raw: Buffer }>): Promise<number> {
  const transport = createTransport({ pool: true, maxConnections: CONCURRENCY, maxMessages: 500, host: '127.0.0.1', port, secure: false });
  try {
    const started = process.hrtime.bigint();
    await Promise.all(messages.map((m) => transport.sendMail({ envelope: { from: 'libro.reclamaciones@gob.pe', to: m.to }, raw: m.raw })));
    return messages.length / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    transport.close();
  }
}

async function rawBullmq(redisUrl: string, n: number): Promise<number> {
  const url = new URL(redisUrl);
  const connection = { host: url.hostname, port: Number(url.port), maxRetriesPerRequest: null };
  const queue = new Queue('bench-raw', { connection, prefix: 'bench' });
  await queue.obliterate({ force: true });
  let done = 0;
  let resolveAll: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (resolveAll = resolve));
  const worker = new Worker('bench-raw', async () => undefined, { connection, prefix: 'bench', concurrency: CONCURRENCY });
  worker.on('completed', () => {
    if (++done === n) resolveAll();
  });
  await worker.waitUntilReady();
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i += 500) {
    await queue.addBulk(
      Array.from({ length: Math.min(500, n - i) }, (_, k) => ({
        name: 'noop',
        data: { id: `${i + k}` },
        opts: { jobId: `raw-${i + k}`, removeOnComplete: { count: 5_000 } },
      })),
    );
  }
  await all;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return n / seconds;
}

export const notificationsBench: BenchPart = {
  name: 'notifications',
  title: `notificaciones: ${MESSAGES} mensajes por relay → cola → worker → SMTP, y simulacro de fallas con ${DRILL_MESSAGES}`,
  async run(): Promise<BenchPartResult> {
    const name = decodeURIComponent(new URL(BENCH.databaseUrl).pathname.slice(1));
    if (!name.endsWith('_bench')) throw new Error(`BENCH_DATABASE_URL debe terminar en _bench; recibí "${name}"`);
    const db = new Client({ connectionString: BENCH.databaseUrl, application_name: 'bench-notifications' });
    await db.connect();
    const redis = new RedisProcess(await freePort(), ['--appendfsync', 'everysec']);
    const mailbox = new SmtpMailbox();
    let worker: WorkerProcess | null = null;
    try {
      await redis.start();
      await mailbox.start(0);
      // Rows earlier parts left pending (the filing bench's acknowledgements) are not this part's load.
      await db.query(`DELETE FROM outbox WHERE estado IN ('pendiente', 'enviando') OR datos->>'bench' = $1`, [TAG]);
      const reclamo = await benchReclamo(db);
      worker = new WorkerProcess({
        NODE_ENV: 'development',
        SESSION_SECRET: 'bench-solo-para-mediciones-locales-0123456789abcdef',
        LOG_LEVEL: 'error',
        DATABASE_URL: BENCH.databaseUrl,
        DB_POOL_SIZE: String(BENCH.poolSize),
        REDIS_URL: redis.url,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(mailbox.port),
        SMTP_POOL_SIZE: String(CONCURRENCY),
        SMTP_TIMEOUT_MS: '3000',
        NOTIFICATIONS_CONCURRENCY: String(CONCURRENCY),
        NOTIFICATIONS_ATTEMPTS: '20',
        NOTIFICATIONS_BACKOFF_MS: '200',
        NOTIFICATIONS_RELAY_INTERVAL_MS: '100',
        NOTIFICATIONS_SWEEP_EVERY_MS: '1000',
        NOTIFICATIONS_CLAIM_TTL_MS: '4000',
        NOTIFICATIONS_LOCK_MS: '2000',
        STORAGE_DIR: join(__dirname, '..', '..', '.local', 'bench', 'storage'),
        // The test worker sends only the outbox rows of the entities named (tests share one database).
        TEST_OUTBOX_ENTIDADES: reclamo.entidadId,
      });
      await worker.start();

      // Throughput: ours.
      const run1 = `t-${Date.now()}`;
      const received1 = mailbox.received.length;
      const started = process.hrtime.bigint();
      await insertRows(db, reclamo, MESSAGES, run1);
      await until('entrega de la medición', async () => (await sentCount(db, run1)) === MESSAGES, 300_000);
      const ours = MESSAGES / (Number(process.hrtime.bigint() - started) / 1e9);
      log(`nuestro camino: ${fixed(ours)} mensajes/s`);
      const raw = await rawBullmq(redis.url, MESSAGES);
      log(`BullMQ sin trabajo: ${fixed(raw)} trabajos/s`);
      const rendered = mailbox.received.slice(received1, received1 + MESSAGES).map((m) => ({ to: m.to, raw: m.raw }));
      const bare = await bareNodemailer(mailbox.port, rendered);
      log(`nodemailer (pool de ${CONCURRENCY}) con los mismos ${rendered.length} mensajes ya renderizados: ${fixed(bare)} mensajes/s`);

      // Fault drill.
      const run2 = `d-${Date.now()}`;
      const received0 = mailbox.received.length;
      const intended = await insertRows(db, reclamo, DRILL_MESSAGES, run2);
      const step = Math.floor(DRILL_MESSAGES / (2 * KILLS + 2));
      let mark = 0;
      const progressed = async () => (await sentCount(db, run2)) >= mark;
      for (let i = 0; i < KILLS; i++) {
        mark += step;
        await until('avance antes de matar el worker', progressed, 120_000);
        await worker.kill();
        log(`worker SIGKILL ${i + 1}/${KILLS} con ${await sentCount(db, run2)} enviados`);
        await worker.start();
        mark += step;
        await until('avance antes de matar Redis', progressed, 120_000);
        await redis.stop();
        log(`Redis SIGKILL ${i + 1}/${KILLS} con ${await sentCount(db, run2)} enviados`);
        await sleep(500);
        await redis.start();
      }
      await until('todas las entregas del simulacro', async () => (await sentCount(db, run2)) === DRILL_MESSAGES, 300_000);
      await sleep(1_000);
      const counts = new Map<string, number>();
      for (const mail of mailbox.received.slice(received0)) counts.set(mail.messageId, (counts.get(mail.messageId) ?? 0) + 1);
      let delivered = 0;
      let duplicates = 0;
      for (const id of intended) {
        const n = counts.get(`<outbox-${id}@${DOMAIN}>`) ?? 0;
        if (n > 0) delivered += 1;
        duplicates += Math.max(n - 1, 0);
      }
      const deliveredRatio = delivered / DRILL_MESSAGES;
      const duplicateRatio = duplicates / DRILL_MESSAGES;

      process.stdout.write(
        `${table(
          ['medida', 'valor', 'meta'],
          [
            ['nuestro camino (mensajes/s)', fixed(ours), ''],
            ['BullMQ sin trabajo (trabajos/s)', fixed(raw), ''],
            ['nuestro ÷ BullMQ', fixed(ours / raw, 3), `≥ ${AIM_RATIO}`],
            ['nodemailer pelado, mismos mensajes (mensajes/s)', fixed(bare), ''],
            ['nuestro ÷ nodemailer pelado', fixed(ours / bare, 3), `≥ ${AIM_RATIO}`],
            ['entregados ÷ previstos (simulacro)', fixed(deliveredRatio, 3), '= 1.000'],
            ['duplicados ÷ previstos (simulacro)', fixed(duplicateRatio, 4), `≤ ${AIM_DUPLICATES}`],
          ],
        )}\n`,
      );
      const misses: string[] = [];
      if (ours / raw < AIM_RATIO) misses.push(`nuestro ÷ BullMQ ${fixed(ours / raw, 3)} < ${AIM_RATIO}`);
      if (ours / bare < AIM_RATIO) misses.push(`nuestro ÷ nodemailer ${fixed(ours / bare, 3)} < ${AIM_RATIO}`);
      if (deliveredRatio !== 1) misses.push(`entregados ÷ previstos ${fixed(deliveredRatio, 3)} ≠ 1`);
      if (duplicateRatio > AIM_DUPLICATES) misses.push(`duplicados ÷ previstos ${fixed(duplicateRatio, 4)} > ${AIM_DUPLICATES}`);
      const file = writeResult('notifications', {
        machine: machine(),
        settings: { messages: MESSAGES, drillMessages: DRILL_MESSAGES, concurrency: CONCURRENCY, kills: { worker: KILLS, redis: KILLS } },
        throughput: { oursPerSecond: ours, rawPerSecond: raw, ratio: ours / raw, bareNodemailerPerSecond: bare, ratioNodemailer: ours / bare },
        drill: { intended: DRILL_MESSAGES, delivered, duplicates, deliveredRatio, duplicateRatio },
      });
      return { ok: true, misses, file };
    } finally {
      await worker?.stop();
      await mailbox.stop();
      await redis.destroy();
      await db.query(`DELETE FROM outbox WHERE datos->>'bench' = $1`, [TAG]);
      await db.end();
    }
  },
};
