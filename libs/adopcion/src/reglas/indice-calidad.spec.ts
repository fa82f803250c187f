import { CifrasParaIndice, compararParaRanking, indiceDe, tieneCasosSuficientes } from './indice-calidad';

const base: CifrasParaIndice = { codigo: 'X', notificados: 10, notificadosEnPlazoLegal: 10, diasHabilesMediana: 15, vencidos: 0, encuestas: 0, satisfaccionSuma: 0 };

describe('the quality index', () => {
  it('weighs P 40, R 20, V 20 and S 20, computed by hand', () => {
    // P = 100; R = 100 × (30 − 5) / 30 = 83.33; V = 100; S = (4.5 − 1) / 4 × 100 = 87.5
    // (40·100 + 20·83.33 + 20·100 + 20·87.5) / 100 = 94.17
    const i = indiceDe({ ...base, diasHabilesMediana: 5, encuestas: 2, satisfaccionSuma: 9 });
    expect(i).toEqual({
      valor: 94.2,
      componentes: { enPlazo: 100, rapidez: 83.3, sinVencidos: 100, satisfaccion: 87.5 },
      enPlazoPct: 100,
      vencidosPct: 0,
      satisfaccionMedia: 4.5,
    });
  });

  it('without surveys, S is left out and the other weights count for it; overdue cases weigh against the answered ones', () => {
    // P = 80; R = 100 × 20 / 30 = 66.67; % vencidos = 1 / (10 + 1) = 9.09 → V = 90.91
    // (40·80 + 20·66.67 + 20·90.91) / 80 = 79.39
    const i = indiceDe({ ...base, notificadosEnPlazoLegal: 8, diasHabilesMediana: 10, vencidos: 1 });
    expect(i.valor).toBe(79.4);
    expect(i.componentes).toEqual({ enPlazo: 80, rapidez: 66.7, sinVencidos: 90.9, satisfaccion: null });
    expect(i.vencidosPct).toBe(9.1);
  });

  it('a median of 30 business days or more gives no speed; no answer notified, no index', () => {
    expect(indiceDe({ ...base, diasHabilesMediana: 45 }).componentes.rapidez).toBe(0);
    expect(indiceDe({ ...base, notificados: 0, notificadosEnPlazoLegal: 0, diasHabilesMediana: null, vencidos: 3 })).toMatchObject({ valor: null, vencidosPct: 100 });
  });

  it('ranks only entities with 10 answers or more', () => {
    expect(tieneCasosSuficientes({ notificados: 9 })).toBe(false);
    expect(tieneCasosSuficientes({ notificados: 10 })).toBe(true);
  });

  it('breaks ties by P, then the median, then answers notified, then the code', () => {
    const fila = (c: Partial<CifrasParaIndice>) => {
      const cifras = { ...base, ...c };
      return { ...cifras, indice: indiceDe(cifras) };
    };
    // All four at 87.5: P 100 with median 15 (three of them), or P 90 with median 9.
    const filas = [
      fila({ codigo: 'G', notificadosEnPlazoLegal: 9, diasHabilesMediana: 9 }),
      fila({ codigo: 'E' }),
      fila({ codigo: 'D' }),
      fila({ codigo: 'C', notificados: 12, notificadosEnPlazoLegal: 12 }),
    ];
    expect(filas.map((f) => f.indice.valor)).toEqual([87.5, 87.5, 87.5, 87.5]);
    expect(filas.sort(compararParaRanking).map((f) => f.codigo)).toEqual(['C', 'D', 'E', 'G']);
  });
});
