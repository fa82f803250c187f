/**
 * Load generation: saturating runs with autocannon (closed loop: N connections, each
 * sends its next request when the previous answer arrives) and fixed-rate runs with a
 * small open-loop pacer (one request every 1/rate s, whatever the server does).
 *
 * Why not autocannon's `overallRate` for the fixed rate: it gives every connection a
 * quota per second that the connection sends back to back at the start of each second,
 * then idles. At half the capacity that is a 20-connection burst each second, so its
 * p99 is the p99 of a saturated server, not of a server at 50 % load.
 *
 * Latencies are kept exactly (every response, in ms, as floats): autocannon's own
 * histogram rounds to whole milliseconds, too coarse for a 2–5 ms fixed-rate p99.
 */
import { EventEmitter } from 'node:events';
import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';

// autocannon ships no types and the project has no @types/autocannon: the part we use.
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
}
interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  pipelining?: number;
  timeout?: number;
  requests: AutocannonRequest[];
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = (
  options: AutocannonOptions,
  done: (error: Error | null, result: AutocannonResult) => void,
) => EventEmitter;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

export interface LoadTarget {
  baseUrl: string;
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  /** A fresh body for every request (each filing must be unique). */
  body: () => string;
}

export interface LoadResult {
  tool: 'autocannon' | 'paced';
  seconds: number;
  connections: number;
  /** Open loop: the rate asked for (req/s). */
  targetRate?: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  reqPerSec: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  /** Open loop only: latency counted from when the request was due, so a late sender shows. */
  latencyFromScheduleMs?: { p50: number; p99: number };
  /** First unexpected response bodies, to tell what went wrong. */
  sampleFailures: string[];
}

export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

function summarize(values: number[]): LoadResult['latencyMs'] {
  const sorted = Float64Array.from(values).sort();
  const mean = values.reduce((a, b) => a + b, 0) / (values.length || 1);
  return {
    mean,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

/** Closed loop: `connections` keep-alive connections as fast as the server answers, for `seconds`. */
export function saturate(target: LoadTarget, connections: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const sampleFailures: string[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.baseUrl,
        connections,
        duration: seconds,
        pipelining: 1,
        timeout: 10,
        requests: [
          {
            method: target.method,
            path: target.path,
            headers: target.headers,
            setupRequest: (request) => ({ ...request, body: target.body() }),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
        resolve({
          tool: 'autocannon',
          seconds: result.duration,
          connections,
          ok: result['2xx'],
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes,
          reqPerSec: result['2xx'] / result.duration,
          latencyMs: summarize(latencies),
          sampleFailures,
        });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
    instance.on('reqError', (error: Error) => {
      if (sampleFailures.length < 3) sampleFailures.push(error.message);
    });
  });
}

/**
 * Open loop: one request every 1/rate s for `seconds`, whatever the server does, on at most
 * `connections` keep-alive connections (as the saturating runs); a request that finds them
 * all busy waits for one, and that wait counts in its latency. Waits for the last answer.
 */
export async function paced(target: LoadTarget, rate: number, seconds: number, connections: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const url = new URL(target.path, target.baseUrl);
  const total = Math.max(1, Math.round(rate * seconds));
  const interval = 1000 / rate;
  const latencies: number[] = [];
  const fromSchedule: number[] = [];
  const statusCodes: Record<string, number> = {};
  const sampleFailures: string[] = [];
  let errors = 0;
  let timeouts = 0;
  let finished = 0;

  const fire = (dueAt: number, done: () => void): void => {
    const body = target.body();
    const sentAt = performance.now();
    const req = httpRequest(
      url,
      {
        method: target.method,
        agent,
        headers: { ...target.headers, 'content-length': Buffer.byteLength(body) },
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const end = performance.now();
          const code = res.statusCode ?? 0;
          statusCodes[code] = (statusCodes[code] ?? 0) + 1;
          if (code >= 200 && code < 300) {
            latencies.push(end - sentAt);
            fromSchedule.push(end - dueAt);
          } else if (sampleFailures.length < 3) {
            sampleFailures.push(`${code} ${Buffer.concat(chunks).toString('utf8').slice(0, 300)}`);
          }
          done();
        });
      },
    );
    req.on('timeout', () => {
      timeouts += 1;
      req.destroy(new Error('request timed out'));
    });
    req.on('error', (error) => {
      errors += 1;
      if (sampleFailures.length < 3) sampleFailures.push(error.message);
      done();
    });
    req.end(body);
  };

  const started = performance.now();
  await new Promise<void>((resolve) => {
    let sent = 0;
    const onDone = (): void => {
      finished += 1;
      if (finished === total) resolve();
    };
    const tick = (): void => {
      const now = performance.now();
      while (sent < total && started + sent * interval <= now) {
        fire(started + sent * interval, onDone);
        sent += 1;
      }
      if (sent < total) setTimeout(tick, Math.max(0, started + sent * interval - performance.now()));
    };
    tick();
  });
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();

  const ok = latencies.length;
  const sortedFromSchedule = Float64Array.from(fromSchedule).sort();
  return {
    tool: 'paced',
    seconds: elapsed,
    connections,
    targetRate: rate,
    ok,
    non2xx: total - ok - errors,
    errors,
    timeouts,
    statusCodes,
    reqPerSec: ok / elapsed,
    latencyMs: summarize(latencies),
    latencyFromScheduleMs: { p50: percentile(sortedFromSchedule, 0.5), p99: percentile(sortedFromSchedule, 0.99) },
    sampleFailures,
  };
}

export const failuresOf = (r: LoadResult): number => r.non2xx + r.errors;
