/**
 * The drills' arithmetic, with no I/O so a unit test can check it (tally.spec.ts): latency
 * percentiles per route, filings accepted but not stored, messages sent but not received or
 * received twice (by Message-ID at the SMTP server), and per-process CPU and memory from samples.
 */

/** Nearest-rank percentile (q in 0–1) of an ascending array; NaN when empty. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

export interface RouteFigures {
  route: string;
  requests: number;
  ok: number;
  /** Non-2xx answers plus connection errors and timeouts. */
  errors: number;
  /** Requests sent again on another instance after a connection error (the balancer's retry). */
  retried: number;
  reqPerSec: number;
  /** Milliseconds, of the answered 2xx requests only. */
  p50: number;
  p99: number;
  max: number;
  /** Status codes and error names with their counts. */
  outcomes: Record<string, number>;
}

export interface RouteSamples {
  latenciesMs: number[];
  outcomes: Record<string, number>;
  retried: number;
}

/** One row per route, in the order given, over `seconds` of load. */
export function routeFigures(route: string, samples: RouteSamples, seconds: number): RouteFigures {
  const sorted = Float64Array.from(samples.latenciesMs).sort();
  const requests = Object.values(samples.outcomes).reduce((a, b) => a + b, 0);
  const ok = Object.entries(samples.outcomes)
    .filter(([code]) => /^2\d\d$/.test(code))
    .reduce((n, [, count]) => n + count, 0);
  return {
    route,
    requests,
    ok,
    errors: requests - ok,
    retried: samples.retried,
    reqPerSec: seconds > 0 ? ok / seconds : NaN,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    outcomes: samples.outcomes,
  };
}

export interface FilingTally {
  accepted: number;
  stored: number;
  /** Codes answered 201 that the database does not hold. */
  lost: string[];
}

/** Every code a 201 named must be in the database. */
export function tallyFilings(acceptedCodes: Iterable<string>, storedCodes: Iterable<string>): FilingTally {
  const stored = new Set(storedCodes);
  const accepted = [...new Set(acceptedCodes)];
  const lost = accepted.filter((code) => !stored.has(code));
  return { accepted: accepted.length, stored: accepted.length - lost.length, lost };
}

export interface MessageTally {
  /** Outbox rows marked sent. */
  sent: number;
  /** Of those, how many arrived at least once. */
  delivered: number;
  /** Sent rows whose Message-ID never arrived. */
  lost: string[];
  /** Extra copies of sent messages (a message received 3 times counts 2). */
  duplicates: number;
  /** duplicates ÷ sent (0 when nothing was sent). */
  duplicateRatio: number;
}

/** Sent rows' Message-IDs against what the SMTP server received (one entry per received message). */
export function tallyMessages(sentMessageIds: Iterable<string>, receivedMessageIds: Iterable<string>): MessageTally {
  const counts = new Map<string, number>();
  for (const id of receivedMessageIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const sent = [...new Set(sentMessageIds)];
  const lost: string[] = [];
  let duplicates = 0;
  for (const id of sent) {
    const n = counts.get(id) ?? 0;
    if (n === 0) lost.push(id);
    duplicates += Math.max(0, n - 1);
  }
  return { sent: sent.length, delivered: sent.length - lost.length, lost, duplicates, duplicateRatio: sent.length ? duplicates / sent.length : 0 };
}

export interface ProcessSample {
  /** ms since the epoch. */
  at: number;
  /** Cumulative CPU time (user + system) in ms, as /proc says at `at`. */
  cpuMs: number;
  rssBytes: number;
}

export interface ProcessFigures {
  /** Average share of one core over the samples (100 = one core busy the whole time). */
  cpuPercent: number;
  /** Highest share of one core between two consecutive samples. */
  cpuPercentMax: number;
  rssMaxBytes: number;
  rssLastBytes: number;
}

/**
 * CPU and memory of one process from its samples. A restarted process starts its CPU count
 * again at 0: a sample lower than the previous one is a new process, and its time counts from 0.
 */
export function processFigures(samples: ProcessSample[]): ProcessFigures | undefined {
  if (samples.length < 2) return undefined;
  let busyMs = 0;
  let maxShare = 0;
  for (let i = 1; i < samples.length; i++) {
    const [a, b] = [samples[i - 1], samples[i]];
    const used = b.cpuMs >= a.cpuMs ? b.cpuMs - a.cpuMs : b.cpuMs;
    busyMs += used;
    if (b.at > a.at) maxShare = Math.max(maxShare, used / (b.at - a.at));
  }
  const wallMs = samples[samples.length - 1].at - samples[0].at;
  return {
    cpuPercent: wallMs > 0 ? (busyMs / wallMs) * 100 : NaN,
    cpuPercentMax: maxShare * 100,
    rssMaxBytes: Math.max(...samples.map((s) => s.rssBytes)),
    rssLastBytes: samples[samples.length - 1].rssBytes,
  };
}

/** Picks a route by weight: `draw` in [0, 1). Weights need not add up to anything in particular. */
export function pickWeighted<T extends { weight: number }>(items: readonly T[], draw: number): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let point = draw * total;
  for (const item of items) {
    if (point < item.weight) return item;
    point -= item.weight;
  }
  return items[items.length - 1];
}
