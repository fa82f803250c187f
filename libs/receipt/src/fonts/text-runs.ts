/** Anything that can tell whether it draws a code point: a loaded font face, or a stand-in in tests. */
export interface GlyphSource {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/** A stretch of text drawn with one face. */
export interface TextRun<F> {
  text: string;
  face: F;
}

/** What a PDF prints where no face has the character: the replacement character, visibly not a letter. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

// Spaces, combining marks (variation selectors among them) and joiners belong to the letters around
// them: they stay in the current run when its face draws them, so "Иван Петров" is one run, not three.
function isNeutral(char: string, codePoint: number): boolean {
  return /^[\s\p{M}]$/u.test(char) || codePoint === 0x200c || codePoint === 0x200d;
}

/**
 * Splits `text` into runs of consecutive characters that one face draws.
 *
 * - `candidates(codePoint)`: the faces that may draw it, best first; the first with a glyph wins.
 * - `fallback`: the face for characters no candidate draws (it must draw U+FFFD); such a character
 *   is printed as U+FFFD, so a missing glyph shows as � instead of an empty box or a wrong letter.
 *
 * Adjacent runs never share a face, and joining the runs' texts gives `text` back except for the
 * replaced characters. An empty string gives no runs. Throws nothing.
 */
export function splitIntoRuns<F extends GlyphSource>(
  text: string,
  candidates: (codePoint: number) => Iterable<F>,
  fallback: F,
): TextRun<F>[] {
  const runs: TextRun<F>[] = [];
  for (const char of text) {
    const codePoint = char.codePointAt(0) as number;
    const current = runs.at(-1);
    if (current && isNeutral(char, codePoint) && current.face.hasGlyphForCodePoint(codePoint)) {
      current.text += char;
      continue;
    }
    let face: F | undefined;
    for (const candidate of candidates(codePoint)) {
      if (candidate.hasGlyphForCodePoint(codePoint)) {
        face = candidate;
        break;
      }
    }
    const printed = face ? char : REPLACEMENT_CHARACTER;
    face ??= fallback;
    if (current && current.face === face) current.text += printed;
    else runs.push({ text: printed, face });
  }
  return runs;
}
