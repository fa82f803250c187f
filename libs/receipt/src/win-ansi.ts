/*
 * pdfkit's standard fonts (Helvetica) use WinAnsiEncoding and write each UTF-16 code
 * unit as hex without checking it fits: a character outside that set (an emoji, a
 * narrow no-break space from Intl, a CJK name) comes out as garbage glyphs. Every
 * string drawn on the receipt goes through `toWinAnsi` first.
 */

// The characters WinAnsi places in 0x80–0x9F (pdfkit's WIN_ANSI_MAP keys).
const WIN_ANSI_EXTRAS = new Set(
  Array.from('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ').map((c) => c.codePointAt(0) as number),
);

// Unicode spaces that Intl and word processors produce (U+2000–U+200A, U+202F, U+205F, U+3000).
const OTHER_SPACES = /[\u2000-\u200A\u202F\u205F\u3000]/g;
const COMBINING_MARKS = /[\u0300-\u036F]/g;

function isWinAnsi(codePoint: number): boolean {
  return (
    codePoint === 0x0a ||
    (codePoint >= 0x20 && codePoint <= 0x7e) ||
    (codePoint >= 0xa0 && codePoint <= 0xff) ||
    WIN_ANSI_EXTRAS.has(codePoint)
  );
}

/** Returns `text` with only characters Helvetica can print; others fall back to their base letter or '?'. */
export function toWinAnsi(text: string): string {
  const normalized = text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(OTHER_SPACES, ' ');
  let out = '';
  for (const char of normalized) {
    const codePoint = char.codePointAt(0) as number;
    if (isWinAnsi(codePoint)) {
      out += char;
      continue;
    }
    if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f) || (codePoint >= 0x200b && codePoint <= 0x200d)) {
      continue; // control characters and zero-width joiners: drop silently
    }
    // 'ő' → 'o', 'ș' → 's': keep the letter when only the accent is missing.
    const base = char.normalize('NFD').replace(COMBINING_MARKS, '');
    out += base !== '' && Array.from(base).every((c) => isWinAnsi(c.codePointAt(0) as number)) ? base : '?';
  }
  return out;
}
