import { Abstract, Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { Clock, FixedClock } from '@app/platform/clock';
import { LOG_DESTINATION } from '@app/platform/logging';
import { validateEnvironment } from '@app/platform/config';
import { configureHttpApp, createFastifyAdapter, HttpAppOptions } from '@app/platform/http';
import { AttachmentStorage, LocalDirectoryStorage } from '@app/storage';

export interface HttpHarness {
  app: NestFastifyApplication;
  baseUrl: string;
  dataSource: DataSource;
  clock: FixedClock;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /**
   * Attachments go to this directory instead of the shared STORAGE_DIR, for a test that checks
   * what is (not) left on disk: other test files upload into the shared one at the same time.
   */
  storageDir?: string;
  /** Where the app's log lines go instead of stdout, for a test that reads what was logged (set LOG_LEVEL too). */
  logDestination?: NodeJS.WritableStream;
  /**
   * Providers replaced by a value, for a test that must provoke what the real one never does (a database error),
   * or that points a real one elsewhere (a queue with the test's own prefix, a storage directory of its own).
   */
  overrides?: Array<{ provide: Type<unknown> | Abstract<unknown>; useValue: unknown }>;
}

/** A real HTTP app on a free port, against the test database and Redis, with a clock the test sets. */
export async function startHttpApp(module: Type<unknown>, options: HttpAppOptions, now: Date, harness: HarnessOptions = {}): Promise<HttpHarness> {
  const clock = new FixedClock(now);
  let builder = Test.createTestingModule({ imports: [module] }).overrideProvider(Clock).useValue(clock);
  for (const override of harness.overrides ?? []) builder = builder.overrideProvider(override.provide).useValue(override.useValue);
  if (harness.logDestination) builder = builder.overrideProvider(LOG_DESTINATION).useValue(harness.logDestination);
  if (harness.storageDir) builder = builder.overrideProvider(AttachmentStorage).useValue(new LocalDirectoryStorage(harness.storageDir));
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(
    // Read now, not once per process: a test file may start apps with and without trusted proxies.
    createFastifyAdapter(validateEnvironment(process.env).TRUSTED_PROXIES),
    { bufferLogs: true },
  );
  await configureHttpApp(app, options);
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
