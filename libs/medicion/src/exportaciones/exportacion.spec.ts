import { ValidationFailedError } from '@app/domain';
import { expiraEn, nombreDeArchivoExportacion, puedeVerExportacion, validarSolicitud } from './exportacion';
import { progresoDe } from './generar-exportacion.usecase';

const SEDE = '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e';

function errores(entrada: Parameters<typeof validarSolicitud>[0]): Array<{ campo: string; mensaje: string }> {
  try {
    validarSolicitud(entrada);
  } catch (e) {
    if (e instanceof ValidationFailedError) return e.errores;
    throw e;
  }
  return [];
}

describe('pedir una exportación: qué se acepta', () => {
  it('acepta el detalle de las cifras en csv o xlsx, con un periodo de fechas de Lima y los filtros de /cifras', () => {
    expect(validarSolicitud({ tipo: 'cifras_detalle', formato: 'xlsx', desde: '2026-01-01', hasta: '2026-06-30', filtros: { canal: 'fisico', sedeId: SEDE.toUpperCase() } })).toEqual({
      tipo: 'cifras_detalle',
      formato: 'xlsx',
      periodo: { desde: '2026-01-01', hasta: '2026-06-30' },
      filtros: { canal: 'fisico', sedeId: SEDE },
    });
    // Empty filters (a form's empty select) are no filter.
    expect(validarSolicitud({ tipo: 'cifras_detalle', formato: 'csv', desde: '2021-01-01', hasta: '2025-12-31', filtros: { aspecto: '', temaId: null } }).filtros).toEqual({});
  });

  it('nombra en español cada campo que falta o está mal, todos a la vez', () => {
    expect(errores({})).toEqual([
      { campo: 'tipo', mensaje: 'indique qué exportar: cifras_detalle' },
      { campo: 'formato', mensaje: 'elija el formato: csv o xlsx' },
      { campo: 'desde', mensaje: 'indique la fecha inicial como AAAA-MM-DD' },
      { campo: 'hasta', mensaje: 'indique la fecha final como AAAA-MM-DD' },
    ]);
    expect(errores({ tipo: 'bandeja', formato: 'pdf', desde: '2026-02-30', hasta: '2026-03-01', filtros: { canal: 'fax', sedeId: 'abc', color: 'rojo' } })).toEqual([
      { campo: 'tipo', mensaje: 'solo se puede exportar cifras_detalle' },
      { campo: 'formato', mensaje: 'elija csv o xlsx' },
      { campo: 'filtros.canal', mensaje: 'elija virtual o fisico' },
      { campo: 'filtros.sedeId', mensaje: 'elija una sede de su entidad' },
      { campo: 'filtros.color', mensaje: 'este filtro no existe; use canal, aspecto, sedeId, unidadId, servicioId o temaId' },
      { campo: 'desde', mensaje: 'indique la fecha inicial como AAAA-MM-DD' },
    ]);
    expect(errores({ tipo: 'cifras_detalle', formato: 'csv', desde: '2026-01-01', hasta: '2026-06-30', filtros: ['canal'] })).toEqual([
      { campo: 'filtros', mensaje: 'debe ser un objeto con los filtros (canal, aspecto, sedeId, unidadId, servicioId, temaId)' },
    ]);
  });

  it('a lo más cinco años, y nunca al revés (la regla de la página de cifras)', () => {
    expect(errores({ tipo: 'cifras_detalle', formato: 'csv', desde: '2020-01-01', hasta: '2025-12-31' })).toEqual([{ campo: 'hasta', mensaje: 'el rango no puede pasar de cinco años' }]);
    expect(errores({ tipo: 'cifras_detalle', formato: 'csv', desde: '2026-02-01', hasta: '2026-01-31' })).toEqual([
      { campo: 'hasta', mensaje: 'la fecha final no puede ser anterior a la inicial' },
    ]);
    expect(errores({ tipo: 'cifras_detalle', formato: 'csv', desde: '2021-01-01', hasta: '2025-12-31' })).toEqual([]);
  });
});

describe('quién ve una exportación', () => {
  const x = { entidadId: 'e1', solicitadoPor: 'u1' };
  it('quien la pidió y los responsables del libro de su entidad', () => {
    expect(puedeVerExportacion({ id: 'u1', rol: 'oficial', entidadId: 'e1' }, x)).toBe(true);
    expect(puedeVerExportacion({ id: 'u2', rol: 'responsable_titular', entidadId: 'e1' }, x)).toBe(true);
    expect(puedeVerExportacion({ id: 'u3', rol: 'responsable_alterno', entidadId: 'e1' }, x)).toBe(true);
  });
  it('nadie más: otro oficial, el titular de la entidad, otra entidad, coordinadores', () => {
    expect(puedeVerExportacion({ id: 'u4', rol: 'oficial', entidadId: 'e1' }, x)).toBe(false);
    expect(puedeVerExportacion({ id: 'u5', rol: 'titular_entidad', entidadId: 'e1' }, x)).toBe(false);
    expect(puedeVerExportacion({ id: 'u6', rol: 'responsable_titular', entidadId: 'e2' }, x)).toBe(false);
    expect(puedeVerExportacion({ id: 'u1', rol: 'oficial', entidadId: 'e2' }, x)).toBe(false);
    expect(puedeVerExportacion({ id: 'u7', rol: 'coordinador', entidadId: null }, x)).toBe(false);
  });
});

describe('el archivo', () => {
  it('se llama por su contenido, la entidad y el periodo', () => {
    const parametros = { desde: '2026-01-01', hasta: '2026-06-30', filtros: {} };
    expect(nombreDeArchivoExportacion({ tipo: 'cifras_detalle', formato: 'xlsx', entidadCodigo: 'MINEDU', parametros })).toBe('cifras-detalle-minedu-2026-01-01-2026-06-30.xlsx');
  });
  it('vence 7 días calendario después de terminar', () => {
    expect(expiraEn(new Date('2026-03-02T15:30:00Z')).toISOString()).toBe('2026-03-09T15:30:00.000Z');
  });
  it('el avance es el porcentaje entero de filas, 99 como máximo hasta guardarse', () => {
    expect(progresoDe(0, 0)).toBe(0);
    expect(progresoDe(1, 3)).toBe(33);
    expect(progresoDe(199_999, 200_000)).toBe(99);
    expect(progresoDe(200_000, 200_000)).toBe(99);
  });
});
