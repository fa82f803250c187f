import { DomainError } from '@app/domain';
import { resolverPeriodoPublico } from './periodo-publico';

function errores(consulta: { desde?: string; hasta?: string }, hoy = '2031-04-20') {
  try {
    resolverPeriodoPublico(consulta, hoy);
  } catch (error) {
    if (error instanceof DomainError) return error.errores;
    throw error;
  }
  return [];
}

describe('the period of the public figures', () => {
  it('by default, the last 12 closed months (Lima dates)', () => {
    expect(resolverPeriodoPublico({}, '2031-04-20')).toEqual({ desde: '2030-04-01', hasta: '2031-03-31' });
    expect(resolverPeriodoPublico({}, '2031-01-01')).toEqual({ desde: '2030-01-01', hasta: '2030-12-31' });
    expect(resolverPeriodoPublico({ hasta: '2031-02-28' }, '2031-04-20')).toEqual({ desde: '2030-03-01', hasta: '2031-02-28' });
  });

  it('takes whole, closed months up to 36', () => {
    expect(resolverPeriodoPublico({ desde: '2031-03-01', hasta: '2031-03-31' }, '2031-04-20')).toEqual({ desde: '2031-03-01', hasta: '2031-03-31' });
    expect(resolverPeriodoPublico({ desde: '2028-04-01', hasta: '2031-03-31' }, '2031-04-20').desde).toBe('2028-04-01');
  });

  it('refuses, naming the field in Spanish, dates that are not whole closed months, reversed or too long ranges', () => {
    expect(errores({ desde: '2031-13-01' })).toEqual([{ campo: 'desde', mensaje: 'indique la fecha como AAAA-MM-DD' }]);
    expect(errores({ desde: '2031-03-02' })[0].campo).toBe('desde');
    expect(errores({ hasta: '2031-03-30' })[0]).toEqual({ campo: 'hasta', mensaje: 'las cifras públicas van por meses completos: indique el último día de un mes' });
    expect(errores({ hasta: '2031-04-30' })[0]).toEqual({ campo: 'hasta', mensaje: 'se publican solo meses cerrados: indique a lo más 2031-03-31' });
    expect(errores({ desde: '2031-03-01', hasta: '2031-02-28' })[0].campo).toBe('hasta');
    expect(errores({ desde: '2028-03-01', hasta: '2031-03-31' })).toEqual([{ campo: 'desde', mensaje: 'el periodo puede abarcar a lo más 36 meses' }]);
  });
});
