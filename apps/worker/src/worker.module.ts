import { Module } from '@nestjs/common';
import { AtencionModule, RunSubsanacionSweepUseCase } from '@app/atencion';
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
  imports: [AppConfigModule, LoggingModule, ClockModule, PersistenceModule, QueueRootModule,
    // The deadline sweep also ends subsanación windows (archive or flag): a step atención owns.
    PlazosWorkerModule.withSteps({ imports: [AtencionModule], steps: [RunSubsanacionSweepUseCase] }),
    NotificationsWorkerModule,
  ],
})
export class WorkerModule {}
