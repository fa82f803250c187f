import { CODIGO_ENTIDAD_PATTERN, FieldError, NivelGobierno, TIPO_ENTIDAD_LABELS, TipoEntidad } from '@app/domain';
import { checkRuc } from '@app/domain/documents';
import { isValidUbigeo } from '@app/domain/ubigeo';

/**
 * The entity registry's field rules, pure (no I/O): the same checks for the form, the JSON API and
 * every row of a CSV import, so a value refused in one is refused in all, with the same Spanish words.
 * Uniqueness (code, RUC) needs the database: the use cases check it, this file only gives the words.
 */

export const NIVEL_GOBIERNO_LABELS: Readonly<Record<NivelGobierno, string>> = {
  [NivelGobierno.NACIONAL]: 'Nacional',
  [NivelGobierno.REGIONAL]: 'Regional',
  [NivelGobierno.LOCAL]: 'Local',
};

/**
 * The level of government a kind of entity always has [law: Ley 27783 de Bases de la Descentralización,
 * art. 8 and 9: ministries and the armed forces are national; regional governments regional;
 * municipalities local]. Kinds not listed (organismos públicos, universidades, empresas, otras) exist
 * at more than one level.
 */
export const NIVEL_DE_TIPO: Readonly<Partial<Record<TipoEntidad, NivelGobierno>>> = {
  [TipoEntidad.MINISTERIO]: NivelGobierno.NACIONAL,
  [TipoEntidad.FFAA_POLICIA]: NivelGobierno.NACIONAL,
  [TipoEntidad.GOBIERNO_REGIONAL]: NivelGobierno.REGIONAL,
  [TipoEntidad.MUNICIPALIDAD_PROVINCIAL]: NivelGobierno.LOCAL,
  [TipoEntidad.MUNICIPALIDAD_DISTRITAL]: NivelGobierno.LOCAL,
};

export const NOMBRE_ENTIDAD_MAX = 300;
export const SECTOR_MAX = 100;
/** Tramo numbers people can type and read; the column is a smallint. */
export const TRAMO_NUMERO_MAX = 9999;

/** What a tramo is to the rules: its number, its name and the kinds of entity it covers. */
export interface TramoResumen {
  numero: number;
  nombre: string;
  tiposEntidad: readonly TipoEntidad[];
}

/** The fields as they arrive (form, JSON, CSV cell): texts, or a number for the tramo. */
export interface EntidadEntrada {
  codigo?: unknown;
  nombre?: unknown;
  ruc?: unknown;
  tipo?: unknown;
  nivelGobierno?: unknown;
  sector?: unknown;
  ubigeo?: unknown;
  /** The tramo's number; empty, null or absent: the tramo of the entity's kind. */
  tramo?: unknown;
}

/** An entity's registry data, checked and normalised. */
export interface EntidadValida {
  codigo: string;
  nombre: string;
  ruc: string;
  tipo: TipoEntidad;
  nivelGobierno: NivelGobierno;
  sector: string;
  ubigeo: string;
  /** Null only when the kind belongs to no tramo and none was given (refused on registration). */
  tramoId: number | null;
  /** True when the tramo was given and is not the one of the entity's kind (see `tramoDeEntidad`). */
  tramoManual: boolean;
}

export type CampoEntidad = keyof EntidadEntrada;

/** Spanish labels of the fields, for error summaries and the CSV's column names' explanation. */
export const ETIQUETAS_ENTIDAD: Readonly<Record<CampoEntidad, string>> = {
  codigo: 'Código corto',
  nombre: 'Nombre',
  ruc: 'RUC',
  tipo: 'Tipo de entidad',
  nivelGobierno: 'Nivel de gobierno',
  sector: 'Sector',
  ubigeo: 'Ubigeo',
  tramo: 'Tramo',
};

const texto = (value: unknown): string => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');

/** Lower case, no accents, spaces and hyphens as underscores: «Organismo público» → organismo_publico. */
export function clave(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

const TIPOS_POR_CLAVE = new Map<string, TipoEntidad>(
  Object.values(TipoEntidad).flatMap((tipo) => [
    [tipo, tipo],
    [clave(TIPO_ENTIDAD_LABELS[tipo]), tipo],
  ]),
);
const NIVELES_POR_CLAVE = new Map<string, NivelGobierno>(Object.values(NivelGobierno).map((n) => [n, n]));

/** The kind of entity from its code (`organismo_publico`) or its label, in any case and with or without accents. */
export function tipoEntidadDe(value: string): TipoEntidad | null {
  return TIPOS_POR_CLAVE.get(clave(value)) ?? null;
}

export function nivelGobiernoDe(value: string): NivelGobierno | null {
  return NIVELES_POR_CLAVE.get(clave(value)) ?? null;
}

const ROMANOS: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10, L: 50 };

