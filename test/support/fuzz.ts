import fc from 'fast-check';
import { randomUUID } from 'node:crypto';

/**
 * Hostile input for the fuzz suite (test/e2e/fuzz-entrada.e2e-spec.ts): what a broken client, a
 * copy-and-paste or an attacker sends. Seeded and bounded: FUZZ_SEED and FUZZ_RUNS (cases per route)
 * come from the environment, with a fixed seed and a small count for `npm test`; `npm run drills`
 * runs many more. A failure prints the seed and the shrunk case, so it replays exactly.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_201);
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 3);
/** FUZZ_CONTAR=1: gather every violation and report them all at the end instead of stopping at the first. */
export const FUZZ_CONTAR = process.env.FUZZ_CONTAR === '1';

const CONTROLES = ['\u0000', '\u0001', '\u0008', '\u000B', '\u001B', '\u007F', '\u0085', '\u009B'];
const BIDI = ['\u202A', '\u202B', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const INVISIBLES = ['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', ' ', '\u00A0', '\t'];
const FECHAS_EXTREMAS = ['0001-01-01', '0001-03-29', '9999-12-31', '1900-02-29', '2026-02-30', '275760-09-13', '-000001-01-01', '1969-12-31', '2026-13-01', ''];

/** A text with one or more refused or invisible characters in it, or made only of invisible ones. */
const textoRaro: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.string({ maxLength: 12 }), fc.constantFrom(...CONTROLES, ...BIDI), fc.string({ maxLength: 12 })).map(([a, c, b]) => `${a}${c}${b}`),
  fc.array(fc.constantFrom(...INVISIBLES), { minLength: 1, maxLength: 8 }).map((cs) => cs.join('')),
  fc.constantFrom('Nun\u0303ez Quispe', 'Jose\u0301 Mari\u0301a', 'A\u030A\u0301', 'factura\u202Efdp.exe', '\uD800', '\uDFFF\uD800', '%00', '\\u0000'),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Anything that may arrive where a text is expected. */
export const valorHostil: fc.Arbitrary<unknown> = fc.oneof(
  textoRaro,
  fc.constantFrom(...FECHAS_EXTREMAS),
  fc.integer({ min: 5_000, max: 40_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom(0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, true, false, null),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
  fc.integer({ min: 20, max: 200 }).map((depth) => JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`) as unknown),
);

export type Codificacion = 'json' | 'json-roto' | 'json-no-objeto' | 'urlencoded' | 'multipart' | 'tipo-ajeno';

export interface CasoDeCuerpo {
  codificacion: Codificacion;
  /** Fields changed on top of the route's valid body (one hostile value each). */
  cambios: Array<[string, unknown]>;
  /** multipart: a field sent twice, a file with a hostile name, an empty file. */
  duplicado: boolean;
  archivo: null | { nombre: string; bytes: number };
  corte: number;
  tipoAjeno: string;
}

/** One hostile body for a route whose valid body has `claves`. */
export function casoDeCuerpo(claves: string[]): fc.Arbitrary<CasoDeCuerpo> {
  const clave = fc.constantFrom(...claves, 'campoDesconocido', 'constructor', '__proto__', 'a\u0000b');
  return fc.record({
    codificacion: fc.constantFrom<Codificacion>('json', 'json', 'json-roto', 'json-no-objeto', 'urlencoded', 'multipart', 'multipart', 'tipo-ajeno'),
    cambios: fc.array(fc.tuple(clave, valorHostil), { minLength: 1, maxLength: 3 }),
    duplicado: fc.boolean(),
    archivo: fc.option(
      fc.record({
        nombre: fc.oneof(textoRaro, fc.constantFrom('../../etc/passwd', 'a"b.pdf', 'con\r\nsalto.pdf', '', 'x'.repeat(300) + '.pdf', 'documento.pdf')),
        bytes: fc.constantFrom(0, 10, 600),
      }),
    ),
    corte: fc.nat({ max: 200 }),
    tipoAjeno: fc.constantFrom('text/plain', 'application/xml', 'application/json; charset=utf-16', 'multipart/form-data', 'application/octet-stream', 'image/png'),
  });
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** The request a case becomes: headers and raw body, built by hand so nothing "fixes" the hostile parts. */
export function cuerpoDe(valido: Record<string, unknown>, caso: CasoDeCuerpo): { contentType: string | null; body: Buffer } {
  const campos: Record<string, unknown> = { ...valido };
  for (const [k, v] of caso.cambios) Object.defineProperty(campos, k, { value: v, enumerable: true, writable: true, configurable: true });
  const json = JSON.stringify(campos);
  switch (caso.codificacion) {
    case 'json':
      return { contentType: 'application/json', body: Buffer.from(json) };
    case 'json-roto':
      return { contentType: 'application/json', body: Buffer.from(json.slice(0, Math.min(caso.corte, json.length - 1)) + (caso.corte % 2 ? '' : '}{,')) };
    case 'json-no-objeto':
      return { contentType: 'application/json', body: Buffer.from(JSON.stringify([[campos], 'texto', 42, null][caso.corte % 4])) };
    case 'urlencoded': {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(campos)) for (const one of [v].flat()) params.append(k, texto(one));
      if (caso.duplicado) for (const [k, v] of caso.cambios) params.append(k, texto(v));
      return { contentType: 'application/x-www-form-urlencoded', body: Buffer.from(params.toString()) };
    }
    case 'multipart': {
      const boundary = `----fuzz${randomUUID()}`;
      const partes: Buffer[] = [];
      const campo = (k: string, v: string): void => {
        partes.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
      };
      for (const [k, v] of Object.entries(campos)) campo(k, texto(v));
      if (caso.duplicado) for (const [k, v] of caso.cambios) campo(k, texto(v));
      if (caso.archivo) {
        const bytes = caso.archivo.bytes === 0 ? Buffer.alloc(0) : Buffer.concat([PDF, Buffer.alloc(caso.archivo.bytes)]);
        for (const nombreCampo of ['adjuntos', 'escaneo', 'constancia']) {
          partes.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${nombreCampo}"; filename="${caso.archivo.nombre}"\r\nContent-Type: application/pdf\r\n\r\n`));
          partes.push(bytes, Buffer.from('\r\n'));
        }
      }
      partes.push(Buffer.from(`--${boundary}--\r\n`));
      const body = Buffer.concat(partes);
      // Sometimes cut short: the parser must say the form is incomplete, not fail.
      return { contentType: `multipart/form-data; boundary=${boundary}`, body: caso.corte < 20 ? body.subarray(0, Math.floor(body.length / 2)) : body };
    }
    case 'tipo-ajeno':
      return { contentType: caso.tipoAjeno, body: Buffer.from(caso.corte % 2 ? json : '<xml/>') };
  }
}

