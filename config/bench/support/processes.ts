/**
 * Servers under test run as child processes, each with its own event loop as in
 * production. Every one started here is stopped when the bench ends, fails or is
 * interrupted (Ctrl-C), so no server outlives `npm run bench`.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { REPO_ROOT } from './bench-env';

export interface ServerSpec {
  name: string;
  /** Arguments for `node` (the current executable): flags, then the script. */
  nodeArgs: string[];
  env: NodeJS.ProcessEnv;
  port: number;
  /** Answers 200 once the server can take the load (database and all). */
  healthPath: string;
  logFile: string;
  startTimeoutMs?: number;
}

export interface RunningServer {
  name: string;
  baseUrl: string;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(sin registro)';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    running.delete(child);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      running.delete(child);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startServer(spec: ServerSpec): Promise<RunningServer> {
  mkdirSync(dirname(spec.logFile), { recursive: true });
  const log = openSync(spec.logFile, 'w');
  const child = spawn(process.execPath, spec.nodeArgs, {
    cwd: REPO_ROOT,
    env: spec.env,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  running.add(child);
  let exited = false;
  child.once('exit', () => {
    exited = true;
    running.delete(child);
  });

  const baseUrl = `http://127.0.0.1:${spec.port}`;
  const deadline = Date.now() + (spec.startTimeoutMs ?? 60_000);
  while (!(await healthy(`${baseUrl}${spec.healthPath}`))) {
    if (exited || Date.now() > deadline) {
      await stopChild(child);
      throw new Error(
        `${spec.name} no ${exited ? 'arrancó (terminó al iniciar)' : 'respondió a tiempo'}; últimas líneas de ${spec.logFile}:\n${tail(spec.logFile)}`,
      );
    }
    await sleep(200);
  }
  return { name: spec.name, baseUrl, pid: child.pid!, logFile: spec.logFile, stop: () => stopChild(child) };
}

/** Stops every server still running (end of the bench, an error, or a signal). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child)));
}

// Last resort if the runner dies without the orderly stop: no orphan servers.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`\n[bench] ${signal}: deteniendo los servidores…\n`);
    void stopAllServers().finally(() => process.exit(130));
  });
}
