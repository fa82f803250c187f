import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The machine's PostgreSQL binaries, for the tests and drills that start servers of their own (the shared
 * 127.0.0.1:5432 is never stopped or reconfigured).
 */

/** The newest PostgreSQL binaries on the machine (/usr/lib/postgresql/<major>/bin). */
export function pgBinDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => existsSync(join(root, d, 'bin', 'initdb'))) : [];
  majors.sort((a, b) => Number(b) - Number(a));
  if (majors.length === 0) throw new Error('no hay binarios de PostgreSQL en /usr/lib/postgresql/*/bin (initdb, pg_ctl)');
  return join(root, majors[0], 'bin');
}

/** initdb and postgres refuse to run as root: then they run as the `postgres` OS user. */
export function asPostgres(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** Runs a PostgreSQL binary (as `postgres` when root) and returns its stdout; throws with its stderr on failure. */
export function runAsPostgres(command: string, args: string[]): string {
  const [cmd, argv] = asPostgres(command, args);
  return execFileSync(cmd, argv, { cwd: '/', encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The `postgres` OS user's ids, to hand it the directories a server started as that user writes. */
export function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}
