import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CalendarDataModule } from '@app/plazos';
import { QueueName } from '@app/platform/queue';
import { GetCifraPorPeriodosUseCase } from './figures/get-cifra-por-periodos.usecase';
import { GetCifrasEntidadUseCase } from './figures/get-cifras-entidad.usecase';
import { GetCifrasNacionalesUseCase } from './figures/get-cifras-nacionales.usecase';
import { ActualizarCifrasUseCase, ReconstruirCifrasUseCase } from './rollup/actualizar-cifras.usecase';
import { ActualizarCifrasProcessor, ActualizarCifrasScheduler } from './rollup/actualizar-cifras.job';
import { GetDatosAbiertosUseCase, PublicarDatosAbiertosUseCase } from './publicacion/datos-abiertos';
import { GetEstadisticasEntidadUseCase, GetEstadisticasNacionalesUseCase } from './publicacion/get-estadisticas.usecase';
import { PublicarDatosAbiertosProcessor, PublicarDatosAbiertosScheduler } from './publicacion/publicar-datos-abiertos.job';

const USE_CASES = [
  GetCifrasEntidadUseCase,
  GetCifraPorPeriodosUseCase,
  GetCifrasNacionalesUseCase,
  ActualizarCifrasUseCase,
  ReconstruirCifrasUseCase,
  GetEstadisticasEntidadUseCase,
  GetEstadisticasNacionalesUseCase,
  GetDatosAbiertosUseCase,
  PublicarDatosAbiertosUseCase,
];

/** The figures and their rollups. Needs PersistenceModule and ClockModule. */
@Module({
  imports: [CalendarDataModule],
  providers: USE_CASES,
  exports: USE_CASES,
})
export class MedicionModule {}

/** The worker's part: the recurring update of the rollups and the daily open-data file. Needs QueueRootModule as well. */
@Module({
  imports: [MedicionModule, BullModule.registerQueue({ name: QueueName.MEDICION }, { name: QueueName.DATOS_ABIERTOS })],
  providers: [ActualizarCifrasScheduler, ActualizarCifrasProcessor, PublicarDatosAbiertosScheduler, PublicarDatosAbiertosProcessor],
})
export class MedicionWorkerModule {}
