/**
 * Bench, part 1 — filing a reclamo: `POST /api/v1/reclamos` of our citizen app against a
 * raw Fastify + pg server running the same SQL in the same transaction with the same
 * pool size (raw-filing-server.ts). Prints req/s, p50 and p99 of both, and:
 *
 *   - throughput ratio ours ÷ raw (saturated, medians of alternating runs)  aim ≥ 0.8 (issue #14)
 *   - p99 ratio ours ÷ raw at a fixed rate of half the raw maximum           aim ≤ 1.5 (issue #14)
 *
 * Every request is a new, valid filing (the example hoja with its own DNI). Any non-2xx
 * answer or connection error fails the part; missing an aim does not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appEnvironment, BENCH, OUTPUT_DIR, REPO_ROOT } from './support/bench-env';
import { Client, PgClient } from './support/pg';
import { CpuUsage, withCpuUsage } from './support/cpu';
import { SessionSample, withSessionSampling } from './support/db-sampler';
import { newestProfile, ProfileSummary, summarizeProfile } from './support/cpu-profile';
import { failuresOf, LoadResult, LoadTarget, paced, saturate } from './support/load';
import { BenchPart, BenchPartResult } from './support/part';
import { freePort, RunningServer, startServer } from './support/processes';
import { fixed, machine, median, table, writeResult } from './support/report';

const FILING_PATH = '/api/v1/reclamos';
const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'reclamo-ejemplo.json');
const OUR_MAIN = join(REPO_ROOT, 'dist', 'apps', 'citizen', 'src', 'main.js');
const PROFILE_DIR = join(OUTPUT_DIR, 'profiles');
const AIM_THROUGHPUT = 0.8;
const AIM_P99 = 1.5;
/** Tables a filing writes; emptied before the part so every run starts alike. */
const FILING_TABLES = ['idempotencia', 'outbox', 'reclamo_evento', 'adjunto', 'reclamo_persona', 'reclamo', 'correlativo_reclamo'];

type Side = 'ours' | 'raw';
type Measured = LoadResult & { cpu: CpuUsage & { msPerRequest?: number }; sessions?: SessionSample };
/** application_name of the baseline's pool; every other session in the bench database during our runs is ours. */
const RAW_APPLICATION_NAME = 'bench-raw';
const SIDES: Side[] = ['ours', 'raw'];

const log = (message: string) => process.stderr.write(`[bench:filing] ${message}\n`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The example hoja, each time with a DNI not used before in this run. */
function filingBodies(): () => string {
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;
  const [head, tail] = JSON.stringify({ ...fixture, tipoDocumento: 'DNI', numeroDocumento: '__DNI__' }).split('"__DNI__"');
  let next = Math.floor(Math.random() * 50_000_000);
  return () => `${head}"${String(10_000_000 + (next++ % 90_000_000))}"${tail}`;
}

async function withDatabase<T>(work: (db: PgClient) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: BENCH.databaseUrl });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

async function resetFilingTables(): Promise<void> {
  const name = decodeURIComponent(new URL(BENCH.databaseUrl).pathname.slice(1));
  if (!name.endsWith('_bench')) {
    throw new Error(`BENCH_DATABASE_URL debe nombrar una base propia que termine en _bench (se vacían sus reclamos); recibí "${name}"`);
  }
  await withDatabase((db) => db.query(`TRUNCATE ${FILING_TABLES.join(', ')} RESTART IDENTITY CASCADE`));
}

