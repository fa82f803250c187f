import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { EstadoReclamo } from '@app/domain';
import {
  ACTUALIZAR_CIFRAS_EVERY_MS,
  ACTUALIZAR_CIFRAS_SCHEDULER_ID,
  ActualizarCifrasProcessor,
  ActualizarCifrasScheduler,
  ActualizarCifrasUseCase,
  GetCifrasEntidadUseCase,
  MedicionModule,
} from '@app/medicion';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule } from '@app/platform/config';
import { Clock, ClockModule, FixedClock } from '@app/platform/clock';
import { JobName, jobOptions, QueueName } from '@app/platform/queue';
import { actualizarHastaIncluir, crearEntidadCifras, enLima, insertarCaso } from '../support/cifras-fixture';
import { TEST_REDIS_URL } from '../support/test-env';

describe('the actualizar-cifras job on Redis and PostgreSQL: one schedule, and each run brings the figures up to date', () => {
  let context: INestApplicationContext;
  let dataSource: DataSource;
  let queue: Queue;
  let events: QueueEvents;
  let worker: Worker;
  const url = new URL(TEST_REDIS_URL);
  const connection = { host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 0) };
  // A prefix of its own: only this file's worker takes these jobs.
  const prefix = `test-cifras-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ClockModule, PersistenceModule, MedicionModule] })
      .overrideProvider(Clock)
      .useValue(new FixedClock(enLima('2032-06-30')))
      .compile();
    context = await moduleRef.init();
    dataSource = context.get(DataSource);
    queue = new Queue(QueueName.MEDICION, { connection, prefix });
    events = new QueueEvents(QueueName.MEDICION, { connection, prefix });
    const processor = new ActualizarCifrasProcessor(context.get(ActualizarCifrasUseCase));
    worker = new Worker(QueueName.MEDICION, (job: Job) => processor.process(job), { connection, prefix, concurrency: 2 });
    await Promise.all([events.waitUntilReady(), worker.waitUntilReady()]);
  });
  afterAll(async () => {
    await worker.close();
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await context.close();
  });

  it('keeps one recurring update however many workers start', async () => {
    await Promise.all([1, 2, 3].map(() => new ActualizarCifrasScheduler(queue).onApplicationBootstrap()));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: ACTUALIZAR_CIFRAS_SCHEDULER_ID, every: ACTUALIZAR_CIFRAS_EVERY_MS });
    await queue.removeJobScheduler(ACTUALIZAR_CIFRAS_SCHEDULER_ID);
  });

  it('a run counts what was committed before it; two runs at once count it once', async () => {
    const entidad = await crearEntidadCifras(dataSource, 'CFJ');
    const run = async (id: string): Promise<void> => {
      const job = await queue.add(JobName.ACTUALIZAR_CIFRAS, {}, { ...jobOptions(JobName.ACTUALIZAR_CIFRAS), jobId: id });
      await job.waitUntilFinished(events, 60_000);
    };
    // Other files may hold a transaction open that holds the watermark back: run again until it passes.
    let ronda = 0;
    const hastaContar = (): Promise<void> => actualizarHastaIncluir(dataSource, entidad.id, () => run(`otra-${(ronda += 1)}`));
    const cifras = () =>
      context.get(GetCifrasEntidadUseCase).execute({ entidadId: entidad.id, periodo: { desde: '2032-06-01', hasta: '2032-06-30' }, filtros: {} });

    await insertarCaso(dataSource, entidad, {
      registradoEn: enLima('2032-06-01'), fechaRegistro: '2032-06-01', estado: EstadoReclamo.NOTIFICADO, venceEl: '2032-07-13', notificadoEl: '2032-06-15',
      movimientos: [{ de: EstadoReclamo.RESPONDIDO, a: EstadoReclamo.NOTIFICADO, en: enLima('2032-06-15') }],
    });
    await run('primera');
    await hastaContar();
    // 1 June 2032 is a Tuesday: 2–4, 8–11 (7 June is a national holiday), 14–15 June = 9 business days.
    expect((await cifras()).resumen).toMatchObject({ recibidos: 1, notificados: 1, diasHabilesMediana: 9 });

    await insertarCaso(dataSource, entidad, {
      registradoEn: enLima('2032-06-20', '23:59'), fechaRegistro: '2032-06-20', estado: EstadoReclamo.ANULADO, venceEl: '2032-08-03',
      movimientos: [{ de: EstadoReclamo.REGISTRADO, a: EstadoReclamo.ANULADO, en: enLima('2032-06-22') }],
    });
    await Promise.all([run('segunda-a'), run('segunda-b')]);
    await hastaContar();
    const despues = await cifras();
    expect(despues.resumen).toMatchObject({ recibidos: 2, notificados: 1, anulados: 1 });
    const filas = await dataSource.query(`SELECT count(*)::int AS n, sum(recibidos)::int AS r FROM cifra_diaria WHERE entidad_id = $1`, [entidad.id]);
    // One row per day with facts (1 and 20 June filings, 15 June notification, 22 June annulment): nothing counted twice.
    expect(filas).toEqual([{ n: 4, r: 2 }]);
  });
});
