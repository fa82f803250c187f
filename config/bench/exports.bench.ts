/**
 * Bench, part 5 — a long export: the figures' detail of one entity over five years, BENCH_EXPORTS_ROWS rows
 * of `cifra_diaria` (default 200,000: about 110 combinations of canal × aspecto × sede × unidad × servicio ×
 * tema a day for 1,826 days, far more than the busiest entity makes), written by the worker's use case
 * (GenerarExportacionUseCase) as CSV and as XLSX into a storage directory under .local/bench:
 *
 *   - wall time, rows per second and file size of each format
 *   - memory: each scenario runs in a process of its own (support/export-child.ts); its peak RSS above its RSS
 *     after start-up, at a quarter of the rows and at all of them (flat: it does not grow with the rows), against
 *     the same rows read into memory at once (what an export built inside the request would hold)
 *   - the baseline: the same cursor read with no file written, in the same run
 *
 * aims: live memory (what survives a full collection) above the process's own at start < 64 MB for either format,
 * whatever the rows; < 120 s for the XLSX. Peak RSS is reported too (it also counts garbage not yet collected).
 * The rollup rows are written straight into `cifra_diaria` (this part measures the export, not the rollups,
 * which the figures part measures). Everything it made is deleted at the end.
 */
import { fork } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH, OUTPUT_DIR, REPO_ROOT } from './support/bench-env';
import { BenchPart, BenchPartResult } from './support/part';
import { Client, PgClient } from './support/pg';
import { fixed, machine, table, writeResult } from './support/report';

const ROWS = Number(process.env.BENCH_EXPORTS_ROWS ?? 200_000);
const CODE = 'BEXP0001';
const DESDE = '2091-01-01';
const HASTA = '2095-12-31';
const AIM_EXTRA_MB = 64;
const AIM_XLSX_S = 120;
const STORAGE = join(OUTPUT_DIR, 'exportaciones');

const log = (message: string) => process.stderr.write(`[bench:exports] ${message}\n`);
const mb = (bytes: number): number => bytes / (1024 * 1024);

async function connect(): Promise<PgClient> {
  const db = new Client({ connectionString: BENCH.databaseUrl, application_name: 'bench-exports' });
  await db.connect();
  return db;
}

async function cleanUp(db: PgClient): Promise<void> {
  const entidad = `SELECT id FROM entidad WHERE codigo = '${CODE}'`;
  for (const sql of [
    `DELETE FROM exportacion WHERE entidad_id IN (${entidad})`,
    `DELETE FROM cifra_diaria WHERE entidad_id IN (${entidad})`,
    `DELETE FROM usuario WHERE entidad_id IN (${entidad})`,
    ...['sede', 'unidad_organica', 'servicio', 'tema'].map((t) => `DELETE FROM ${t} WHERE entidad_id IN (${entidad})`),
    `DELETE FROM entidad WHERE codigo = '${CODE}'`,
  ]) {
    await db.query(sql);
  }
  rmSync(STORAGE, { recursive: true, force: true });
}

/**
 * One entity with 10 sedes, 20 unidades, 15 servicios and 12 temas, and ROWS rollup rows spread over the five
 * years: distinct (day, canal, aspecto, sede, unidad, servicio, tema), a few counts each, notified rows with
 * their business days.
 */
