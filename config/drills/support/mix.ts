/**
 * The office-hour mix, sent open-loop (one request every 1/rate s, whatever the servers do) through
 * a small balancer of our own: each app's instances are polled on /health/ready every 250 ms and a
 * request goes round-robin to the ones answering 200 (to all of them when none does). A request that
 * got no answer at all (connection refused or reset) is sent once more to another instance, as a
 * balancer's "next upstream" would; filings carry an Idempotency-Key, so that retry cannot file twice.
 *
 * Routes and weights (per 100 requests), what a working day looks like: most traffic reads.
 *   filing with one PDF attachment (citizen, multipart)          10
 *   tracking a filed case (citizen API, code + document)          25
 *   the national figures page /estadisticas (citizen)             10
 *   one entity's figures page /estadisticas/entidades/MINEDU      10
 *   the inbox /bandeja, responsable del libro (back-office)       10
 *   the inbox /bandeja, an officer (back-office)                  10
 *   a case page /casos/:id, responsable (back-office)             20
 *   the entity's figures /cifras, responsable (back-office)        5
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT } from '../../bench/support/bench-env';
import { AppProcess, healthStatus } from './stack';
import { pickWeighted, RouteSamples } from './tally';

export interface KnownCase {
  id: string;
  codigo: string;
  documento: string;
}

export interface MixContext {
  cases: KnownCase[];
  cookies: { responsable: string; oficial: string };
}

interface Prepared {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** What the route needs back with the answer (a filing's DNI). */
  tag?: string;
}

export interface RouteSpec {
  name: string;
  weight: number;
  app: 'citizen' | 'backoffice';
  prepare(ctx: MixContext): Prepared;
  /** Called with a 2xx answer's body and the request's tag. */
  onOk?(ctx: MixContext, body: string, tag?: string): void;
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n% boleta de simulacro\n'), Buffer.alloc(20_000, 0x20), Buffer.from('\n%%EOF\n')]);
const FIXTURE = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'reclamo-ejemplo.json'), 'utf8')) as Record<string, string | boolean>;
let nextDni = 10_000_000 + Math.floor(Math.random() * 80_000_000);

/** The example hoja with a DNI of its own and one PDF, as multipart/form-data. */
export function filingForm(): { body: Buffer; contentType: string; dni: string } {
  const dni = String(nextDni++);
  const boundary = `----simulacro${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ ...FIXTURE, numeroDocumento: dni })) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${String(v)}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="adjuntos"; filename="boleta.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), PDF, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}`, dni };
}

const anyCase = (ctx: MixContext): KnownCase => ctx.cases[Math.floor(Math.random() * ctx.cases.length)];
const page = (path: string, cookie?: string): Prepared => ({ method: 'GET', path, headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });

/** Codes answered 201, with the DNI each was filed with: the drill checks every one is stored. */
export const acceptedFilings: KnownCase[] = [];

export const ROUTES: RouteSpec[] = [
  {
    name: 'POST /api/v1/reclamos (multipart, 1 PDF)',
    weight: 10,
    app: 'citizen',
    prepare: () => {
      const form = filingForm();
      return {
        method: 'POST',
        path: '/api/v1/reclamos',
        headers: { 'content-type': form.contentType, 'idempotency-key': `simulacro-${randomUUID()}` },
        body: form.body,
        tag: form.dni,
      };
    },
    onOk: (ctx, body, dni) => {
      const answer = JSON.parse(body) as { id: string; codigo: string };
      const known = { id: answer.id, codigo: answer.codigo, documento: dni ?? '' };
      acceptedFilings.push(known);
      ctx.cases.push(known);
    },
  },
  {
    name: 'GET /api/v1/reclamos/:codigo',
    weight: 25,
    app: 'citizen',
    prepare: (ctx) => {
      const c = anyCase(ctx);
      return { method: 'GET', path: `/api/v1/reclamos/${c.codigo}?documento=${c.documento}`, headers: { accept: 'application/json' } };
    },
  },
  { name: 'GET /estadisticas', weight: 10, app: 'citizen', prepare: () => page('/estadisticas') },
  { name: 'GET /estadisticas/entidades/MINEDU', weight: 10, app: 'citizen', prepare: () => page('/estadisticas/entidades/MINEDU') },
  { name: 'GET /bandeja (responsable)', weight: 10, app: 'backoffice', prepare: (ctx) => page('/bandeja', ctx.cookies.responsable) },
  { name: 'GET /bandeja (oficial)', weight: 10, app: 'backoffice', prepare: (ctx) => page('/bandeja', ctx.cookies.oficial) },
  { name: 'GET /casos/:id', weight: 20, app: 'backoffice', prepare: (ctx) => page(`/casos/${anyCase(ctx).id}`, ctx.cookies.responsable) },
  { name: 'GET /cifras', weight: 5, app: 'backoffice', prepare: (ctx) => page('/cifras', ctx.cookies.responsable) },
];

/** Keeps, per app, the instances whose /health/ready answers 200. */
export class Balancer {
  private readonly healthy = new Map<AppProcess, boolean>();
  private readonly agents = new Map<AppProcess, Agent>();
  private readonly turn = { citizen: 0, backoffice: 0 };
  private polling: NodeJS.Timeout | null = null;

