import { chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { pgBinDir, postgresUser, runAsPostgres } from './pg-binaries';
import { freePort } from './redis-process';
import { waitFor } from './wait-for';

/** One server of the pair: its data directory and port on 127.0.0.1 (trust authentication, user postgres). */
export class PgServidor {
  readonly data: string;
  readonly log: string;

  constructor(
    readonly nombre: 'primario' | 'replica',
    readonly dir: string,
    readonly port: number,
  ) {
    this.data = join(dir, nombre);
    this.log = join(dir, `${nombre}.log`);
  }

  url(database: string): string {
    return `postgres://postgres:postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** One query on a connection of its own (for the test's checks and controls, never the app's pools). */
  async consultar<T>(database: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.url(database) });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
}

/**
 * A PostgreSQL primary and a streaming hot-standby replica of it, started from the machine's binaries on spare
 * loopback ports under a temporary directory (as the `postgres` OS user when running as root): `initdb` for the
 * primary (wal_level=replica), `pg_basebackup -R` for the replica, which then streams the primary's WAL as a
 * managed read replica does. For the tests and drills that need a replica (DATABASE_REPLICA_URL); the shared
 * 127.0.0.1:5432 is never touched. `detener()` stops both and removes the directory.
 */
export class PgPrimarioConReplica {
  /** Milliseconds from nothing to a replica accepting read-only connections (initdb, start, basebackup, start). */
  msArranque = 0;

  private constructor(
    readonly dir: string,
    readonly primario: PgServidor,
    readonly replica: PgServidor,
  ) {}

  static async iniciar(): Promise<PgPrimarioConReplica> {
    const inicio = Date.now();
    const dir = mkdtempSync(join(tmpdir(), 'reclamos-pg-replica-'));
    const par = new PgPrimarioConReplica(dir, new PgServidor('primario', dir, await freePort()), new PgServidor('replica', dir, await freePort()));
    try {
      par.arrancar();
      await waitFor('la réplica acepta lecturas', async () => {
        try {
          const [fila] = await par.replica.consultar<{ r: boolean }>('postgres', 'SELECT pg_is_in_recovery() AS r');
          return fila.r;
        } catch {
          return false;
        }
      }, 60_000, 200);
    } catch (error) {
      par.detener();
      throw error;
    }
    par.msArranque = Date.now() - inicio;
    return par;
  }

  private arrancar(): void {
    const bin = pgBinDir();
    const socket = join(this.dir, 'socket');
    mkdirSync(socket);
    if (process.getuid?.() === 0) {
      // mkdtemp makes a 0700 directory: the servers, run as `postgres`, write below it.
      const { uid, gid } = postgresUser();
      chownSync(this.dir, uid, gid);
      chownSync(socket, uid, gid);
    }
    // Test servers: no fsync (a crash of the machine loses nothing a test needs), small memory.
    const opciones = (s: PgServidor, extra: string[]) =>
      [`-p ${s.port}`, '-c listen_addresses=127.0.0.1', `-k ${socket}`, '-c max_connections=60', '-c shared_buffers=32MB', '-c fsync=off', ...extra].join(' ');
    const pgCtl = (s: PgServidor, extra: string[]) =>
      runAsPostgres(join(bin, 'pg_ctl'), ['-D', s.data, '-l', s.log, '-o', opciones(s, extra), '-w', '-t', '60', 'start']);

    runAsPostgres(join(bin, 'initdb'), ['-D', this.primario.data, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
    // initdb's pg_hba.conf already lets local loopback connections replicate (trust).
    pgCtl(this.primario, ['-c wal_level=replica', '-c max_wal_senders=4']);
    // -R: standby.signal and primary_conninfo, so the copy starts as a streaming standby; -X stream: the WAL written
    // while copying comes along.
    runAsPostgres(join(bin, 'pg_basebackup'), ['-h', '127.0.0.1', '-p', String(this.primario.port), '-U', 'postgres', '-D', this.replica.data, '-R', '-X', 'stream', '--no-sync']);
    // hot_standby_feedback: what the README recommends, so a long read on the replica is not cancelled by vacuum.
    pgCtl(this.replica, ['-c hot_standby=on', '-c hot_standby_feedback=on']);
  }

  /** A database on the primary, once the replica has it too. */
  async crearBase(nombre: string): Promise<void> {
    await this.primario.consultar('postgres', `CREATE DATABASE "${nombre}"`);
    await this.alcanzarPrimario();
  }

  /** Waits until the replica has replayed everything the primary has written so far; resolves with how long (ms). */
  async alcanzarPrimario(timeoutMs = 30_000): Promise<number> {
    const inicio = Date.now();
    const [{ lsn }] = await this.primario.consultar<{ lsn: string }>('postgres', 'SELECT pg_current_wal_lsn()::text AS lsn');
    await waitFor('la réplica alcanza al primario', async () => {
      const [{ alcanzo }] = await this.replica.consultar<{ alcanzo: boolean }>('postgres', 'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS alcanzo', [lsn]);
      return alcanzo;
    }, timeoutMs, 20);
    return Date.now() - inicio;
  }

  /** The replica stops applying WAL (it keeps receiving it): reads there see the past until `reanudar()`. */
  async pausar(): Promise<void> {
    await this.replica.consultar('postgres', 'SELECT pg_wal_replay_pause()');
    await waitFor('la réplica se detiene', async () => {
      const [{ estado }] = await this.replica.consultar<{ estado: string }>('postgres', 'SELECT pg_get_wal_replay_pause_state() AS estado');
      return estado === 'paused';
    });
  }

  async reanudar(): Promise<void> {
    await this.replica.consultar('postgres', 'SELECT pg_wal_replay_resume()');
  }

  /** Stops both servers (immediate: nothing to keep) and removes their directory. Safe to call twice. */
  detener(): void {
    const pgCtl = join(pgBinDir(), 'pg_ctl');
    for (const s of [this.replica, this.primario]) {
      try {
        runAsPostgres(pgCtl, ['-D', s.data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Not started, or already stopped.
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
