import { Readable, Transform, TransformCallback } from 'node:stream';
import { filetypeinfo } from 'magic-bytes.js';

/** Bytes to read before deciding what a file is; enough for every signature we accept. */
export const SNIFF_BYTES = 4100;

export interface AcceptedType {
  mime: string;
  etiqueta: string;
}

/** Photos, PDF, office documents and video (domain README). Decided by content, never by the name. */
const BY_SIGNATURE: Readonly<Record<string, AcceptedType>> = {
  jpg: { mime: 'image/jpeg', etiqueta: 'imagen JPEG' },
  png: { mime: 'image/png', etiqueta: 'imagen PNG' },
  gif: { mime: 'image/gif', etiqueta: 'imagen GIF' },
  webp: { mime: 'image/webp', etiqueta: 'imagen WebP' },
  pdf: { mime: 'application/pdf', etiqueta: 'documento PDF' },
  mp4: { mime: 'video/mp4', etiqueta: 'video MP4' },
  mov: { mime: 'video/quicktime', etiqueta: 'video MOV' },
  webm: { mime: 'video/webm', etiqueta: 'video WebM' },
  doc: { mime: 'application/msword', etiqueta: 'documento de Office' },
};

/** Office Open XML: the part folder each program writes its main document in, beside [Content_Types].xml. */
const OOXML_BY_FOLDER: ReadonlyArray<[string, AcceptedType]> = [
  ['word/', { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', etiqueta: 'documento Word' }],
  ['xl/', { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', etiqueta: 'hoja de cálculo Excel' }],
  ['ppt/', { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', etiqueta: 'presentación' }],
];

/** OpenDocument: the text of its `mimetype` entry. */
const ODF_BY_MIMETYPE: ReadonlyArray<[string, AcceptedType]> = [
  ['application/vnd.oasis.opendocument.text', { mime: 'application/vnd.oasis.opendocument.text', etiqueta: 'documento OpenDocument' }],
  ['application/vnd.oasis.opendocument.spreadsheet', { mime: 'application/vnd.oasis.opendocument.spreadsheet', etiqueta: 'hoja de cálculo OpenDocument' }],
  ['application/vnd.oasis.opendocument.presentation', { mime: 'application/vnd.oasis.opendocument.presentation', etiqueta: 'presentación OpenDocument' }],
];

/**
 * HEIF photos (ISO/IEC 23008-12), as iPhones write them by default: an ISO-BMFF `ftyp` box whose brands
 * say HEVC-coded images (heic…) or any HEIF image (mif1). The file is kept as sent; a JPEG copy for
 * staff needs an HEVC decoder the platform does not ship yet (libs/storage/README.md).
 */
const HEIC: AcceptedType = { mime: 'image/heic', etiqueta: 'foto HEIC' };
const HEIF: AcceptedType = { mime: 'image/heif', etiqueta: 'foto HEIF' };
const HEVC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const HEIF_BRANDS = new Set(['mif1', 'msf1', 'mif2']);
const PDF: AcceptedType = { mime: 'application/pdf', etiqueta: 'documento PDF' };

export const ALLOWED_TYPES_DESCRIPTION =
  'fotos (JPG, PNG, GIF, WebP, HEIC), PDF, documentos de Office u OpenDocument y videos (MP4, MOV, WebM)';

/**
 * What a file really is, from its first bytes alone, for the types that say it there: photos
 * (HEIC included), PDF, the old Office format, video. A ZIP (Office Open XML, OpenDocument) is decided
 * by its entries, which only the whole file shows: see `detectAcceptedTypeOf`. Null: not accepted.
 */
export function detectAcceptedType(head: Buffer): AcceptedType | null {
  const heif = heifBrandOf(head);
  if (heif) return heif;
  if (isPdf(head)) return PDF;
  const names = filetypeinfo(head).map((info) => info.typename);
  if (names.includes('zip')) return null;
  for (const name of names) {
    const accepted = BY_SIGNATURE[name];
    if (accepted) return accepted;
  }
  return null;
}

export type TypeDecision =
  | { accepted: false; stream: Readable }
  /** `stream` must be read to its end (stored) before `decide()` answers. */
  | { accepted: true; stream: Readable; decide: () => AcceptedType | null };

/**
 * Decides a file's type by content as it streams: by its first bytes for most types; for a ZIP, by
 * the entries it holds, whatever their order: Office Open XML has `[Content_Types].xml` and a `word/`,
 * `xl/` or `ppt/` folder; OpenDocument a `mimetype` entry naming its kind. Programs write those entries
 * in different orders (LibreOffice, Google Docs, WPS, zip tools), so the first entry alone refused real
 * documents (issue 13). Any other archive, an executable (renamed or not) or an unknown signature is refused.
 */
export function detectAcceptedTypeOf(head: Buffer, stream: Readable): TypeDecision {
  const byHead = detectAcceptedType(head);
  if (byHead) return { accepted: true, stream, decide: () => byHead };
  if (!filetypeinfo(head).some((info) => info.typename === 'zip')) return { accepted: false, stream };
  const scanner = new ZipEntryScanner();
  return { accepted: true, stream: stream.pipe(scanner), decide: () => officeTypeOf(scanner.names, scanner.mimetype) };
}

function officeTypeOf(names: ReadonlySet<string>, mimetype: string | undefined): AcceptedType | null {
  if (mimetype) {
    const odf = ODF_BY_MIMETYPE.find(([prefix]) => mimetype.startsWith(prefix));
    if (odf) return odf[1];
  }
  if (!names.has('[Content_Types].xml')) return null;
  for (const [folder, type] of OOXML_BY_FOLDER) {
    if ([...names].some((name) => name.startsWith(folder))) return type;
  }
  return null;
}

/** An ISO-BMFF file whose `ftyp` brands are HEIF's (a MP4 or MOV video has other brands). */
function heifBrandOf(head: Buffer): AcceptedType | null {
  if (head.length < 16 || head.toString('latin1', 4, 8) !== 'ftyp') return null;
  const boxSize = Math.min(head.readUInt32BE(0), head.length);
  const brands = [head.toString('latin1', 8, 12)];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(head.toString('latin1', at, at + 4));
  if (brands.includes('avif') || brands.includes('avis')) return null;
  if (brands.some((b) => HEVC_BRANDS.has(b))) return HEIC;
  if (brands.some((b) => HEIF_BRANDS.has(b))) return HEIF;
  return null;
}

/**
 * `%PDF-` at the start, after a byte-order mark or whitespace that some generators put first, or after
 * a little text (a server's notice printed before the file) within the first 1024 bytes, as PDF
 * readers accept. Never after binary bytes: an executable with `%PDF-` inside is not a PDF.
 */
function isPdf(head: Buffer): boolean {
  const at = head.subarray(0, 1024).indexOf('%PDF-');
  if (at < 0) return false;
  let start = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  for (; start < at; start++) {
    const byte = head[start];
    const text = byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d || (byte >= 0x20 && byte < 0x7f);
    if (!text) return false;
  }
  return true;
}

/** Longest entry name looked at: Office and OpenDocument names are short; longer ones are not theirs. */
const MAX_ENTRY_NAME = 1024;
/** The `mimetype` entry's text is short; an entry claiming more is not an OpenDocument one. */
const MAX_MIMETYPE_BYTES = 100;
const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Passes a ZIP's bytes through unchanged, noting the name of every entry (each local file header
 * carries it in clear) and the text of a stored `mimetype` entry. Signatures that happen to appear
 * inside compressed data only add names no rule looks for.
 */
class ZipEntryScanner extends Transform {
  readonly names = new Set<string>();
  mimetype: string | undefined;
  private carry = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const buffer = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    let keepFrom = Math.max(0, buffer.length - (LOCAL_HEADER.length - 1));
    for (let at = buffer.indexOf(LOCAL_HEADER); at >= 0; at = buffer.indexOf(LOCAL_HEADER, at + 1)) {
      if (at + 30 > buffer.length) {
        keepFrom = at;
        break;
      }
      const nameLength = buffer.readUInt16LE(at + 26);
      if (nameLength === 0 || nameLength > MAX_ENTRY_NAME) continue;
      const nameEnd = at + 30 + nameLength;
      const dataStart = nameEnd + buffer.readUInt16LE(at + 28);
      const name = nameEnd <= buffer.length ? buffer.toString('utf8', at + 30, nameEnd) : null;
      const stored = buffer.readUInt16LE(at + 8) === 0;
      const size = buffer.readUInt32LE(at + 18);
      const wantsData = name === 'mimetype' && stored && size <= MAX_MIMETYPE_BYTES;
      if (name === null || (wantsData && dataStart + size > buffer.length)) {
        keepFrom = at;
        break;
      }
      this.names.add(name);
      if (wantsData && this.mimetype === undefined) this.mimetype = buffer.toString('latin1', dataStart, dataStart + size);
    }
    // A header cut by the chunk's end is read again, whole, with the next chunk.
    this.carry = Buffer.from(buffer.subarray(keepFrom));
    done(null, chunk);
  }
}
