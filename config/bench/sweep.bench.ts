/**
 * Bench, part 2 — the deadline sweep with 1,000,000 open reclamos in reclamos_bench:
 *
 *   - one full sweep (RunDeadlineSweepUseCase, the real use case in a Nest context with a
 *     FixedClock) against a hand-written baseline doing the same work: ONE `INSERT … SELECT`
 *     statement that writes the same alert rows and the same outbox rows (same tables, columns
 *     and counts, checked; the first round also compares the rows' contents), alternating, each
 *     on a fresh alerts state; medians.  aims: ours ÷ baseline ≤ 1.5, one sweep < 10 s.
 *     The bare indexed query that only finds the due rows (writes nothing) is printed too.
 *   - Redis memory used by the recurring schedule (the real DeadlineSweepScheduler) with 1M
 *     reclamos in the database: it stores one scheduler, not one job per reclamo
 *   - the calendar's speed: computeDueDate calls per second (one core)
 *
 * Loading: pg-copy-streams is not installed, so the 1M rows are made by ONE server-side
 * `INSERT … SELECT FROM generate_series` (not row by row). They live in anio 2099 (a year no
 * real counter reaches) and are deleted at the end, with the alerts and outbox rows they caused.
 * Fresh state between runs: DELETE of the alerts (created_at = the fixed clock's instant) and
 * outbox rows the sweep made, then VACUUM ANALYZE of both tables.
 */
import { INestApplicationContext } from '@nestjs/common';
import { ESTADOS_ABIERTOS } from '@app/domain';
import { BENCH } from './support/bench-env';
import { Client, PgClient } from './support/pg';
import { BenchPart, BenchPartResult } from './support/part';
import { fixed, machine, median, table, writeResult } from './support/report';

const RECLAMOS = Number(process.env.BENCH_SWEEP_CASES ?? 1_000_000);
const ROUNDS = 3;
const SPREAD_DAYS = 60;
const BENCH_YEAR = 2099;
const AIM_RATIO = 1.5;
const AIM_SWEEP_MS = 10_000;
const CALENDAR_CALLS = 200_000;
// The lifecycle's own list, so the bench and the sweep select the same reclamos.
const OPEN_STATES = [...ESTADOS_ABIERTOS];

const log = (message: string) => process.stderr.write(`[bench:sweep] ${message}\n`);
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** The rows the sweep selects, with nothing written: same bands, same join, same index. */
const BARE_IDS_SQL = `
SELECT r.id, b.umbral
  FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[]) AS b(entidad_id, umbral, desde, hasta)
  JOIN reclamo r ON r.entidad_id = b.entidad_id AND r.vence_el >= b.desde AND r.vence_el < b.hasta
 WHERE r.estado = ANY ($5::text[])`;
const BARE_COUNT_SQL = `SELECT count(*)::int AS n FROM (${BARE_IDS_SQL}) x`;

/**
 * The baseline: what the sweep writes, written by hand in one statement on the same bands — an alert
 * per (open reclamo, threshold) and a message per (alert, recipient), with the sweep's recipients
 * (the entity's responsables; overdue also its titular), message kinds, `datos` and unique keys.
 * No ON CONFLICT: every round starts from a fresh alerts state, so there is nothing to skip.
 */
const BASELINE_SQL = `
WITH nueva AS (
  INSERT INTO alerta_plazo (reclamo_id, umbral, entidad_id, vence_el, created_at)
  SELECT r.id, b.umbral, r.entidad_id, r.vence_el, $6
    FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[]) AS b(entidad_id, umbral, desde, hasta)
    JOIN reclamo r ON r.entidad_id = b.entidad_id AND r.vence_el >= b.desde AND r.vence_el < b.hasta
   WHERE r.estado = ANY ($5::text[])
  RETURNING reclamo_id, umbral, entidad_id, vence_el
), mensaje AS (
  INSERT INTO outbox (entidad_id, reclamo_id, tipo, canal, destinatario, datos, clave_unica, estado, intentos)
  SELECT n.entidad_id, n.reclamo_id, CASE WHEN n.umbral = 'vencido' THEN 'plazo_vencido' ELSE 'plazo_por_vencer' END, 'email', u.email,
         jsonb_build_object('reclamoId', n.reclamo_id, 'umbral', n.umbral, 'vence', n.vence_el::text, 'usuarioId', u.id),
         'alerta_plazo:' || n.reclamo_id || ':' || n.umbral || ':' || u.id, 'pendiente', 0
    FROM nueva n
    JOIN usuario u ON u.entidad_id = n.entidad_id AND u.activo
     AND (u.rol IN ('responsable_titular', 'responsable_alterno') OR (n.umbral = 'vencido' AND u.rol = 'titular_entidad'))
  RETURNING 1
)
SELECT (SELECT count(*)::int FROM nueva) AS alertas, (SELECT count(*)::int FROM mensaje) AS notificaciones`;

