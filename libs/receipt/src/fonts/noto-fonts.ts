import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import { splitIntoRuns, type GlyphSource, type TextRun } from './text-runs';
import { woffToSfnt } from './woff-to-sfnt';

/*
 * The PDFs print whatever citizens and staff typed: Spanish, Quechua and Aymara spelling
 * (ñ, ä, ʼ), names of foreign residents in Cyrillic, Chinese, Japanese or Korean. The fonts are
 * Noto Sans (Latin, Cyrillic, Greek) and Noto Sans SC, JP and KR from the Fontsource packages,
 * read from node_modules; pdfkit embeds only the glyphs a document uses.
 *
 * Fontsource splits each font into files by Unicode range (the browser's `unicode-range`), and the
 * CJK fonts into a hundred slices each, so each file is a face of its own here: a character is
 * drawn with the first face, in order of preference, whose range holds it and that has its glyph.
 * The WOFF files are read, not WOFF2: fontkit 2.0.4 breaks subsetting accented (composite) glyphs
 * of the WOFF2 files ("Offset is outside the bounds of the DataView"); each is unpacked once into
 * the plain font it wraps (see woff-to-sfnt.ts).
 */

export type FontWeight = 'regular' | 'bold';

const CSS_WEIGHT: Record<FontWeight, number> = { regular: 400, bold: 700 };

/** One Fontsource file in one weight: a slice of a font for some Unicode ranges. */
export interface FontFace extends GlyphSource {
  /** Unique per file and weight, e.g. 'noto-sans-sc-116-700': the name a PDF document caches the face under. */
  readonly key: string;
  readonly font: fontkit.Font;
}

type FamilyId = 'noto-sans' | 'noto-sans-sc' | 'noto-sans-jp' | 'noto-sans-kr';

interface Slice {
  /** The file name without weight and style: 'noto-sans-latin', 'noto-sans-sc-116'. */
  stem: string;
  /** Sorted, inclusive code point ranges. */
  ranges: Array<[number, number]>;
}

interface Family {
  id: FamilyId;
  filesDir: string;
  slices: Slice[];
}

// Noto Sans first, so Latin text (the whole constancia, in most cases) keeps one look.
const LATIN_FIRST: readonly FamilyId[] = ['noto-sans', 'noto-sans-sc', 'noto-sans-jp', 'noto-sans-kr'];
// Han characters look different in Japanese and Chinese typography: a text with kana is Japanese,
// so its Han characters come from the Japanese font. Hangul comes from the Korean font, which has
// all of it (the Chinese one has only a few syllables, and a name drawn from both would not match).
const JAPANESE_FIRST: readonly FamilyId[] = ['noto-sans', 'noto-sans-jp', 'noto-sans-sc', 'noto-sans-kr'];
const KOREAN_FIRST: readonly FamilyId[] = ['noto-sans', 'noto-sans-kr', 'noto-sans-sc', 'noto-sans-jp'];

const KANA = /[\u3040-\u30FF\u31F0-\u31FF\uFF66-\uFF9F]/u;
const HANGUL = /[\u1100-\u11FF\u3130-\u318F\uA960-\uA97F\uAC00-\uD7AF\uD7B0-\uD7FF]/u;

/**
 * Splits `text` into runs, each with the face that draws it in `weight`. Characters no font has
 * come back as U+FFFD in Noto Sans. Faces load on first use and stay cached for the process.
 * Throws when a font package is missing from node_modules (a broken install, not a bad input).
 */
export function fontRuns(text: string, weight: FontWeight): TextRun<FontFace>[] {
  const order = KANA.test(text) ? JAPANESE_FIRST : LATIN_FIRST;
  return splitIntoRuns(text, (codePoint) => facesFor(codePoint, weight, HANGUL.test(String.fromCodePoint(codePoint)) ? KOREAN_FIRST : order), primaryFace(weight));
}

/** Noto Sans Latin: the face of every label and of most values; it draws U+FFFD. */
export function primaryFace(weight: FontWeight): FontFace {
  return face(family('noto-sans'), 'noto-sans-latin', weight);
}

function* facesFor(codePoint: number, weight: FontWeight, order: readonly FamilyId[]): Generator<FontFace> {
  for (const id of order) {
    const candidates = family(id);
    for (const slice of candidates.slices) {
      if (inRanges(slice.ranges, codePoint)) yield face(candidates, slice.stem, weight);
    }
  }
}

function inRanges(ranges: Array<[number, number]>, codePoint: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [from, to] = ranges[middle];
    if (codePoint < from) high = middle - 1;
    else if (codePoint > to) low = middle + 1;
    else return true;
  }
  return false;
}

const families = new Map<FamilyId, Family>();
const faces = new Map<string, FontFace>();

function family(id: FamilyId): Family {
  let loaded = families.get(id);
  if (!loaded) {
    loaded = readFamily(id);
    families.set(id, loaded);
  }
  return loaded;
}

/** Reads the package's `unicode.json`: slice name → 'U+0000-00FF,U+0131,…'. */
function readFamily(id: FamilyId): Family {
  const unicodeJson = require.resolve(`@fontsource/${id}/unicode.json`);
  const slices = Object.entries(JSON.parse(readFileSync(unicodeJson, 'utf8')) as Record<string, string>)
    // Latin first: where slices overlap (combining marks, punctuation), the common one wins and
    // a Spanish text loads a single file.
    .sort(([a], [b]) => latinRank(a) - latinRank(b))
    .map(([name, ranges]) => ({
      // The CJK slices are named '[116]'; their files 'noto-sans-sc-116-400-normal.woff'.
      stem: `${id}-${name.replace(/^\[(\d+)\]$/, '$1')}`,
      ranges: parseUnicodeRanges(ranges),
    }));
  return { id, filesDir: join(dirname(unicodeJson), 'files'), slices };
}

function latinRank(slice: string): number {
  return slice === 'latin' ? 0 : slice === 'latin-ext' ? 1 : 2;
}

/** 'U+0000-00FF,U+0131' → [[0x0, 0xff], [0x131, 0x131]], sorted. */
export function parseUnicodeRanges(ranges: string): Array<[number, number]> {
  return ranges
    .split(',')
    .map((range): [number, number] => {
      const [from, to = from] = range.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(from, 16), parseInt(to, 16)];
    })
    .sort((a, b) => a[0] - b[0]);
}

function face(source: Family, stem: string, weight: FontWeight): FontFace {
  const key = `${stem}-${CSS_WEIGHT[weight]}`;
  let loaded = faces.get(key);
  if (!loaded) {
    const font = fontkit.create(woffToSfnt(readFileSync(join(source.filesDir, `${key}-normal.woff`)))) as fontkit.Font;
    loaded = { key, font, hasGlyphForCodePoint: (codePoint) => font.hasGlyphForCodePoint(codePoint) };
    faces.set(key, loaded);
  }
  return loaded;
}
