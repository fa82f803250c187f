import { Test } from '@nestjs/testing';
import { ExportacionesProcessor, ActualizarCifrasProcessor, PublicarDatosAbiertosProcessor } from '@app/medicion';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/**
 * The worker's real module wired whole: every processor and scheduler resolves its dependencies. Other
 * tests build their processors by hand, so a provider missing from a module (a queue not registered
 * where a scheduler injects it) would otherwise only show when `npm run demo` starts the worker.
 * Compiling instantiates the providers without starting BullMQ workers or schedules (those begin at init).
 */
describe('the worker module', () => {
  it('resolves every provider of the worker, figures and exports included', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
    try {
      expect(moduleRef.get(ActualizarCifrasProcessor)).toBeInstanceOf(ActualizarCifrasProcessor);
      expect(moduleRef.get(PublicarDatosAbiertosProcessor)).toBeInstanceOf(PublicarDatosAbiertosProcessor);
      expect(moduleRef.get(ExportacionesProcessor)).toBeInstanceOf(ExportacionesProcessor);
    } finally {
      await moduleRef.close();
    }
  });
});
