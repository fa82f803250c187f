import { revisarTexto } from '@app/domain';
import { CsvMalformadoError, leerCsv, RegistroCsv, Separador } from './csv';
import { CampoEntidad, clave, EntidadValida, revisarEntidad, TramoResumen } from './entidad-datos';

/**
 * The entity import's file rules, pure: which columns, how each row is checked (the registry's own
 * field rules, `revisarEntidad`), duplicates inside the file and against the registry. The use case
 * reads the registry and writes; this file only decides, so the dry run and the real import list
 * exactly the same problems.
 */

/** The columns, in the order the template has them; names as written in the file's first row. */
export const COLUMNAS_CSV = ['nombre', 'codigo', 'ruc', 'tipo', 'nivel_gobierno', 'sector', 'ubigeo', 'tramo'] as const;
export type ColumnaCsv = (typeof COLUMNAS_CSV)[number];

const CAMPO_DE_COLUMNA: Readonly<Record<ColumnaCsv, CampoEntidad>> = {
  nombre: 'nombre',
  codigo: 'codigo',
  ruc: 'ruc',
  tipo: 'tipo',
  nivel_gobierno: 'nivelGobierno',
  sector: 'sector',
  ubigeo: 'ubigeo',
  tramo: 'tramo',
};
const COLUMNA_DE_CAMPO = Object.fromEntries(Object.entries(CAMPO_DE_COLUMNA).map(([c, f]) => [f, c])) as Record<CampoEntidad, ColumnaCsv>;

/** Header names people write for the same column (compared after `clave`: lower case, no accents, `_` for spaces). */
const ALIAS: Readonly<Record<string, ColumnaCsv>> = {
  nivel_de_gobierno: 'nivel_gobierno',
  nivel: 'nivel_gobierno',
  codigo_corto: 'codigo',
  tipo_de_entidad: 'tipo',
  tipo_entidad: 'tipo',
  nombre_de_la_entidad: 'nombre',
  numero_de_tramo: 'tramo',
};

/** At most this many rows of data per file, and this many bytes: a bound on the work one request may ask for. */
export const MAX_FILAS_IMPORTACION = 10_000;
export const MAX_BYTES_IMPORTACION = 5 * 1024 * 1024;

/**
 * One problem of the file: its row (as the spreadsheet numbers it, the header being row 1; null for
 * the file as a whole), its column (null when it is not one column's), the value read and what is
 * wrong, in Spanish. `campo` names the column too (or `archivo`), as every error of the API does.
 */
export interface ErrorImportacion {
  campo: string;
  fila: number | null;
  columna: ColumnaCsv | null;
  mensaje: string;
}

/** What the registry already holds that a new entity may not repeat. */
export interface RegistroExistente {
  /** código → nombre of the entity that has it */
  codigos: ReadonlyMap<string, string>;
  /** RUC → código of the entity that has it */
  rucs: ReadonlyMap<string, string>;
}

export interface FilaValida {
  fila: number;
  entidad: EntidadValida;
}

export interface ArchivoLeido {
  separador: Separador;
  /** Rows with data (blank rows left out), each with its spreadsheet row number. */
  filas: Array<{ fila: number; valores: Partial<Record<ColumnaCsv, string>> }>;
  errores: ErrorImportacion[];
}

const errorDeArchivo = (mensaje: string, fila: number | null = null): ErrorImportacion => ({ campo: 'archivo', fila, columna: null, mensaje });

/**
 * Decodes the bytes as UTF-8 (refusing anything else, with the way to save it right), reads the CSV
 * and maps its header to the columns. The errors here are the file's: a bad encoding, a malformed
 * quote, a missing, unknown or repeated column, too many rows, no rows.
 */
export function leerArchivoImportacion(bytes: Uint8Array): ArchivoLeido {
  const vacio: ArchivoLeido = { separador: ',', filas: [], errores: [] };
  let contenido: string;
  try {
    contenido = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return {
      ...vacio,
      errores: [
        errorDeArchivo(
          'el archivo no está en UTF-8. En Excel use «Guardar como» → «CSV UTF-8 (delimitado por comas)»; en LibreOffice, «Guardar como» → «Texto CSV» con el juego de caracteres «Unicode (UTF-8)»',
        ),
      ],
    };
  }
  let leido;
  try {
    leido = leerCsv(contenido, MAX_FILAS_IMPORTACION + 1);
  } catch (error) {
    if (error instanceof CsvMalformadoError) return { ...vacio, errores: [errorDeArchivo(error.message, error.fila)] };
    throw error;
  }
  const [encabezado, ...resto] = leido.registros;
  if (!encabezado || encabezado.vacio) {
    return { ...vacio, separador: leido.separador, errores: [errorDeArchivo(`el archivo está vacío: la primera fila debe tener los nombres de las columnas (${COLUMNAS_CSV.join(', ')})`)] };
  }

  const errores: ErrorImportacion[] = [];
  const posiciones = new Map<ColumnaCsv, number>();
  encabezado.celdas.forEach((nombre, posicion) => {
    const k = clave(nombre);
    if (k === '') {
      // A trailing separator leaves an unnamed, empty column: harmless when no row fills it.
      if (resto.some((r) => (r.celdas[posicion] ?? '').trim() !== '')) errores.push(errorDeArchivo(`la columna ${posicion + 1} no tiene nombre en la primera fila`, 1));
      return;
    }
    const columna = (COLUMNAS_CSV as readonly string[]).includes(k) ? (k as ColumnaCsv) : ALIAS[k];
    if (columna === undefined) errores.push(errorDeArchivo(`la columna «${nombre.trim().slice(0, 60)}» no es una de las del registro (${COLUMNAS_CSV.join(', ')})`, 1));
    else if (posiciones.has(columna)) errores.push(errorDeArchivo(`la columna «${columna}» aparece dos veces`, 1));
    else posiciones.set(columna, posicion);
  });
  const faltan = COLUMNAS_CSV.filter((c) => !posiciones.has(c));
  if (faltan.length > 0) errores.push(errorDeArchivo(`faltan las columnas ${faltan.join(', ')} en la primera fila`, 1));
  if (errores.length > 0) return { ...vacio, separador: leido.separador, errores };

  const filas: ArchivoLeido['filas'] = [];
  for (const registro of resto) {
    if (registro.vacio) continue;
    filas.push({ fila: registro.fila, valores: valoresDe(registro, posiciones, encabezado.celdas.length, errores) });
  }
  if (filas.length === 0) errores.push(errorDeArchivo('el archivo no tiene filas de datos después de los nombres de las columnas'));
  return { separador: leido.separador, filas, errores };
}

