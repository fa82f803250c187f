import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CalendarDataModule } from './calendar/calendar-data.module';
import { ComputePlazoUseCase } from './calendario/compute-plazo.usecase';
import { AddDiaNoLaborableUseCase, ListDiasNoLaborablesUseCase, RemoveDiaNoLaborableUseCase } from './calendario/dias-no-laborables.usecase';
import { ConfirmRecalculoUseCase, PreviewRecalculoUseCase } from './recalculo/recalculo.usecase';
import { DeadlineSweepProcessor, DeadlineSweepScheduler } from './sweep/deadline-sweep.job';
import { RunDeadlineSweepUseCase } from './sweep/run-deadline-sweep.usecase';
import { QueueName } from '@app/platform/queue';

const USE_CASES = [
  ComputePlazoUseCase,
  ListDiasNoLaborablesUseCase,
  AddDiaNoLaborableUseCase,
  RemoveDiaNoLaborableUseCase,
  PreviewRecalculoUseCase,
  ConfirmRecalculoUseCase,
  RunDeadlineSweepUseCase,
];

/** Plazos for the HTTP apps: the calendar API and its administration. Needs PersistenceModule and ClockModule. */
@Module({
  imports: [CalendarDataModule],
  providers: USE_CASES,
  exports: [...USE_CASES, CalendarDataModule],
})
export class PlazosModule {}

/** The worker's part: the recurring deadline sweep. Needs QueueRootModule as well. */
@Module({
  imports: [PlazosModule, BullModule.registerQueue({ name: QueueName.DEADLINES })],
  providers: [DeadlineSweepScheduler, DeadlineSweepProcessor],
})
export class PlazosWorkerModule {}