async function storedReclamos(): Promise<number> {
  return withDatabase(async (db) => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM reclamo')).rows[0].n));
}

/** BENCH_PROFILE=1: V8 CPU profile of a server, written when it stops. */
const profileFlags = (side: Side): string[] =>
  BENCH.profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=filing-${side}-${Date.now()}.cpuprofile`] : [];

async function startOurs(): Promise<RunningServer> {
  const port = await freePort();
  // Nest's shutdown hook ends the process by the signal itself, and then V8 writes no profile.
  const exitCleanly = BENCH.profile ? ['-r', join(__dirname, 'support', 'exit-on-sigterm.js')] : [];
  return startServer({
    name: 'citizen (ours)',
    nodeArgs: [...profileFlags('ours'), ...exitCleanly, OUR_MAIN],
    env: appEnvironment(port),
    port,
    healthPath: '/health',
    logFile: join(OUTPUT_DIR, 'logs', 'citizen.log'),
  });
}

async function startRaw(): Promise<RunningServer> {
  const port = await freePort();
  return startServer({
    name: 'raw Fastify + pg',
    nodeArgs: [
      ...profileFlags('raw'),
      ...['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'],
      join(__dirname, 'raw-filing-server.ts'),
    ],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      TS_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.json'),
      RAW_PORT: String(port),
      RAW_POOL_SIZE: String(BENCH.poolSize),
      DATABASE_URL: BENCH.databaseUrl,
      SESSION_SECRET: appEnvironment(port).SESSION_SECRET,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    },
    port,
    healthPath: '/health',
    logFile: join(OUTPUT_DIR, 'logs', 'raw-filing.log'),
  });
}

/** One filing through each server before any load: a wrong fixture or seed shows here, with the answer. */
async function fileOnce(server: RunningServer, body: string): Promise<string> {
  const response = await fetch(`${server.baseUrl}${FILING_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await response.text();
  if (response.status !== 201) {
    throw new Error(`${server.name} respondió ${response.status} a una presentación válida: ${text.slice(0, 600)}`);
  }
  const codigo = (JSON.parse(text) as { codigo?: string }).codigo;
  if (!codigo || !/^[A-Z0-9]+-\d{4}-\d{6}$/.test(codigo)) throw new Error(`${server.name} no devolvió un código válido: ${text}`);
  return codigo;
}

function describeFailures(side: Side, result: LoadResult): string {
  const codes = Object.entries(result.statusCodes)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, n]) => `${n}×${code}`)
    .join(', ');
  return `${side}: ${result.non2xx} respuestas no 2xx (${codes || '—'}), ${result.errors} errores de conexión/timeouts${
    result.sampleFailures.length ? `; p. ej. ${result.sampleFailures.join(' | ')}` : ''
  }`;
}