/** A row's cells by column: each text normalised as every input is (NFC, refused control characters named). */
function valoresDe(registro: RegistroCsv, posiciones: ReadonlyMap<ColumnaCsv, number>, anchoEncabezado: number, errores: ErrorImportacion[]): Partial<Record<ColumnaCsv, string>> {
  const sobrantes = registro.celdas.slice(anchoEncabezado).filter((c) => c.trim() !== '');
  if (sobrantes.length > 0) {
    errores.push({ campo: 'archivo', fila: registro.fila, columna: null, mensaje: `la fila tiene ${registro.celdas.length} columnas y la primera fila ${anchoEncabezado}: revise los separadores o las comillas` });
  }
  const valores: Partial<Record<ColumnaCsv, string>> = {};
  for (const [columna, posicion] of posiciones) {
    const { texto, problema } = revisarTexto(registro.celdas[posicion] ?? '');
    if (problema) errores.push({ campo: columna, fila: registro.fila, columna, mensaje: problema });
    valores[columna] = texto;
  }
  return valores;
}

/**
 * Checks the rows of a file already read: each with the registry's rules, then codes and RUCs
 * repeated inside the file (the later row is named, with the row it repeats) or already in the
 * registry. Every problem of every row is listed, in row order.
 */
export function revisarFilas(
  filas: ArchivoLeido['filas'],
  tramos: readonly TramoResumen[],
  existente: RegistroExistente,
  desde = 0,
  hasta = filas.length,
  vistos: { codigos: Map<string, number>; rucs: Map<string, number> } = { codigos: new Map(), rucs: new Map() },
): { validas: FilaValida[]; errores: ErrorImportacion[] } {
  const validas: FilaValida[] = [];
  const errores: ErrorImportacion[] = [];
  for (const { fila, valores } of filas.slice(desde, hasta)) {
    const { datos, errores: propios } = revisarEntidad(
      {
        codigo: valores.codigo,
        nombre: valores.nombre,
        ruc: valores.ruc,
        tipo: valores.tipo,
        nivelGobierno: valores.nivel_gobierno,
        sector: valores.sector,
        ubigeo: valores.ubigeo,
        tramo: valores.tramo,
      },
      tramos,
    );
    const deFila: ErrorImportacion[] = propios.map((e) => {
      const columna = COLUMNA_DE_CAMPO[e.campo as CampoEntidad];
      return { campo: columna, fila, columna, mensaje: e.mensaje };
    });
    const codigo = (valores.codigo ?? '').trim().toUpperCase();
    const ruc = (valores.ruc ?? '').trim();
    if (codigo !== '' && !propios.some((e) => e.campo === 'codigo')) {
      const antes = vistos.codigos.get(codigo);
      if (antes !== undefined) deFila.push({ campo: 'codigo', fila, columna: 'codigo', mensaje: `el código ${codigo} ya aparece en la fila ${antes} del archivo` });
      else {
        vistos.codigos.set(codigo, fila);
        const nombre = existente.codigos.get(codigo);
        if (nombre !== undefined) deFila.push({ campo: 'codigo', fila, columna: 'codigo', mensaje: `ya existe una entidad con el código ${codigo} (${nombre})` });
      }
    }
    if (ruc !== '' && !propios.some((e) => e.campo === 'ruc')) {
      const antes = vistos.rucs.get(ruc);
      if (antes !== undefined) deFila.push({ campo: 'ruc', fila, columna: 'ruc', mensaje: `el RUC ${ruc} ya aparece en la fila ${antes} del archivo` });
      else {
        vistos.rucs.set(ruc, fila);
        const otra = existente.rucs.get(ruc);
        if (otra !== undefined) deFila.push({ campo: 'ruc', fila, columna: 'ruc', mensaje: `el RUC ${ruc} ya es de la entidad ${otra}` });
      }
    }
    if (deFila.length > 0) errores.push(...deFila);
    else if (datos) validas.push({ fila, entidad: datos });
  }
  return { validas, errores };
}

/** Codes and RUCs a file names (as the rows wrote them, upper-cased codes), to look up in the registry at once. */
export function clavesDelArchivo(filas: ArchivoLeido['filas']): { codigos: string[]; rucs: string[] } {
  const codigos = new Set<string>();
  const rucs = new Set<string>();
  for (const { valores } of filas) {
    const codigo = (valores.codigo ?? '').trim().toUpperCase();
    const ruc = (valores.ruc ?? '').trim();
    if (codigo) codigos.add(codigo);
    if (ruc) rucs.add(ruc);
  }
  return { codigos: [...codigos], rucs: [...rucs] };
}

/** The errors sorted as a person reads them: file-wide first, then by row, keeping each row's column order. */
export function ordenarErrores(errores: ErrorImportacion[]): ErrorImportacion[] {
  return errores
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.fila ?? 0) - (b.e.fila ?? 0) || a.i - b.i)
    .map(({ e }) => e);
}