/** "IV" → 4 (tramos are named «Tramo I» … «Tramo V»); null for anything that is not a plain roman numeral up to 89. */
function romano(value: string): number | null {
  if (!/^(L?X{0,3})(IX|IV|V?I{0,3})$/.test(value) || value === '') return null;
  let total = 0;
  for (let i = 0; i < value.length; i++) {
    const actual = ROMANOS[value[i]];
    const siguiente = ROMANOS[value[i + 1]] ?? 0;
    total += actual < siguiente ? -actual : actual;
  }
  return total;
}

/** A tramo's number from "3", "III", "Tramo III" or "tramo 3"; null when it is none of those. */
export function numeroDeTramo(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 && value <= TRAMO_NUMERO_MAX ? value : null;
  const limpio = texto(value).replace(/^tramo\s+/i, '').toUpperCase();
  if (/^\d{1,4}$/.test(limpio)) {
    const n = Number(limpio);
    return n >= 1 ? n : null;
  }
  return romano(limpio);
}

/** The tramo whose kinds include `tipo` (the lowest number if data ever gave a kind to two); null if none. */
export function tramoDeTipo(tipo: TipoEntidad, tramos: readonly TramoResumen[]): TramoResumen | null {
  return [...tramos].sort((a, b) => a.numero - b.numero).find((t) => t.tiposEntidad.includes(tipo)) ?? null;
}

/**
 * An entity follows the tramo of its kind unless a coordinator gave it another one by hand: a tramo
 * given that is the kind's own is not "by hand" (nothing to remember), so changing the kinds of the
 * tramos later moves it with its kind.
 */
export function tramoDeEntidad(tipo: TipoEntidad, dado: number | null, tramos: readonly TramoResumen[]): { tramoId: number | null; tramoManual: boolean } {
  const porTipo = tramoDeTipo(tipo, tramos)?.numero ?? null;
  if (dado === null || dado === porTipo) return { tramoId: porTipo, tramoManual: false };
  return { tramoId: dado, tramoManual: true };
}

const lista = (valores: readonly string[]): string =>
  valores.length <= 1 ? (valores[0] ?? '') : `${valores.slice(0, -1).join(', ')} y ${valores[valores.length - 1]}`;

/**
 * Checks every field of an entity and says, in Spanish and per field, what is wrong. `tramos` are the
 * tramos that exist (a tramo given must be one of them; none given: the kind's). The RUC must pass
 * SUNAT's modulus-11 check digit and start with 20, as every public entity's does (a persona
 * jurídica's); the ubigeo must be an INEI district (libs/domain/src/ubigeo), and a five-digit one is
 * read as the six-digit code a spreadsheet showed without its leading zero (010101 → 10101).
 */
