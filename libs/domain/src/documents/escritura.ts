/**
 * How people write numbers they copy from a card, a receipt or a contact list: with spaces,
 * dots, dashes of any kind, slashes, full-width digits from a phone's keyboard, or invisible
 * characters pasted along. None of them is part of the number.
 */
const SEPARADORES = /[\s.\-\u2010-\u2015\u2212_/\u00B7\u200B-\u200D\u2060\uFEFF\u00AD]/gu;

/** The text in NFKC (full-width "１２" becomes "12") and trimmed: how every check below reads its input. */
export function comoSeEscribe(valor: string): string {
  return valor.normalize('NFKC').trim();
}

/** The characters that make the number, without the separators people type between them. */
export function sinSeparadores(valor: string): string {
  return comoSeEscribe(valor).replace(SEPARADORES, '');
}