function texto(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v) ?? '';
}

/** Every UTF-8 byte percent-encoded (a lone surrogate as U+FFFD, as a browser does). */
function porciento(t: string): string {
  return [...Buffer.from(t, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/** Query strings: known names with hostile values, sometimes percent-escapes that are not UTF-8. */
export const consultaHostil: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.constantFrom('q', 'documento', 'desde', 'dias', 'entidad', 't', 'token', 'pagina', 'estado', 'anio', 'codigo'),
      fc.oneof(valorHostil.map((v) => porciento(texto(v).slice(0, 2000))), fc.constantFrom('%E0%A4%A', '%00', '%C0%AF', '%FF', '%', '1e309', '-5', '99999999999999999999')),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((pares) => pares.map(([k, v]) => `${k}=${v}`).join('&'));

/** A route parameter: a plausible value, or a hostile one, always percent-encoded as a client would (or not). */
export const parametroHostil: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('%00', '%E0%A4%A', '%C0%AF', '..%2F..%2Fetc', '%E2%80%AE', 'a'.repeat(150), '0001-01-01', '-1', '1e309'),
  textoRaro.map((t) => porciento(t.slice(0, 60)) || 'x'),
);

/** A refusal must be Spanish: none of the English words Fastify, Nest and class-validator answer with. */
const INGLES = /\b(the|is not|must be|should|invalid|request|body|unsupported|bad request|not found|internal server|expected|unexpected)\b/i;

export interface Respuesta {
  status: number;
  contentType: string;
  texto: string;
}

/**
 * What the suite demands of every answer: no 5xx; a refusal (4xx) in Spanish, JSON with a `mensaje`
 * (and, for a field error, `errores` that name their field) or an HTML page in Spanish.
 * @returns the problems found, empty when the answer is fine.
 */
export function problemasDe(r: Respuesta): string[] {
  if (r.status >= 500) return [`respondió ${r.status}: ${r.texto.slice(0, 300)}`];
  if (r.status < 400) return [];
  if (r.contentType.includes('text/html')) return r.texto.includes('lang="es"') ? [] : [`página ${r.status} sin lang="es"`];
  let body: { mensaje?: unknown; codigo?: unknown; errores?: Array<{ campo?: unknown; mensaje?: unknown }> };
  try {
    body = JSON.parse(r.texto) as typeof body;
  } catch {
    return [`${r.status} sin JSON ni HTML: ${r.texto.slice(0, 200)}`];
  }
  const problemas: string[] = [];
  if (typeof body.mensaje !== 'string' || body.mensaje === '' || INGLES.test(body.mensaje)) problemas.push(`${r.status} con mensaje no español: ${r.texto.slice(0, 300)}`);
  for (const e of body.errores ?? []) {
    if (typeof e.campo !== 'string' || e.campo === '') problemas.push(`error de campo sin campo: ${JSON.stringify(e)}`);
    if (typeof e.mensaje !== 'string' || INGLES.test(e.mensaje)) problemas.push(`error de campo no español: ${JSON.stringify(e)}`);
  }
  return problemas;
}
