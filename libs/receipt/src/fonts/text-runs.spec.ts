import { REPLACEMENT_CHARACTER, splitIntoRuns, type GlyphSource } from './text-runs';

/** A stand-in face that draws the characters of a regular expression. */
function fakeFace(name: string, draws: RegExp): GlyphSource & { name: string } {
  return { name, hasGlyphForCodePoint: (codePoint) => draws.test(String.fromCodePoint(codePoint)) };
}

const latin = fakeFace('latin', /[\u0020-\u024F\u02BC\u2010-\u2027\u00AB\u00BB\s\uFFFD]/u);
const cyrillic = fakeFace('cyrillic', /[\u0400-\u04FF\s]/u);
const han = fakeFace('han', /[\u4E00-\u9FFF]/u);
const faces = [latin, cyrillic, han];

function split(text: string): Array<[string, string]> {
  return splitIntoRuns(text, () => faces, latin).map((run) => [run.face.name, run.text]);
}

describe('splitIntoRuns', () => {
  it('keeps Spanish, Quechua and Aymara text in one run of the first face', () => {
    expect(split('Ñuqaqa «allinllam» kani; Ch’ullunkʼu jumax kunjamäsktasa?')).toEqual([
      ['latin', 'Ñuqaqa «allinllam» kani; Ch’ullunkʼu jumax kunjamäsktasa?'],
    ]);
  });

  it('switches face where the script changes, and only there', () => {
    expect(split('Nombre: 王小明 (Иван)')).toEqual([
      ['latin', 'Nombre: '],
      ['han', '王小明'],
      ['latin', ' ('],
      ['cyrillic', 'Иван'],
      ['latin', ')'],
    ]);
  });

  it('keeps a space inside the run when that face draws it, so a Cyrillic name stays whole', () => {
    expect(split('Иван Петров')).toEqual([['cyrillic', 'Иван Петров']]);
  });

  it('moves a space to a face that draws it when the current one does not', () => {
    expect(split('王 明')).toEqual([
      ['han', '王'],
      ['latin', ' '],
      ['han', '明'],
    ]);
  });

  it('takes the first candidate that has the glyph, in the order given', () => {
    const both = fakeFace('both', /[a-z\u4E00-\u9FFF]/u);
    const runs = splitIntoRuns('a王', (codePoint) => (codePoint < 0x80 ? [latin, both] : [han, both]), latin);
    expect(runs.map((run) => run.face.name)).toEqual(['latin', 'han']);
  });

  it('prints a character no face draws as U+FFFD in the fallback face', () => {
    expect(split('mal 😡 trato')).toEqual([['latin', `mal ${REPLACEMENT_CHARACTER} trato`]]);
  });

  it('handles characters outside the BMP as one code point', () => {
    const extB = fakeFace('ext-b', /[\u{20000}-\u{2A6DF}]/u);
    const runs = splitIntoRuns('𠀋a', () => [latin, extB], latin);
    expect(runs.map((run) => [run.face.name, run.text])).toEqual([
      ['ext-b', '𠀋'],
      ['latin', 'a'],
    ]);
  });

  it('gives back the text it was given, run by run', () => {
    const text = 'Sra. 山田 — Петрова, ñ «ä» ʼ';
    expect(splitIntoRuns(text, () => faces, latin).map((run) => run.text).join('')).toBe(text);
  });

  it('gives no runs for an empty string', () => {
    expect(split('')).toEqual([]);
  });
});
