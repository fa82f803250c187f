import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { EstadoReclamo } from '@app/domain';
import {
  GetDatosAbiertosUseCase,
  MedicionModule,
  PUBLICAR_DATOS_ABIERTOS_PATTERN,
  PUBLICAR_DATOS_ABIERTOS_SCHEDULER_ID,
  PublicarDatosAbiertosProcessor,
  PublicarDatosAbiertosScheduler,
  PublicarDatosAbiertosUseCase,
  ReconstruirCifrasUseCase,
} from '@app/medicion';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule } from '@app/platform/config';
import { Clock, ClockModule, FixedClock } from '@app/platform/clock';
import { JobName, jobOptions, QueueName } from '@app/platform/queue';
import { crearEntidadCifras, enLima, insertarCaso } from '../support/cifras-fixture';
import { TEST_REDIS_URL } from '../support/test-env';

describe('the publicar-datos-abiertos job on Redis and PostgreSQL: one daily schedule, and a run publishes a new file', () => {
  let context: INestApplicationContext;
  let dataSource: DataSource;
  let queue: Queue;
  let events: QueueEvents;
  let worker: Worker;
  const url = new URL(TEST_REDIS_URL);
  const connection = { host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 0) };
  // A prefix of its own: only this file's worker takes these jobs.
  const prefix = `test-datos-abiertos-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ClockModule, PersistenceModule, MedicionModule] })
      .overrideProvider(Clock)
      .useValue(new FixedClock(enLima('2033-02-10')))
      .compile();
    context = await moduleRef.init();
    dataSource = context.get(DataSource);
    queue = new Queue(QueueName.DATOS_ABIERTOS, { connection, prefix });
    events = new QueueEvents(QueueName.DATOS_ABIERTOS, { connection, prefix });
    const processor = new PublicarDatosAbiertosProcessor(context.get(PublicarDatosAbiertosUseCase));
    worker = new Worker(QueueName.DATOS_ABIERTOS, (job: Job) => processor.process(job), { connection, prefix });
    await Promise.all([events.waitUntilReady(), worker.waitUntilReady()]);
  });
  afterAll(async () => {
    await worker.close();
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await context.close();
  });

  it('keeps one daily schedule (04:00, Lima) however many workers start', async () => {
    const datos = context.get(GetDatosAbiertosUseCase);
    const clock = context.get(Clock);
    await Promise.all([1, 2, 3].map(() => new PublicarDatosAbiertosScheduler(queue, datos, clock).onApplicationBootstrap()));
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: PUBLICAR_DATOS_ABIERTOS_SCHEDULER_ID, pattern: PUBLICAR_DATOS_ABIERTOS_PATTERN, tz: 'America/Lima' });
    await queue.removeJobScheduler(PUBLICAR_DATOS_ABIERTOS_SCHEDULER_ID);
  });

  it('a run publishes a file with the closed months', async () => {
    const entidad = await crearEntidadCifras(dataSource, 'DAJ');
    for (let i = 0; i < 6; i += 1) {
      await insertarCaso(dataSource, entidad, {
        registradoEn: enLima('2033-01-10'), fechaRegistro: '2033-01-10', venceEl: '2033-02-21', estado: EstadoReclamo.EN_ATENCION, aspecto: 'acceso',
      });
    }
    await context.get(ReconstruirCifrasUseCase).execute({ entidadIds: [entidad.id] });
    const job = await queue.add(JobName.PUBLICAR_DATOS_ABIERTOS, {}, { ...jobOptions(JobName.PUBLICAR_DATOS_ABIERTOS), jobId: 'prueba-1' });
    const resultado = (await job.waitUntilFinished(events, 60_000)) as { ultimoMes: string; sha256: string };
    expect(resultado.ultimoMes).toBe('2033-01');
    // Other files publish too: this run's file is found by its hash.
    const [publicado]: Array<{ contenido: Buffer }> = await dataSource.query(`SELECT contenido FROM datos_abiertos_archivo WHERE sha256 = $1`, [resultado.sha256]);
    expect(publicado.contenido.toString('utf8')).toContain(`2033-01,${entidad.codigo},Entidad de prueba ${entidad.codigo},acceso,virtual,6,0,0,,\r\n`);
  });
});