  constructor(private readonly pools: { citizen: AppProcess[]; backoffice: AppProcess[] }) {
    for (const instance of [...pools.citizen, ...pools.backoffice]) {
      this.healthy.set(instance, true);
      this.agents.set(instance, new Agent({ keepAlive: true, maxSockets: 64 }));
    }
  }

  start(): void {
    const poll = async (): Promise<void> => {
      await Promise.all([...this.healthy.keys()].map(async (i) => this.healthy.set(i, (await healthStatus(`${i.baseUrl}/health/ready`)) === 200)));
      if (this.polling) this.polling = setTimeout(() => void poll(), 250);
    };
    this.polling = setTimeout(() => void poll(), 0);
  }

  stop(): void {
    if (this.polling) clearTimeout(this.polling);
    this.polling = null;
    for (const agent of this.agents.values()) agent.destroy();
  }

  /** Next instance in rotation, skipping `not`; every instance when none is in rotation. */
  pick(app: 'citizen' | 'backoffice', not?: AppProcess): AppProcess {
    const all = this.pools[app];
    const live = all.filter((i) => this.healthy.get(i) && i !== not);
    const candidates = live.length > 0 ? live : all.filter((i) => i !== not).length > 0 ? all.filter((i) => i !== not) : all;
    this.turn[app] = (this.turn[app] + 1) % candidates.length;
    return candidates[this.turn[app]];
  }

  agentOf(instance: AppProcess): Agent {
    return this.agents.get(instance)!;
  }
}

interface Answer {
  status: number;
  body: string;
}

function send(balancer: Balancer, instance: AppProcess, prepared: Prepared): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${instance.baseUrl}${prepared.path}`,
      {
        method: prepared.method,
        agent: balancer.agentOf(instance),
        headers: { ...prepared.headers, ...(prepared.body ? { 'content-length': String(prepared.body.length) } : {}) },
        timeout: 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', reject);
    req.end(prepared.body);
  });
}

export interface ErrorEvent {
  /** ms since the load started. */
  at: number;
  route: string;
  outcome: string;
  detail: string;
}

export interface MixRun {
  seconds: number;
  rate: number;
  perRoute: Map<string, RouteSamples>;
  errors: ErrorEvent[];
  /** Requests due but not yet sent when the next tick came (the driver fell behind). */
  maxLagMs: number;
}

/** One request of `route`, with one retry on another instance when nothing answered. */
async function one(balancer: Balancer, route: RouteSpec, ctx: MixContext, samples: RouteSamples, errors: ErrorEvent[], startedAt: number): Promise<void> {
  const prepared = route.prepare(ctx);
  const sentAt = performance.now();
  let instance = balancer.pick(route.app);
  let outcome: string;
  let detail = '';
  try {
    let answer: Answer;
    try {
      answer = await send(balancer, instance, prepared);
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'ERROR';
      if (code === 'TIMEOUT') throw error;
      samples.retried += 1;
      instance = balancer.pick(route.app, instance);
      answer = await send(balancer, instance, prepared);
    }
    outcome = String(answer.status);
    if (answer.status >= 200 && answer.status < 300) {
      samples.latenciesMs.push(performance.now() - sentAt);
      route.onOk?.(ctx, answer.body, prepared.tag);
    } else {
      detail = answer.body.slice(0, 200);
    }
  } catch (error) {
    outcome = (error as { code?: string }).code ?? 'ERROR';
    detail = error instanceof Error ? error.message : String(error);
  }
  samples.outcomes[outcome] = (samples.outcomes[outcome] ?? 0) + 1;
  if (!/^2\d\d$/.test(outcome)) errors.push({ at: Math.round(performance.now() - startedAt), route: route.name, outcome, detail: `${instance.name}: ${detail}` });
}

/**
 * Sends the mix at `rate` req/s until `stop()` resolves (or for `seconds` when no stop is given),
 * then waits for the answers still in flight.
 */
export async function runMix(balancer: Balancer, ctx: MixContext, rate: number, until: { seconds: number } | { stop: Promise<void> }): Promise<MixRun> {
  const perRoute = new Map<string, RouteSamples>(ROUTES.map((r) => [r.name, { latenciesMs: [], outcomes: {}, retried: 0 }]));
  const errors: ErrorEvent[] = [];
  const inFlight = new Set<Promise<void>>();
  const interval = 1000 / rate;
  const started = performance.now();
  let stopped = false;
  let maxLagMs = 0;
  if ('stop' in until) void until.stop.then(() => (stopped = true));
  const endAt = 'seconds' in until ? started + until.seconds * 1000 : Infinity;
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      if (stopped || now >= endAt) return resolve();
      while (started + sent * interval <= now) {
        maxLagMs = Math.max(maxLagMs, now - (started + sent * interval));
        const route = pickWeighted(ROUTES, Math.random());
        const p = one(balancer, route, ctx, perRoute.get(route.name)!, errors, started);
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
        sent += 1;
      }
      setTimeout(tick, Math.max(0, started + sent * interval - performance.now()));
    };
    tick();
  });
  const seconds = (performance.now() - started) / 1000;
  await Promise.all([...inFlight]);
  return { seconds, rate, perRoute, errors, maxLagMs };
}
