/**
 * `npm run bench` (through config/scripts/bench.sh, which prepares the services, the
 * reclamos_bench database and the build). Runs every part, or only those named:
 *
 *   npm run bench                 # all parts
 *   npm run bench -- filing       # one part
 *
 * Exit code 1 when a part could not measure (failed requests, a server that did not
 * start…); a missed aim is printed but is not a failure: it is a measurement.
 * Results: .local/bench/<part>.json.
 */
import { cpus, loadavg } from 'node:os';
import { exportsBench } from './exports.bench';
import { figuresBench } from './figures.bench';
import { filingBench } from './filing.bench';
import { notificationsBench } from './notifications.bench';
import { sweepBench } from './sweep.bench';
import { BenchPart, BenchPartResult } from './support/part';
import { stopAllServers } from './support/processes';

/** In order. Later parts (deadline sweep, notifications) are added here. */
const PARTS: BenchPart[] = [filingBench, sweepBench, notificationsBench, figuresBench, exportsBench];

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !PARTS.some((p) => p.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`[bench] partes desconocidas: ${unknown.join(', ')}; disponibles: ${PARTS.map((p) => p.name).join(', ')}\n`);
    return 2;
  }
  const parts = wanted.length > 0 ? PARTS.filter((p) => wanted.includes(p.name)) : PARTS;
  const [load1] = loadavg();
  const cores = cpus().length;
  process.stderr.write(
    `[bench] ${cores} CPU, carga media ${load1.toFixed(2)}: las cifras valen para esta máquina y este momento; ` +
      'servidores, PostgreSQL y el generador de carga comparten los mismos núcleos.\n',
  );
  if (load1 > cores * 0.5) {
    process.stderr.write(
      `[bench] ATENCIÓN: la máquina ya estaba ocupada (carga ${load1.toFixed(2)} con ${cores} CPU): ` +
        'las cifras saldrán peores y más variables; repita con la máquina en reposo.\n',
    );
  }

  const outcomes: Array<{ part: BenchPart; result: BenchPartResult }> = [];
  for (const part of parts) {
    process.stdout.write(`\n=== ${part.name}: ${part.title}\n`);
    const started = Date.now();
    try {
      outcomes.push({ part, result: await part.run() });
    } catch (error) {
      process.stderr.write(`[bench] ${part.name} falló: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      outcomes.push({ part, result: { ok: false, misses: [] } });
    } finally {
      await stopAllServers();
    }
    process.stderr.write(`[bench] ${part.name}: ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }

  process.stdout.write('\n=== resumen\n');
  for (const { part, result } of outcomes) {
    const status = !result.ok ? 'ERROR' : result.misses.length > 0 ? 'MISS' : 'PASS';
    process.stdout.write(`  ${part.name.padEnd(14)} ${status}${result.misses.length ? `  (${result.misses.join('; ')})` : ''}${result.file ? `  → ${result.file}` : ''}\n`);
  }
  return outcomes.every((o) => o.result.ok) ? 0 : 1;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch(async (error: unknown) => {
    process.stderr.write(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    await stopAllServers();
    process.exitCode = 1;
  });
