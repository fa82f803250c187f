/**
 * The notifications worker as the integration tests run it in a child process (so they can
 * SIGKILL it): the same NotificationsWorkerModule and message loaders the real worker imports,
 * without the deadline sweep, whose schedule would write reminders into the shared test database.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NotificationsWorkerModule } from '@app/notifications';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule, loadEnvironment } from '@app/platform/config';
import { ClockModule } from '@app/platform/clock';
import { LoggingModule } from '@app/platform/logging';
import { QueueRootModule } from '@app/platform/queue';
import { MESSAGE_LOADER_MODULES } from '../../apps/worker/src/worker.module';

@Module({ imports: [AppConfigModule, LoggingModule, ClockModule, PersistenceModule, QueueRootModule, NotificationsWorkerModule, ...MESSAGE_LOADER_MODULES] })
class TestNotificationsWorkerModule {}

async function main(): Promise<void> {
  loadEnvironment();
  const app = await NestFactory.createApplicationContext(TestNotificationsWorkerModule, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.init();
  process.stdout.write('worker-listo\n');
}

void main();
