/**
 * `npm run audit:verify`: checks every entity's audit hash chain in DATABASE_URL (or only the
 * entities whose ids are given as arguments). Exits 1 naming the first bad entry of each broken chain.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@app/persistence';
import { loadEnvironment } from '@app/platform/config';
import { verifyAuditChain } from './verify-audit-chain';

async function main(): Promise<void> {
  const env = loadEnvironment();
  const dataSource = new DataSource(buildDataSourceOptions(env.DATABASE_URL, 2));
  await dataSource.initialize();
  try {
    const ids = process.argv.slice(2);
    const report = await verifyAuditChain(dataSource, ids.length > 0 ? ids : undefined);
    if (report.fallas.length === 0) {
      console.log(`Auditoría íntegra: ${report.entradas} entradas en ${report.entidades} cadenas de entidad.`);
      return;
    }
    for (const f of report.fallas) {
      console.error(`Cadena de la entidad ${f.entidadId}: primera entrada inválida ${f.id ?? '(ninguna)'} (secuencia ${f.secuencia}): ${f.motivo}.`);
    }
    process.exitCode = 1;
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error('No se pudo verificar la auditoría:', error);
  process.exitCode = 2;
});
