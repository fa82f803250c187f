/**
 * Drill `faults`: the load drill's mix at DRILLS_RATE (default 10 req/s) while, one after the other,
 *
 *   1. PostgreSQL restarts (`pg_ctl restart -m fast`: every session cut);
 *   2. Redis is SIGKILLed and started again on the same AOF directory (fsync every second);
 *   3. the worker, a citizen instance and a back-office instance are SIGKILLed and started again;
 *   4. each process gets SIGTERM (graceful shutdown) and is started again.
 *
 * After each fault every component must be healthy again (HTTP apps: /health/ready 200; the worker:
 * its start line) within DRILLS_RECOVERY_BOUND_S (default 30 s). A process that exits by itself is
 * restarted, as a supervisor would, and reported. When the load stops, the outbox drains and: every
 * filing answered 201 is in the database (lost = 0), every sent message reached the SMTP server
 * (lost = 0), duplicates by Message-ID ≤ 0.1 %, no job is left active in any queue. Errors seen by the
 * clients are reported per fault; a SIGTERM must cost none (the instance leaves the balancer's rotation
 * during SHUTDOWN_DRAIN_MS and finishes what it took), a SIGKILL or a database restart may.
 */
import { Balancer, ErrorEvent, runMix } from './support/mix';
import { ResourceSampler } from './support/sampler';
import { AppProcess, DrillStack, log } from './support/stack';
import {
  checkIntegrity,
  envNumber,
  fixed,
  integrityMarkdown,
  integrityPasses,
  kickSweeps,
  loadOpenCases,
  markdownTable,
  prepareContext,
  resourcesMarkdown,
  routesMarkdown,
  routeTable,
  sleep,
  waitForDrain,
  waitForQuietQueues,
  withDb,
  writeReport,
} from './support/common';
import { MAX_DUPLICATE_RATIO, watchedOf } from './load.drill';

interface Fault {
  name: string;
  /** Graceful: clients must see no error from it. */
  graceful: boolean;
  act(): Promise<string>;
}

export interface FaultOutcome {
  name: string;
  /** ms since the load started. */
  at: number;
  /** What the fault itself reported (exit code, time to exit…). */
  note: string;
  /** ms from the fault until every component was healthy again; undefined if not within the bound. */
  recoveredMs?: number;
  /** ms from the fault until each component was healthy again. */
  perComponent: Record<string, number | undefined>;
  /** ms from the fault until the worker marked an outbox row sent again. */
  firstSendMs?: number;
  /** Processes that exited by themselves and were restarted. */
  crashed: string[];
  /** Client-side errors from the fault until the next one (by outcome). */
  errors: Record<string, number>;
  graceful: boolean;
}

/** Stops with `signal` and starts again; the note says how the process ended. */
async function bounce(app: AppProcess, signal: NodeJS.Signals, boundMs: number): Promise<string> {
  const exit = await app.signal(signal);
  // Not ready in time is not the end of the drill: the recovery check below keeps watching it.
  const late = await app.start(boundMs).then(
    () => '',
    (error: unknown) => `; ${error instanceof Error ? error.message.split(';')[0] : String(error)}`,
  );
  if (signal === 'SIGKILL') return `muerto por ${exit.signal}${late}`;
  // Nest's shutdown hooks end the process with the signal it got, once everything is closed.
  const clean = exit.code === 0 || exit.signal === signal;
  return `${clean ? 'salida limpia' : 'salida ANORMAL'} (${exit.code ?? exit.signal}) en ${exit.ms} ms${late}`;
}

