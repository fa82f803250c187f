import { Module } from '@nestjs/common';
import { AtencionMensajesModule, AtencionModule, RetencionWorkerModule, RunSubsanacionSweepUseCase } from '@app/atencion';
import { ExportacionesWorkerModule, MedicionWorkerModule } from '@app/medicion';
import { NotificationsWorkerModule } from '@app/notifications';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule } from '@app/platform/config';
import { ClockModule } from '@app/platform/clock';
import { LoggingModule } from '@app/platform/logging';
import { QueueRootModule } from '@app/platform/queue';
import { PlazosMensajesModule, PlazosWorkerModule } from '@app/plazos';
import { ReclamosMensajesModule } from '@app/reclamos';
import { StaffMensajesModule } from '@app/staff';

/**
 * The message loaders of every lib that writes messages. The sender refuses to start unless each
 * message type has exactly one (see RegistroDeCargadores), so a lib that adds a type adds its
 * loader's module here.
 */
export const MESSAGE_LOADER_MODULES = [ReclamosMensajesModule, PlazosMensajesModule, AtencionMensajesModule, StaffMensajesModule];

/** The queue worker: BullMQ processors and recurring sweeps, no HTTP server. */
@Module({
  imports: [AppConfigModule, LoggingModule, ClockModule, PersistenceModule, QueueRootModule,
    // The deadline sweep also ends subsanación windows (archive or flag): a step atención owns.
    PlazosWorkerModule.withSteps({ imports: [AtencionModule], steps: [RunSubsanacionSweepUseCase] }),
    NotificationsWorkerModule,
    // The figures' rollups, brought up to date every minute from the case events.
    MedicionWorkerModule,
    // Long exports (the figures' detail) written in the background, and the sweep that removes expired files.
    ExportacionesWorkerModule,
    // The daily retention purge of closed cases' personal data and files (Ley 29733).
    RetencionWorkerModule,
    ...MESSAGE_LOADER_MODULES,
  ],
})
export class WorkerModule {}
