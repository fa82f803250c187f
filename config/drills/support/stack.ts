/**
 * The drills' own deployment on this machine: a PostgreSQL cluster (initdb from the machine's
 * binaries) and a redis-server (AOF on) on spare loopback ports under a temporary directory, an
 * SMTP server in this process that keeps every message it accepts, and the three apps from the
 * build as real processes (two citizen and two back-office instances behind this process acting as
 * the balancer, one worker). The shared servers on 5432/6379 are never touched: the drills kill and
 * restart these ones.
 */
import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectionOptions } from 'bullmq';
import Redis, { Cluster, RedisOptions } from 'ioredis';
import S3rver from 's3rver';
import { asPostgres, pgBinDir, postgresUser, runAsPostgres } from '../../../test/support/pg-binaries';
import { RedisCluster } from '../../../test/support/redis-cluster';
import { RedisProcess, freePort } from '../../../test/support/redis-process';
import { SmtpMailbox } from '../../../test/support/smtp-mailbox';
import { REPO_ROOT } from '../../bench/support/bench-env';

export const DRILLS_DIR = join(REPO_ROOT, '.local', 'drills');
const LOG_DIR = join(DRILLS_DIR, 'logs');
const SESSION_SECRET = 'drills-solo-para-simulacros-locales-0123456789abcdef';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const log = (message: string): void => {
  process.stderr.write(`[drills] ${message}\n`);
};

const run = runAsPostgres;

/** A PostgreSQL cluster of the drills' own, in `dir/pg`, listening on 127.0.0.1:`port`. */
export class PgCluster {
  readonly bin = pgBinDir();
  readonly data: string;
  readonly socketDir: string;
  readonly logFile: string;

  constructor(
    readonly dir: string,
    readonly port: number,
  ) {
    this.data = join(dir, 'pg');
    this.socketDir = join(dir, 'pg-socket');
    this.logFile = join(dir, 'postgres.log');
  }

  url(database: string): string {
    return `postgres://postgres:postgres@127.0.0.1:${this.port}/${database}`;
  }

