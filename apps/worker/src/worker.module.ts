import { Module } from '@nestjs/common';
import { NotificationsWorkerModule } from '@app/notifications';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule } from '@app/platform/config';
import { ClockModule } from '@app/platform/clock';
import { LoggingModule } from '@app/platform/logging';
import { QueueRootModule } from '@app/platform/queue';
import { PlazosWorkerModule } from '@app/plazos';

/**
 * The queue worker: BullMQ processors and recurring sweeps, no HTTP server.
 * Processors join as their issues land (deadline sweep, notifications relay and sender).
 */
@Module({
  imports: [AppConfigModule, LoggingModule, ClockModule, PersistenceModule, QueueRootModule, PlazosWorkerModule, NotificationsWorkerModule],
})
export class WorkerModule {}
