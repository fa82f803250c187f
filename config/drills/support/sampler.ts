/**
 * Resource use during a drill, sampled every second: each app process's CPU time and RSS from
 * /proc/<pid>/stat and /proc/<pid>/status (Linux); PostgreSQL as its postmaster and every backend
 * under it (the same /proc figures, summed), plus pg_stat_database's counters and pg_stat_activity's
 * sessions; Redis from INFO (its own CPU and memory counters). A process restarted by a drill is
 * followed under its new pid.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import Redis from 'ioredis';
import { Client, PgClient } from '../../bench/support/pg';
import { ProcessFigures, processFigures, ProcessSample } from './tally';

let ticks: number | undefined;
function clockTicks(): number {
  try {
    ticks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    ticks = 100;
  }
  return ticks;
}

/** CPU ms and RSS bytes of one process now, or undefined when it is gone. */
function procOf(pid: number): { cpuMs: number; rssBytes: number; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: the fields after it start past the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return { cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks(), rssBytes: rssKb * 1024, ppid: Number(fields[1]) };
  } catch {
    return undefined;
  }
}

/**
 * A process and all its children (the postmaster and its backends). Backends come and go, and a
 * plain sum would drop when one exits: the CPU is the running total of each pid's increase since
 * the previous sample (a pid not seen before counts from when it was first seen).
 */
class TreeCounter {
  private readonly previous = new Map<number, number>();
  private total = 0;

  read(rootPid: number): { cpuMs: number; rssBytes: number } | undefined {
    const root = procOf(rootPid);
    if (!root) return undefined;
    const members = new Map<number, { cpuMs: number; rssBytes: number }>([[rootPid, root]]);
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const child = procOf(Number(entry));
      if (child && child.ppid === rootPid) members.set(Number(entry), child);
    }
    let rssBytes = 0;
    for (const [pid, figures] of members) {
      const before = this.previous.get(pid);
      if (before !== undefined && figures.cpuMs >= before) this.total += figures.cpuMs - before;
      this.previous.set(pid, figures.cpuMs);
      rssBytes += figures.rssBytes;
    }
    for (const pid of [...this.previous.keys()]) if (!members.has(pid)) this.previous.delete(pid);
    return { cpuMs: this.total, rssBytes };
  }
}

export interface Watched {
  name: string;
  /** The pid now (changes when the drill restarts the process); undefined while it is down. */
  pid(): number | undefined;
  /** Sum the process's children too (PostgreSQL's backends). */
  tree?: boolean;
}

interface PgCounters {
  xact_commit: number;
  xact_rollback: number;
  blks_read: number;
  blks_hit: number;
  tup_inserted: number;
  tup_updated: number;
  deadlocks: number;
  temp_bytes: number;
}

export interface ResourceReport {
  seconds: number;
  loadAverage: { before: number[]; after: number[] };
  processes: Record<string, ProcessFigures | undefined>;
  postgres: {
    /** Counter deltas of the drills' database over the run (absent when PostgreSQL was restarted: they reset). */
    counters?: Record<string, number>;
    cacheHitRatio?: number;
    sessionsMax: number;
    activeAvg: number;
    databaseBytes?: number;
    /** The commonest things active sessions were found doing (average sessions at once). */
    activeTop: Array<{ what: string; sessions: number }>;
  };
  redis: { cpuPercent?: number; usedMemoryMaxBytes: number; usedMemoryRssMaxBytes: number; opsPerSecAvg: number; clientsMax: number };
}

/** Samples until `stop()`; the report covers the time between start and stop. */
export class ResourceSampler {
  private readonly samples = new Map<string, ProcessSample[]>();
  private readonly trees = new Map<string, TreeCounter>();
  private timer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private loadBefore: number[] = [];
  private pgBefore?: PgCounters;
  private pgSessionsMax = 0;
  private pgActiveSum = 0;
  private pgSamples = 0;
  /** What active sessions were doing, summed over the samples: wait event (or CPU) and the statement's start. */
  private readonly pgWaits = new Map<string, number>();
  private redisCpuBefore?: number;
  private redisCpuAfter?: number;
  private redisMem = { used: 0, rss: 0, opsSum: 0, n: 0, clients: 0 };
  private readonly redis: Redis;

