/**
 * `npm run seed`: loads the demo data into DATABASE_URL (migrations must be applied first).
 * Safe to run again: a second run changes nothing.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { EnvironmentError, loadEnvironment } from '@app/platform/config';
import { buildDataSourceOptions } from '../data-source-options';
import { seed, SeedCounts, SeedError, SeedSummary } from './seed';
import { DEMO_PASSWORD } from './seed-data';

/** The URL without its password, for messages. */
function redact(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(DATABASE_URL no válida)';
  }
}

// [label, adjective for "new", adjective for "updated"], agreeing in gender with the label.
const LABELS: Readonly<Record<keyof SeedCounts, readonly [string, string, string]>> = {
  tramos: ['Tramos', 'nuevos', 'actualizados'],
  entidades: ['Entidades', 'nuevas', 'actualizadas'],
  sedes: ['Sedes', 'nuevas', 'actualizadas'],
  unidadesOrganicas: ['Unidades orgánicas', 'nuevas', 'actualizadas'],
  servicios: ['Servicios', 'nuevos', 'actualizados'],
  usuarios: ['Usuarios de demostración', 'nuevos', 'actualizados'],
};

function render(summary: SeedSummary, target: string): string {
  const lines = [`Datos de demostración cargados en ${target}`, ''];
  for (const key of Object.keys(LABELS) as Array<keyof SeedCounts>) {
    const changed = key in summary.actualizados ? summary.actualizados[key as keyof SeedSummary['actualizados']] : 0;
    const [label, nuevos, actualizados] = LABELS[key];
    const detail = [`${summary.creados[key]} ${nuevos}`, ...(changed > 0 ? [`${changed} ${actualizados}`] : [])].join(', ');
    lines.push(`  ${label.padEnd(26)} ${String(summary.total[key]).padStart(4)}  (${detail})`);
  }
  const nothingChanged =
    Object.values(summary.creados).every((n) => n === 0) && Object.values(summary.actualizados).every((n) => n === 0);
  if (nothingChanged) lines.push('', 'La base ya tenía estos datos: no se cambió nada.');

  const rows = summary.cuentasDemo.map((c) => [c.email, c.rol, c.entidad ?? '(todas: sin entidad)']);
  const header = ['Correo', 'Rol', 'Entidad'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const format = (cells: string[]): string => `  ${cells.map((cell, i) => cell.padEnd(widths[i])).join('  ')}`.trimEnd();
  lines.push('', 'Cuentas de demostración (back office):', format(header), format(widths.map((w) => '-'.repeat(w))));
  lines.push(...rows.map(format));
  lines.push('', `Contraseña de todas las cuentas de demostración: ${DEMO_PASSWORD}`);
  lines.push('Solo para desarrollo y demostraciones: no cargue estas cuentas en producción.');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const env = loadEnvironment();
  const target = redact(env.DATABASE_URL);
  const dataSource = new DataSource(buildDataSourceOptions(env.DATABASE_URL, 2));
  try {
    await dataSource.initialize();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SeedError(`No se pudo conectar a la base de datos ${target}: ${reason}`);
  }
  try {
    const summary = await seed(dataSource);
    console.log(render(summary, target));
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  if (error instanceof SeedError || error instanceof EnvironmentError) {
    console.error(`Error al cargar los datos de demostración: ${error.message}`);
  } else {
    // Unexpected: keep the stack for whoever debugs it.
    console.error('Error inesperado al cargar los datos de demostración:', error);
  }
  process.exitCode = 1;
});
