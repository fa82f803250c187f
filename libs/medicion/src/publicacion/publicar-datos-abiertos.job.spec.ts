import { Queue } from 'bullmq';
import { FixedClock } from '@app/platform/clock';
import { GetDatosAbiertosUseCase } from './datos-abiertos';
import { PUBLICAR_DATOS_ABIERTOS_PATTERN, PublicarDatosAbiertosScheduler } from './publicar-datos-abiertos.job';

describe('the open-data scheduler at worker start', () => {
  const arrancar = async (ultimo: unknown) => {
    const queue = { upsertJobScheduler: jest.fn().mockResolvedValue(undefined), add: jest.fn().mockResolvedValue(undefined) };
    const datos = { ultimo: jest.fn().mockResolvedValue(ultimo) };
    const clock = new FixedClock(new Date('2031-04-20T15:00:00Z'));
    await new PublicarDatosAbiertosScheduler(queue as unknown as Queue, datos as unknown as GetDatosAbiertosUseCase, clock).onApplicationBootstrap();
    return queue;
  };

  it('registers the daily run at 04:00 in Lima and, with no file published yet, asks for one at once (once per day)', async () => {
    const queue = await arrancar(null);
    expect(queue.upsertJobScheduler).toHaveBeenCalledWith(
      'publicar-datos-abiertos',
      { pattern: PUBLICAR_DATOS_ABIERTOS_PATTERN, tz: 'America/Lima' },
      expect.objectContaining({ name: 'publicar-datos-abiertos' }),
    );
    expect(queue.add).toHaveBeenCalledWith('publicar-datos-abiertos', {}, expect.objectContaining({ jobId: 'inicial-2031-04-20' }));
  });

  it('with a file already published, only the daily run', async () => {
    const queue = await arrancar({ nombre: 'reclamos-por-entidad.csv' });
    expect(queue.upsertJobScheduler).toHaveBeenCalledTimes(1);
    expect(queue.add).not.toHaveBeenCalled();
  });
});
