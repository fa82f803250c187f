import { maskDocumentNumber, maskEmail } from './mask-document';

describe('maskDocumentNumber', () => {
  it.each([
    ['12345678', '*****678'], // DNI
    ['20123456789', '********789'], // RUC
    ['001234567', '******567'], // carné de extranjería
    ['AB123456', '*****456'], // pasaporte
    ['  12345678 ', '*****678'],
  ])('%p → %p', (input, expected) => {
    expect(maskDocumentNumber(input)).toBe(expected);
  });

  it('keeps the length, so the masked value still looks like the document', () => {
    expect(maskDocumentNumber('12345678')).toHaveLength(8);
  });

  it.each([
    ['', ''],
    ['1', '*'],
    ['12', '*2'],
    ['123', '**3'],
    ['1234', '**34'],
    ['123456', '***456'],
  ])('never shows more than half of a short value: %p → %p', (input, expected) => {
    expect(maskDocumentNumber(input)).toBe(expected);
  });
});

describe('maskEmail', () => {
  it.each([
    ['maria.quispe@example.pe', 'm**********e@example.pe'],
    ['ana@correo.pe', 'a**@correo.pe'],
    ['x@y.pe', 'x@y.pe'],
  ])('%s → %s: the domain and at most the first and last characters of the name', (input, expected) => {
    expect(maskEmail(input)).toBe(expected);
  });
});
