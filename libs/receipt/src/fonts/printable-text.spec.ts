import { printableText } from './printable-text';

describe('printableText', () => {
  it('keeps every letter and sign typed: Spanish, Quechua and Aymara, CJK, Cyrillic', () => {
    const text = 'Atención: María Ñahui, N° 007-2020-PCM, ¿por qué? ¡Sí! “Mesa” … Ch’ullunkʼu «jumax» kunjamäsktasa 王小明 김민준 Иван';
    expect(printableText(text)).toBe(text);
  });

  it('composes decomposed accents (NFD input from some keyboards)', () => {
    expect(printableText('Educacio\u0301n')).toBe('Educación');
  });

  it('turns typographic spaces into plain spaces, keeps the no-break space', () => {
    expect(printableText('11:30\u202Fp.\u00A0m.\u2009x')).toBe('11:30 p.\u00A0m. x');
  });

  it('drops control characters and zero-width spaces, keeps line breaks', () => {
    expect(printableText('a\u0007b\r\nc\u200Bd\te\rf')).toBe('ab\ncd e\nf');
  });
});