async function load(db: PgClient): Promise<{ entidadId: string; usuarioId: string }> {
  const { rows: [e] } = await db.query<{ id: string }>(
    `INSERT INTO entidad (codigo, nombre, ruc, tipo, nivel_gobierno, ubigeo) VALUES ($1, 'Entidad de carga de exportaciones', '20999999990', 'ministerio', 'nacional', '150101') RETURNING id`,
    [CODE],
  );
  for (const [tabla, n, nombre] of [['sede', 10, 'Sede'], ['unidad_organica', 20, 'Unidad'], ['servicio', 15, 'Servicio'], ['tema', 12, 'Tema']] as const) {
    await db.query(`INSERT INTO ${tabla} (entidad_id, nombre) SELECT $1, $2 || ' ' || k FROM generate_series(1, $3::int) k`, [e.id, nombre, n]);
  }
  const { rows: [u] } = await db.query<{ id: string }>(
    `INSERT INTO usuario (entidad_id, email, nombre, rol, password_hash) VALUES ($1, 'bench.exportaciones@pruebas.gob.pe', 'Bench', 'responsable_titular', 'x') RETURNING id`,
    [e.id],
  );
  const dias = 1826;
  const porDia = Math.ceil(ROWS / dias);
  await db.query(
    `WITH cat AS (
       SELECT (SELECT array_agg(id ORDER BY nombre) FROM sede WHERE entidad_id = $1) AS sedes,
              (SELECT array_agg(id ORDER BY nombre) FROM unidad_organica WHERE entidad_id = $1) AS unidades,
              (SELECT array_agg(id ORDER BY nombre) FROM servicio WHERE entidad_id = $1) AS servicios,
              (SELECT array_agg(id ORDER BY nombre) FROM tema WHERE entidad_id = $1) AS temas
     ), filas AS (
       SELECT ($2::date + (g / $3::int)) AS dia, g % $3::int AS j, g FROM generate_series(0, $4::int - 1) g
     )
     INSERT INTO cifra_diaria (entidad_id, dia, canal, aspecto, sede_id, unidad_id, servicio_id, tema_id, recibidos, notificados,
                               notificados_en_plazo_legal, notificados_en_meta, dias_habiles_suma, dias_habiles, encuestas, satisfaccion_suma)
     SELECT $1, f.dia, CASE WHEN f.j % 2 = 0 THEN 'virtual' ELSE 'fisico' END,
            (ARRAY['trato_profesional','informacion','tiempo_espera','acceso','resultado','confianza'])[1 + (f.j / 2) % 6],
            cat.sedes[1 + (f.j / 12) % 10], cat.unidades[1 + f.j % 20], cat.servicios[1 + f.j % 15], cat.temas[1 + f.j % 12],
            1 + f.g % 4, f.g % 3, f.g % 3, f.g % 2 * (f.g % 3 / 2), (f.g % 3) * 12,
            CASE f.g % 3 WHEN 0 THEN '{}'::smallint[] WHEN 1 THEN '{12}'::smallint[] ELSE '{10,14}'::smallint[] END,
            f.g % 2, (f.g % 2) * 4
       FROM filas f CROSS JOIN cat`,
    [e.id, DESDE, porDia, ROWS],
  );
  await db.query(`VACUUM ANALYZE cifra_diaria`);
  return { entidadId: e.id, usuarioId: u.id };
}

interface Medida {
  ms: number;
  filas: number;
  bytes: number;
  rssInicioMb: number;
  rssMaximoMb: number;
  vivoInicioMb: number;
  vivoMaximoMb: number;
}

