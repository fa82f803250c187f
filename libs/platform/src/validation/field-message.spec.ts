import { fieldMessage } from './field-message';

describe('fieldMessage', () => {
  it('names the field, lowers the first word and drops the final period', () => {
    expect(fieldMessage('numeroDocumento', 'El número de DNI debe tener 8 dígitos.')).toBe(
      'numeroDocumento: el número de DNI debe tener 8 dígitos',
    );
  });

  it('keeps acronyms and inner periods as they are', () => {
    expect(fieldMessage('ruc', 'RUC no válido.')).toBe('ruc: RUC no válido');
    expect(fieldMessage('telefono', 'Use p. ej. 01 4110000')).toBe('telefono: use p. ej. 01 4110000');
  });
});
