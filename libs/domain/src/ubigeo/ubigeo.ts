import ubigeoFile from './ubigeo-inei.json';

/** A departamento (2 digits), provincia (4) or distrito (6), with its INEI code. */
export interface UbigeoEntry {
  readonly code: string;
  readonly name: string;
}

const DISTRITO_CODE = /^\d{6}$/;
const ROOT = '';

// Built once at load: code → name, and parent code → children in code order.
const names = new Map<string, string>();
const children = new Map<string, UbigeoEntry[]>();

function isPair(entry: string[]): entry is [code: string, name: string] {
  return entry.length === 2;
}

for (const entry of ubigeoFile.ubigeos) {
  if (!isPair(entry)) throw new Error(`ubigeo-inei.json: malformed entry ${JSON.stringify(entry)}`);
  const [code, name] = entry;
  names.set(code, name);
  const parent = code.length === 2 ? ROOT : code.slice(0, -2);
  const siblings = children.get(parent) ?? [];
  siblings.push(Object.freeze({ code, name }));
  children.set(parent, siblings);
}
for (const list of children.values()) {
  list.sort((a, b) => (a.code < b.code ? -1 : 1));
  Object.freeze(list);
}

const NONE: readonly UbigeoEntry[] = Object.freeze([]);

/** True for a distrito's 6-digit INEI code (addresses are recorded at district level). */
export function isValidUbigeo(code: string): boolean {
  return DISTRITO_CODE.test(code) && names.has(code);
}

/**
 * "Lima / Lima / Miraflores" for 150122; also "Lima / Lima" for 1501 and "Lima" for 15.
 * Undefined for an unknown code.
 */
export function ubigeoLabel(code: string): string | undefined {
  if (!names.has(code)) return undefined;
  const parts: string[] = [];
  for (let length = 2; length <= code.length; length += 2) {
    const name = names.get(code.slice(0, length));
    if (name === undefined) return undefined;
    parts.push(name);
  }
  return parts.join(' / ');
}

/** The 24 departamentos and the Provincia Constitucional del Callao (07). */
export function departamentos(): readonly UbigeoEntry[] {
  return children.get(ROOT) ?? NONE;
}

/** Provincias of a departamento (2-digit code); empty if unknown. */
export function provincias(departamentoCode: string): readonly UbigeoEntry[] {
  return departamentoCode.length === 2 ? (children.get(departamentoCode) ?? NONE) : NONE;
}

/** Distritos of a provincia (4-digit code); empty if unknown. */
export function distritos(provinciaCode: string): readonly UbigeoEntry[] {
  return provinciaCode.length === 4 ? (children.get(provinciaCode) ?? NONE) : NONE;
}

export interface UbigeoGroup {
  /** "Departamento – Provincia" */
  readonly label: string;
  readonly distritos: readonly UbigeoEntry[];
}

let groups: readonly UbigeoGroup[] | undefined;

/** Every distrito grouped by departamento and provincia, built once: what a select without JavaScript lists. */
export function distritosAgrupados(): readonly UbigeoGroup[] {
  groups ??= departamentos().flatMap((dep) =>
    provincias(dep.code).map((prov) => ({ label: `${dep.name} – ${prov.name}`, distritos: distritos(prov.code) })),
  );
  return groups;
}

/** The three names of a distrito, apart, as INEI writes them. */
export interface UbigeoNombres {
  readonly departamento: string;
  readonly provincia: string;
  readonly distrito: string;
}

/**
 * `{ departamento: 'Lima', provincia: 'Lima', distrito: 'Miraflores' }` for 150122: what a page
 * shows so that a chosen distrito is never only «Miraflores» (100 names repeat across provincias).
 * Undefined for anything but a known distrito code.
 */
export function ubigeoNombres(code: string): UbigeoNombres | undefined {
  if (!isValidUbigeo(code)) return undefined;
  const [departamento, provincia, distrito] = [2, 4, 6].map((length) => names.get(code.slice(0, length)));
  if (departamento === undefined || provincia === undefined || distrito === undefined) return undefined;
  return { departamento, provincia, distrito };
}
