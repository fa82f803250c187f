import { toWinAnsi } from './win-ansi';

describe('toWinAnsi', () => {
  it('keeps Spanish letters and the signs a receipt uses', () => {
    const text = 'Atención: María Ñahui, N° 007-2020-PCM, ¿por qué? ¡Sí! – “Mesa de partes” … 20 €';
    expect(toWinAnsi(text)).toBe(text);
  });

  it('composes decomposed accents (NFD input from some keyboards)', () => {
    expect(toWinAnsi('Educacio\u0301n')).toBe('Educación');
  });

  it('turns Intl and typographic spaces into plain spaces', () => {
    expect(toWinAnsi('11:30\u202Fp.\u00A0m.\u2009x')).toBe('11:30 p.\u00A0m. x');
  });

  it('drops control characters and zero-width joiners, keeps line breaks', () => {
    expect(toWinAnsi('a\u0007b\r\nc\u200Bd\te')).toBe('ab\ncd e');
  });

  it('falls back to the base letter, or "?" when there is none', () => {
    expect(toWinAnsi('Łódź Őrs Ștefan')).toBe('?ódz Ors Stefan');
    expect(toWinAnsi('mal servicio 😡 李')).toBe('mal servicio ? ?');
  });
});
