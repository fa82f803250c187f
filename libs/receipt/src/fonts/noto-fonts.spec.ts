import { deflateSync } from 'node:zlib';
import { fontRuns, parseUnicodeRanges, primaryFace } from './noto-fonts';
import { woffToSfnt } from './woff-to-sfnt';

function faceKeys(text: string, weight: 'regular' | 'bold' = 'regular'): Array<[string, string]> {
  return fontRuns(text, weight).map((run) => [run.face.key, run.text]);
}

describe('fontRuns (Noto Sans and Noto Sans SC, JP, KR)', () => {
  it('draws Spanish, Quechua and Aymara text in Noto Sans Latin, one run', () => {
    expect(faceKeys('Ñuqaqa «allinllam» kani; Ch’ullunkʼu kunjamäsktasa?')).toEqual([
      ['noto-sans-latin-400', 'Ñuqaqa «allinllam» kani; Ch’ullunkʼu kunjamäsktasa?'],
    ]);
    expect(faceKeys('Atención', 'bold')).toEqual([['noto-sans-latin-700', 'Atención']]);
  });

  it('draws Cyrillic in Noto Sans, and Chinese in Noto Sans SC', () => {
    const runs = faceKeys('Иван Петров 王小明');
    expect(runs[0]).toEqual(['noto-sans-cyrillic-400', 'Иван Петров ']);
    expect(runs.slice(1).every(([key]) => key.startsWith('noto-sans-sc-'))).toBe(true);
    expect(runs.slice(1).map(([, text]) => text).join('')).toBe('王小明');
  });

  it('draws Hangul in Noto Sans KR, and the Han characters of a text with kana in Noto Sans JP', () => {
    expect(faceKeys('김민준').every(([key]) => key.startsWith('noto-sans-kr-'))).toBe(true);
    expect(faceKeys('山田さくら').every(([key]) => key.startsWith('noto-sans-jp-'))).toBe(true);
    expect(faceKeys('山田太郎').every(([key]) => key.startsWith('noto-sans-sc-'))).toBe(true);
  });

  it('every run is drawn by its face, and the runs give the text back', () => {
    const text = 'Sra. 山田さくら, 김민준 y Иван Петров: «ä» ʼ ’ 张伟';
    const runs = fontRuns(text, 'regular');
    expect(runs.map((run) => run.text).join('')).toBe(text);
    for (const run of runs) {
      for (const char of run.text) expect(run.face.font.hasGlyphForCodePoint(char.codePointAt(0) as number)).toBe(true);
    }
  });

  it('loads each face once', () => {
    expect(fontRuns('王', 'regular')[0].face).toBe(fontRuns('王', 'regular')[0].face);
    expect(primaryFace('bold')).toBe(primaryFace('bold'));
  });

  it('prints an emoji, which no font has, as U+FFFD in Noto Sans', () => {
    expect(faceKeys('mal 😡')).toEqual([['noto-sans-latin-400', 'mal \uFFFD']]);
  });
});

describe('parseUnicodeRanges', () => {
  it('reads the CSS unicode-range list of a Fontsource package, sorted', () => {
    expect(parseUnicodeRanges('U+0131,U+0000-00FF, U+2000-206F')).toEqual([
      [0x0, 0xff],
      [0x131, 0x131],
      [0x2000, 0x206f],
    ]);
  });
});

describe('woffToSfnt', () => {
  /** A WOFF with two tables, one stored compressed and one as is. */
  function tinyWoff(): { woff: Buffer; tables: Buffer[] } {
    const tables = [Buffer.from('a'.repeat(64)), Buffer.from('xyz')];
    const stored = [deflateSync(tables[0]), tables[1]];
    const header = Buffer.alloc(44 + 2 * 20);
    header.writeUInt32BE(0x774f4646, 0);
    header.writeUInt32BE(0x00010000, 4);
    header.writeUInt16BE(2, 12);
    let offset = header.length;
    ['cmap', 'head'].forEach((tag, i) => {
      const entry = 44 + i * 20;
      header.write(tag, entry, 'latin1');
      header.writeUInt32BE(offset, entry + 4);
      header.writeUInt32BE(stored[i].length, entry + 8);
      header.writeUInt32BE(tables[i].length, entry + 12);
      header.writeUInt32BE(1000 + i, entry + 16);
      offset += stored[i].length;
    });
    return { woff: Buffer.concat([header, ...stored]), tables };
  }

  it('unpacks the tables into a plain font with the same flavor, tags and checksums', () => {
    const { woff, tables } = tinyWoff();
    const sfnt = woffToSfnt(woff);
    expect(sfnt.readUInt32BE(0)).toBe(0x00010000);
    expect(sfnt.readUInt16BE(4)).toBe(2);
    const records = [0, 1].map((i) => {
      const at = 12 + i * 16;
      return { tag: sfnt.toString('latin1', at, at + 4), checksum: sfnt.readUInt32BE(at + 4), offset: sfnt.readUInt32BE(at + 8), length: sfnt.readUInt32BE(at + 12) };
    });
    expect(records.map((r) => [r.tag, r.checksum])).toEqual([
      ['cmap', 1000],
      ['head', 1001],
    ]);
    records.forEach((record, i) => {
      expect(record.offset % 4).toBe(0);
      expect(sfnt.subarray(record.offset, record.offset + record.length).equals(tables[i])).toBe(true);
    });
  });

  it('refuses what is not a WOFF 1.0 file', () => {
    expect(() => woffToSfnt(Buffer.from('wOF2 is another format, not this one, and is long enough.'))).toThrow('Not a WOFF 1.0 font');
  });

  it('refuses a table that lies outside the file', () => {
    const { woff } = tinyWoff();
    expect(() => woffToSfnt(woff.subarray(0, woff.length - 2))).toThrow('outside the file');
  });
});
