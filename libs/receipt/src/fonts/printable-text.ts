// Unicode spaces that Intl and word processors produce (U+2000–U+200A, U+202F, U+205F, U+3000 is kept:
// it is the ideographic space of CJK text, which the CJK fonts draw at its own width).
const OTHER_SPACES = /[\u2000-\u200A\u202F\u205F]/g;

/** Control characters (not the line break) and zero-width spaces: nothing to draw, and a font would draw a box. */
function isInvisible(codePoint: number): boolean {
  return (
    (codePoint < 0x20 && codePoint !== 0x0a) ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0x200b ||
    codePoint === 0x2060 ||
    codePoint === 0xfeff
  );
}

/**
 * The text as it should be printed: composed (NFC, so 'o' + U+0301 is one 'ó' that every font
 * draws), line breaks as '\n', tabs and typographic spaces as plain spaces, invisible characters
 * dropped. Every letter, sign and apostrophe typed (ñ, ä, ʼ U+02BC, ’, «») is kept as it is.
 */
export function printableText(text: string): string {
  const normalized = text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(OTHER_SPACES, ' ');
  return Array.from(normalized)
    .filter((char) => !isInvisible(char.codePointAt(0) as number))
    .join('');
}