export async function faultsDrill(): Promise<boolean> {
  const rate = envNumber('DRILLS_RATE', 10);
  const boundMs = envNumber('DRILLS_RECOVERY_BOUND_S', 30) * 1000;
  const gapMs = envNumber('DRILLS_FAULT_GAP_S', 4) * 1000;
  const openCases = envNumber('DRILLS_OPEN_CASES', 500);
  const stack = new DrillStack({ citizenInstances: 2, backofficeInstances: 2 });
  try {
    await stack.start();
    await loadOpenCases(stack.databaseUrl, openCases);
    const ctx = await prepareContext(stack, 20);
    const [citizen1, citizen2] = stack.citizens;
    const [backoffice1, backoffice2] = stack.backoffices;
    const worker = stack.worker;
    const faults: Fault[] = [
      {
        name: 'PostgreSQL: pg_ctl restart -m fast',
        graceful: false,
        act: async () => {
          const t = Date.now();
          await stack.pg.restart();
          return `reinicio en ${Date.now() - t} ms`;
        },
      },
      {
        name: 'Redis: SIGKILL y arranque sobre el mismo AOF',
        graceful: false,
        act: async () => {
          await stack.redis.stop();
          await sleep(1_000);
          const t = Date.now();
          await stack.redis.start();
          return `1 s caído; arranque con el AOF en ${Date.now() - t} ms`;
        },
      },
      { name: 'worker: SIGKILL', graceful: false, act: () => bounce(worker, 'SIGKILL', boundMs) },
      { name: 'citizen-1: SIGKILL', graceful: false, act: () => bounce(citizen1, 'SIGKILL', boundMs) },
      { name: 'backoffice-1: SIGKILL', graceful: false, act: () => bounce(backoffice1, 'SIGKILL', boundMs) },
      { name: 'citizen-1: SIGTERM', graceful: true, act: () => bounce(citizen1, 'SIGTERM', boundMs) },
      { name: 'citizen-2: SIGTERM', graceful: true, act: () => bounce(citizen2, 'SIGTERM', boundMs) },
      { name: 'backoffice-1: SIGTERM', graceful: true, act: () => bounce(backoffice1, 'SIGTERM', boundMs) },
      { name: 'backoffice-2: SIGTERM', graceful: true, act: () => bounce(backoffice2, 'SIGTERM', boundMs) },
      { name: 'worker: SIGTERM', graceful: true, act: () => bounce(worker, 'SIGTERM', boundMs) },
    ];

    const balancer = new Balancer({ citizen: stack.citizens, backoffice: stack.backoffices });
    balancer.start();
    const sampler = new ResourceSampler(watchedOf(stack), stack.databaseUrl, stack.redisUrl);
    await sampler.start();
    const sweeps = kickSweeps(stack, 15_000);
    let finish: () => void = () => undefined;
    const stop = new Promise<void>((resolve) => (finish = resolve));
    log(`mezcla a ${rate} req/s; ${faults.length} fallas, una tras otra…`);
    const loadStarted = Date.now();
    const mix = runMix(balancer, ctx, rate, { stop });

    const outcomes: FaultOutcome[] = [];
    try {
      await sleep(gapMs);
      for (const fault of faults) {
        const at = Date.now();
        log(`falla: ${fault.name}`);
        const note = await fault.act();
        const [{ perComponent, crashed }, firstSendMs] = await Promise.all([awaitRecovery(stack, at, boundMs), firstSendAfter(stack.databaseUrl, at, boundMs)]);
        const values = Object.values(perComponent).filter((v): v is number => v !== undefined);
        const recoveredMs = values.length === stack.apps.length ? Math.max(...values) : undefined;
        const withinBound = recoveredMs !== undefined && recoveredMs <= boundMs;
        outcomes.push({ name: fault.name, at: at - loadStarted, note, recoveredMs, perComponent, firstSendMs, crashed, errors: {}, graceful: fault.graceful });
        log(`  ${note}; sano de nuevo en ${recoveredMs === undefined ? `MÁS DE ${(3 * boundMs) / 1000} s` : `${recoveredMs} ms${withinBound ? '' : ' (FUERA DE LA COTA)'}`}${crashed.length ? `; reiniciados tras caerse solos: ${crashed.join(', ')}` : ''}`);
        await sleep(gapMs);
      }
    } finally {
      finish();
    }
    const run = await mix;
    const sweepsAdded = await sweeps.stop();
    const resources = await sampler.stop();
    balancer.stop();
    attributeErrors(outcomes, run.errors);

    log('esperando que se vacíe la bandeja de salida…');
    const drainMs = await waitForDrain(stack.databaseUrl, 300_000);
    const quietMs = await waitForQuietQueues(stack, 60_000);
    const integrity = await checkIntegrity(stack, ctx.cases, 0);

    // Which fault each duplicate followed, by when its row was marked sent.
    const duplicatesAfter: Record<string, number> = {};
    for (const iso of integrity.messages.duplicatedMarkedAt) {
      const owner = [...outcomes].reverse().find((o) => loadStarted + o.at <= Date.parse(iso));
      const key = owner?.name ?? 'antes de la primera falla';
      duplicatesAfter[key] = (duplicatesAfter[key] ?? 0) + 1;
    }
    const routes = routeTable(run);
    const gracefulErrors = outcomes.filter((o) => o.graceful).reduce((n, o) => n + Object.values(o.errors).reduce((a, b) => a + b, 0), 0);
    const allRecovered = outcomes.every((o) => o.recoveredMs !== undefined && o.recoveredMs <= boundMs);
    const cleanExits = outcomes.filter((o) => o.graceful).every((o) => o.note.startsWith('salida limpia'));
    const ok = integrityPasses(integrity, MAX_DUPLICATE_RATIO, quietMs < 60_000) && allRecovered && gracefulErrors === 0 && cleanExits;
    const components = stack.apps.map((a) => a.name);
    const markdown = [
      `## Simulacro de fallas bajo carga — ${new Date().toISOString()}`,
      '',
      `Mezcla de oficina a **${rate} req/s** durante ${fixed(run.seconds)} s (2 citizen, 2 back-office, 1 worker; barrido de plazos lanzado ${sweepsAdded} veces sobre ${openCases} casos abiertos). ` +
        `Cota de recuperación declarada: **${boundMs / 1000} s** por componente (HTTP: /health/ready 200; worker: su línea de arranque). Entre fallas: ${gapMs / 1000} s.`,
      '',
      markdownTable(
        ['falla', 'a los (s)', 'qué pasó', 'sano de nuevo (ms)', ...components, 'primer envío (ms)', 'errores de clientes hasta la siguiente', 'de ellos sin respuesta o 503 (no timeout ni 500)', 'se cayeron solos'],
        outcomes.map((o) => [
          o.name,
          fixed(o.at / 1000),
          o.note,
          o.recoveredMs === undefined ? `> ${3 * boundMs}` : `${o.recoveredMs}${o.recoveredMs > boundMs ? ' ✘' : ''}`,
          ...components.map((c) => (o.perComponent[c] === undefined ? '—' : String(o.perComponent[c]))),
          o.firstSendMs === undefined ? '—' : String(o.firstSendMs),
          Object.entries(o.errors).map(([k, v]) => `${v}×${k}`).join(', ') || (o.graceful ? '0 ✔' : '0'),
          String(Object.entries(o.errors).filter(([k]) => !['TIMEOUT', '500'].includes(k)).reduce((n, [, v]) => n + v, 0)),
          o.crashed.join(', ') || '—',
        ]),
      ),
      '',
      routesMarkdown(routes, run.seconds),
      '',
      `Errores de clientes en apagados ordenados (SIGTERM): **${gracefulErrors}** (meta 0); salidas limpias (código 0, o la misma señal que Nest re-emite tras cerrar todo): ${cleanExits ? 'todas' : 'NO todas'}.`,
      '',
      '### Recursos durante el simulacro',
      '',
      resourcesMarkdown(resources),
      '',
      `### Integridad (bandeja de salida vaciada en ${fixed(drainMs / 1000)} s; colas sin trabajos activos tras ${fixed(quietMs / 1000)} s)`,
      '',
      integrityMarkdown(integrity, MAX_DUPLICATE_RATIO, quietMs < 60_000),
      '',
      `Duplicados, por la falla que siguieron (según cuándo se marcó enviada la fila): ${Object.entries(duplicatesAfter).map(([k, v]) => `${v} tras «${k}»`).join('; ') || 'ninguno'}.`,
      '',
      `Resultado: **${ok ? 'PASS' : 'FAIL'}**`,
    ].join('\n');
    writeReport('faults', markdown, {
      part: 'faults',
      finishedAt: new Date().toISOString(),
      settings: { rate, boundMs, gapMs, openCases, redis: 'appendonly yes, appendfsync everysec', shutdownDrainMs: 1000 },
      faults: outcomes,
      routes,
      errors: run.errors.slice(0, 500),
      resources,
      drainMs,
      quietMs,
      integrity,
      duplicatesAfter,
      ok,
    });
    return ok;
  } finally {
    await stack.stop();
  }
}

