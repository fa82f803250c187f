import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { CONTADORES } from '../rollup/contadores';
import { Catalogos, COLUMNAS_DETALLE, escritorCsv, escritorXlsx, FilaCifraDiaria, filaDeDetalle } from './detalle-cifras';

const catalogos: Catalogos = {
  sedes: new Map([['s1', 'Sede Central']]),
  unidades: new Map([['u1', '=Mesa de partes']]),
  servicios: new Map(),
  temas: new Map([['t1', 'Colas']]),
};

function fila(dia: string, recibidos: number, extra: Partial<FilaCifraDiaria> = {}): FilaCifraDiaria {
  const contadores = Object.fromEntries(CONTADORES.map((c) => [c, c === 'dias_habiles_suma' ? '0' : 0]));
  return { ...contadores, dia, canal: 'virtual', aspecto: 'informacion', sede_id: 's1', unidad_id: 'u1', servicio_id: null, tema_id: 't1', dias_habiles: [], recibidos, ...extra };
}

describe('el detalle de las cifras, fila por fila', () => {
  it('nombra cada dimensión, cuenta cada contador y lista los días hábiles de cada notificación', () => {
    const f = filaDeDetalle(fila('2031-03-05', 2, { notificados: 2, dias_habiles_suma: '14', dias_habiles: [4, 10], canal: 'fisico', servicio_id: 'borrado' }), catalogos);
    expect(f.slice(0, 7)).toEqual([new Date('2031-03-05T00:00:00Z'), 'Libro físico', 'Información', 'Sede Central', '=Mesa de partes', 'Sin registrar', 'Colas']);
    expect(f[COLUMNAS_DETALLE.indexOf('Recibidos')]).toBe(2);
    expect(f[COLUMNAS_DETALLE.indexOf('Días hábiles hasta la notificación (suma)')]).toBe(14);
    expect(f[f.length - 1]).toBe('4 10');
    expect(f).toHaveLength(COLUMNAS_DETALLE.length);
  });

  it('en CSV: BOM, una cabecera, la fecha AAAA-MM-DD y ninguna celda que una hoja de cálculo ejecute', async () => {
    const salida = new PassThrough();
    const leido = buffer(salida);
    const escritor = escritorCsv(salida);
    await escritor.escribir([filaDeDetalle(fila('2031-03-05', 1), catalogos)]);
    await escritor.cerrar();
    const texto = (await leido).toString('utf8');
    const lineas = texto.split('\r\n');
    expect(texto.startsWith('\uFEFFFecha (Lima),Canal,Aspecto,Sede,Unidad orgánica,Servicio,Tema,Recibidos,')).toBe(true);
    expect(lineas[1].startsWith("2031-03-05,Libro virtual,Información,Sede Central,'=Mesa de partes,Sin registrar,Colas,1,0,")).toBe(true);
    expect(lineas).toHaveLength(3);
  });

  it('en XLSX: las hojas del resumen y luego el detalle, que sigue en otra hoja al llegar al límite de filas', async () => {
    const salida = new PassThrough();
    const leido = buffer(salida);
    const resumen = [{ nombre: 'Resumen', columnas: ['Indicador', 'Valor'], filas: [['Reclamos recibidos', 5]] }];
    const escritor = escritorXlsx(salida, resumen, 2);
    await escritor.escribir([1, 2, 3].map((n) => filaDeDetalle(fila(`2031-03-0${n}`, n), catalogos)));
    await escritor.escribir([filaDeDetalle(fila('2031-03-04', 4), catalogos)]);
    await escritor.cerrar();
    const libro = new ExcelJS.Workbook();
    await libro.xlsx.load(new Uint8Array(await leido).buffer);
    expect(libro.worksheets.map((w) => w.name)).toEqual(['Resumen', 'Detalle', 'Detalle (2)']);
    const detalle = libro.getWorksheet('Detalle')!;
    expect(detalle.getRow(1).getCell(1).value).toBe('Fecha (Lima)');
    expect(detalle.getRow(2).getCell(1).value).toEqual(new Date('2031-03-01T00:00:00Z'));
    expect(detalle.getRow(3).getCell(COLUMNAS_DETALLE.indexOf('Recibidos') + 1).value).toBe(2);
    expect(detalle.actualRowCount).toBe(3);
    const segunda = libro.getWorksheet('Detalle (2)')!;
    expect(segunda.actualRowCount).toBe(3);
    expect(segunda.getRow(3).getCell(COLUMNAS_DETALLE.indexOf('Recibidos') + 1).value).toBe(4);
  });

  it('un periodo sin filas da un detalle con su cabecera y nada más', async () => {
    const salida = new PassThrough();
    const leido = buffer(salida);
    const escritor = escritorXlsx(salida, []);
    await escritor.cerrar();
    const libro = new ExcelJS.Workbook();
    await libro.xlsx.load(new Uint8Array(await leido).buffer);
    expect(libro.worksheets.map((w) => [w.name, w.actualRowCount])).toEqual([['Detalle', 1]]);
  });
});
