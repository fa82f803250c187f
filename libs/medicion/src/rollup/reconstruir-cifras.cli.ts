/**
 * `npm run cifras:reconstruir`: rebuilds every figure rollup in DATABASE_URL from the case tables (or only
 * the entities whose ids are given), e.g. after a calendar change that should recount business days.
 * Safe while the apps and the worker run: it takes the same lock as the worker's update.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@app/persistence';
import { loadEnvironment } from '@app/platform/config';
import { CalendarRepository } from '@app/plazos';
import { ReconstruirCifrasUseCase } from './actualizar-cifras.usecase';

async function main(): Promise<void> {
  const env = loadEnvironment();
  const dataSource = new DataSource(buildDataSourceOptions(env.DATABASE_URL, 2));
  await dataSource.initialize();
  try {
    const ids = process.argv.slice(2);
    const inicio = Date.now();
    const r = await new ReconstruirCifrasUseCase(dataSource, new CalendarRepository(dataSource)).execute(ids.length > 0 ? { entidadIds: ids } : {});
    console.log(`Cifras reconstruidas: ${r.entidades} entidades, ${r.diasRecalculados} días de entidad, en ${((Date.now() - inicio) / 1000).toFixed(1)} s.`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error('No se pudieron reconstruir las cifras:', error);
  process.exitCode = 1;
});
