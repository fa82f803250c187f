/**
 * Writes ubigeo-inei.json, the ubigeo list the platform validates addresses against.
 *
 *   npx ts-node --transpile-only libs/domain/src/ubigeo/generate-ubigeo.ts           # write
 *   npx ts-node --transpile-only libs/domain/src/ubigeo/generate-ubigeo.ts --check   # exit 1 if stale
 *
 * Source: the INEI list in the npm package `ubigeo-peru` (src/ubigeo-inei.json, by
 * Angel Fernando Quiroz Campos, GPL-3.0, https://github.com/AngelFQC/ubigeo-peru).
 * The package also ships RENIEC's codes, which number departamentos differently
 * (RENIEC 14 is Lima, INEI 15); we use INEI's, the ones the State's statistics use.
 * Its snapshot is from about 2016, so the corrections and additions below are applied;
 * each one says why. The runtime reads only the generated JSON, never the package.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface PackageRow {
  departamento: string;
  provincia: string;
  distrito: string;
  nombre: string;
}

/** Rows the package files under a wrong code, keyed by "<code as given>:<name>". */
const CODE_FIXES: Readonly<Record<string, string>> = {
  // Bagua appears as a second departamento 01 instead of the province 0102.
  '01:Bagua': '0102',
};

/** Names the package gets wrong (or, for Huánuco, the only departamento without its accent). */
const NAME_FIXES: Readonly<Record<string, string>> = {
  '1608': 'Putumayo', // the package repeats "Maynas"; 1608's districts are Putumayo's
  '2202': 'Bellavista', // the package repeats "San Martín", which is 2209
  '10': 'Huánuco',
  '1001': 'Huánuco',
  '100101': 'Huánuco',
};

/**
 * Districts created after the package's snapshot: the package has 1,874 districts,
 * INEI's current list 1,891. Codes and names were cross-checked against two
 * independent public datasets built from INEI's 2025 lists, not against INEI's own
 * file; confirm them there when the list is next reviewed.
 */
const ADDED_DISTRICTS: ReadonlyArray<readonly [code: string, name: string]> = [
  ['030612', 'Ahuayro'],
  ['050413', 'Putis'],
  ['050512', 'Unión Progreso'],
  ['050513', 'Río Magdalena'],
  ['050514', 'Ninabamba'],
  ['050515', 'Patibamba'],
  ['080915', 'Kumpirushiato'],
  ['080916', 'Cielo Punco'],
  ['080917', 'Manitea'],
  ['080918', 'Unión Asháninka'],
  ['090724', 'Lambras'],
  ['090725', 'Cochabamba'],
  ['130112', 'Alto Trujillo'],
  ['180107', 'San Antonio'],
  ['221006', 'Santa Lucía'],
  ['250306', 'Huipoca'],
  ['250307', 'Boquerón'],
];

const EXPECTED = { departamentos: 25, provincias: 196, distritos: 1891 } as const;
const OUTPUT = join(__dirname, 'ubigeo-inei.json');

function isPackageRow(value: unknown): value is PackageRow {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Record<string, unknown>;
  return ['departamento', 'provincia', 'distrito', 'nombre'].every((key) => typeof row[key] === 'string');
}

/** INEI writes higher levels with trailing zeros (150100); we keep 2, 4 or 6 digits. */
function shortCode(row: PackageRow): string {
  if (row.provincia === '00') return row.departamento;
  if (row.distrito === '00') return row.departamento + row.provincia;
  return row.departamento + row.provincia + row.distrito;
}

function readPackage(): { version: string; rows: PackageRow[] } {
  const packageDir = dirname(require.resolve('ubigeo-peru/package.json'));
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const rows: unknown = JSON.parse(readFileSync(join(packageDir, 'src', 'ubigeo-inei.json'), 'utf8'));
  if (!Array.isArray(rows) || !rows.every(isPackageRow)) {
    throw new Error('ubigeo-peru/src/ubigeo-inei.json no longer has the expected shape');
  }
  return { version, rows };
}

function build(rows: PackageRow[]): Map<string, string> {
  const ubigeos = new Map<string, string>();
  const add = (code: string, name: string): void => {
    if (ubigeos.has(code)) throw new Error(`duplicate ubigeo ${code} (${ubigeos.get(code)} / ${name})`);
    ubigeos.set(code, name);
  };
  for (const row of rows) {
    const given = shortCode(row);
    const name = row.nombre.trim();
    add(CODE_FIXES[`${given}:${name}`] ?? given, name);
  }
  for (const [code, name] of ADDED_DISTRICTS) add(code, name);
  for (const [code, name] of Object.entries(NAME_FIXES)) {
    if (!ubigeos.has(code)) throw new Error(`name fix for unknown ubigeo ${code}`);
    ubigeos.set(code, name);
  }
  return ubigeos;
}

function verify(ubigeos: Map<string, string>): void {
  const codes = [...ubigeos.keys()];
  const counts = {
    departamentos: codes.filter((c) => c.length === 2).length,
    provincias: codes.filter((c) => c.length === 4).length,
    distritos: codes.filter((c) => c.length === 6).length,
  };
  const problems: string[] = [];
  for (const level of Object.keys(EXPECTED) as Array<keyof typeof EXPECTED>) {
    if (counts[level] !== EXPECTED[level]) problems.push(`${counts[level]} ${level}, expected ${EXPECTED[level]}`);
  }
  for (const code of codes) {
    if (!/^\d{2}(\d{2}){0,2}$/.test(code)) problems.push(`malformed code ${code}`);
    if (code.length > 2 && !ubigeos.has(code.slice(0, -2))) problems.push(`${code} has no parent`);
    if (code.length < 6 && !codes.some((c) => c.length === code.length + 2 && c.startsWith(code))) {
      problems.push(`${code} has no children`);
    }
  }
  if (problems.length > 0) throw new Error(`ubigeo list rejected:\n  ${problems.join('\n  ')}`);
}

function render(version: string, ubigeos: Map<string, string>): string {
  const source =
    `INEI ubigeo codes from the npm package ubigeo-peru@${version} (src/ubigeo-inei.json, GPL-3.0), ` +
    'with the fixes and additions in generate-ubigeo.ts. Generated file: do not edit, regenerate.';
  // Pairs, not an object: integer-like keys ("15", "1501") would lose their order.
  const lines = [...ubigeos.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, name]) => `    ${JSON.stringify([code, name]).replace(',', ', ')}`);
  return `{\n  "source": ${JSON.stringify(source)},\n  "ubigeos": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

function main(): void {
  const { version, rows } = readPackage();
  const ubigeos = build(rows);
  verify(ubigeos);
  const content = render(version, ubigeos);
  if (process.argv.includes('--check')) {
    const current = existsSync(OUTPUT) ? readFileSync(OUTPUT, 'utf8') : '';
    if (current !== content) {
      console.error(`${OUTPUT} is out of date; run generate-ubigeo.ts`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(OUTPUT, content);
  console.log(`wrote ${ubigeos.size} ubigeos to ${OUTPUT}`);
}

main();
