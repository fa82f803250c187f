import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadEnvironment } from '@app/platform/config';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  loadEnvironment();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Close workers and connections gracefully on SIGTERM/SIGINT so jobs in flight are not lost.
  app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log('Worker iniciado');
}

void main();
