/**
 * Drill `load`: the office-hour mix (support/mix.ts, weights there) at DRILLS_RATE requests per
 * second (default 10) for DRILLS_DURATION seconds (default 60) on two citizen and two back-office
 * instances and one worker, with the deadline sweep kicked every 15 s over DRILLS_OPEN_CASES open
 * cases (default 500) and the sender delivering every acknowledgement and alert to the SMTP server.
 *
 * Reports per route req/s, p50, p99 and errors (the aim: 0), CPU and RSS of each process, PostgreSQL's
 * and Redis's use, and the filing route against the bench's raw baseline (Fastify + pg, same SQL) run
 * alone on the same database at the same filing rate just before. Then the outbox is drained and
 * every 201 and every sent message is checked (support/common.ts, checkIntegrity).
 */
import { Balancer, runMix, ROUTES } from './support/mix';
import { ResourceSampler, Watched } from './support/sampler';
import { DrillStack, log } from './support/stack';
import {
  checkIntegrity,
  envNumber,
  fixed,
  integrityMarkdown,
  integrityPasses,
  kickSweeps,
  loadOpenCases,
  prepareContext,
  rawBaseline,
  resourcesMarkdown,
  routesMarkdown,
  routeTable,
  waitForDrain,
  waitForQuietQueues,
  writeReport,
  markdownTable,
} from './support/common';

export const MAX_DUPLICATE_RATIO = 0.001;

export function watchedOf(stack: DrillStack): Watched[] {
  return [
    ...stack.apps.map((a) => ({ name: a.name, pid: () => a.pid })),
    { name: 'postgres (postmaster + sesiones)', pid: () => stack.pg.postmasterPid(), tree: true },
    { name: 'generador de carga + SMTP (este proceso)', pid: () => process.pid },
  ];
}

export async function loadDrill(): Promise<boolean> {
  const seconds = envNumber('DRILLS_DURATION', 60);
  const rate = envNumber('DRILLS_RATE', 10);
  const openCases = envNumber('DRILLS_OPEN_CASES', 500);
  const filingShare = ROUTES[0].weight / ROUTES.reduce((n, r) => n + r.weight, 0);
  const stack = new DrillStack({ citizenInstances: 2, backofficeInstances: 2 });
  try {
    await stack.start();
    await loadOpenCases(stack.databaseUrl, openCases);
    const ctx = await prepareContext(stack, 20);
    log(`línea base: servidor raw de presentaciones (bench) solo, 5 s saturado y 5 s a ${fixed(rate * filingShare)} presentaciones/s…`);
    const baseline = await rawBaseline(stack.databaseUrl, rate * filingShare, 5);

    const balancer = new Balancer({ citizen: stack.citizens, backoffice: stack.backoffices });
    balancer.start();
    const sampler = new ResourceSampler(watchedOf(stack), stack.databaseUrl, stack.redisUrl);
    await sampler.start();
    const sweeps = kickSweeps(stack, 15_000);
    log(`mezcla a ${rate} req/s durante ${seconds} s…`);
    const run = await runMix(balancer, ctx, rate, { seconds });
    const sweepsAdded = await sweeps.stop();
    const resources = await sampler.stop();
    balancer.stop();
    log('esperando que se vacíe la bandeja de salida…');
    const drainMs = await waitForDrain(stack.databaseUrl, 300_000);
    const quietMs = await waitForQuietQueues(stack, 60_000);
    const integrity = await checkIntegrity(stack, ctx.cases, 0);

    const routes = routeTable(run);
    const errors = routes.reduce((n, r) => n + r.errors, 0);
    const filing = routes[0];
    const ok = errors === 0 && integrityPasses(integrity, MAX_DUPLICATE_RATIO, quietMs < 60_000);
    const markdown = [
      `## Simulacro de carga — ${new Date().toISOString()}`,
      '',
      `Mezcla de oficina en hora punta a **${rate} req/s** (lazo abierto) durante ${fixed(run.seconds)} s: 2 instancias citizen y 2 back-office tras el balanceador del simulacro, 1 worker; ` +
        `barrido de plazos lanzado ${sweepsAdded} veces sobre ${openCases} casos abiertos; el envío de correos en marcha. Retraso máximo del generador: ${fixed(run.maxLagMs)} ms.`,
      '',
      routesMarkdown(routes, run.seconds),
      '',
      `Errores: **${errors}** (meta 0). ${run.errors.slice(0, 5).map((e) => `${e.route} → ${e.outcome} (${e.detail.slice(0, 120)})`).join('; ')}`,
      '',
      '### Frente a la línea base raw (bench: Fastify + pg, mismo SQL, JSON sin adjunto, sola en la máquina)',
      '',
      markdownTable(
        ['medida', 'raw', 'nuestro en la mezcla', 'razón'],
        [
          ['máximo de presentaciones/s (20 conexiones)', fixed(baseline.saturated.reqPerSec), '', ''],
          [`p50 ms a ${fixed(rate * filingShare)} presentaciones/s`, fixed(baseline.atRate.latencyMs.p50, 2), fixed(filing.p50, 2), fixed(filing.p50 / baseline.atRate.latencyMs.p50, 2)],
          [`p99 ms a ${fixed(rate * filingShare)} presentaciones/s`, fixed(baseline.atRate.latencyMs.p99, 2), fixed(filing.p99, 2), fixed(filing.p99 / baseline.atRate.latencyMs.p99, 2)],
        ],
      ),
      '',
      '### Recursos',
      '',
      resourcesMarkdown(resources),
      '',
      `### Integridad (bandeja de salida vaciada en ${fixed(drainMs / 1000)} s tras la carga; colas sin trabajos activos tras ${fixed(quietMs / 1000)} s más)`,
      '',
      integrityMarkdown(integrity, MAX_DUPLICATE_RATIO, quietMs < 60_000),
      '',
      `Resultado: **${ok ? 'PASS' : 'FAIL'}**`,
    ].join('\n');
    writeReport('load', markdown, {
      part: 'load',
      finishedAt: new Date().toISOString(),
      settings: { rate, seconds, openCases, instances: { citizen: 2, backoffice: 2, worker: 1 }, weights: Object.fromEntries(ROUTES.map((r) => [r.name, r.weight])) },
      routes,
      errors: run.errors.slice(0, 200),
      maxLagMs: run.maxLagMs,
      baseline,
      resources,
      drainMs,
      quietMs,
      integrity,
      sweepsAdded,
      ok,
    });
    return ok;
  } finally {
    await stack.stop();
  }
}
