import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Job, Worker } from 'bullmq';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  AlmacenExportaciones,
  BarrerExportacionesUseCase,
  ExportacionesModule,
  ExportacionesProcessor,
  ExportacionesQueue,
  ExportacionRepository,
  GenerarExportacionUseCase,
  GetCifrasEntidadUseCase,
  MOTIVO_FALLA,
  MOTIVO_INTERRUMPIDA,
  ReconstruirCifrasUseCase,
} from '@app/medicion';
import { LecturasReplica, PersistenceModule } from '@app/persistence';
import { AppConfigModule } from '@app/platform/config';
import { Clock, ClockModule, FixedClock } from '@app/platform/clock';
import { EXPORTAR_INTENTOS, JobName, jobOptions, QueueName, QueueRootModule } from '@app/platform/queue';
import { LocalDirectoryStorage } from '@app/storage';
import { crearEntidadCifras, EntidadCifras, sembrarCasosCifras } from '../support/cifras-fixture';
import { colaDeExportaciones } from '../support/exportaciones-fixture';
import { waitFor } from '../support/wait-for';

/**
 * The exports' worker against the real Redis and PostgreSQL, on a queue prefix of this file's own. The
 * clock is in January 2001, before any other file's exports (theirs are dated 2026 or 2031), so the sweep,
 * which looks at every row of the table, finds only this file's rows old enough to act on.
 */
