import { CsvMalformadoError, detectarSeparador, leerCsv } from './csv';

const celdas = (texto: string) => leerCsv(texto).registros.map((r) => r.celdas);

describe('leerCsv (RFC 4180 as spreadsheets save it)', () => {
  it('reads commas and LF, the last line with or without a line break', () => {
    expect(celdas('a,b\n1,2\n')).toEqual([['a', 'b'], ['1', '2']]);
    expect(celdas('a,b\n1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('reads semicolons (Excel in Spanish), CRLF and a byte-order mark', () => {
    const leido = leerCsv('\uFEFFnombre;sector\r\nMunicipalidad de Miraflores;Gobiernos locales, distrito\r\n');
    expect(leido.separador).toBe(';');
    expect(leido.registros.map((r) => r.celdas)).toEqual([['nombre', 'sector'], ['Municipalidad de Miraflores', 'Gobiernos locales, distrito']]);
  });

  it('reads quoted fields with separators, doubled quotes and line breaks inside', () => {
    expect(celdas('a,b,c\r\n"Ministerio, sede ""central""","dos\r\nlíneas",x\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['Ministerio, sede "central"', 'dos\r\nlíneas', 'x'],
    ]);
  });

  it('numbers records as the spreadsheet numbers rows (a quoted line break does not count) and marks blank ones', () => {
    const { registros } = leerCsv('a;b\n"1\n2";x\n;;\n3;4\n');
    expect(registros.map((r) => [r.fila, r.vacio])).toEqual([
      [1, false],
      [2, false],
      [3, true],
      [4, false],
    ]);
  });

  it('keeps empty fields, a lone CR as the end of a record, and a quote inside an unquoted field', () => {
    expect(celdas('a,,c\r1,"",5" pulgadas')).toEqual([['a', '', 'c'], ['1', '', '5" pulgadas']]);
  });

  it('picks the separator that appears more often outside quotes in the first line', () => {
    expect(detectarSeparador('"a;b",c,d\n1;2;3;4')).toBe(',');
    expect(detectarSeparador('a;b;c,d\n')).toBe(';');
    expect(detectarSeparador('solo\n')).toBe(',');
  });

  it('names the record of an unclosed quote, and of text after a closing quote', () => {
    expect(() => leerCsv('a,b\n1,"abierta\n2,3\n')).toThrow(new CsvMalformadoError(2, 'unas comillas se abren y no se cierran hasta el final del archivo'));
    try {
      leerCsv('a,b\n1,2\n"x"y,3\n');
      throw new Error('no falló');
    } catch (error) {
      expect(error).toBeInstanceOf(CsvMalformadoError);
      expect((error as CsvMalformadoError).fila).toBe(3);
    }
  });

  it('stops at the bound of records', () => {
    expect(() => leerCsv('a\n1\n2\n3\n', 3)).toThrow(/más de 2 filas de datos/);
  });
});
