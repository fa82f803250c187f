import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module, ModuleMetadata, Type } from '@nestjs/common';
import { ExpedienteModule } from '@app/expediente';
import { CalendarDataModule } from './calendar/calendar-data.module';
import { ComputePlazoUseCase } from './calendario/compute-plazo.usecase';
import { AddDiaNoLaborableUseCase, ListDiasNoLaborablesUseCase, RemoveDiaNoLaborableUseCase } from './calendario/dias-no-laborables.usecase';
import { ConfirmRecalculoUseCase, PreviewRecalculoUseCase } from './recalculo/recalculo.usecase';
import { DeadlineSweepProcessor, DeadlineSweepScheduler } from './sweep/deadline-sweep.job';
import { DEADLINE_SWEEP_STEPS, DeadlineSweepStep } from './sweep/deadline-sweep-step';
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
  imports: [CalendarDataModule, ExpedienteModule],
  providers: USE_CASES,
  exports: [...USE_CASES, CalendarDataModule],
})
export class PlazosModule {}

/** The worker's part: the recurring deadline sweep. Needs QueueRootModule as well. */
@Module({
  imports: [PlazosModule, BullModule.registerQueue({ name: QueueName.DEADLINES })],
  providers: [DeadlineSweepScheduler, DeadlineSweepProcessor],
})
export class PlazosWorkerModule {
  /**
   * The sweep with steps of other libs run after the reminders (see DeadlineSweepStep): `imports`
   * are the modules that export the step providers.
   */
  static withSteps(options: { imports: NonNullable<ModuleMetadata['imports']>; steps: Array<Type<DeadlineSweepStep>> }): DynamicModule {
    return {
      module: PlazosWorkerModule,
      imports: options.imports,
      providers: [{ provide: DEADLINE_SWEEP_STEPS, inject: options.steps, useFactory: (...steps: DeadlineSweepStep[]) => steps }],
    };
  }
}
