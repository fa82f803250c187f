import { conteo, porcentajeDe, publicar, reservarCruce, reservarDesglose, reservarTabla, sobreBase } from './supresion';

const valores = (celdas: ReadonlyArray<{ valor: number | null }>) => celdas.map((c) => c.valor);
const reservas = (celdas: ReadonlyArray<{ reserva: string | null }>) => celdas.map((c) => c.reserva);

describe('small-cell suppression', () => {
  it('hides a count from 1 to 4 and shows 0 and 5 or more', () => {
    expect([0, 1, 3, 4, 5, 120].map(conteo)).toEqual([
      { valor: 0, reserva: null },
      { valor: null, reserva: 'menor_a_5' },
      { valor: null, reserva: 'menor_a_5' },
      { valor: null, reserva: 'menor_a_5' },
      { valor: 5, reserva: null },
      { valor: 120, reserva: null },
    ]);
  });

  it('hides a rate, mean or median over 1 to 4 cases; over none it is null without a reason', () => {
    expect(sobreBase(75, 4)).toEqual({ valor: null, reserva: 'base_menor_a_5' });
    expect(sobreBase(80, 5)).toEqual({ valor: 80, reserva: null });
    expect(sobreBase(null, 0)).toEqual({ valor: null, reserva: null });
  });

  it('a share is hidden with either of its counts, or it would give the hidden one back (10 at 30 % is 3)', () => {
    expect(porcentajeDe(30, 10, conteo(3), conteo(10))).toEqual({ valor: null, reserva: 'complementaria' });
    expect(porcentajeDe(60, 10, conteo(6), { valor: null, reserva: 'complementaria' })).toEqual({ valor: null, reserva: 'complementaria' });
    expect(porcentajeDe(75, 4, conteo(3), conteo(4))).toEqual({ valor: null, reserva: 'base_menor_a_5' });
    expect(porcentajeDe(60, 10, conteo(6), conteo(10))).toEqual({ valor: 60, reserva: null });
  });

  it('a lone hidden cell of a breakdown takes the next-smallest non-zero cell with it', () => {
    // Total 3 + 0 + 9 + 7 = 19 is published: without the complement, 19 − 9 − 7 gives the 3 back.
    const celdas = reservarDesglose([3, 0, 9, 7]);
    expect(valores(celdas)).toEqual([null, 0, 9, null]);
    expect(reservas(celdas)).toEqual(['menor_a_5', null, null, 'complementaria']);
  });

  it('two hidden cells that add up to less than 5 would give each other away (1 + 1): one more is hidden', () => {
    expect(reservas(reservarDesglose([1, 1, 10, 12]))).toEqual(['menor_a_5', 'menor_a_5', 'complementaria', null]);
    // 2 + 3 = 5: enough, nothing more.
    expect(reservas(reservarDesglose([2, 3, 10, 12]))).toEqual(['menor_a_5', 'menor_a_5', null, null]);
  });

  it('nothing hidden, nothing added; a breakdown whose other cells are 0 has a total under 5, hidden where published', () => {
    expect(reservas(reservarDesglose([5, 0, 7]))).toEqual([null, null, null]);
    expect(reservas(reservarDesglose([3, 0, 0]))).toEqual(['menor_a_5', null, null]);
  });

  it('ties go to the first cell, so the same numbers always hide the same cells', () => {
    expect(reservas(reservarDesglose([9, 2, 9]))).toEqual(['complementaria', 'menor_a_5', null]);
  });

  it('a table with rows and columns is repeated until neither a row nor a column gives a hidden cell away', () => {
    // 2 × 2 (aspect × channel), row and column totals and the grand total published:
    //   [3  8]
    //   [6 20]
    // Row 1 hides 3 and then 8; column 1 then holds only 3 hidden → 6 goes; column 2 holds 8 alone → 20 goes.
    const celdas = reservarTabla([3, 8, 6, 20], [[0, 1], [2, 3], [0, 2], [1, 3], [0, 1, 2, 3]]);
    expect(reservas(celdas)).toEqual(['menor_a_5', 'complementaria', 'complementaria', 'complementaria']);
    // And no group is left with one hidden cell or hidden cells under 5.
    for (const grupo of [[0, 1], [2, 3], [0, 2], [1, 3]]) {
      const ocultas = grupo.filter((i) => celdas[i].valor === null);
      expect(ocultas.length === 0 || (ocultas.length > 1 && ocultas.reduce((s, i) => s + [3, 8, 6, 20][i], 0) >= 5)).toBe(true);
    }
  });

  it('publishes values with the reasons of those withheld, as the JSON gives them', () => {
    expect(publicar({ recibidos: conteo(3), notificados: conteo(12), pct: sobreBase(null, 0) })).toEqual({
      recibidos: null,
      notificados: 12,
      pct: null,
      reservas: { recibidos: 'menor_a_5' },
    });
  });
});

describe('a cross-tabulation with its margins (aspecto × canal)', () => {
  it('hides in the margins what the cells hide and the other way round, until no equation gives a value away', () => {
    // informacion × virtual = 3 (and so its row total 3); 5 × fisico alone in its row and column.
    const c = reservarCruce([
      [7, 0],
      [3, 0],
      [0, 5],
      [8, 6],
    ]);
    expect(c.celdas[1][0].reserva).toBe('menor_a_5');
    expect(c.filas[1].reserva).toBe('menor_a_5');
    // Nothing is left alone: every row, column and margin equation holds none or two or more hidden values.
    const oculto = (x: { valor: number | null }) => x.valor === null;
    for (let f = 0; f < 4; f += 1) expect([...c.celdas[f], c.filas[f]].filter(oculto).length).not.toBe(1);
    for (let k = 0; k < 2; k += 1) expect([...c.celdas.map((fila) => fila[k]), c.columnas[k]].filter(oculto).length).not.toBe(1);
    expect([...c.filas, c.total].filter(oculto).length).not.toBe(1);
    expect(c.total).toEqual({ valor: 29, reserva: null });
  });

  it('a table of 5 or more everywhere shows everything', () => {
    const c = reservarCruce([[5, 0], [0, 9]]);
    expect(c.celdas.flat().map((x) => x.valor)).toEqual([5, 0, 0, 9]);
    expect(c.filas.map((x) => x.valor)).toEqual([5, 9]);
    expect(c.columnas.map((x) => x.valor)).toEqual([5, 9]);
  });
});
