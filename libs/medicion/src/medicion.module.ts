import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CalendarDataModule } from '@app/plazos';
import { configuracionDelAlmacen, Environment } from '@app/platform/config';
import { QueueName } from '@app/platform/queue';
import { GetCifraPorPeriodosUseCase } from './figures/get-cifra-por-periodos.usecase';
import { crearAlmacen } from '@app/storage';
import { AlmacenExportaciones } from './exportaciones/almacen-exportaciones';
import { BarrerExportacionesUseCase } from './exportaciones/barrer-exportaciones.usecase';
import { ExportacionRepository } from './exportaciones/exportacion.repository';
import { ExportacionesQueue } from './exportaciones/exportaciones-queue';
import { BarridoExportacionesScheduler, ExportacionesProcessor } from './exportaciones/exportaciones.job';
import {
  DescargarExportacionUseCase,
  GetExportacionUseCase,
  ListExportacionesUseCase,
  SolicitarExportacionUseCase,
} from './exportaciones/exportaciones.usecases';
import { GenerarExportacionUseCase } from './exportaciones/generar-exportacion.usecase';
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

const EXPORTACIONES_USE_CASES = [
  SolicitarExportacionUseCase,
  GetExportacionUseCase,
  ListExportacionesUseCase,
  DescargarExportacionUseCase,
  GenerarExportacionUseCase,
  BarrerExportacionesUseCase,
];

/**
 * Long exports (the figures' detail): asking, reading, downloading (the back-office) and writing,
 * sweeping (the worker, through ExportacionesWorkerModule). Files go to `STORAGE_DIR/exportaciones`.
 * Needs PersistenceModule, ClockModule and QueueRootModule in the app.
 */
@Module({
  imports: [MedicionModule, BullModule.registerQueue({ name: QueueName.EXPORTACIONES })],
  providers: [
    ...EXPORTACIONES_USE_CASES,
    ExportacionRepository,
    ExportacionesQueue,
    {
      provide: AlmacenExportaciones,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => crearAlmacen(configuracionDelAlmacen(config), 'exportaciones'),
    },
  ],
  exports: [...EXPORTACIONES_USE_CASES, ExportacionRepository, ExportacionesQueue, AlmacenExportaciones],
})
export class ExportacionesModule {}

/** The worker's part of the exports: the `exportar` jobs (one at a time) and the recurring sweep. */
@Module({
  // The sweep's scheduler injects the queue: registered here too (a module's registered queue is not exported).
  imports: [ExportacionesModule, BullModule.registerQueue({ name: QueueName.EXPORTACIONES })],
  providers: [ExportacionesProcessor, BarridoExportacionesScheduler],
})
export class ExportacionesWorkerModule {}