/**
 * Polls every component until each is healthy (or `boundMs` passes); a process found exited is
 * started again (a supervisor's job) and named in `crashed`.
 */
async function awaitRecovery(stack: DrillStack, since: number, boundMs: number): Promise<{ perComponent: Record<string, number | undefined>; crashed: string[] }> {
  const perComponent: Record<string, number | undefined> = Object.fromEntries(stack.apps.map((a) => [a.name, undefined]));
  const crashed: string[] = [];
  // Watched past the bound (up to three times it): how late a component came back is worth knowing.
  while (Date.now() - since <= boundMs * 3) {
    for (const app of stack.apps) {
      if (perComponent[app.name] !== undefined) continue;
      if (!app.running) {
        crashed.push(app.name);
        await app.start().catch(() => undefined);
      }
      if (app.running && (app.app === 'worker' || (await app.ready()))) perComponent[app.name] = Date.now() - since;
    }
    if (Object.values(perComponent).every((v) => v !== undefined)) break;
    await sleep(100);
  }
  return { perComponent, crashed };
}

/** ms from `since` to the first outbox row sent after it, polling up to `boundMs`. */
async function firstSendAfter(databaseUrl: string, since: number, boundMs: number): Promise<number | undefined> {
  while (Date.now() - since <= boundMs) {
    const sent = await withDb(databaseUrl, async (db) => {
      const { rows } = await db.query<{ first: Date | null }>(`SELECT min(enviado_en) AS first FROM outbox WHERE enviado_en > $1`, [new Date(since)]);
      return rows[0].first;
    }).catch(() => null);
    if (sent) return sent.getTime() - since;
    await sleep(250);
  }
  return undefined;
}

/** Each client error goes to the fault it followed (before the first fault: none). */
function attributeErrors(outcomes: FaultOutcome[], errors: ErrorEvent[]): void {
  for (const error of errors) {
    const owner = [...outcomes].reverse().find((o) => o.at <= error.at);
    if (!owner) continue;
    owner.errors[error.outcome] = (owner.errors[error.outcome] ?? 0) + 1;
  }
}
