import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadEnvironment } from '@app/platform/config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  loadEnvironment();
  // abortOnError off: a failed start (e.g. a message type without its loader) is reported below
  // and exits 1, instead of Nest's process.abort() with a core dump.
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  // Close workers and connections gracefully on SIGTERM/SIGINT so jobs in flight are not lost.
  app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log('Worker iniciado');
}

main().catch((error: unknown) => {
  process.stderr.write(`El worker no pudo iniciar: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
