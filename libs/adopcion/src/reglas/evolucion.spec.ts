import { evolucionDeAdopcion, implementadosAl } from './evolucion';

describe('the adoption over time', () => {
  it('counts each entity from the day it was implementado, month by month up to today', () => {
    const fechas = ['2021-02-28', '2021-03-01', null, '2021-04-10'];
    expect(evolucionDeAdopcion(fechas, 4, '2021-01-18', '2021-04-05')).toEqual([
      { mes: '2021-01', corte: '2021-01-31', implementados: 0, pct: 0 },
      { mes: '2021-02', corte: '2021-02-28', implementados: 1, pct: 25 },
      { mes: '2021-03', corte: '2021-03-31', implementados: 2, pct: 50 },
      // The current month is counted up to today: 10 April has not come.
      { mes: '2021-04', corte: '2021-04-05', implementados: 2, pct: 50 },
    ]);
    expect(implementadosAl(fechas, '2021-03-01')).toBe(2);
    expect(evolucionDeAdopcion([], 0, '2021-12-01', '2022-01-15').map((p) => [p.mes, p.pct])).toEqual([
      ['2021-12', null],
      ['2022-01', null],
    ]);
  });
});
