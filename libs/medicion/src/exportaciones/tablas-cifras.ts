import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { ASPECTO_LABELS, Aspecto } from '@app/domain';
import { CifrasEntidad, Desglose } from '../figures/cifras';

/** A cell of an exported table: a text, a number, a calendar date (XLSX only; the CSV writes AAAA-MM-DD) or empty. */
export type Celda = string | number | Date | null;

/** One table of the figures, as the page, the CSV and the workbook show it. */
export interface TablaCifras {
  readonly nombre: string;
  readonly columnas: readonly string[];
  readonly filas: ReadonlyArray<readonly Celda[]>;
}

function desglose(nombre: string, primera: string, filas: readonly Desglose[]): TablaCifras {
  return {
    nombre,
    columnas: [primera, 'Recibidos', 'Notificados', 'Notificados en el plazo legal', '% en el plazo legal'],
    filas: filas.map((d) => [d.etiqueta, d.recibidos, d.notificados, d.notificadosEnPlazoLegal, d.enPlazoLegalPct]),
  };
}

/** The figures as tables: the same numbers in the CSV and in every sheet of the workbook. */
export function tablasDe(c: CifrasEntidad): TablaCifras[] {
  const r = c.resumen;
  const s = r.satisfaccion;
  const filtros = Object.entries(c.filtros).map(([k, v]) => `${k}=${k === 'aspecto' ? (ASPECTO_LABELS[v as Aspecto] ?? v) : String(v)}`);
  return [
    {
      nombre: 'Resumen',
      columnas: ['Indicador', 'Valor'],
      filas: [
        ['Entidad', `${c.entidad.nombre} (${c.entidad.codigo})`],
        ['Desde (fecha de Lima)', c.periodo.desde],
        ['Hasta (fecha de Lima)', c.periodo.hasta],
        ['Filtros', filtros.length > 0 ? filtros.join('; ') : 'ninguno'],
        ['Reclamos recibidos', r.recibidos],
        ['Respuestas notificadas', r.notificados],
        ['Notificadas en el plazo legal (30 días hábiles)', r.notificadosEnPlazoLegal],
        ['% notificadas en el plazo legal', r.enPlazoLegalPct],
        [`Notificadas en la meta de la entidad (${c.entidad.metaDiasHabiles} días hábiles)`, r.notificadosEnMeta],
        ['% notificadas en la meta de la entidad', r.enMetaPct],
        ['Días hábiles hasta la notificación (media)', r.diasHabilesMedia],
        ['Días hábiles hasta la notificación (mediana)', r.diasHabilesMediana],
        [`Abiertos al ${c.ahora.fecha}`, c.ahora.abiertos],
        [`Vencidos al ${c.ahora.fecha}`, c.ahora.vencidos],
        [`Observados con la subsanación vencida al ${c.ahora.fecha}`, c.ahora.subsanacionesVencidas],
        ['Reconducidos', r.reconducidos],
        ['Trasladados', r.trasladados],
        ['Anulados', r.anulados],
        ['Subsanaciones pedidas', r.subsanaciones.pedidas],
        ['Subsanaciones respondidas', r.subsanaciones.respondidas],
        ['Archivados por no subsanar', r.subsanaciones.vencidas],
        ['Encuestas respondidas', s.encuestas],
        ['% de respuestas con encuesta', s.tasaRespuesta],
        ['Satisfacción general (1 a 5, media)', s.general],
        ['Rapidez (1 a 5, media)', s.rapidez],
        ['Claridad (1 a 5, media)', s.claridad],
        ['Trato (1 a 5, media)', s.trato],
        ['% que dice que su problema se resolvió', s.resueltoPct],
        ['% que dice que se resolvió en parte', s.resueltoEnPartePct],
      ],
    },
    {
      nombre: 'Por mes',
      columnas: ['Mes', 'Recibidos', 'Notificados', 'Notificados en el plazo legal'],
      filas: c.porMes.map((p) => [p.mes, p.recibidos, p.notificados, p.notificadosEnPlazoLegal]),
    },
    desglose('Por aspecto', 'Aspecto', c.porAspecto),
    desglose('Por unidad', 'Unidad orgánica', c.porUnidad),
    desglose('Por sede', 'Sede', c.porSede),
  ];
}

/** A calendar date cell as the CSV writes it (AAAA-MM-DD): the cell holds the date at 00:00 UTC. */
function fechaCsv(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** RFC 4180 field; a leading =, +, - or @ is neutralised so a spreadsheet never runs it as a formula. */
export function campoCsv(value: Celda): string {
  let text = value === null ? '' : value instanceof Date ? fechaCsv(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The tables in one CSV, long-form (one value per line: table, row, column, value), so every table fits
 * one header and a spreadsheet or a script can pivot it back. UTF-8 with BOM, for Excel's sake.
 */
export function csvDe(tablas: readonly TablaCifras[]): string {
  const lineas = [['tabla', 'fila', 'columna', 'valor'].join(',')];
  for (const t of tablas) {
    for (const fila of t.filas) {
      for (let i = 1; i < t.columnas.length; i += 1) lineas.push([t.nombre, fila[0], t.columnas[i], fila[i]].map(campoCsv).join(','));
    }
  }
  return `\uFEFF${lineas.join('\r\n')}\r\n`;
}

/**
 * The tables as an .xlsx workbook, one sheet each, written by exceljs's streaming writer: rows are
 * committed as they are added and the zip is piped out as it is built, so memory stays flat.
 */
export function xlsxDe(tablas: readonly TablaCifras[]): PassThrough {
  const salida = new PassThrough();
  const libro = nuevoLibroXlsx(salida);
  const escribir = async (): Promise<void> => {
    for (const t of tablas) escribirHoja(libro, t);
    await libro.commit();
  };
  // An error ends the download with it (never a half file that looks whole).
  escribir().catch((error: unknown) => salida.destroy(error instanceof Error ? error : new Error(String(error))));
  return salida;
}

/** A streaming workbook writing into `salida`: rows are committed as they are added, the zip is piped out as it is built. */
export function nuevoLibroXlsx(salida: PassThrough): ExcelJS.stream.xlsx.WorkbookWriter {
  const libro = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: salida, useStyles: true, useSharedStrings: false });
  libro.creator = 'Libro de Reclamaciones';
  return libro;
}

/** One small table as a whole sheet (its name, a bold header row, its rows), committed at once. */
export function escribirHoja(libro: ExcelJS.stream.xlsx.WorkbookWriter, t: TablaCifras): void {
  const hoja = libro.addWorksheet(t.nombre);
  hoja.columns = t.columnas.map((c, i) => ({ header: c, key: `c${i}`, width: i === 0 ? 48 : 16 }));
  hoja.getRow(1).font = { bold: true };
  for (const fila of t.filas) hoja.addRow([...fila]).commit();
  hoja.commit();
}