  constructor(
    private readonly watched: Watched[],
    private readonly databaseUrl: string,
    redisUrl: string,
  ) {
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true, retryStrategy: () => 500 });
    this.redis.on('error', () => undefined);
  }

  async start(): Promise<void> {
    await this.redis.connect().catch(() => undefined);
    this.startedAt = Date.now();
    this.loadBefore = loadavg();
    this.pgBefore = await this.pgCounters();
    this.redisCpuBefore = (await this.redisInfo())?.cpu;
    const tick = async (): Promise<void> => {
      await this.sample();
      if (this.timer) this.timer = setTimeout(() => void tick(), 1_000);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  private async sample(): Promise<void> {
    const at = Date.now();
    for (const w of this.watched) {
      const pid = w.pid();
      if (w.tree && !this.trees.has(w.name)) this.trees.set(w.name, new TreeCounter());
      const figures = pid === undefined ? undefined : w.tree ? this.trees.get(w.name)!.read(pid) : procOf(pid);
      if (!figures) continue;
      const list = this.samples.get(w.name) ?? [];
      list.push({ at, cpuMs: figures.cpuMs, rssBytes: figures.rssBytes });
      this.samples.set(w.name, list);
    }
    await this.withDb(async (db) => {
      const { rows } = await db.query<{ total: number; active: number }>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE state = 'active')::int AS active
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      this.pgSessionsMax = Math.max(this.pgSessionsMax, rows[0].total);
      this.pgActiveSum += rows[0].active;
      this.pgSamples += 1;
      const doing = await db.query<{ what: string; n: number }>(
        `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') || ' — ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS what, count(*)::int AS n
           FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' GROUP BY 1`,
      );
      for (const row of doing.rows) this.pgWaits.set(row.what, (this.pgWaits.get(row.what) ?? 0) + row.n);
    });
    const info = await this.redisInfo();
    if (info) {
      this.redisCpuAfter = info.cpu;
      this.redisMem.used = Math.max(this.redisMem.used, info.used);
      this.redisMem.rss = Math.max(this.redisMem.rss, info.rss);
      this.redisMem.opsSum += info.ops;
      this.redisMem.n += 1;
      this.redisMem.clients = Math.max(this.redisMem.clients, info.clients);
    }
  }

  private async withDb<T>(work: (db: PgClient) => Promise<T>): Promise<T | undefined> {
    const db = new Client({ connectionString: this.databaseUrl, application_name: 'drills-sampler' });
    try {
      await db.connect();
      return await work(db);
    } catch {
      return undefined; // PostgreSQL restarting: this second has no database sample.
    } finally {
      await db.end().catch(() => undefined);
    }
  }

  private pgCounters(): Promise<PgCounters | undefined> {
    return this.withDb(async (db) => {
      const { rows } = await db.query<Record<keyof PgCounters, string>>(
        `SELECT xact_commit, xact_rollback, blks_read, blks_hit, tup_inserted, tup_updated, deadlocks, temp_bytes
           FROM pg_stat_database WHERE datname = current_database()`,
      );
      return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)])) as unknown as PgCounters;
    });
  }

  private async redisInfo(): Promise<{ cpu: number; used: number; rss: number; ops: number; clients: number } | undefined> {
    try {
      const text = await this.redis.info();
      const num = (key: string) => Number(new RegExp(`^${key}:([\\d.]+)`, 'm').exec(text)?.[1] ?? NaN);
      return {
        cpu: (num('used_cpu_user') + num('used_cpu_sys')) * 1000,
        used: num('used_memory'),
        rss: num('used_memory_rss'),
        ops: num('instantaneous_ops_per_sec'),
        clients: num('connected_clients'),
      };
    } catch {
      return undefined; // Redis down (a drill killed it).
    }
  }

  async stop(): Promise<ResourceReport> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.sample();
    const seconds = (Date.now() - this.startedAt) / 1000;
    const pgAfter = await this.pgCounters();
    const databaseBytes = await this.withDb(async (db) => Number((await db.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n')).rows[0].n));
    let counters: Record<string, number> | undefined;
    if (this.pgBefore && pgAfter && pgAfter.xact_commit >= this.pgBefore.xact_commit) {
      const before = this.pgBefore;
      counters = Object.fromEntries(Object.entries(pgAfter).map(([k, v]) => [k, v - before[k as keyof PgCounters]]));
    }
    const hit = counters ? counters.blks_hit / Math.max(1, counters.blks_hit + counters.blks_read) : undefined;
    // Redis's CPU counter starts again at 0 after a restart: then only the time since is known.
    const redisCpuMs =
      this.redisCpuBefore !== undefined && this.redisCpuAfter !== undefined
        ? this.redisCpuAfter >= this.redisCpuBefore
          ? this.redisCpuAfter - this.redisCpuBefore
          : this.redisCpuAfter
        : undefined;
    this.redis.disconnect();
    return {
      seconds,
      loadAverage: { before: this.loadBefore.map(round2), after: loadavg().map(round2) },
      processes: Object.fromEntries(this.watched.map((w) => [w.name, processFigures(this.samples.get(w.name) ?? [])])),
      postgres: {
        counters,
        cacheHitRatio: hit,
        sessionsMax: this.pgSessionsMax,
        activeAvg: this.pgActiveSum / Math.max(1, this.pgSamples),
        databaseBytes,
        activeTop: [...this.pgWaits.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 6)
          .map(([what, n]) => ({ what, sessions: n / Math.max(1, this.pgSamples) })),
      },
      redis: {
        cpuPercent: redisCpuMs !== undefined ? (redisCpuMs / (seconds * 1000)) * 100 : undefined,
        usedMemoryMaxBytes: this.redisMem.used,
        usedMemoryRssMaxBytes: this.redisMem.rss,
        opsPerSecAvg: this.redisMem.opsSum / Math.max(1, this.redisMem.n),
        clientsMax: this.redisMem.clients,
      },
    };
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;