export function revisarEntidad(entrada: EntidadEntrada, tramos: readonly TramoResumen[]): { datos: EntidadValida | null; errores: FieldError[] } {
  const errores: FieldError[] = [];
  const error = (campo: CampoEntidad, mensaje: string) => errores.push({ campo, mensaje });

  const codigo = texto(entrada.codigo).toUpperCase();
  if (codigo === '') error('codigo', 'escriba el código corto de la entidad (por ejemplo, MINEDU)');
  else if (!CODIGO_ENTIDAD_PATTERN.test(codigo)) {
    error('codigo', `«${codigo.slice(0, 40)}» no sirve: use de 2 a 20 letras sin tilde ni Ñ, o dígitos, sin espacios (por ejemplo, MINEDU)`);
  }

  const nombre = texto(entrada.nombre).replace(/\s+/g, ' ');
  if (nombre.length < 3) error('nombre', 'escriba el nombre oficial de la entidad (al menos 3 caracteres)');
  else if (nombre.length > NOMBRE_ENTIDAD_MAX) error('nombre', `escriba como máximo ${NOMBRE_ENTIDAD_MAX} caracteres`);

  const rucTexto = texto(entrada.ruc);
  const ruc = checkRuc(rucTexto);
  if (rucTexto === '') error('ruc', 'escriba el RUC de la entidad (11 dígitos)');
  else if (!ruc.ok) error('ruc', `«${rucTexto.slice(0, 20)}»: ${minuscula(ruc.message)}`);
  else if (!ruc.normalized.startsWith('20')) error('ruc', `«${rucTexto}»: el RUC de una entidad pública empieza con 20 (persona jurídica)`);

  const tipoTexto = texto(entrada.tipo);
  const tipo = tipoTexto === '' ? null : tipoEntidadDe(tipoTexto);
  if (tipoTexto === '') error('tipo', 'elija el tipo de entidad');
  else if (tipo === null) {
    error('tipo', `«${tipoTexto.slice(0, 60)}» no es un tipo de entidad; use uno de estos: ${lista(Object.values(TipoEntidad))}`);
  }

  const nivelTexto = texto(entrada.nivelGobierno);
  const nivel = nivelTexto === '' ? null : nivelGobiernoDe(nivelTexto);
  if (nivelTexto === '') error('nivelGobierno', 'elija el nivel de gobierno (nacional, regional o local)');
  else if (nivel === null) error('nivelGobierno', `«${nivelTexto.slice(0, 40)}» no es un nivel de gobierno; use nacional, regional o local`);
  else if (tipo !== null && NIVEL_DE_TIPO[tipo] !== undefined && NIVEL_DE_TIPO[tipo] !== nivel) {
    error('nivelGobierno', `una entidad de tipo «${TIPO_ENTIDAD_LABELS[tipo]}» es del nivel ${NIVEL_DE_TIPO[tipo]}, no ${nivel}`);
  }

  const sector = texto(entrada.sector).replace(/\s+/g, ' ');
  if (sector.length < 2) error('sector', 'escriba el sector al que pertenece la entidad (por ejemplo, Educación o Gobiernos locales)');
  else if (sector.length > SECTOR_MAX) error('sector', `escriba como máximo ${SECTOR_MAX} caracteres`);

  const ubigeoTexto = texto(entrada.ubigeo);
  const ubigeo = /^\d{5}$/.test(ubigeoTexto) ? `0${ubigeoTexto}` : ubigeoTexto;
  if (ubigeoTexto === '') error('ubigeo', 'escriba el ubigeo del distrito de la sede principal (6 dígitos del INEI, por ejemplo 150101)');
  else if (!/^\d{6}$/.test(ubigeo)) error('ubigeo', `«${ubigeoTexto.slice(0, 20)}» no es un ubigeo: escriba los 6 dígitos del distrito (por ejemplo, 150101)`);
  else if (!isValidUbigeo(ubigeo)) error('ubigeo', `${ubigeo} no es un distrito del INEI; revise el código (por ejemplo, 150101 es Lima / Lima / Lima)`);

  const tramoTexto = texto(entrada.tramo);
  const vacio = entrada.tramo === null || entrada.tramo === undefined || (typeof entrada.tramo === 'string' && tramoTexto === '');
  const tramoDado = vacio ? null : numeroDeTramo(entrada.tramo);
  let tramo: { tramoId: number | null; tramoManual: boolean } | null = null;
  if (!vacio && tramoDado === null) {
    error('tramo', tramoTexto === '' ? 'indique el número del tramo, o déjelo vacío para el tramo de su tipo' : `«${tramoTexto.slice(0, 20)}» no es el número de un tramo (escriba, por ejemplo, 1 o I)`);
  } else if (tramoDado !== null && !tramos.some((t) => t.numero === tramoDado)) {
    error('tramo', `no existe el tramo ${tramoDado}; los tramos son ${lista(tramos.map((t) => String(t.numero)))}`);
  } else if (tipo !== null) {
    tramo = tramoDeEntidad(tipo, tramoDado, tramos);
    if (tramo.tramoId === null) {
      error('tramo', `ningún tramo cubre el tipo «${TIPO_ENTIDAD_LABELS[tipo]}»: indique el número del tramo de la entidad`);
    }
  }

  if (errores.length > 0 || tipo === null || nivel === null || !ruc.ok || tramo === null) return { datos: null, errores };
  return { datos: { codigo, nombre, ruc: ruc.normalized, tipo, nivelGobierno: nivel, sector, ubigeo, ...tramo }, errores };
}

/** "El RUC debe tener 11 dígitos." → "el RUC debe tener 11 dígitos" (an acronym keeps its capitals). */
function minuscula(sentence: string): string {
  const trimmed = sentence.trim().replace(/\.$/, '');
  return trimmed[1] !== undefined && trimmed[1] === trimmed[1].toLowerCase() ? trimmed[0].toLowerCase() + trimmed.slice(1) : trimmed;
}
