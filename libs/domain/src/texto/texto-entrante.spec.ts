import { FieldError } from '../errors/domain-error';
import { revisarEntrada, revisarTexto, soloInvisibles } from './texto-entrante';

describe('revisarTexto', () => {
  it('normalises to NFC, so a name typed with combining marks is the same name', () => {
    expect(revisarTexto('Nun\u0303ez')).toEqual({ texto: 'Nuñez', problema: null });
  });

  it.each(['\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u009F'])('refuses the control character %j, naming its code point', (c) => {
    const { texto, problema } = revisarTexto(`Ma${c}ría`);
    expect(problema).toMatch(/carácter de control no imprimible \(U\+00[0-9A-F]{2}\)/);
    expect(texto).toBe('María');
  });

  it.each(['\u202A', '\u202E', '\u2066', '\u2069'])('refuses the bidi control %j', (c) => {
    expect(revisarTexto(`factura${c}fdp.exe`).problema).toMatch(/dirección del texto/);
  });

  it('keeps tab, line feed and carriage return, which a textarea sends', () => {
    expect(revisarTexto('línea 1\r\nlínea\t2')).toEqual({ texto: 'línea 1\r\nlínea\t2', problema: null });
  });

  it('turns a text of only invisible characters and spaces into the empty text', () => {
    expect(revisarTexto('\u200B\u200C\u200D\u2060\uFEFF\u00AD \u00A0\t')).toEqual({ texto: '', problema: null });
    expect(soloInvisibles('\u200B')).toBe(true);
    expect(soloInvisibles('a\u200B')).toBe(false);
    // An emoji with a zero-width joiner is visible text.
    expect(revisarTexto('👩\u200D💻').texto).toBe('👩\u200D💻');
  });
});

describe('revisarEntrada', () => {
  it('revises nested values and keys and names each refused one by its path', () => {
    const errores: FieldError[] = [];
    const out = revisarEntrada({ a: 'ok', b: { c: ['x', 'y\u0000'] }, 'd\u0001': 1 }, '', errores);
    expect(out).toEqual({ a: 'ok', b: { c: ['x', 'y'] }, d: 1 });
    expect(errores.map((e) => e.campo)).toEqual(['b.c[1]', 'd']);
  });

  it('cuts a structure nested deeper than any form, instead of walking it', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i += 1) deep = [deep];
    const errores: FieldError[] = [];
    revisarEntrada({ descripcion: deep }, '', errores);
    expect(errores).toEqual([{ campo: expect.stringMatching(/^descripcion/), mensaje: expect.stringContaining('niveles anidados') }]);
  });

  it('keeps a "__proto__" key a plain field', () => {
    const out = revisarEntrada(JSON.parse('{"__proto__": {"x": 1}}'), '', []) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
  });
});
