import ExcelJS from 'exceljs';
import { EventEmitter, once } from 'node:events';
import { PassThrough } from 'node:stream';
import { ASPECTO_LABELS, Aspecto, Canal } from '@app/domain';
import { Contador, CONTADORES } from '../rollup/contadores';
import { campoCsv, Celda, escribirHoja, nuevoLibroXlsx, TablaCifras } from './tablas-cifras';

/** How the detail names a channel (the same words as the back-office's pages). */
export const ETIQUETA_CANAL: Readonly<Record<Canal, string>> = { [Canal.VIRTUAL]: 'Libro virtual', [Canal.FISICO]: 'Libro físico' };
const SIN_DATO = 'Sin registrar';

/** Each counter of `cifra_diaria` as the detail's column says it. Sums, so a reader can add rows and divide. */
const COLUMNA_DE_CONTADOR: Readonly<Record<Contador, string>> = {
  recibidos: 'Recibidos',
  notificados: 'Notificados',
  notificados_en_plazo_legal: 'Notificados en el plazo legal (30 días hábiles)',
  notificados_en_meta: 'Notificados en la meta de la entidad',
  dias_habiles_suma: 'Días hábiles hasta la notificación (suma)',
  reconducidos: 'Reconducidos',
  trasladados: 'Trasladados',
  anulados: 'Anulados',
  subsanaciones_pedidas: 'Subsanaciones pedidas',
  subsanaciones_respondidas: 'Subsanaciones respondidas',
  subsanaciones_vencidas: 'Archivados por no subsanar',
  encuestas: 'Encuestas respondidas',
  satisfaccion_suma: 'Satisfacción general (suma de puntajes 1 a 5)',
  rapidez_suma: 'Rapidez (suma de puntajes 1 a 5)',
  claridad_suma: 'Claridad (suma de puntajes 1 a 5)',
  trato_suma: 'Trato (suma de puntajes 1 a 5)',
  resueltos: 'Dicen que se resolvió',
  resueltos_en_parte: 'Dicen que se resolvió en parte',
};

/**
 * The detail's columns: the Lima day and the six dimensions by name, every counter of the rollup, and each
 * notification's business days (so a median over any grouping stays exact).
 */
export const COLUMNAS_DETALLE: readonly string[] = [
  'Fecha (Lima)',
  'Canal',
  'Aspecto',
  'Sede',
  'Unidad orgánica',
  'Servicio',
  'Tema',
  ...CONTADORES.map((c) => COLUMNA_DE_CONTADOR[c]),
  'Días hábiles de cada notificación',
];

/** A `cifra_diaria` row as the cursor reads it (bigint sums arrive as text). */
export interface FilaCifraDiaria {
  readonly dia: string;
  readonly canal: string;
  readonly aspecto: string;
  readonly sede_id: string | null;
  readonly unidad_id: string | null;
  readonly servicio_id: string | null;
  readonly tema_id: string | null;
  readonly dias_habiles: readonly number[];
  readonly [contador: string]: unknown;
}

/** The entity's catalogues by id (active or not: an old row may name a sede closed since). */
export interface Catalogos {
  readonly sedes: ReadonlyMap<string, string>;
  readonly unidades: ReadonlyMap<string, string>;
  readonly servicios: ReadonlyMap<string, string>;
  readonly temas: ReadonlyMap<string, string>;
}

const nombre = (catalogo: ReadonlyMap<string, string>, id: string | null): string => (id === null ? SIN_DATO : (catalogo.get(id) ?? SIN_DATO));

/** One line of the detail, labelled: the day as a calendar date (00:00 UTC: the cell shows that day wherever it is opened). */
export function filaDeDetalle(f: FilaCifraDiaria, catalogos: Catalogos): Celda[] {
  return [
    new Date(`${f.dia}T00:00:00Z`),
    ETIQUETA_CANAL[f.canal as Canal] ?? f.canal,
    ASPECTO_LABELS[f.aspecto as Aspecto] ?? f.aspecto,
    nombre(catalogos.sedes, f.sede_id),
    nombre(catalogos.unidades, f.unidad_id),
    nombre(catalogos.servicios, f.servicio_id),
    nombre(catalogos.temas, f.tema_id),
    ...CONTADORES.map((c) => Number(f[c] ?? 0)),
    f.dias_habiles.join(' '),
  ];
}

/** Writes a file as rows come: never more than one batch of rows in memory, and it waits when the output is full. */
export interface EscritorDetalle {
  /** Adds rows; resolves when the output can take more. */
  escribir(filas: ReadonlyArray<readonly Celda[]>): Promise<void>;
  /** Ends the file; resolves once everything was handed to the output (which then ends). */
  cerrar(): Promise<void>;
}

