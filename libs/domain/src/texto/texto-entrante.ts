import { FieldError } from '../errors/domain-error';

/**
 * The one rule for every string a person or a client sends us (bodies, form fields, file names,
 * query strings, route parameters), applied once at each door (the HTTP hook, the multipart reader).
 *
 * Refused, never stripped: the hoja is the citizen's signed statement and staff's notes are part of
 * an audited record, so we do not silently change what was written. A refused character never comes
 * from typing; it comes from a broken client, a bad copy-and-paste, or an attempt to break the
 * database (PostgreSQL refuses U+0000 in text: it was a 500) or to spoof what staff read (a bidi
 * override turns «factura‮fdp.exe» into «factura.exe…» on screen). The HTML form is re-rendered with
 * the field's text kept, minus those characters, so the citizen loses nothing by the refusal.
 *
 * - control characters: C0 (U+0000–U+001F) except tab, line feed and carriage return, which textareas
 *   send; DEL (U+007F); C1 (U+0080–U+009F), e.g. Windows-1252 text decoded as Latin-1;
 * - bidirectional embeddings, overrides and isolates: U+202A–U+202E, U+2066–U+2069.
 *
 * Accepted but invisible: zero-width space, non-joiner and joiner (U+200B–U+200D, the joiner is part
 * of emoji), word joiner U+2060, BOM U+FEFF and the soft hyphen U+00AD. A text made only of these and
 * whitespace becomes '' here, so every "required" check downstream sees it empty.
 */
// The whole point of this pattern is to find control characters.
// eslint-disable-next-line no-control-regex
const REFUSED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
const REFUSED_ALL = new RegExp(REFUSED.source, 'gu');
const INVISIBLE_OR_SPACE = /^[\s\u200B-\u200D\u2060\uFEFF\u00AD]*$/u;

/** Nesting deeper than this is no form of ours; it is refused before anything walks it recursively. */
export const MAX_PROFUNDIDAD_ENTRADA = 16;

export interface TextoRevisado {
  /** NFC, without the refused characters; '' when nothing visible is left. */
  texto: string;
  /** Why the text is refused (a Spanish sentence without the field), or null when it is fine. */
  problema: string | null;
}

/**
 * Normalises one incoming text to NFC (so "Ñ" typed as N + combining tilde is the same name
 * everywhere, in search and in the audit chain) and says whether it carries a refused character.
 */
export function revisarTexto(valor: string): TextoRevisado {
  const nfc = valor.normalize('NFC');
  const problema = problemaDe(nfc);
  const limpio = problema ? nfc.replace(REFUSED_ALL, '') : nfc;
  return { texto: soloInvisibles(limpio) ? '' : limpio, problema };
}

/** True for '' and for a text made only of whitespace and invisible characters (a zero-width space is no name). */
export function soloInvisibles(valor: string): boolean {
  return INVISIBLE_OR_SPACE.test(valor);
}

function problemaDe(texto: string): string | null {
  const match = REFUSED.exec(texto);
  if (!match) return null;
  const codigo = `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const cp = match[0].codePointAt(0)!;
  return cp >= 0x202a
    ? `contiene un carácter de control de dirección del texto (${codigo}), que puede ocultar lo que se lee; escríbalo de nuevo sin copiarlo`
    : `contiene un carácter de control no imprimible (${codigo}); escríbalo de nuevo sin copiarlo de otro documento`;
}

/**
 * Walks a parsed body, query or set of route parameters: every string (values and keys) is
 * revised with `revisarTexto`; the result has the same shape with the clean texts. Each refused
 * text adds a FieldError naming its path (`representado.nombres`, `adjuntos[2]`); a structure
 * nested deeper than MAX_PROFUNDIDAD_ENTRADA adds one error and is cut there. Numbers, booleans
 * and null pass as they are; the DTOs decide whether they fit.
 */
export function revisarEntrada(valor: unknown, campo: string, errores: FieldError[], profundidad = 0): unknown {
  if (typeof valor === 'string') {
    const { texto, problema } = revisarTexto(valor);
    if (problema) errores.push({ campo: campo || 'cuerpo', mensaje: problema });
    return texto;
  }
  if (valor === null || typeof valor !== 'object') return valor;
  if (profundidad >= MAX_PROFUNDIDAD_ENTRADA) {
    errores.push({ campo: campo || 'cuerpo', mensaje: `tiene más de ${MAX_PROFUNDIDAD_ENTRADA} niveles anidados; ningún formulario los usa` });
    return undefined;
  }
  if (Array.isArray(valor)) return valor.map((v, i) => revisarEntrada(v, `${campo}[${i}]`, errores, profundidad + 1));
  const out: Record<string, unknown> = {};
  for (const [clave, v] of Object.entries(valor)) {
    const { texto: claveLimpia, problema } = revisarTexto(clave);
    const ruta = campo ? `${campo}.${claveLimpia}` : claveLimpia;
    if (problema) errores.push({ campo: ruta || 'cuerpo', mensaje: `el nombre del campo ${problema}` });
    // defineProperty, not assignment: a key "__proto__" stays a plain field and never a prototype.
    Object.defineProperty(out, claveLimpia, { value: revisarEntrada(v, ruta, errores, profundidad + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
