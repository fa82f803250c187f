/**
 * A minimal CSV reader (RFC 4180) for the entity import, written here because no maintained CSV
 * parser is a dependency of the project (csv-parse, the ecosystem's usual choice, is not installed;
 * fast-csv only arrives inside exceljs). It reads what spreadsheet programs save:
 *
 * - UTF-8, with or without a byte-order mark (Excel's «CSV UTF-8» writes one);
 * - `,` or `;` between fields (Excel in Spanish locales uses `;`, as the decimal mark is the comma):
 *   the separator is the one of the two that appears more often outside quotes in the header line;
 * - CRLF, LF or a lone CR at the end of each record;
 * - fields in double quotes, with `""` for a quote and line breaks inside them.
 *
 * A quote inside an unquoted field is kept as a character (spreadsheets write `5" pulgadas` that way);
 * a quoted field left open at the end of the file, or text right after a closing quote, is an error
 * naming the record. Records made only of empty fields (spreadsheets add `;;;;` for blank rows) are
 * reported as empty so their numbers still match the spreadsheet's rows.
 */

export type Separador = ',' | ';';

export interface RegistroCsv {
  /** 1-based, the header being 1: the number the spreadsheet shows for the row. */
  fila: number;
  celdas: string[];
  /** Every field empty or blank. */
  vacio: boolean;
}

export interface CsvLeido {
  separador: Separador;
  registros: RegistroCsv[];
}

export class CsvMalformadoError extends Error {
  constructor(
    readonly fila: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvMalformadoError';
  }
}

const BOM = '\uFEFF';

/** The separator of the file: `;` when the header line has more `;` than `,` outside quotes, else `,`. */
export function detectarSeparador(texto: string): Separador {
  let comas = 0;
  let puntosYComa = 0;
  let entreComillas = false;
  for (const ch of texto) {
    if (ch === '"') entreComillas = !entreComillas;
    else if (!entreComillas && (ch === '\n' || ch === '\r')) break;
    else if (!entreComillas && ch === ',') comas += 1;
    else if (!entreComillas && ch === ';') puntosYComa += 1;
  }
  return puntosYComa > comas ? ';' : ',';
}

/**
 * Reads the whole text into records. `maxRegistros` bounds the work for a hostile file: reading stops
 * with an error once the file holds more records than that (the header included).
 */
export function leerCsv(contenido: string, maxRegistros = Number.POSITIVE_INFINITY): CsvLeido {
  const texto = contenido.startsWith(BOM) ? contenido.slice(1) : contenido;
  const separador = detectarSeparador(texto);
  const registros: RegistroCsv[] = [];
  let celdas: string[] = [];
  let celda = '';
  let i = 0;
  const n = texto.length;
  // True right after a closing quote: only a separator or the end of the record may follow.
  let cerrada = false;
  let entreComillas = false;
  let filaInicioComillas = 0;

  const terminarRegistro = () => {
    celdas.push(celda);
    const fila = registros.length + 1;
    if (fila > maxRegistros) throw new CsvMalformadoError(fila, `el archivo tiene más de ${maxRegistros - 1} filas de datos`);
    registros.push({ fila, celdas, vacio: celdas.every((c) => c.trim() === '') });
    celdas = [];
    celda = '';
    cerrada = false;
  };

  while (i < n) {
    const ch = texto[i];
    if (entreComillas) {
      if (ch === '"') {
        if (texto[i + 1] === '"') {
          celda += '"';
          i += 2;
          continue;
        }
        entreComillas = false;
        cerrada = true;
        i += 1;
        continue;
      }
      celda += ch;
      i += 1;
      continue;
    }
    if (ch === separador) {
      celdas.push(celda);
      celda = '';
      cerrada = false;
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      terminarRegistro();
      i += ch === '\r' && texto[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    if (cerrada) {
      throw new CsvMalformadoError(registros.length + 1, 'hay texto después de unas comillas de cierre; encierre todo el campo entre comillas y escriba "" para cada comilla interna');
    }
    if (ch === '"' && celda === '') {
      entreComillas = true;
      filaInicioComillas = registros.length + 1;
      i += 1;
      continue;
    }
    celda += ch;
    i += 1;
  }
  if (entreComillas) throw new CsvMalformadoError(filaInicioComillas, 'unas comillas se abren y no se cierran hasta el final del archivo');
  // The last record, unless the file ended with a line break (nothing pending after it).
  if (celda !== '' || celdas.length > 0 || cerrada) terminarRegistro();
  return { separador, registros };
}
