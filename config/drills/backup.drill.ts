/**
 * Drill `backup`: `npm run backup` while the citizen app keeps taking filings, then `npm run restore`
 * into a new database (on the drills' own PostgreSQL) and a new directory, which verifies every audit
 * chain and every attachment's size and SHA-256. The data: a year of demo history (the platform's own
 * writers) and DRILLS_BACKUP_FILINGS filings with a PDF each (default 300) before the copy, and filings
 * at DRILLS_BACKUP_RATE per second (default 5) during it.
 *
 * Checks: the restore exits 0 (copy verified); every filing answered 201 before the copy started is in the
 * restored database with its file; the restored row counts are at most the manifest's (it counts after
 * pg_dump); the files in the copy cover every attachment row it holds.
 * Reports the copy's and the restore's time and size.
 */
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { addDays, limaDateOf } from '@app/calendar';
import { buildDataSourceOptions } from '@app/persistence';
import { ENTIDADES_DEMO } from '@app/persistence/seed';
import { LocalDirectoryStorage } from '@app/storage';
import { REPO_ROOT } from '../bench/support/bench-env';
import { cargarHistorial } from '../demo/historial/historial';
import { reclamosDelAnio } from '../demo/historial/volumen';
import { filingForm } from './support/mix';
import { envNumber, fixed, markdownTable, mb, sleep, writeReport } from './support/common';
import { DrillStack, log } from './support/stack';

const run = promisify(execFile);

interface Filed {
  codigo: string;
  at: number;
}

/** Sends filings with a PDF to `baseUrl` at `rate` per second until `stop()`; keeps what was answered 201 and when. */
function fileAtRate(baseUrl: string, rate: number): { count(): number; stop(): Promise<{ filed: Filed[]; errors: number }> } {
  const filed: Filed[] = [];
  let errors = 0;
  const inFlight = new Set<Promise<void>>();
  const send = async (): Promise<void> => {
    const form = filingForm();
    try {
      const response = await fetch(`${baseUrl}/api/v1/reclamos`, { method: 'POST', headers: { 'content-type': form.contentType }, body: form.body });
      const text = await response.text();
      if (response.status === 201) filed.push({ codigo: (JSON.parse(text) as { codigo: string }).codigo, at: Date.now() });
      else errors += 1;
    } catch {
      errors += 1;
    }
  };
  const timer = setInterval(() => {
    const p = send().finally(() => inFlight.delete(p));
    inFlight.add(p);
  }, 1000 / rate);
  return {
    count: () => filed.length,
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      return { filed, errors };
    },
  };
}

async function script(name: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  try {
    const { stdout, stderr } = await run('bash', [join(REPO_ROOT, 'config', 'scripts', name), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_OPTIONS: '', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr, ms: Date.now() - started };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr, ms: Date.now() - started };
  }
}

