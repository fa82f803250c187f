import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { freePort } from './redis-process';
import { waitFor } from './wait-for';

const run = promisify(execFile);

/**
 * A Redis Cluster of `masters` masters (no replicas) from the system's redis-server, on spare loopback
 * ports under a temporary directory: the shared Redis is never touched. Used by the cluster test and the
 * cluster drill. `extraArgs` go to every node (e.g. `--appendonly yes --appendfsync everysec`).
 */
export class RedisCluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'reclamos-cluster-'));
  ports: number[] = [];
  private readonly children: ChildProcess[] = [];

  constructor(
    private readonly masters = 3,
    private readonly extraArgs: string[] = ['--save', '', '--appendonly', 'no'],
  ) {}

  /** REDIS_CLUSTER_NODES for the apps: `127.0.0.1:p1,127.0.0.1:p2,…`. */
  get nodes(): string {
    return this.ports.map((p) => `127.0.0.1:${p}`).join(',');
  }

  /** One client per node (the caller disconnects them). */
  clients(): Redis[] {
    return this.ports.map((p) => new Redis(p, '127.0.0.1', { lazyConnect: false, maxRetriesPerRequest: 1 }));
  }

  async start(): Promise<void> {
    for (let i = 0; i < this.masters; i++) this.ports.push(await freePort());
    for (const port of this.ports) {
      this.children.push(
        spawn(
          '/usr/bin/redis-server',
          ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--dir', this.dir,
            '--appendfilename', `aof-${port}.aof`, '--appenddirname', `aof-${port}`, ...this.extraArgs],
          { stdio: 'ignore' },
        ),
      );
    }
    await this.untilAll('los redis-server del cluster', async (c) => (await c.ping()) === 'PONG');
    await run('redis-cli', ['--cluster', 'create', ...this.ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes']);
    await this.untilAll('el cluster en estado ok', async (c) => (await c.cluster('INFO')).includes('cluster_state:ok'));
  }

  private async untilAll(what: string, check: (c: Redis) => Promise<boolean>): Promise<void> {
    await waitFor(what, async () => {
      const clients = this.ports.map((p) => new Redis(p, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null }));
      try {
        return (await Promise.all(clients.map(async (c) => {
          c.on('error', () => undefined);
          await c.connect();
          return check(c);
        }).map((p) => p.catch(() => false)))).every(Boolean);
      } finally {
        clients.forEach((c) => c.disconnect());
      }
    }, 60_000);
  }

  stop(): void {
    for (const child of this.children) child.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
