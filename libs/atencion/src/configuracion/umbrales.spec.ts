import { umbralesProblem } from './umbrales';

describe('umbralesProblem', () => {
  it.each([[[10, 5, 2, 1]], [[30]], [[1]], [[20, 10, 3]]])('accepts %j', (value) => {
    expect(umbralesProblem('umbralesAlerta', value)).toBeNull();
  });

  it.each([
    [[], /al menos un umbral/],
    ['10,5', /al menos un umbral/],
    [[5, 0], /entero positivo/],
    [[5, -1], /entero positivo/],
    [[2.5], /entero positivo/],
    [['5'], /entero positivo/],
    [[31, 5], /como máximo 30/],
    [[5, 5], /de mayor a menor/],
    [[1, 2], /de mayor a menor/],
    [[11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1], /como máximo 10 umbrales/],
  ])('refuses %j naming the field in Spanish', (value, mensaje) => {
    expect(umbralesProblem('umbralesAlerta', value)).toEqual({ campo: 'umbralesAlerta', mensaje: expect.stringMatching(mensaje) });
  });
});
