import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { AuditTrail, verificarCopia } from '@app/expediente';
import { buildDataSourceOptions } from '@app/persistence';
import fixture from '../fixtures/reclamo-ejemplo.json';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, uniqueCode } from '../support/db';
import { TEST_DATABASE_URL } from '../support/test-env';

const run = promisify(execFile);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** A script of config/scripts with its environment; its exit code, stdout and stderr, never a throw. */
async function script(nombre: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('bash', [`config/scripts/${nombre}`, ...args], { env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('backup and restore (npm run backup / npm run restore): a fresh database and directory get every case, event, audit entry and attachment back', () => {
  let h: CitizenHarness;
  let entidad: { id: string; codigo: string };
  let trabajo: string;
  const almacenOrigen = () => join(trabajo, 'adjuntos-origen');
  const restaurada = `reclamos_restaurada_${process.pid}_${Date.now()}`;
  const urlRestaurada = TEST_DATABASE_URL.replace(/\/[^/]+$/, `/${restaurada}`);
  const codigos: string[] = [];
  let primeraCopia = '';

  beforeAll(async () => {
    trabajo = await mkdtemp(join(tmpdir(), 'reclamos-copia-'));
    h = await startCitizenApp(new Date('2026-11-23T15:00:00Z'), { storageDir: almacenOrigen() });
    const propia = await createTestEntidad(h.dataSource, uniqueCode('BAK'));
    entidad = propia;
    for (const n of [1, 2]) {
      const form = new FormData();
      const hoja = { ...fixture, entidad: propia.codigo, sedeId: propia.sedeId, unidadId: propia.unidadId, servicioId: propia.servicioId };
      for (const [k, v] of Object.entries(hoja)) form.append(k, String(v));
      form.append('adjuntos', new Blob([PDF, Buffer.from(`% copia ${n}\n`)], { type: 'application/pdf' }), `boleta-${n}.pdf`);
      const response = await fetch(`${h.baseUrl}/api/v1/reclamos`, { method: 'POST', headers: { 'idempotency-key': randomUUID() }, body: form });
      expect(response.status).toBe(201);
      codigos.push(((await response.json()) as { codigo: string }).codigo);
    }
    // Audit entries in the entity's hash chain, through its one writer.
    await h.dataSource.transaction(async (manager) => {
      for (const accion of ['asignado', 'nota_interna']) {
        await h.app.get(AuditTrail).append(manager, {
          entidadId: propia.id, reclamoId: null, actor: { id: randomUUID(), rol: 'responsable_titular' }, ip: null, accion, detalle: { prueba: true }, ocurridoEn: new Date(),
        });
      }
    });
  });

  afterAll(async () => {
    await h.dataSource.query(`DROP DATABASE IF EXISTS "${restaurada}" WITH (FORCE)`);
    await h.close();
    await rm(trabajo, { recursive: true, force: true });
  });

  it('copies, restores into a new database and directory, and finds everything, byte for byte', async () => {
    const copia = await script('backup.sh', [join(trabajo, 'copias')], { DATABASE_URL: TEST_DATABASE_URL, STORAGE_DIR: almacenOrigen() });
    expect(copia.stderr).toContain('copia lista');
    expect(copia.code).toBe(0);
    const dir = copia.stdout.trim().split('\n').pop()!;
    primeraCopia = dir;
    const manifiesto = JSON.parse(await readFile(join(dir, 'manifiesto.json'), 'utf8'));
    expect(manifiesto.archivosAdjuntos).toBe(2);
    // The manifest names the server and database, never the password.
    expect(JSON.stringify(manifiesto)).not.toContain('postgres:postgres@');

    const destino = join(trabajo, 'adjuntos-restaurados');
    const restore = await script('restore.sh', [dir, '--entidad', entidad.id], { DATABASE_URL: urlRestaurada, STORAGE_DIR: destino, NODE_ENV: 'test' });
    expect(restore.stderr).not.toContain('NO está íntegra');
    expect(restore.code).toBe(0);
    // This entity's 2 reclamos, 2 registration events, and its chain (2 filings' entries, if any, plus the 2 above).
    expect(restore.stdout).toMatch(/^2 reclamos, 2 eventos; auditoría: \d+ entradas en 1 cadenas, 0 rotas; adjuntos: 2 revisados, 0 con defectos\./m);

    const origen = await h.dataSource.query(
      `SELECT r.codigo, a.clave_almacen AS clave, a.sha256, (SELECT count(*)::int FROM auditoria WHERE entidad_id = r.entidad_id) AS auditoria
         FROM reclamo r JOIN adjunto a ON a.reclamo_id = r.id WHERE r.entidad_id = $1 ORDER BY r.codigo`,
      [entidad.id],
    );
    const ds = new DataSource(buildDataSourceOptions(urlRestaurada, 2));
    await ds.initialize();
    try {
      const copiadas: Array<{ codigo: string; clave: string; sha256: string; auditoria: number }> = await ds.query(
        `SELECT r.codigo, a.clave_almacen AS clave, a.sha256, (SELECT count(*)::int FROM auditoria WHERE entidad_id = r.entidad_id) AS auditoria
           FROM reclamo r JOIN adjunto a ON a.reclamo_id = r.id WHERE r.entidad_id = $1 ORDER BY r.codigo`,
        [entidad.id],
      );
      expect(copiadas).toEqual(origen);
      expect(copiadas.map((c) => c.codigo)).toEqual([...codigos].sort());
      expect(copiadas[0].auditoria).toBeGreaterThanOrEqual(2);
      for (const c of copiadas) {
        expect(createHash('sha256').update(await readFile(join(destino, c.clave))).digest('hex')).toBe(c.sha256);
      }

      // The verification can fail: one byte changed in a restored file is named.
      const victima = copiadas[0].clave;
      const bytes = await readFile(join(destino, victima));
      bytes[0] ^= 0xff;
      await writeFile(join(destino, victima), bytes);
      const v = await verificarCopia(ds, destino, [entidad.id]);
      expect(v.integra).toBe(false);
      expect(v.adjuntos.defectuosos).toEqual([expect.objectContaining({ claveAlmacen: victima, motivo: 'el SHA-256 no coincide' })]);
    } finally {
      await ds.destroy();
    }
  });

  it('refuses a damaged copy before writing anything, and never restores over live data', async () => {
    const copia = await script('backup.sh', [join(trabajo, 'copias-2')], { DATABASE_URL: TEST_DATABASE_URL, STORAGE_DIR: almacenOrigen() });
    expect(copia.code).toBe(0);
    const dir = copia.stdout.trim().split('\n').pop()!;
    const dump = await readFile(join(dir, 'base.dump'));
    dump[dump.length - 10] ^= 0xff;
    await writeFile(join(dir, 'base.dump'), dump);
    const otra = `${restaurada}_b`;
    const danada = await script('restore.sh', [dir], { DATABASE_URL: TEST_DATABASE_URL.replace(/\/[^/]+$/, `/${otra}`), STORAGE_DIR: join(trabajo, 'nada') });
    expect(danada.code).not.toBe(0);
    expect(danada.stderr).toContain('base.dump no coincide con el manifiesto');
    expect(await h.dataSource.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [otra])).toEqual([]);

    // The test database itself has tables: restoring a sound copy over it is refused, naming why.
    const encima = await script('restore.sh', [primeraCopia], { DATABASE_URL: TEST_DATABASE_URL, STORAGE_DIR: join(trabajo, 'vacio') });
    expect(encima.stderr).toContain('la base de destino ya tiene');
    expect(encima.code).not.toBe(0);
  });
});
