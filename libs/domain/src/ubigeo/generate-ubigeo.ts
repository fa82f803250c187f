/**
 * Writes ubigeo-inei.json, the ubigeo list the platform validates addresses against and the
 * hoja's departamento → provincia → distrito questions show.
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
 *
 * The target is INEI's latest published directory, the «Directorio Nacional de Gobiernos
 * Regionales, Municipalidades Provinciales, Distritales y de Centros Poblados 2025» (1,891
 * distritos): its codes, and its names with their accents. INEI's own site is not reachable from
 * the build machines, so the names were checked by hand against a public transcription of that
 * directory's district table; re-check against INEI's file when the list is next reviewed. No npm
 * package was found that tracks INEI's current list (`ubigeo-peru` ~2016; `ubigeos` 2.1.0, ISC,
 * 1,867 districts).
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

/**
 * Names the package gets wrong, truncates, or that INEI has changed since its snapshot; each as
 * INEI's 2025 directory writes it. Accents alone are `ACCENTED_WORDS`' job.
 */
const NAME_FIXES: Readonly<Record<string, string>> = {
  '1608': 'Putumayo', // the package repeats "Maynas"; 1608's districts are Putumayo's
  '2202': 'Bellavista', // the package repeats "San Martín", which is 2209
  '10': 'Huánuco',
  '1001': 'Huánuco',
  '100101': 'Huánuco',
  // Provinces truncated or misspelled in the package.
  '0207': 'Carlos Fermín Fitzcarrald', // "Fitzcarral"
  '2402': 'Contralmirante Villar', // "Villa"
  '1103': 'Nasca', // INEI writes Nasca, not Nazca
  // Districts whose name INEI writes otherwise now.
  '020109': 'Pampas Grande',
  '030407': 'Ihuayllo',
  '030602': 'Anco-Huallo',
  '070103': 'Carmen de La Legua Reynoso',
  '100602': 'Daniel Alomía Robles',
  '110301': 'Nasca',
  '120906': 'San Juan de Iscos',
  '131103': 'Marmot',
  '151003': 'Allauca',
  '200115': 'Veintiséis de Octubre',
  '230111': 'La Yarada los Palos',
};

/**
 * Words INEI's directory writes with an accent (acute) where the package does not: each is put
 * back wherever the package spells it bare ("Jose Luis Bustamante y Rivero" → "José Luis…").
 * Words the package already accents somewhere count as well (see `accentMap`). A word is matched
 * whole and without regard to case; ñ and ü are letters of their own and never stripped.
 */
