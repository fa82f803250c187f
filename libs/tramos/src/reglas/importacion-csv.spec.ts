import { TipoEntidad } from '@app/domain';
import { TramoResumen } from './entidad-datos';
import { leerArchivoImportacion, ordenarErrores, revisarFilas } from './importacion-csv';

const TRAMOS: TramoResumen[] = [
  { numero: 1, nombre: 'Tramo I', tiposEntidad: [TipoEntidad.MINISTERIO, TipoEntidad.ORGANISMO_PUBLICO] },
  { numero: 4, nombre: 'Tramo IV', tiposEntidad: [TipoEntidad.MUNICIPALIDAD_DISTRITAL] },
];
const NADA = { codigos: new Map<string, string>(), rucs: new Map<string, string>() };
const bytes = (texto: string) => new TextEncoder().encode(texto);
const ENCABEZADO = 'nombre,codigo,ruc,tipo,nivel_gobierno,sector,ubigeo,tramo';

describe('leerArchivoImportacion', () => {
  it('maps the header in any order, case and accents, with the usual aliases', () => {
    const leido = leerArchivoImportacion(bytes('Código;Nombre;RUC;Tipo de entidad;Nivel de gobierno;Sector;Ubigeo;Tramo\r\nMML;Municipalidad;20131380951;municipalidad_distrital;local;Gobiernos locales;150101;\r\n'));
    expect(leido.errores).toEqual([]);
    expect(leido.separador).toBe(';');
    expect(leido.filas).toEqual([
      { fila: 2, valores: { codigo: 'MML', nombre: 'Municipalidad', ruc: '20131380951', tipo: 'municipalidad_distrital', nivel_gobierno: 'local', sector: 'Gobiernos locales', ubigeo: '150101', tramo: '' } },
    ]);
  });

  it('refuses a file that is not UTF-8, naming how to save it', () => {
    const latin1 = Uint8Array.from([...bytes(`${ENCABEZADO}\nMunicipalidad de Ca`), 0xf1, ...bytes('ete,X,1,2,3,4,5,6\n')]);
    expect(leerArchivoImportacion(latin1).errores).toEqual([{ campo: 'archivo', fila: null, columna: null, mensaje: expect.stringContaining('CSV UTF-8') }]);
  });

  it('names missing, unknown and repeated columns', () => {
    const { errores } = leerArchivoImportacion(bytes('nombre,codigo,codigo,ruc,web\nA,B,C,D,E\n'));
    expect(errores.map((e) => e.mensaje)).toEqual([
      'la columna «codigo» aparece dos veces',
      'la columna «web» no es una de las del registro (nombre, codigo, ruc, tipo, nivel_gobierno, sector, ubigeo, tramo)',
      'faltan las columnas tipo, nivel_gobierno, sector, ubigeo, tramo en la primera fila',
    ]);
  });

  it('says when there is nothing after the header, and skips blank rows keeping the numbers', () => {
    expect(leerArchivoImportacion(bytes(`${ENCABEZADO}\n,,,\n`)).errores).toEqual([expect.objectContaining({ mensaje: expect.stringContaining('no tiene filas de datos') })]);
    expect(leerArchivoImportacion(bytes(`${ENCABEZADO}\n,,,,,,,\nA,B,C,D,E,F,G,H\n`)).filas.map((f) => f.fila)).toEqual([3]);
  });

  it('names a control character in a cell by row and column', () => {
    const { errores } = leerArchivoImportacion(bytes(`${ENCABEZADO}\nMinisterio\u0007,X,1,2,3,4,5,6\n`));
    expect(errores).toEqual([{ campo: 'nombre', fila: 2, columna: 'nombre', mensaje: expect.stringContaining('U+0007') }]);
  });
});

describe('revisarFilas', () => {
  const leer = (lineas: string[]) => leerArchivoImportacion(bytes([ENCABEZADO, ...lineas].join('\n'))).filas;

  it('lists every problem of every row with its row and column, and duplicates inside the file and against the registry', () => {
    const filas = leer([
      'Ministerio A,MINA,20600000005,ministerio,nacional,Sector A,150101,',
      'Ministerio B,MINA,20600000013,ministerio,nacional,Sector B,150101,',
      'Ministerio C,MINC,20600000005,ministerio,nacional,Sector C,999999,',
      'Ministerio D,MINEDU,20131370999,ministerio,nacional,Sector D,150101,9',
    ]);
    const existente = { codigos: new Map([['MINEDU', 'Ministerio de Educación']]), rucs: new Map<string, string>() };
    const { validas, errores } = revisarFilas(filas, TRAMOS, existente);
    expect(validas.map((v) => v.fila)).toEqual([2]);
    expect(ordenarErrores(errores).map((e) => [e.fila, e.columna, e.mensaje])).toEqual([
      [3, 'codigo', 'el código MINA ya aparece en la fila 2 del archivo'],
      [4, 'ubigeo', '999999 no es un distrito del INEI; revise el código (por ejemplo, 150101 es Lima / Lima / Lima)'],
      [4, 'ruc', 'el RUC 20600000005 ya aparece en la fila 2 del archivo'],
      [5, 'ruc', '«20131370999»: el RUC no es válido: el dígito verificador no coincide'],
      [5, 'tramo', 'no existe el tramo 9; los tramos son 1 y 4'],
      [5, 'codigo', 'ya existe una entidad con el código MINEDU (Ministerio de Educación)'],
    ]);
  });

  it('checks in slices with the same result as in one go (the progress of a long file)', () => {
    const filas = leer(['Entidad A1,AA,20600000005,ministerio,nacional,Sector,150101,', 'Entidad A2,AA,20600000013,ministerio,nacional,Sector,150101,']);
    const vistos = { codigos: new Map<string, number>(), rucs: new Map<string, number>() };
    const primera = revisarFilas(filas, TRAMOS, NADA, 0, 1, vistos);
    const segunda = revisarFilas(filas, TRAMOS, NADA, 1, 2, vistos);
    expect([primera.errores, segunda.errores.map((e) => e.mensaje)]).toEqual([[], ['el código AA ya aparece en la fila 2 del archivo']]);
  });
});