  init(): void {
    for (const d of [this.data, this.socketDir]) mkdirSync(d, { recursive: true });
    if (process.getuid?.() === 0) {
      const { uid, gid } = postgresUser();
      for (const d of [this.data, this.socketDir]) chownSync(d, uid, gid);
      closeSync(openSync(this.logFile, 'a'));
      chownSync(this.logFile, uid, gid);
    }
    run(join(this.bin, 'initdb'), ['-D', this.data, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  }

  /**
   * This cluster's data as a streaming replica of `primary`: `pg_basebackup -R` writes the base copy and
   * the standby settings (primary_conninfo, standby.signal). initdb's pg_hba already lets local
   * replication connections in with trust, and wal_level is `replica` by default.
   */
  initAsReplicaOf(primary: PgCluster): void {
    for (const d of [this.socketDir]) mkdirSync(d, { recursive: true });
    mkdirSync(this.dir, { recursive: true });
    if (process.getuid?.() === 0) {
      const { uid, gid } = postgresUser();
      chownSync(this.dir, uid, gid);
      chownSync(this.socketDir, uid, gid);
      closeSync(openSync(this.logFile, 'a'));
      chownSync(this.logFile, uid, gid);
    }
    run(join(this.bin, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', this.data, '-R', '-X', 'stream', '--no-sync']);
  }

  private options(): string {
    // Modest, production-like settings; fsync on so a restart is a real one.
    return [`-p ${this.port}`, '-c listen_addresses=127.0.0.1', `-k ${this.socketDir}`, '-c max_connections=200', '-c shared_buffers=128MB'].join(' ');
  }

  start(): void {
    run(join(this.bin, 'pg_ctl'), ['-D', this.data, '-l', this.logFile, '-o', this.options(), '-w', '-t', '60', 'start']);
  }

  /**
   * `pg_ctl restart -m fast`: every session is cut, the server comes back on the same data. Not
   * blocking: the load keeps being sent from this process meanwhile.
   */
  async restart(): Promise<void> {
    const [cmd, argv] = asPostgres(join(this.bin, 'pg_ctl'), ['-D', this.data, '-l', this.logFile, '-o', this.options(), '-m', 'fast', '-w', '-t', '60', 'restart']);
    await promisify(execFile)(cmd, argv, { cwd: '/' });
  }

  stop(): void {
    try {
      run(join(this.bin, 'pg_ctl'), ['-D', this.data, '-m', 'fast', '-w', 'stop']);
    } catch {
      // Already stopped.
    }
  }

  /** The postmaster's pid (first line of postmaster.pid), or undefined while it is down. */
  postmasterPid(): number | undefined {
    try {
      return Number(readFileSync(join(this.data, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
    } catch {
      return undefined;
    }
  }
}


export type AppName = 'citizen' | 'backoffice' | 'worker';

/** One app process from dist/, restartable; its log is appended to .local/drills/logs/<name>.log. */
export class AppProcess {
  private child: ChildProcess | null = null;
  readonly logFile: string;

  constructor(
    readonly name: string,
    readonly app: AppName,
    readonly env: NodeJS.ProcessEnv,
    /** HTTP port; 0 for the worker, which has none. */
    readonly port: number,
  ) {
    this.logFile = join(LOG_DIR, `${name}.log`);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process and resolves when it is ready: /health/ready 200, or the worker's start line. */
  async start(timeoutMs = 90_000): Promise<number> {
    mkdirSync(LOG_DIR, { recursive: true });
    const logStart = existsSync(this.logFile) ? readFileSync(this.logFile).length : 0;
    const fd = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, ['--enable-source-maps', join(REPO_ROOT, 'dist', 'apps', this.app, 'src', 'main.js')], {
      cwd: REPO_ROOT,
      env: this.env,
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    this.child = child;
    children.add(child);
    child.once('exit', () => children.delete(child));
    const started = Date.now();
    while (!(await this.ready(logStart))) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${this.name} terminó al arrancar; vea ${this.logFile}`);
      // Still starting: the caller may keep waiting on ready() (a loaded machine starts Nest slowly).
      if (Date.now() - started > timeoutMs) throw new Error(`${this.name} no estuvo listo en ${timeoutMs / 1000} s; vea ${this.logFile}`);
      await sleep(100);
    }
    return Date.now() - started;
  }

  /** Ready now: for an HTTP app, /health/ready answers 200. */
  async ready(logStart = 0): Promise<boolean> {
    if (this.app === 'worker') {
      try {
        return readFileSync(this.logFile).subarray(logStart).includes('Worker iniciado');
      } catch {
        return false;
      }
    }
    return (await healthStatus(`${this.baseUrl}/health/ready`)) === 200;
  }

  /** Sends `signal` and waits for the exit; returns how long it took and how it ended. */
  async signal(signal: NodeJS.Signals, graceMs = 30_000): Promise<{ ms: number; code: number | null; signal: string | null }> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return { ms: 0, code: child?.exitCode ?? null, signal: child?.signalCode ?? null };
    const started = Date.now();
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, sig) => resolve({ code, signal: sig })));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const outcome = await exited;
    clearTimeout(timer);
    return { ms: Date.now() - started, ...outcome };
  }
}

/** The status of a GET, or 0 when nothing answered within 2 s. */
export async function healthStatus(url: string): Promise<number> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

const children = new Set<ChildProcess>();

export interface StackOptions {
  citizenInstances: number;
  backofficeInstances: number;
  /** Worker processes (default 1): two show that jobs and schedules run once with more than one. */
  workers?: number;
  /** A Redis Cluster of three masters (AOF, everysec) instead of one redis-server. */
  redisCluster?: boolean;
  /** Attachments in an S3-compatible server (s3rver, in this process) instead of a local directory. */
  s3?: boolean;
  /** A streaming replica of the PostgreSQL (pg_basebackup -R) for the figures' reads (DATABASE_REPLICA_URL). */
  replica?: boolean;
}

/** What the drill process needs to reach the platform's queues: connection, key prefix, and how to let go. */
export interface QueueTarget {
  connection: ConnectionOptions;
  prefix: string;
  close(): void;
}

export const S3_BUCKET = 'reclamos-simulacro';
/** s3rver's fixed development credentials. */
export const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Everything a drill runs against; `stop()` leaves nothing running and removes the temporary directory. */
export class DrillStack {
  readonly dir = mkdtempSync(join(tmpdir(), 'reclamos-drills-'));
  readonly storageDir = join(this.dir, 'storage');
  pg!: PgCluster;
  replica: PgCluster | null = null;
  redis!: RedisProcess;
  cluster: RedisCluster | null = null;
  s3: { server: S3rver; endpoint: string } | null = null;
  readonly mailbox = new SmtpMailbox();
  citizens: AppProcess[] = [];
  backoffices: AppProcess[] = [];
  workers: AppProcess[] = [];
  databaseUrl = '';

  constructor(private readonly options: StackOptions) {}

  get apps(): AppProcess[] {
    return [...this.citizens, ...this.backoffices, ...this.workers];
  }

  /** The first worker (the one the fault drill kills). */
  get worker(): AppProcess {
    return this.workers[0];
  }

  async start(): Promise<void> {
    // The postgres OS user must reach its data directory inside ours.
    chmodSync(this.dir, 0o711);
    // Each run's logs alone: a process restarted by a drill appends to its own file.
    rmSync(LOG_DIR, { recursive: true, force: true });
    mkdirSync(this.storageDir, { recursive: true });
    this.pg = new PgCluster(this.dir, await freePort());
    log(`PostgreSQL propio: initdb en ${this.pg.data} (${this.pg.bin}), puerto ${this.pg.port}`);
    this.pg.init();
    this.pg.start();
    this.databaseUrl = this.pg.url('reclamos_drills');
    // AOF with fsync every second, as a production Redis would run: a SIGKILL may lose the last
    // second of queue writes, which the outbox's sweep must make up for.
    if (this.options.redisCluster) {
      this.cluster = new RedisCluster(3, ['--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '']);
      await this.cluster.start();
      log(`Redis Cluster propio (3 maestros, AOF everysec): ${this.cluster.nodes}`);
    } else {
      this.redis = new RedisProcess(await freePort(), ['--appendfsync', 'everysec']);
      await this.redis.start();
      log(`Redis propio (AOF, everysec) en ${this.redis.url}, directorio ${this.redis.dir}`);
    }
    if (this.options.s3) {
      const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: join(this.dir, 's3'), configureBuckets: [{ name: S3_BUCKET, configs: [] }] });
      const { port } = (await server.run()) as { port: number };
      this.s3 = { server, endpoint: `http://127.0.0.1:${port}` };
      log(`almacén S3 (s3rver) en ${this.s3.endpoint}, bucket ${S3_BUCKET}`);
    }
    await this.mailbox.start(0);
    log(`servidor SMTP (smtp-server) en 127.0.0.1:${this.mailbox.port}`);

    const env = { ...process.env, NODE_ENV: 'development', DATABASE_URL: this.databaseUrl };
    execFileSync(process.execPath, [join(REPO_ROOT, 'config', 'scripts', 'ensure-database.js'), this.databaseUrl], { cwd: REPO_ROOT, env, stdio: 'ignore' });
    log('migraciones y seed…');
    execFileSync('npm', ['run', '--silent', 'migration:run'], { cwd: REPO_ROOT, env, stdio: 'ignore' });
    execFileSync('npm', ['run', '--silent', 'seed'], { cwd: REPO_ROOT, env, stdio: 'ignore' });
    if (this.options.replica) {
      this.replica = new PgCluster(join(this.dir, 'replica'), await freePort());
      log(`réplica en streaming: pg_basebackup -R del primario, puerto ${this.replica.port}`);
      this.replica.initAsReplicaOf(this.pg);
      this.replica.start();
    }

    for (let i = 1; i <= this.options.citizenInstances; i++) {
      const port = await freePort();
      this.citizens.push(new AppProcess(`citizen-${i}`, 'citizen', this.appEnv(port), port));
    }
    for (let i = 1; i <= this.options.backofficeInstances; i++) {
      const port = await freePort();
      this.backoffices.push(new AppProcess(`backoffice-${i}`, 'backoffice', this.appEnv(port), port));
    }
    // Its start line is logged at info.
    const workers = this.options.workers ?? 1;
    for (let i = 1; i <= workers; i++) {
      this.workers.push(new AppProcess(workers === 1 ? 'worker' : `worker-${i}`, 'worker', { ...this.appEnv(0), LOG_LEVEL: 'info' }, 0));
    }
    log(`arrancando ${this.apps.map((a) => a.name).join(', ')}…`);
    await Promise.all(this.apps.map((a) => a.start()));
  }

  /**
   * The apps' environment: development mode as the bench (production's @fastify/view reads partials
   * as paths), a session secret of the drills, throttling off (every request comes from this one
   * address), SHUTDOWN_DRAIN_MS so a SIGTERMed instance leaves the balancer's rotation before it stops
   * accepting connections, and the notifications' timings shortened so a drill drains in seconds.
   */
  private appEnv(port: number): NodeJS.ProcessEnv {
    return {
      ...process.env,
      NODE_OPTIONS: '',
      NODE_ENV: 'development',
      SESSION_SECRET: SESSION_SECRET,
      DATABASE_URL: this.databaseUrl,
      ...(this.replica ? { DATABASE_REPLICA_URL: this.replica.url('reclamos_drills') } : {}),
      REDIS_URL: this.redisUrl,
      ...(this.cluster ? { REDIS_CLUSTER_NODES: this.cluster.nodes } : {}),
      ...(this.s3
        ? {
            STORAGE_DRIVER: 's3',
            S3_BUCKET,
            S3_ENDPOINT: this.s3.endpoint,
            S3_FORCE_PATH_STYLE: 'true',
            S3_REGION: 'us-east-1',
            S3_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
            S3_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
          }
        : {}),
      DB_POOL_SIZE: '10',
      HOST: '127.0.0.1',
      CITIZEN_PORT: String(port || 3000),
      BACKOFFICE_PORT: String(port || 3001),
      PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
      // One public address per app, as behind a balancer: instances differ only in their port.
      BACKOFFICE_BASE_URL: 'http://127.0.0.1:3001',
      STORAGE_DIR: this.storageDir,
      LOG_LEVEL: 'warn',
      THROTTLE_ENABLED: 'false',
      SHUTDOWN_DRAIN_MS: '1000',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(this.mailbox.port),
      SMTP_TIMEOUT_MS: '5000',
      NOTIFICATIONS_ATTEMPTS: '20',
      NOTIFICATIONS_BACKOFF_MS: '500',
      NOTIFICATIONS_RELAY_INTERVAL_MS: '250',
      NOTIFICATIONS_SWEEP_EVERY_MS: '2000',
      NOTIFICATIONS_CLAIM_TTL_MS: '10000',
      NOTIFICATIONS_LOCK_MS: '5000',
    };
  }

  /** The Redis URL (with a cluster, its first node's: what the sampler reads INFO from). */
  get redisUrl(): string {
    return this.cluster ? `redis://127.0.0.1:${this.cluster.ports[0]}/0` : this.redis.url;
  }

  /** A connection to the platform's queues as the apps see them: the server, or the cluster with the hash-tagged prefix. */
  queueConnection(extra: RedisOptions = {}): QueueTarget {
    if (this.cluster) {
      const { enableOfflineQueue, ...porNodo } = extra;
      const client = new Cluster(
        this.cluster.ports.map((port) => ({ host: '127.0.0.1', port })),
        { redisOptions: { maxRetriesPerRequest: null, ...porNodo }, ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }) },
      );
      client.on('error', () => undefined);
      return { connection: client, prefix: '{reclamos}', close: () => client.disconnect() };
    }
    const client = new Redis(this.redis.url, { maxRetriesPerRequest: null, ...extra });
    client.on('error', () => undefined);
    return { connection: client, prefix: 'reclamos', close: () => client.disconnect() };
  }

  async stop(): Promise<void> {
    await Promise.all(this.apps.filter(Boolean).map((a) => a.signal('SIGTERM', 10_000)));
    await this.mailbox.stop();
    await this.redis?.destroy();
    this.cluster?.stop();
    await this.s3?.server.close();
    this.replica?.stop();
    this.pg?.stop();
    if (!process.env.DRILLS_KEEP) rmSync(this.dir, { recursive: true, force: true });
    else log(`DRILLS_KEEP: se conserva ${this.dir}`);
  }
}

// Last resort if the runner dies without the orderly stop: no app outlives the drill.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
