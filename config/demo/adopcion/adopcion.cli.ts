/**
 * `npm run seed:adopcion`: the rollout demo (README of this folder) in DATABASE_URL — about 160 entities of
 * the five tramos, their oficios, accounts, catalogues and reclamos — their figures rebuilt, and the
 * console's own count of each tramo printed. `npm run demo` runs it after the seed; the tests load it
 * into tramos of their own (test/integration/adopcion-demo.int-spec.ts). Idempotent.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { addDays, limaDateOf } from '@app/calendar';
import { consultarAdopcion, estadoDeAdopcion } from '@app/adopcion';
import { buildDataSourceOptions, LecturasReplica } from '@app/persistence';
import { loadEnvironment } from '@app/platform/config';
import { crearAlmacen } from '@app/storage';
import { cargarAdopcion } from './adopcion';

const inicio = Date.now();
const log = (linea: string) => console.log(`[adopción] ${linea} (${((Date.now() - inicio) / 1000).toFixed(1)} s)`);

async function main(): Promise<void> {
  // The import, the oficios and the rebuild log through Nest's logger: only warnings and errors here.
  Logger.overrideLogger(['warn', 'error']);
  const env = loadEnvironment();
  const dataSource = new DataSource(buildDataSourceOptions(env.DATABASE_URL, 2));
  await dataSource.initialize();
  try {
    const r = await cargarAdopcion(dataSource, {
      hasta: addDays(limaDateOf(new Date()), -1),
      storage: crearAlmacen(env),
      dominioMensajes: env.MESSAGE_ID_DOMAIN,
      progreso: log,
    });
    if (r.conHistorial.length === 0) log('las entidades ya tenían su historial: no se agregaron reclamos');
    // What the console shows, read by the console's own query: derived from the rows just written.
    const filas = await new LecturasReplica(dataSource).leer((lector) => consultarAdopcion(lector));
    for (const tramo of [1, 2, 3, 4, 5]) {
      const estados = filas.filter((f) => f.tramoId === tramo).map((f) => estadoDeAdopcion(f.fechas));
      const n = (e: string) => estados.filter((x) => x === e).length;
      log(`Tramo ${tramo}: ${estados.length} entidades — ${n('implementado')} implementado, ${n('en_proceso')} en proceso, ${n('no_iniciado')} no iniciado`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error('No se pudo cargar la demo de adopción:', error);
  process.exitCode = 1;
});
