/**
 * `npm run copia:verificar [-- --entidad ID]…`: verifies the deployment in DATABASE_URL and STORAGE_DIR as
 * a restore must leave it (see verificar-copia.ts). Prints the counts; exits 1 naming what failed.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@app/persistence';
import { loadEnvironment } from '@app/platform/config';
import { verificarCopia } from './verificar-copia';

function entidadesDe(argv: readonly string[]): string[] {
  const ids: string[] = [];
  for (let i = 0; i < argv.length; i += 1) if (argv[i] === '--entidad' && argv[i + 1]) ids.push(argv[(i += 1)]);
  return ids;
}

async function main(): Promise<void> {
  const env = loadEnvironment();
  const dataSource = new DataSource(buildDataSourceOptions(env.DATABASE_URL, 2));
  await dataSource.initialize();
  try {
    const v = await verificarCopia(dataSource, env.STORAGE_DIR, entidadesDe(process.argv.slice(2)));
    console.log(
      `${v.reclamos} reclamos, ${v.eventos} eventos; auditoría: ${v.auditoria.entradas} entradas en ${v.auditoria.entidades} cadenas, ` +
        `${v.auditoria.fallas} rotas; adjuntos: ${v.adjuntos.revisados} revisados, ${v.adjuntos.defectuosos.length} con defectos.`,
    );
    for (const d of v.adjuntos.defectuosos) console.error(`Adjunto ${d.id} (${d.claveAlmacen}): ${d.motivo}.`);
    if (!v.integra) {
      console.error('La copia restaurada NO está íntegra (para ver las cadenas rotas: npm run audit:verify).');
      process.exitCode = 1;
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error('No se pudo verificar la copia:', error);
  process.exitCode = 2;
});
