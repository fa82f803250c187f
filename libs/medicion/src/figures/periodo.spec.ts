import { medianaDeHistograma, mesesDe, partirEnMeses, porcentaje, resolverPeriodo } from './periodo';

describe('periodos de las cifras', () => {
  it('resuelve mes, trimestre, año y rango en fechas de Lima', () => {
    expect(resolverPeriodo('mes', { periodo: '2028-02' })).toEqual({ desde: '2028-02-01', hasta: '2028-02-29' });
    expect(resolverPeriodo('trimestre', { periodo: '2026-T4' })).toEqual({ desde: '2026-10-01', hasta: '2026-12-31' });
    expect(resolverPeriodo('anio', { periodo: '2026' })).toEqual({ desde: '2026-01-01', hasta: '2026-12-31' });
    expect(resolverPeriodo('rango', { desde: '2026-03-15', hasta: '2026-05-02' })).toEqual({ desde: '2026-03-15', hasta: '2026-05-02' });
  });

  it('rechaza un periodo mal escrito nombrando el campo', () => {
    const error = (f: () => unknown): unknown => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return null;
    };
    expect(error(() => resolverPeriodo('mes', { periodo: '2026-13' }))).toMatchObject({ errores: [{ campo: 'periodo', mensaje: 'indique el mes como AAAA-MM' }] });
    expect(error(() => resolverPeriodo('rango', { desde: '2026-05-02', hasta: '2026-03-15' }))).toMatchObject({ errores: [{ campo: 'hasta' }] });
  });

  it('parte un rango en meses completos y bordes', () => {
    expect(mesesDe({ desde: '2026-11-15', hasta: '2027-01-31' })).toEqual(['2026-11-01', '2026-12-01', '2027-01-01']);
    expect(partirEnMeses({ desde: '2026-11-15', hasta: '2027-01-31' })).toEqual({
      mesesCompletos: ['2026-12-01', '2027-01-01'],
      bordes: [{ desde: '2026-11-15', hasta: '2026-11-30' }],
    });
  });

  it('calcula la mediana de un histograma y los porcentajes', () => {
    expect(medianaDeHistograma([0, 0, 0])).toBeNull();
    expect(medianaDeHistograma([0, 2, 0, 1])).toBe(1); // 1, 1, 3
    expect(medianaDeHistograma([0, 1, 0, 1])).toBe(2); // 1, 3
    expect(porcentaje(2, 3)).toBe(66.7);
    expect(porcentaje(0, 0)).toBeNull();
  });
});