/** What a writable stream says about its buffer: core streams and readable-stream (archiver's) alike keep `_writableState`. */
interface EstadoEscritura {
  _writableState?: { needDrain?: boolean; length?: number; highWaterMark?: number };
}

function lleno(destino: EstadoEscritura): boolean {
  const e = destino._writableState;
  return e !== undefined && (e.needDrain === true || (e.length ?? 0) >= (e.highWaterMark ?? Infinity));
}

/** Resolves when `destino` can take more; rejects if it fails or closes first (its reader gave up). */
async function drenaje(destino: EventEmitter & EstadoEscritura): Promise<void> {
  if (!lleno(destino)) return;
  const fin = new AbortController();
  try {
    await Promise.race([
      once(destino, 'drain', { signal: fin.signal }),
      once(destino, 'close', { signal: fin.signal }).then(() => {
        throw new Error('La salida de la exportación se cerró antes de terminar');
      }),
    ]);
  } finally {
    fin.abort();
  }
}

/**
 * The detail as one CSV table: UTF-8 with BOM (for Excel), comma-separated, CRLF, a header of
 * COLUMNAS_DETALLE. (A CSV has one header: the summary is the XLSX's first sheets, or /api/v1/cifras.csv.)
 */
export function escritorCsv(salida: PassThrough): EscritorDetalle {
  salida.write(`\uFEFF${COLUMNAS_DETALLE.map(campoCsv).join(',')}\r\n`);
  return {
    async escribir(filas) {
      if (filas.length === 0) return;
      salida.write(`${filas.map((f) => f.map(campoCsv).join(',')).join('\r\n')}\r\n`);
      await drenaje(salida);
    },
    async cerrar() {
      salida.end();
    },
  };
}

/**
 * Waits until the zip has taken what the sheet was given. exceljs 4.4 writes a sheet into its own buffer
 * (`worksheet.stream`, a StreamBuf) piped into archiver's entry stream without looking at `write()`'s
 * answer (its PassThrough is readable-stream's, archiver's copy), so when compressing lags behind the rows
 * (a busy CPU) the entry's buffer grew with the rows: the bench measured +169 MB live at 200,000 rows.
 * Waiting here for that stream's 'drain' makes the chain rows → zip → file back-pressured end to end.
 * Reads exceljs's internals: if a version renames them, this waits for nothing and
 * `npm run bench -- exports` shows memory growing with the rows again.
 */
async function zipAlDia(hoja: ExcelJS.Worksheet): Promise<void> {
  const destinos = (hoja as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes ?? [];
  for (const destino of destinos) if (destino instanceof EventEmitter) await drenaje(destino);
}

/** Data rows per detail sheet: Excel's limit is 1,048,576 rows with the header; past it the detail goes on in «Detalle (2)». */
export const FILAS_POR_HOJA = 1_000_000;

/**
 * The summary's tables, one sheet each, then the detail in «Detalle» (and «Detalle (2)»… past
 * `filasPorHoja` rows), with exceljs's streaming writer: each row is committed as it is added and the zip
 * goes out as it is built. The date column is a real date (AAAA-MM-DD); counts are numbers.
 */
export function escritorXlsx(salida: PassThrough, resumen: readonly TablaCifras[], filasPorHoja = FILAS_POR_HOJA): EscritorDetalle {
  const libro = nuevoLibroXlsx(salida);
  for (const t of resumen) escribirHoja(libro, t);
  let hoja: ExcelJS.Worksheet | null = null;
  let hojas = 0;
  let enHoja = 0;
  const nuevaHoja = (): ExcelJS.Worksheet => {
    hojas += 1;
    const h = libro.addWorksheet(hojas === 1 ? 'Detalle' : `Detalle (${hojas})`, { views: [{ state: 'frozen', ySplit: 1 }] });
    h.columns = COLUMNAS_DETALLE.map((c, i) => ({
      header: c,
      key: `c${i}`,
      width: i === 0 ? 12 : i < 7 ? 28 : 14,
      style: i === 0 ? { numFmt: 'yyyy-mm-dd' } : {},
    }));
    h.getRow(1).font = { bold: true };
    enHoja = 0;
    return h;
  };
  return {
    async escribir(filas) {
      for (const fila of filas) {
        if (hoja === null || enHoja === filasPorHoja) {
          hoja?.commit();
          hoja = nuevaHoja();
        }
        hoja.addRow([...fila]).commit();
        enHoja += 1;
      }
      if (hoja) await zipAlDia(hoja);
      await drenaje(salida);
    },
    async cerrar() {
      // An empty period still gets its «Detalle» sheet, with the header only.
      (hoja ?? nuevaHoja()).commit();
      await libro.commit();
    },
  };
}
