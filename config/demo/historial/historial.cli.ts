/**
 * `npm run seed:historial`: about a year of realistic demo reclamos (up to yesterday in Lima) for the
 * seeded entities in DATABASE_URL, then the figures' rollups rebuilt. `npm run demo` runs it after the
 * seed; the tests never do (they count their own rows). Idempotent: a second run adds nothing and says so.
 * Migrations and `npm run seed` first.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { addDays, limaDateOf } from '@app/calendar';
import { ReconstruirCifrasUseCase } from '@app/medicion';
import { buildDataSourceOptions } from '@app/persistence';
import { ENTIDADES_DEMO } from '@app/persistence/seed';
import { loadEnvironment } from '@app/platform/config';
import { CalendarRepository } from '@app/plazos';
import { crearAlmacen } from '@app/storage';
import { cargarHistorial } from './historial';
import { reclamosDelAnio } from './volumen';

const inicio = Date.now();
const log = (linea: string) => console.log(`[historial] ${linea} (${((Date.now() - inicio) / 1000).toFixed(1)} s)`);

async function main(): Promise<void> {
  // The rebuild logs through Nest's logger: only its warnings and errors here, the summary is ours.
  Logger.overrideLogger(['warn', 'error']);
  const env = loadEnvironment();
  const dataSource = new DataSource(buildDataSourceOptions(env.DATABASE_URL, 2));
  await dataSource.initialize();
  try {
    const hasta = addDays(limaDateOf(new Date()), -1);
    const r = await cargarHistorial(dataSource, {
      hasta,
      entidades: ENTIDADES_DEMO.map((e) => ({ codigo: e.codigo, reclamos: reclamosDelAnio(e) })),
      dominioMensajes: env.MESSAGE_ID_DOMAIN,
      storage: crearAlmacen(env),
      progreso: log,
    });
    if (r.cargadas.length === 0) {
      log(`las ${r.yaCargadas.length} entidades ya tenían su historial: no se agregó nada.`);
      return;
    }
    log(
      `${r.reclamos.toLocaleString('es-PE')} reclamos hasta el ${hasta} en ${r.cargadas.length} entidades ` +
        `(${r.eventos.toLocaleString('es-PE')} eventos, ${r.notificaciones.toLocaleString('es-PE')} respuestas notificadas, ` +
        `${r.encuestas.toLocaleString('es-PE')} encuestas)`,
    );
    const cifras = await new ReconstruirCifrasUseCase(dataSource, new CalendarRepository(dataSource)).execute({});
    log(`cifras reconstruidas: ${cifras.entidades} entidades, ${cifras.diasRecalculados.toLocaleString('es-PE')} días de entidad`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error('No se pudo cargar el historial de demostración:', error);
  process.exitCode = 1;
});