/** One scenario in a fresh process (support/export-child.ts): its own peak RSS, nothing left over from another. */
function medir(escenario: string, args: string[]): Promise<Medida> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'support', 'export-child.ts'), [escenario, ...args], {
      execArgv: ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', '--expose-gc'],
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: BENCH.databaseUrl, LOG_LEVEL: 'warn', NODE_ENV: process.env.NODE_ENV ?? 'development' },
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let salida = '';
    child.stdout?.on('data', (chunk: Buffer) => (salida += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`el escenario ${escenario} terminó con ${code}`));
      try {
        resolve(JSON.parse(salida.trim().split('\n').pop() ?? '') as Medida);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

export const exportsBench: BenchPart = {
  name: 'exports',
  title: `exportación larga: el detalle de las cifras, ${ROWS.toLocaleString('es-PE')} filas, en CSV y XLSX (tiempo y memoria)`,
  async run(): Promise<BenchPartResult> {
    const name = new URL(BENCH.databaseUrl).pathname.slice(1);
    if (!name.endsWith('_bench')) throw new Error(`BENCH_DATABASE_URL debe terminar en _bench; recibí "${name}"`);
    const db = await connect();
    try {
      await cleanUp(db);
      const t = process.hrtime.bigint();
      const { entidadId, usuarioId } = await load(db);
      log(`${ROWS.toLocaleString('es-PE')} filas de cifra_diaria cargadas en ${fixed(Number(process.hrtime.bigint() - t) / 1e9)} s`);
      mkdirSync(STORAGE, { recursive: true });
      // A quarter of the rows (the first days of the period), to see whether memory grows with the rows.
      const { rows: [cuarto] } = await db.query<{ dia: string }>(
        `SELECT dia::text AS dia FROM cifra_diaria WHERE entidad_id = $1 ORDER BY dia OFFSET $2 LIMIT 1`,
        [entidadId, Math.floor(ROWS / 4)],
      );
      const escenarios: Array<{ nombre: string; escenario: string; hasta: string }> = [
        { nombre: 'cursor, sin escribir (base)', escenario: 'cursor', hasta: HASTA },
        { nombre: 'todas las filas en memoria', escenario: 'todo', hasta: HASTA },
        { nombre: 'exportación CSV, 1/4', escenario: 'csv', hasta: cuarto.dia },
        { nombre: 'exportación CSV', escenario: 'csv', hasta: HASTA },
        { nombre: 'exportación XLSX, 1/4', escenario: 'xlsx', hasta: cuarto.dia },
        { nombre: 'exportación XLSX', escenario: 'xlsx', hasta: HASTA },
      ];
      const medidas: Array<{ nombre: string; escenario: string } & Medida> = [];
      for (const e of escenarios) {
        const m = await medir(e.escenario, [entidadId, usuarioId, DESDE, e.hasta, STORAGE]);
        medidas.push({ nombre: e.nombre, escenario: e.escenario, ...m });
        log(`${e.nombre}: ${m.filas} filas en ${fixed(m.ms / 1000)} s, RSS máx ${fixed(m.rssMaximoMb)} MB (${fixed(m.rssInicioMb)} al empezar), vivo máx ${fixed(m.vivoMaximoMb)} MB (${fixed(m.vivoInicioMb)})`);
      }
      process.stdout.write(
        `${table(
          ['escenario', 'filas', 'tiempo s', 'filas/s', 'archivo MB', '+RSS máx MB', '+vivo máx MB'],
          medidas.map((m) => [
            m.nombre,
            String(m.filas),
            fixed(m.ms / 1000),
            fixed(m.filas / (m.ms / 1000), 0),
            m.bytes ? fixed(mb(m.bytes)) : '—',
            fixed(m.rssMaximoMb - m.rssInicioMb),
            fixed(m.vivoMaximoMb - m.vivoInicioMb),
          ]),
        )}\n`,
      );
      const misses: string[] = [];
      for (const m of medidas.filter((x) => x.escenario === 'csv' || x.escenario === 'xlsx')) {
        if (m.vivoMaximoMb - m.vivoInicioMb > AIM_EXTRA_MB) misses.push(`${m.nombre}: +${fixed(m.vivoMaximoMb - m.vivoInicioMb)} MB vivos > ${AIM_EXTRA_MB} MB`);
      }
      const xlsx = medidas.find((m) => m.nombre === 'exportación XLSX');
      if (xlsx && xlsx.ms / 1000 > AIM_XLSX_S) misses.push(`xlsx: ${fixed(xlsx.ms / 1000)} s > ${AIM_XLSX_S} s`);
      const file = writeResult('exports', { machine: machine(), rows: ROWS, period: { desde: DESDE, hasta: HASTA }, medidas, aims: { extraRssMb: AIM_EXTRA_MB, xlsxSeconds: AIM_XLSX_S }, misses });
      return { ok: true, misses, file };
    } finally {
      await cleanUp(db);
      await db.end();
    }
  },
};
