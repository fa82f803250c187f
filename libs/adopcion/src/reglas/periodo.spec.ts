import { etiquetaDePeriodo, periodoDeConsola } from './periodo';

describe("the console's period", () => {
  it('is a year, a quarter or a month of Lima dates; the current year by default', () => {
    expect(periodoDeConsola(undefined, '2031-04-20')).toEqual({ clave: '2031', desde: '2031-01-01', hasta: '2031-12-31' });
    expect(periodoDeConsola('2031-T2', '2031-04-20')).toEqual({ clave: '2031-T2', desde: '2031-04-01', hasta: '2031-06-30' });
    expect(periodoDeConsola(' 2032-02 ', '2031-04-20')).toEqual({ clave: '2032-02', desde: '2032-02-01', hasta: '2032-02-29' });
    expect(etiquetaDePeriodo(periodoDeConsola('2031-T2', '2031-04-20'))).toBe('el 2.º trimestre de 2031');
    expect(etiquetaDePeriodo(periodoDeConsola('2031-09', '2031-04-20'))).toBe('setiembre de 2031');
  });

  it('refuses anything else naming «periodo»', () => {
    for (const malo of ['2031-13', '2031-T5', '2031-04-01', 'este año']) {
      expect(() => periodoDeConsola(malo, '2031-04-20')).toThrow(expect.objectContaining({ errores: [expect.objectContaining({ campo: 'periodo' })] }));
    }
  });
});