export async function backupDrill(): Promise<boolean> {
  const filings = envNumber('DRILLS_BACKUP_FILINGS', 300);
  const rate = envNumber('DRILLS_BACKUP_RATE', 5);
  const stack = new DrillStack({ citizenInstances: 1, backofficeInstances: 0 });
  let ds: DataSource | null = null;
  let restored: DataSource | null = null;
  try {
    await stack.start();
    ds = new DataSource(buildDataSourceOptions(stack.databaseUrl, 2));
    await ds.initialize();
    const hasta = addDays(limaDateOf(new Date()), -1);
    log('historial de demostración (un año, escritores de la plataforma)…');
    const historial = await cargarHistorial(ds, {
      hasta,
      entidades: ENTIDADES_DEMO.map((e) => ({ codigo: e.codigo, reclamos: reclamosDelAnio(e) })),
      dominioMensajes: 'simulacro.reclamos.gob.pe',
      storage: new LocalDirectoryStorage(stack.storageDir),
    });
    log(`${filings} presentaciones con un PDF antes de la copia…`);
    const before = fileAtRate(stack.citizens[0].baseUrl, 20);
    while (before.count() < filings) await sleep(200);
    const antes = await before.stop();

    log(`copia (npm run backup) con presentaciones a ${rate}/s en curso…`);
    const during = fileAtRate(stack.citizens[0].baseUrl, rate);
    await sleep(1000);
    const copia = await script('backup.sh', [join(stack.dir, 'copias')], { DATABASE_URL: stack.databaseUrl, STORAGE_DIR: stack.storageDir });
    await sleep(1000);
    const durante = await during.stop();
    if (copia.code !== 0) throw new Error(`npm run backup terminó con ${copia.code}: ${copia.stderr.slice(-2000)}`);
    const dir = copia.stdout.trim().split('\n').pop()!;
    const manifiesto = JSON.parse(readFileSync(join(dir, 'manifiesto.json'), 'utf8')) as { filas: Record<string, number>; archivosAdjuntos: number };

    log('restauración (npm run restore) en una base y un directorio nuevos…');
    const urlRestaurada = stack.pg.url('reclamos_restaurada');
    const destino = join(stack.dir, 'adjuntos-restaurados');
    const restore = await script('restore.sh', [dir], { DATABASE_URL: urlRestaurada, STORAGE_DIR: destino, NODE_ENV: 'development' });
    const resumen = restore.stdout.split('\n').find((l) => /reclamos, \d+ eventos; auditoría/.test(l)) ?? '';

    restored = new DataSource(buildDataSourceOptions(urlRestaurada, 2));
    await restored.initialize();
    const [conteo] = await restored.query<Array<Record<string, number>>>(
      `SELECT (SELECT count(*)::int FROM reclamo) AS reclamo, (SELECT count(*)::int FROM reclamo_evento) AS reclamo_evento,
              (SELECT count(*)::int FROM auditoria) AS auditoria, (SELECT count(*)::int FROM adjunto) AS adjunto`,
    );
    const antesCodigos = antes.filed.map((f) => f.codigo);
    const [{ presentes, conArchivo }] = await restored.query<Array<{ presentes: number; conArchivo: number }>>(
      `SELECT count(*)::int AS presentes, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM adjunto a WHERE a.reclamo_id = r.id))::int AS "conArchivo"
         FROM reclamo r WHERE codigo = ANY ($1::text[])`,
      [antesCodigos],
    );
    const duranteEnCopia = Number(
      (await restored.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM reclamo WHERE codigo = ANY ($1::text[])`, [durante.filed.map((f) => f.codigo)]))[0].n,
    );
    // The manifest counts after pg_dump, so filings committed during the copy are counted there and not in it:
    // the restored rows are at most the manifest's (equal when nothing was filed meanwhile).
    const mismos = (['reclamo', 'reclamo_evento', 'auditoria', 'adjunto'] as const).every((t) => conteo[t] <= manifiesto.filas[t]);
    const size = (f: string) => statSync(join(dir, f)).size;

    const checks: Array<[string, string, string, boolean]> = [
      ['restore (verifica cadenas y adjuntos) termina en 0', `${restore.code}: ${resumen}`, '0', restore.code === 0],
      ['presentaciones 201 antes de la copia que están en la restaurada', `${presentes} de ${antesCodigos.length}`, String(antesCodigos.length), presentes === antesCodigos.length],
      ['…con su archivo', `${conArchivo} de ${antesCodigos.length}`, String(antesCodigos.length), conArchivo === antesCodigos.length],
      ['filas restauradas ≤ filas del manifiesto (contadas tras pg_dump)', Object.entries(conteo).map(([k, v]) => `${k} ${v}`).join(', '), '≤', mismos],
      ['errores de las presentaciones durante la copia', String(durante.errors + antes.errors), '0', durante.errors + antes.errors === 0],
    ];
    const ok = checks.every((c) => c[3]);
    const markdown = [
      `## Simulacro de copia y restauración — ${new Date().toISOString()}`,
      '',
      `Datos: ${historial.reclamos} reclamos de historial y ${antesCodigos.length} presentaciones con PDF; durante la copia, ${durante.filed.length} presentaciones más a ${rate}/s ` +
        `(${duranteEnCopia} quedaron dentro de la copia: las confirmadas antes de la instantánea de pg_dump).`,
      '',
      markdownTable(
        ['medida', 'valor'],
        [
          ['copia (pg_dump custom + tar de adjuntos + manifiesto)', `${fixed(copia.ms / 1000, 1)} s`],
          ['base.dump / adjuntos.tar', `${mb(size('base.dump'))} MB / ${mb(size('adjuntos.tar'))} MB (${manifiesto.archivosAdjuntos} archivos)`],
          ['restauración + verificación (cadenas y SHA-256 de cada adjunto)', `${fixed(restore.ms / 1000, 1)} s`],
        ],
      ),
      '',
      markdownTable(['comprobación', 'valor', 'meta', ''], checks.map(([a, b, c, d]) => [a, b, c, d ? 'PASS' : 'FAIL'])),
      '',
      `Resultado: **${ok ? 'PASS' : 'FAIL'}**`,
    ].join('\n');
    writeReport('backup', markdown, {
      part: 'backup',
      finishedAt: new Date().toISOString(),
      settings: { filings, rate },
      copiaMs: copia.ms,
      restoreMs: restore.ms,
      manifiesto,
      restaurado: conteo,
      restoreStdout: restore.stdout.slice(-4000),
      restoreStderr: restore.stderr.slice(-4000),
      checks: checks.map(([medida, valor, meta, pasa]) => ({ medida, valor, meta, pasa })),
      ok,
    });
    return ok;
  } finally {
    await restored?.destroy();
    await ds?.destroy();
    await stack.stop();
  }
}