/** A digest of the alerts and messages written since `desde` at `instante`: the baseline and the sweep must write the same rows. */
const WRITTEN_DIGEST_SQL = `
SELECT (SELECT md5(coalesce(string_agg(reclamo_id || ':' || umbral || ':' || entidad_id || ':' || vence_el, ',' ORDER BY reclamo_id, umbral), ''))
          FROM alerta_plazo WHERE created_at = $1) AS alertas,
       (SELECT md5(coalesce(string_agg(concat_ws('|', entidad_id, reclamo_id, tipo, canal, destinatario, datos::text, clave_unica, estado, intentos), ',' ORDER BY clave_unica), ''))
          FROM outbox WHERE clave_unica LIKE 'alerta_plazo:%' AND created_at >= $2) AS mensajes`;

async function inTransaction<T>(db: PgClient, work: () => Promise<T>): Promise<T> {
  await db.query('BEGIN');
  try {
    const result = await work();
    await db.query('COMMIT');
    return result;
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

async function connect(): Promise<PgClient> {
  const db = new Client({ connectionString: BENCH.databaseUrl, application_name: 'bench-sweep' });
  await db.connect();
  return db;
}

async function loadReclamos(db: PgClient, today: string): Promise<number> {
  await db.query(`DELETE FROM outbox WHERE reclamo_id IN (SELECT id FROM reclamo WHERE anio = $1)`, [BENCH_YEAR]);
  await db.query(`DELETE FROM reclamo WHERE anio = $1`, [BENCH_YEAR]);
  await db.query(`SET synchronous_commit = off`);
  const started = process.hrtime.bigint();
  const result = await db.query(
    `INSERT INTO reclamo (entidad_id, codigo, anio, correlativo, estado, registrado_en, fecha_registro_lima, plazo_dias_habiles,
                          vence_el, calendario_version, aspecto, descripcion, notificacion_email)
     SELECT e.id, e.codigo || '-${BENCH_YEAR}-' || lpad(g::text, 7, '0'), ${BENCH_YEAR}, g,
            ($3::text[])[1 + g % 4], now(), $2::date - 30, 30, $2::date + ((g::bigint * 7919) % ${SPREAD_DAYS})::int,
            'bench', 'informacion', 'Caso de carga del bench de plazos.', true
       FROM generate_series(1, $1::int) g
       JOIN (SELECT id, codigo, (row_number() OVER (ORDER BY id) - 1)::int AS k, count(*) OVER ()::int AS n FROM entidad WHERE activo) e
         ON e.k = g % e.n`,
    [RECLAMOS, today, OPEN_STATES],
  );
  await db.query(`SET synchronous_commit = on`);
  const loadMs = ms(started);
  const analyzeStart = process.hrtime.bigint();
  await db.query(`ANALYZE reclamo`);
  log(`${result.rowCount} casos abiertos cargados en ${fixed(loadMs / 1000)} s (INSERT … SELECT generate_series), ANALYZE ${fixed(ms(analyzeStart) / 1000)} s`);
  return loadMs;
}

export const sweepBench: BenchPart = {
  name: 'sweep',
  title: `barrido de plazos con ${RECLAMOS.toLocaleString('es-PE')} casos abiertos`,
  async run(): Promise<BenchPartResult> {
    const name = decodeURIComponent(new URL(BENCH.databaseUrl).pathname.slice(1));
    if (!name.endsWith('_bench')) throw new Error(`BENCH_DATABASE_URL debe terminar en _bench; recibí "${name}"`);
    process.env.DATABASE_URL = BENCH.databaseUrl;
    process.env.REDIS_URL = BENCH.redisUrl;
    process.env.LOG_LEVEL = 'warn';
    process.env.DB_POOL_SIZE = String(BENCH.poolSize);

    // Imported here, after the environment is set: the config module reads it.
    const { Test } = await import('@nestjs/testing');
    const { computeDueDate, limaDateOf } = await import('@app/calendar');
    const { PersistenceModule } = await import('@app/persistence');
    const { AppConfigModule } = await import('@app/platform/config');
    const { Clock, ClockModule, FixedClock } = await import('@app/platform/clock');
    const { CalendarRepository, PlazosModule, RunDeadlineSweepUseCase, DeadlineSweepScheduler, thresholdBands, scopeOfEntidad } = await import('@app/plazos');
    const { QueueName } = await import('@app/platform/queue');
    const { Queue } = await import('bullmq');
    const { default: Redis } = await import('ioredis');

    const now = new Date();
    const today = limaDateOf(now);
    const clock = new FixedClock(now);
    const db = await connect();
    let context: INestApplicationContext | undefined;
    const partStart = new Date();
    const resetAlerts = async (): Promise<void> => {
      await db.query(`DELETE FROM alerta_plazo WHERE created_at = $1`, [now]);
      await db.query(`DELETE FROM outbox WHERE clave_unica LIKE 'alerta_plazo:%' AND created_at >= $1`, [partStart]);
      await db.query(`VACUUM ANALYZE alerta_plazo, outbox`);
    };
    try {
      const loadMs = await loadReclamos(db, today);
      const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ClockModule, PersistenceModule, PlazosModule] })
        .overrideProvider(Clock)
        .useValue(clock)
        .compile();
      context = await moduleRef.init();
      const sweep = context.get(RunDeadlineSweepUseCase);
      const calendar = await context.get(CalendarRepository).current();

      // --- calendar speed (one core: this process) ---
      const entities = (
        await db.query<{ id: string; codigo: string; ubigeo: string; umbrales: number[] }>(
          `SELECT id, codigo, ubigeo, umbrales_alerta AS umbrales FROM entidad WHERE activo ORDER BY id`,
        )
      ).rows;
      const base = Date.parse('2026-01-01T05:00:00Z');
      const instants = Array.from({ length: CALENDAR_CALLS }, () => new Date(base + Math.floor(Math.random() * 730 * 86_400_000)));
      const scopes = entities.map((e) => scopeOfEntidad(e));
      let sink = 0;
      for (let i = 0; i < 10_000; i++) sink += computeDueDate({ registeredAt: instants[i], businessDays: 30, scope: scopes[i % scopes.length], calendar }).vence.length;
      const calStart = process.hrtime.bigint();
      for (let i = 0; i < CALENDAR_CALLS; i++) {
        sink += computeDueDate({ registeredAt: instants[i], businessDays: 30, scope: scopes[i % scopes.length], calendar }).vence.length;
      }
      const calendarPerSecond = CALENDAR_CALLS / (ms(calStart) / 1000);
      if (sink === 0) log('(sin resultados)');

      // --- sweep vs bare query ---
      const bandArrays = (): unknown[] => {
        const cols: [string[], string[], string[], string[]] = [[], [], [], []];
        for (const e of entities) {
          for (const band of thresholdBands(calendar, today, e.umbrales, scopeOfEntidad(e))) {
            cols[0].push(e.id);
            cols[1].push(band.umbral);
            cols[2].push(band.desde ?? '-infinity');
            cols[3].push(band.hasta);
          }
        }
        return [...cols, OPEN_STATES];
      };
      await resetAlerts();
      const dueRows = (await db.query<{ n: number }>(BARE_COUNT_SQL, bandArrays())).rows[0].n; // also warms the cache
      log(`hoy ${today}: ${dueRows} filas (caso, umbral) vencen en las bandas`);
      const bareIdsMs: number[] = [];
      const bareCountMs: number[] = [];
      const baselineMs: number[] = [];
      const oursMs: number[] = [];
      const sweepResults: unknown[] = [];
      const baselineResults: Array<{ alertas: number; notificaciones: number }> = [];
      const digest = async () => (await db.query<{ alertas: string; mensajes: string }>(WRITTEN_DIGEST_SQL, [now, partStart])).rows[0];
      for (let round = 0; round < ROUNDS; round++) {
        let t = process.hrtime.bigint();
        const ids = await db.query(BARE_IDS_SQL, bandArrays());
        bareIdsMs.push(ms(t));
        t = process.hrtime.bigint();
        await db.query(BARE_COUNT_SQL, bandArrays());
        bareCountMs.push(ms(t));
        // The baseline in a transaction of its own, as each of the sweep's batches is.
        t = process.hrtime.bigint();
        const written = await inTransaction(db, async () => (await db.query<{ alertas: number; notificaciones: number }>(BASELINE_SQL, [...bandArrays().slice(0, 4), OPEN_STATES, now])).rows[0]);
        baselineMs.push(ms(t));
        baselineResults.push(written);
        const baselineDigest = round === 0 ? await digest() : undefined;
        await resetAlerts();
        t = process.hrtime.bigint();
        const result = await sweep.execute();
        oursMs.push(ms(t));
        sweepResults.push(result);
        if (result.alertas !== ids.rows.length) throw new Error(`el barrido registró ${result.alertas} alertas; la consulta halla ${ids.rows.length}`);
        if (result.alertas !== written.alertas || result.notificaciones !== written.notificaciones) {
          throw new Error(
            `el barrido escribió ${result.alertas} alertas y ${result.notificaciones} mensajes; la base de comparación ` +
              `${written.alertas} y ${written.notificaciones}: no hacen el mismo trabajo`,
          );
        }
        if (baselineDigest) {
          const sweepDigest = await digest();
          if (sweepDigest.alertas !== baselineDigest.alertas || sweepDigest.mensajes !== baselineDigest.mensajes) {
            throw new Error('el barrido y la base de comparación escribieron filas distintas (alertas o mensajes)');
          }
        }
        log(
          `ronda ${round + 1}: bare ids ${fixed(bareIdsMs[round])} ms, bare count ${fixed(bareCountMs[round])} ms, ` +
            `base INSERT…SELECT ${fixed(baselineMs[round])} ms, barrido ${fixed(oursMs[round])} ms ` +
            `(${result.alertas} alertas, ${result.notificaciones} notificaciones${baselineDigest ? ', mismas filas' : ''})`,
        );
        await resetAlerts();
      }
      // Steady state: the sweep every 15 minutes after the alerts of the day were recorded.
      await sweep.execute();
      const repeatMs: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const t = process.hrtime.bigint();
        const again = await sweep.execute();
        repeatMs.push(ms(t));
        if (again.alertas !== 0) throw new Error('un barrido repetido registró alertas');
      }
      await resetAlerts();

      // --- Redis memory of the schedule, with the 1M reclamos in the database ---
      const redisUrl = new URL(BENCH.redisUrl);
      const connection = { host: redisUrl.hostname, port: Number(redisUrl.port || 6379), db: Number(redisUrl.pathname.slice(1) || 0) };
      const redis = new Redis(connection);
      const prefix = `bench-sweep-${process.pid}`;
      const usedMemory = async (): Promise<number> => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? NaN);
      const keyBytes = async (): Promise<{ keys: number; bytes: number }> => {
        const keys = await redis.keys(`${prefix}:*`);
        let bytes = 0;
        for (const key of keys) bytes += Number((await redis.call('MEMORY', 'USAGE', key)) ?? 0);
        return { keys: keys.length, bytes };
      };
      const queue = new Queue(QueueName.DEADLINES, { connection, prefix });
      let redisFigures: Record<string, number>;
      try {
        await queue.waitUntilReady();
        const before = await usedMemory();
        const keysBefore = await keyBytes();
        await new DeadlineSweepScheduler(queue).onApplicationBootstrap();
        await new DeadlineSweepScheduler(queue).onApplicationBootstrap(); // a second replica starting
        const after = await usedMemory();
        const keysAfter = await keyBytes();
        const schedulers = (await queue.getJobSchedulers()).length;
        redisFigures = {
          usedMemoryBefore: before,
          usedMemoryAfter: after,
          usedMemoryDelta: after - before,
          queueKeys: keysAfter.keys - keysBefore.keys,
          queueKeyBytes: keysAfter.bytes - keysBefore.bytes,
          schedulers,
          openCasesInDatabase: RECLAMOS,
        };
      } finally {
        await queue.obliterate({ force: true }).catch(() => undefined);
        await queue.close();
        await redis.quit();
      }

      // --- report ---
      const bareIds = median(bareIdsMs);
      const bareCount = median(bareCountMs);
      const baseline = median(baselineMs);
      const ours = median(oursMs);
      const ratio = ours / baseline;
      const ratioIds = ours / bareIds;
      process.stdout.write(
        `${table(
          ['medida', 'mediana', 'corridas', 'meta'],
          [
            [`carga ${RECLAMOS.toLocaleString('es-PE')} casos (INSERT…SELECT generate_series)`, `${fixed(loadMs / 1000)} s`, '1', ''],
            ['consulta indexada pelada, ids (ms)', fixed(bareIds), bareIdsMs.map((v) => fixed(v, 0)).join(' / '), ''],
            ['consulta indexada pelada, count (ms)', fixed(bareCount), bareCountMs.map((v) => fixed(v, 0)).join(' / '), ''],
            ['base: un INSERT…SELECT, mismas alertas y mensajes (ms)', fixed(baseline), baselineMs.map((v) => fixed(v, 0)).join(' / '), ''],
            ['barrido completo, estado limpio (ms)', fixed(ours), oursMs.map((v) => fixed(v, 0)).join(' / '), `< ${AIM_SWEEP_MS}`],
            ['barrido ÷ base INSERT…SELECT', fixed(ratio, 2), '', `≤ ${AIM_RATIO}`],
            ['barrido ÷ pelada (ids, no escribe)', fixed(ratioIds, 2), '', ''],
            ['barrido repetido sin alertas nuevas (ms)', fixed(median(repeatMs)), repeatMs.map((v) => fixed(v, 0)).join(' / '), ''],
            ['filas (caso, umbral) en bandas', String(dueRows), '', ''],
            ['Redis used_memory antes → después (bytes)', `${redisFigures.usedMemoryBefore} → ${redisFigures.usedMemoryAfter}`, `Δ ${redisFigures.usedMemoryDelta}`, 'constante'],
            ['Redis claves / bytes del planificador', `${redisFigures.queueKeys} / ${redisFigures.queueKeyBytes}`, `${redisFigures.schedulers} scheduler`, ''],
            ['computeDueDate por segundo (1 núcleo)', fixed(calendarPerSecond, 0), `${CALENDAR_CALLS} llamadas`, ''],
          ],
        )}\n`,
      );
      const misses: string[] = [];
      if (!(ratio <= AIM_RATIO)) misses.push(`barrido ÷ base INSERT…SELECT ${fixed(ratio, 2)} > ${AIM_RATIO}`);
      if (!(ours < AIM_SWEEP_MS)) misses.push(`barrido ${fixed(ours / 1000, 2)} s ≥ ${AIM_SWEEP_MS / 1000} s`);
      const file = writeResult('sweep', {
        machine: machine(),
        today,
        cases: RECLAMOS,
        loading: { method: 'INSERT … SELECT FROM generate_series (pg-copy-streams not installed)', ms: loadMs },
        freshState: 'DELETE alerts (created_at = clock instant) and the outbox rows of the sweep, then VACUUM ANALYZE, between runs',
        dueRows,
        bareIdsMs,
        bareCountMs,
        baselineMs,
        baselineResults,
        sweepMs: oursMs,
        sweepResults,
        repeatSweepMs: repeatMs,
        medians: { bareIdsMs: bareIds, bareCountMs: bareCount, baselineMs: baseline, sweepMs: ours, repeatSweepMs: median(repeatMs) },
        ratio: { oursOverBaseline: ratio, oursOverBareIds: ratioIds, aim: AIM_RATIO },
        aimSweepMs: AIM_SWEEP_MS,
        redis: redisFigures,
        calendar: { computeDueDatePerSecond: calendarPerSecond, calls: CALENDAR_CALLS },
        misses,
      });
      return { ok: true, misses, file };
    } finally {
      try {
        await context?.close();
        log('borrando los casos de carga…');
        await db.query(`DELETE FROM alerta_plazo WHERE created_at = $1`, [now]);
        await db.query(`DELETE FROM outbox WHERE reclamo_id IN (SELECT id FROM reclamo WHERE anio = $1)`, [BENCH_YEAR]);
        await db.query(`DELETE FROM reclamo WHERE anio = $1`, [BENCH_YEAR]);
        await db.query(`VACUUM ANALYZE reclamo, alerta_plazo, outbox`);
      } finally {
        await db.end();
      }
    }
  },
};