const ACCENTED_WORDS: readonly string[] = [
  'Acarí', 'Agustín', 'Albarracín', 'Alomía', 'Ancón', 'Andrés', 'Antioquía', 'Antón', 'Apurímac', 'Ascensión',
  'Asís', 'Asunción', 'Azángaro', 'Bárbara', 'Barrón', 'Bartolomé', 'Belén', 'Beraún', 'Bermúdez', 'Bolívar',
  'Bombón', 'Bongará', 'Cáceres', 'Camaná', 'Caravelí', 'Carhuacayán', 'Carquín', 'Carrión', 'Cátac',
  'Cayaltí', 'Cayrán', 'César', 'Chacña', 'Chambará', 'Chavín', 'Chepén', 'Chiliquín', 'Chimbán', 'Chimú',
  'Chiquián', 'Cholón', 'Chunán', 'Cochán', 'Concepción', 'Conchán', 'Constitución', 'Contumazá', 'Convención',
  'Copallín', 'Córdova', 'Cospán', 'Cristóbal', 'Curimaná', 'Damián', 'Eslabón', 'Etén', 'Fermín', 'Frías',
  'Gabán', 'Guzmán', 'Hernández', 'Héroes', 'Heroínas', 'Hilarión', 'Huáchac', 'Huachón', 'Huacllán',
  'Huamalí', 'Huamalíes', 'Huamán', 'Huancán', 'Huancané', 'Huancapón', 'Huántar', 'Huarochirí', 'Huasmín',
  'Huayán', 'Huayllacayán', 'Huayllán', 'Huaytará', 'Ichocán', 'Inclán', 'Jazán', 'Jerónimo', 'Jesús',
  'Joaquín', 'José', 'Juanjuí', 'Julcán', 'Junín', 'Lampián', 'Lámud', 'Llamellín', 'Lucía', 'Lurín',
  'Máncora', 'Marañón', 'Marcará', 'María', 'Marías', 'Márquez', 'Martín', 'Masín', 'Mejía', 'Monsefú',
  'Monzón', 'Mórrope', 'Morropón', 'Naván', 'Nicolás', 'Noél', 'Ordóñez', 'Órganos', 'Oyón', 'Pacarán',
  'Pachacámac', 'Pachacútec', 'Pacllón', 'Paiján', 'Pallán', 'Pamparomás', 'Pancán', 'Pararín', 'Páucar',
  'Perené', 'Perú', 'Piérola', 'Platería', 'Pólvora', 'Pucará', 'Pulán', 'Purús', 'Raján', 'Ramón', 'Rázuri',
  'Ricrán', 'Rímac', 'Río', 'Rodríguez', 'Román', 'Rondocán', 'Salvación', 'Sánchez', 'Sarín', 'Sayán',
  'Sebastián', 'Simón', 'Soplín', 'Tallán', 'Tipán', 'Tomás', 'Tumán', 'Tumbadén', 'Tunán', 'Túpac', 'Unión',
  'Uñón', 'Valcárcel', 'Valdizán', 'Víctor', 'Virú', 'Vizcatán', 'Yamón', 'Yánac', 'Yarusyacán', 'Yaután',
  'Yauyucán', 'Yonán', 'Yupán',
];

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

/** Only the acute accent is stripped: "Uñón" and "Uñon" share a key, "Uñon" and "Unon" do not. */
const withoutAcute = (word: string): string => word.normalize('NFD').replace(/\u0301/g, '').normalize('NFC').toLowerCase();

/** Bare spelling (lower case) → accented spelling, from `ACCENTED_WORDS` and the names themselves. */
function accentMap(names: Iterable<string>): Map<string, string> {
  const map = new Map<string, string>();
  const add = (word: string): void => {
    const key = withoutAcute(word);
    if (key !== word.toLowerCase() && !map.has(key)) map.set(key, word);
  };
  for (const word of ACCENTED_WORDS) add(word);
  for (const name of names) for (const word of name.split(WORD_SEPARATOR)) add(word);
  return map;
}

const WORD_SEPARATOR = /[\s\-()]+/;

/** "Jose Maria Quimper" → "José María Quimper"; a word already accented, or unknown, is kept. */
function withAccents(name: string, accents: Map<string, string>): string {
  return name.replace(/[^\s\-()]+/g, (word) => {
    const accented = accents.get(word.toLowerCase());
    if (accented === undefined) return word;
    const first = word[0] === word[0]?.toUpperCase() ? accented[0]?.toUpperCase() : accented[0]?.toLowerCase();
    return (first ?? '') + accented.slice(1);
  });
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
  const accents = accentMap(ubigeos.values());
  for (const [code, name] of ubigeos) ubigeos.set(code, withAccents(name, accents));
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

/** The list's target and when its names were last checked against it (see the header). */
const INEI_DIRECTORY =
  'INEI, Directorio Nacional de Gobiernos Regionales, Municipalidades Provinciales, Distritales y de Centros Poblados 2025';
const REVIEWED_ON = '2026-12-01';

function render(version: string, ubigeos: Map<string, string>): string {
  const source =
    `INEI ubigeo codes and names as in the ${INEI_DIRECTORY} (names checked ${REVIEWED_ON}), built from the ` +
    `npm package ubigeo-peru@${version} (src/ubigeo-inei.json, GPL-3.0) with the fixes, additions and accents ` +
    'in generate-ubigeo.ts. Generated file: do not edit, regenerate.';
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