async function run(): Promise<BenchPartResult> {
  const startedAt = new Date().toISOString();
  const body = filingBodies();
  const { connections, durationSeconds, warmupSeconds, rounds, fixedRounds, fixedSeconds } = BENCH;
  log(
    `base ${new URL(BENCH.databaseUrl).pathname.slice(1)}, pool ${BENCH.poolSize}, ${connections} conexiones, ` +
      `saturado ${rounds}×(nuestro, raw) × (${warmupSeconds} s calentamiento + ${durationSeconds} s), ` +
      `ritmo fijo ${fixedRounds}×(nuestro, raw) × ${fixedSeconds} s${BENCH.profile ? ', CON PERFILADO' : ''}`,
  );
  await resetFilingTables();

  const [ours, raw] = await Promise.all([startOurs(), startRaw()]);
  const servers: Record<Side, RunningServer> = { ours, raw };
  let answered = 0;
  const answeredBy: Record<Side, number> = { ours: 0, raw: 0 };
  const profiles: Partial<Record<Side, ProfileSummary>> = {};
  try {
    for (const side of SIDES) {
      await fileOnce(servers[side], body());
      answered += 1;
      answeredBy[side] += 1;
    }
    const target = (side: Side): LoadTarget => ({
      baseUrl: servers[side].baseUrl,
      method: 'POST',
      path: FILING_PATH,
      headers: { 'content-type': 'application/json' },
      body,
    });
    const failures: string[] = [];
    const check = (side: Side, result: LoadResult): LoadResult => {
      answered += result.ok;
      answeredBy[side] += result.ok;
      if (failuresOf(result) > 0) failures.push(describeFailures(side, result));
      return result;
    };

    /** Runs a load and notes the CPU the server spent on it and what its database sessions did. */
    const measure = async (side: Side, load: () => Promise<LoadResult>): Promise<Measured> => {
      const sessionsOf = { applicationName: RAW_APPLICATION_NAME, others: side === 'ours' };
      const {
        result: { result, usage },
        sessions,
      } = await withSessionSampling(BENCH.databaseUrl, sessionsOf, () => withCpuUsage(servers[side].pid, load));
      check(side, result);
      const msPerRequest = usage.serverCpuMs !== undefined && result.ok > 0 ? usage.serverCpuMs / result.ok : undefined;
      return { ...result, cpu: { ...usage, msPerRequest }, sessions };
    };
    const cpuNote = (r: Measured) =>
      (r.cpu.msPerRequest !== undefined
        ? `, CPU ${fixed(r.cpu.msPerRequest, 2)} ms/req, máquina ${fixed((r.cpu.machineBusy ?? NaN) * 100, 0)} % ocupada`
        : '') +
      (r.sessions
        ? `, sesiones: ${fixed(r.sessions.lockWaiting)} esperando candado, ${fixed(r.sessions.idleInTransaction)} idle in tx`
        : '');
    // Saturated: ours, raw, ours, raw… each after a warm-up whose numbers are dropped.
    const saturated: Record<Side, Measured[]> = { ours: [], raw: [] };
    for (let round = 1; round <= rounds && failures.length === 0; round++) {
      for (const side of SIDES) {
        check(side, await saturate(target(side), connections, warmupSeconds));
        const result = await measure(side, () => saturate(target(side), connections, durationSeconds));
        saturated[side].push(result);
        log(
          `ronda ${round} ${side.padEnd(4)} ${fixed(result.reqPerSec)} req/s, p50 ${fixed(result.latencyMs.p50)} ms, ` +
            `p99 ${fixed(result.latencyMs.p99)} ms${cpuNote(result)}${failuresOf(result) ? `, ${failuresOf(result)} FALLIDAS` : ''}`,
        );
        await pause(500);
      }
    }
    const med = (side: Side) => ({
      reqPerSec: median(saturated[side].map((r) => r.reqPerSec)),
      p50: median(saturated[side].map((r) => r.latencyMs.p50)),
      p99: median(saturated[side].map((r) => r.latencyMs.p99)),
      cpuMsPerRequest: median(saturated[side].flatMap((r) => (r.cpu.msPerRequest === undefined ? [] : [r.cpu.msPerRequest]))),
      machineBusy: median(saturated[side].flatMap((r) => (r.cpu.machineBusy === undefined ? [] : [r.cpu.machineBusy]))),
      lockWaiting: median(saturated[side].flatMap((r) => (r.sessions ? [r.sessions.lockWaiting] : []))),
      idleInTransaction: median(saturated[side].flatMap((r) => (r.sessions ? [r.sessions.idleInTransaction] : []))),
      failed: saturated[side].reduce((n, r) => n + failuresOf(r), 0),
    });
    const sat = { ours: med('ours'), raw: med('raw') };

    // Fixed rate: half of what raw sustains, open loop, the same rate for both; alternating
    // rounds again, three of them (one stall of the disk or of a neighbour moves a p99 a lot).
    // The servers are warm by now: a 1 s lead-in only opens the connections.
    const rate = Math.max(1, Math.round(sat.raw.reqPerSec / 2));
    const pacedRuns: Record<Side, Measured[]> = { ours: [], raw: [] };
    for (let round = 1; round <= fixedRounds && failures.length === 0 && Number.isFinite(sat.raw.reqPerSec); round++) {
      for (const side of SIDES) {
        check(side, await paced(target(side), rate, 1, connections));
        const result = await measure(side, () => paced(target(side), rate, fixedSeconds, connections));
        pacedRuns[side].push(result);
        log(
          `ritmo fijo ${rate} req/s, ronda ${round} ${side.padEnd(4)} p50 ${fixed(result.latencyMs.p50, 2)} ms, ` +
            `p99 ${fixed(result.latencyMs.p99, 2)} ms${cpuNote(result)}${failuresOf(result) ? `, ${failuresOf(result)} FALLIDAS` : ''}`,
        );
        await pause(500);
      }
    }
    const atRate: Partial<Record<Side, { p50: number; p99: number; failed: number }>> = {};
    for (const side of SIDES) {
      if (pacedRuns[side].length === 0) continue;
      atRate[side] = {
        p50: median(pacedRuns[side].map((r) => r.latencyMs.p50)),
        p99: median(pacedRuns[side].map((r) => r.latencyMs.p99)),
        failed: pacedRuns[side].reduce((n, r) => n + failuresOf(r), 0),
      };
    }

    const stored = await storedReclamos();
    if (stored < answered) failures.push(`${answered} respuestas 201 pero solo ${stored} reclamos guardados`);

    const throughputRatio = sat.ours.reqPerSec / sat.raw.reqPerSec;
    const p99Ratio = (atRate.ours?.p99 ?? NaN) / (atRate.raw?.p99 ?? NaN);
    const throughputPass = throughputRatio >= AIM_THROUGHPUT;
    const p99Pass = p99Ratio <= AIM_P99;
    const mark = (pass: boolean, value: number) => (Number.isFinite(value) ? (pass ? 'PASS' : 'MISS') : '—');

    await Promise.all([ours.stop(), raw.stop()]);
    if (BENCH.profile) {
      for (const side of SIDES) {
        const file = newestProfile(PROFILE_DIR, `filing-${side}-`);
        if (file) profiles[side] = summarizeProfile(file);
      }
    }

    const rows = SIDES.map((side) => [
      side === 'ours' ? 'nuestro (Nest, citizen)' : 'raw (Fastify + pg)',
      fixed(sat[side].reqPerSec),
      fixed(sat[side].p50),
      fixed(sat[side].p99),
      fixed(atRate[side]?.p50 ?? NaN, 2),
      fixed(atRate[side]?.p99 ?? NaN, 2),
      fixed(sat[side].cpuMsPerRequest, 2),
      fixed(sat[side].machineBusy * 100, 0),
      `${fixed(sat[side].lockWaiting)} / ${fixed(sat[side].idleInTransaction)}`,
      String(sat[side].failed + (atRate[side]?.failed ?? 0)),
    ]);
    const report = [
      '',
      `POST ${FILING_PATH} — saturado: ${connections} conexiones, mediana de ${rounds} corridas de ${durationSeconds} s; ` +
        `ritmo fijo: ${rate} req/s (½ del máximo raw, ≤ ${connections} conexiones), mediana de ${fixedRounds} corridas de ${fixedSeconds} s`,
      '',
      table(
        ['servidor', 'req/s', 'p50 ms', 'p99 ms', `p50 ms @${rate}/s`, `p99 ms @${rate}/s`, 'CPU ms/req', 'máquina %', 'candado / idle tx', 'no 2xx'],
        rows,
      ),
      'Saturado: CPU ms/req = CPU del proceso servidor por reclamo; máquina % = núcleos ocupados (todos los procesos);',
      'candado / idle tx = sesiones del pool esperando un candado / con la transacción abierta esperando al servidor (promedios).',
      'Todas las presentaciones van a una entidad y se turnan la fila de su correlativo: con el candado casi siempre ocupado, el',
      'throughput lo fija cuánto tarda cada transacción en soltarlo, y eso incluye lo que la app tarda entre sentencia y sentencia.',
      '',
      table(
        ['razón nuestro ÷ raw', 'valor', 'meta', ''],
        [
          ['throughput (req/s)', fixed(throughputRatio, 2), `≥ ${AIM_THROUGHPUT}`, mark(throughputPass, throughputRatio)],
          [`p99 a ${rate} req/s`, fixed(p99Ratio, 2), `≤ ${AIM_P99}`, mark(p99Pass, p99Ratio)],
          ['CPU por reclamo', fixed(sat.ours.cpuMsPerRequest / sat.raw.cpuMsPerRequest, 2), '', ''],
        ],
      ),
      '',
      `A ${rate} req/s nuestro servidor está al ${fixed((rate / sat.ours.reqPerSec) * 100, 0)} % de su máximo y raw al ` +
        `${fixed((rate / sat.raw.reqPerSec) * 100, 0)} %: con la cola, la p99 crece mucho antes del máximo.`,
      `Reclamos guardados: ${stored} (respuestas 201: ${answered}; las que quedaron en vuelo al cortar cada corrida también se guardan).`,
      BENCH.profile ? 'ATENCIÓN: servidores medidos con --cpu-prof; las cifras salen algo peores.' : '',
    ];
    for (const side of SIDES) {
      const profile = profiles[side];
      if (!profile) continue;
      const perFiling = (ms: number) => fixed(ms / Math.max(1, answeredBy[side]), 3);
      report.push(
        '',
        `Perfil de CPU, ${servers[side].name}: ${fixed(profile.busyMs / 1000)} s de CPU (arranque incluido) para ` +
          `${answeredBy[side]} reclamos = ${perFiling(profile.busyMs)} ms/reclamo — ${profile.file}`,
        table(
          ['paquete (con lo nativo que llama)', '%', 'ms/reclamo'],
          profile.byPackage.slice(0, 14).map((p) => [p.name, fixed(p.share * 100), perFiling(p.ms)]),
        ),
      );
      if (side === 'ours') {
        report.push(
          '',
          table(
            ['función (tiempo propio)', 'dónde', '%'],
            profile.byFunction.slice(0, 15).map((f) => [f.name, f.where.slice(-70), fixed(f.share * 100)]),
          ),
        );
      }
    }
    process.stdout.write(`${report.join('\n')}\n`);

    const file = writeResult('filing', {
      part: 'filing',
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: machine(),
      settings: {
        connections,
        durationSeconds,
        warmupSeconds,
        rounds,
        fixedRounds,
        fixedSeconds,
        poolSize: BENCH.poolSize,
        fixedRate: rate,
        profiled: BENCH.profile,
        ours: 'dist/apps/citizen/src/main.js, NODE_ENV=development, LOG_LEVEL=warn, THROTTLE_ENABLED=false',
        raw: 'config/bench/raw-filing-server.ts (Fastify + pg, no validation)',
      },
      saturated: { runs: saturated, median: sat },
      fixedRate: { rate, runs: pacedRuns, median: atRate },
      ratios: {
        throughput: { value: throughputRatio, aim: `>= ${AIM_THROUGHPUT}`, pass: throughputPass },
        fixedRateP99: { value: p99Ratio, aim: `<= ${AIM_P99}`, pass: p99Pass },
      },
      integrity: { stored, answered201: answered, answered201By: answeredBy },
      failures,
      profiles,
    });
    log(`resultados en ${file}`);

    const misses = [
      ...(throughputPass ? [] : [`throughput nuestro ÷ raw ${fixed(throughputRatio, 2)} < ${AIM_THROUGHPUT}`]),
      ...(p99Pass ? [] : [`p99 a ritmo fijo nuestro ÷ raw ${fixed(p99Ratio, 2)} > ${AIM_P99}`]),
    ];
    for (const failure of failures) log(`ERROR: ${failure}`);
    return { ok: failures.length === 0, misses, file };
  } finally {
    await Promise.all([ours.stop(), raw.stop()]);
  }
}

export const filingBench: BenchPart = {
  name: 'filing',
  title: 'Registro de un reclamo (POST /api/v1/reclamos): nuestro app frente a Fastify + pg',
  run,
};