describe('the exportar job and its sweep on Redis and PostgreSQL: retries, one file per request, expiry, lost jobs', () => {
  const cola = colaDeExportaciones('exportaciones-int');
  const clock = new FixedClock(new Date('2001-01-10T15:00:00Z'));
  let context: INestApplicationContext;
  let dataSource: DataSource;
  let repo: ExportacionRepository;
  let worker: Worker;
  let dir: string;
  let entidad: EntidadCifras;
  let usuarioId: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exportaciones-int-'));
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ClockModule, PersistenceModule, QueueRootModule, ExportacionesModule] })
      .overrideProvider(Clock)
      .useValue(clock)
      .overrideProvider(ExportacionesQueue)
      .useValue(new ExportacionesQueue(cola.queue))
      .overrideProvider(AlmacenExportaciones)
      .useValue(new LocalDirectoryStorage(dir))
      .compile();
    context = await moduleRef.init();
    dataSource = context.get(DataSource);
    repo = context.get(ExportacionRepository);
    entidad = await crearEntidadCifras(dataSource, 'EXJ');
    await sembrarCasosCifras(dataSource, entidad);
    await context.get(ReconstruirCifrasUseCase).execute({ entidadIds: [entidad.id] });
    const [u]: Array<{ id: string }> = await dataSource.query(
      `INSERT INTO usuario (entidad_id, email, nombre, rol, password_hash) VALUES ($1, $2, 'Oficial de prueba', 'oficial', 'sin-clave') RETURNING id`,
      [entidad.id, `exj.${Date.now()}.${process.pid}@pruebas.gob.pe`],
    );
    usuarioId = u.id;
    const processor = new ExportacionesProcessor(context.get(GenerarExportacionUseCase), context.get(BarrerExportacionesUseCase));
    worker = new Worker(QueueName.EXPORTACIONES, (job: Job) => processor.process(job), { connection: cola.connection, prefix: cola.prefix });
    await Promise.all([cola.events.waitUntilReady(), worker.waitUntilReady()]);
  });
  afterAll(async () => {
    await worker?.close();
    await cola.events.close();
    await cola.queue.obliterate({ force: true });
    await cola.queue.close();
    await context?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A request written as the back-office writes it (not enqueued: each test decides). */
  async function pedir(desde: string, hasta: string, formato: 'csv' | 'xlsx' = 'csv'): Promise<string> {
    const { id } = await repo.solicitar({ entidadId: entidad.id, solicitadoPor: usuarioId, tipo: 'cifras_detalle', formato, parametros: { desde, hasta, filtros: {} }, ahora: clock.now() });
    return id;
  }
  const fila = async (id: string) => (await repo.buscar(id))!;

  it('one request makes one file: enqueued twice it is one job, run again it is skipped; an attempt cut short starts over', async () => {
    const id = await pedir('2031-03-01', '2031-03-31');
    // A worker died in the middle of a first attempt: the row says en_proceso, attempt 1.
    await repo.iniciar(id, clock.now());
    const queue = context.get(ExportacionesQueue);
    await Promise.all([queue.encolar(id), queue.encolar(id)]);
    expect((await cola.queue.getJobs(['waiting', 'active', 'completed'])).filter((j) => j.id === id)).toHaveLength(1);
    await waitFor('la exportación lista', async () => (await fila(id)).estado === 'lista');
    const lista = await fila(id);
    expect(lista).toMatchObject({ estado: 'lista', progreso: 100, intentos: 2 });
    expect(await context.get(GenerarExportacionUseCase).execute({ exportacionId: id, ultimoIntento: true })).toEqual({
      omitida: 'la exportación ya no está pendiente ni en proceso',
    });
    const dias = await readdir(dir);
    const archivos = (await Promise.all(dias.map((d) => readdir(join(dir, d))))).flat();
    expect(archivos).toEqual([lista.claveAlmacen!.split('/')[1]]);
  });

  it('a failure is retried by BullMQ, and after the last attempt the row is fallida with a reason in Spanish, leaving no file', async () => {
    // A storage whose folder cannot be made (its parent is a file): every attempt fails for real.
    const archivo = join(dir, 'no-es-carpeta');
    await writeFile(archivo, 'x');
    const roto = new GenerarExportacionUseCase(context.get(LecturasReplica), repo, context.get(GetCifrasEntidadUseCase), new LocalDirectoryStorage(join(archivo, 'dentro')), clock);
    const otra = colaDeExportaciones('exportaciones-int-falla');
    const processor = new ExportacionesProcessor(roto, context.get(BarrerExportacionesUseCase));
    const w = new Worker(QueueName.EXPORTACIONES, (job: Job) => processor.process(job), { connection: otra.connection, prefix: otra.prefix });
    try {
      const id = await pedir('2031-01-01', '2031-03-31', 'xlsx');
      // The queue's own retry options, with a short backoff so the test need not wait 45 s.
      const job = await otra.queue.add(JobName.EXPORTAR, { exportacionId: id }, { ...jobOptions(JobName.EXPORTAR), backoff: { type: 'fixed', delay: 50 }, jobId: id });
      await otra.events.waitUntilReady();
      await expect(job.waitUntilFinished(otra.events, 30_000)).rejects.toThrow(/ENOTDIR/);
      expect(await fila(id)).toMatchObject({ estado: 'fallida', intentos: EXPORTAR_INTENTOS, motivoFalla: MOTIVO_FALLA, claveAlmacen: null });
      expect(await otra.queue.getJobState(id)).toBe('failed');
    } finally {
      await w.close();
      await otra.events.close();
      await otra.queue.obliterate({ force: true });
      await otra.queue.close();
      await rm(archivo, { force: true });
    }
  });

  it('the sweep removes a file 7 days after it was ready, enqueues a request whose job was lost, and closes one BullMQ gave up on', async () => {
    const vieja = await pedir('2031-02-01', '2031-02-28');
    await context.get(ExportacionesQueue).encolar(vieja);
    await waitFor('la exportación lista', async () => (await fila(vieja)).estado === 'lista');
    const { claveAlmacen, expiraEn } = await fila(vieja);
    // Redis lost this one's job (never enqueued here), and BullMQ gave up on that one without its handler running.
    const perdida = await pedir('2031-03-01', '2031-03-15');
    const abandonada = await pedir('2031-03-16', '2031-03-31');
    const job = await cola.queue.add('trabajo-de-otra-version', { exportacionId: abandonada }, { jobId: abandonada, attempts: 1 });
    await expect(job.waitUntilFinished(cola.events, 30_000)).rejects.toThrow(/Trabajo desconocido/);

    const barrer = async () => {
      const b = await cola.queue.add(JobName.BARRIDO_EXPORTACIONES, {}, { ...jobOptions(JobName.BARRIDO_EXPORTACIONES), jobId: `barrido-${Date.now()}` });
      return (await b.waitUntilFinished(cola.events, 30_000)) as { vencidas: number; reencoladas: number; cerradas: number };
    };
    // A minute later: the file is days from its expiry, and the two requests are too young to suspect.
    const pedidas = clock.now();
    clock.set(new Date(pedidas.getTime() + 60_000));
    await barrer();
    expect((await fila(vieja)).estado).toBe('lista');
    expect([(await fila(perdida)).estado, (await fila(abandonada)).estado]).toEqual(['pendiente', 'pendiente']);
    expect(await cola.queue.getJobState(perdida)).toBe('unknown');

    // Eight days later: the file goes, the lost job is enqueued again (and runs), the abandoned one is closed.
    clock.set(new Date(expiraEn!.getTime() + 24 * 3600 * 1000));
    const r = await barrer();
    expect(r.vencidas).toBeGreaterThanOrEqual(1);
    expect(r.reencoladas).toBeGreaterThanOrEqual(1);
    expect(r.cerradas).toBeGreaterThanOrEqual(1);
    expect(await fila(vieja)).toMatchObject({ estado: 'vencida', vencidoEn: clock.now() });
    const [dia, nombre] = claveAlmacen!.split('/');
    expect(await readdir(join(dir, dia))).not.toContain(nombre);
    expect(await fila(abandonada)).toMatchObject({ estado: 'fallida', motivoFalla: MOTIVO_INTERRUMPIDA });
    await waitFor('la exportación reencolada, lista', async () => (await fila(perdida)).estado === 'lista');
    // Run again: nothing left to do for these rows.
    await barrer();
    expect((await fila(vieja)).estado).toBe('vencida');
    expect((await fila(perdida)).estado).toBe('lista');
  });
});
