import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { configureHttpApp, createFastifyAdapter } from '@app/platform/http';
import { Clock, FixedClock } from '@app/platform/clock';
import { CitizenModule } from '../../apps/citizen/src/citizen.module';
import { CITIZEN_APP_OPTIONS } from '../../apps/citizen/src/citizen-app';

export interface CitizenHarness {
  app: NestFastifyApplication;
  baseUrl: string;
  dataSource: DataSource;
  clock: FixedClock;
  close(): Promise<void>;
}

/** The real citizen app on a free port, against the test database and Redis, with a clock the test sets. */
export async function startCitizenApp(now = new Date()): Promise<CitizenHarness> {
  const clock = new FixedClock(now);
  const moduleRef = await Test.createTestingModule({ imports: [CitizenModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { bufferLogs: true });
  await configureHttpApp(app, CITIZEN_APP_OPTIONS);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    dataSource: app.get(DataSource),
    clock,
    close: () => app.close(),
  };
}
