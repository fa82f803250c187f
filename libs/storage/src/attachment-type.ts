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

const OFFICE_ZIP_BY_EXTENSION: Readonly<Record<string, AcceptedType>> = {
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', etiqueta: 'documento Word' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', etiqueta: 'hoja de cálculo Excel' },
  pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', etiqueta: 'presentación' },
  odt: { mime: 'application/vnd.oasis.opendocument.text', etiqueta: 'documento OpenDocument' },
  ods: { mime: 'application/vnd.oasis.opendocument.spreadsheet', etiqueta: 'hoja de cálculo OpenDocument' },
  odp: { mime: 'application/vnd.oasis.opendocument.presentation', etiqueta: 'presentación OpenDocument' },
};

export const ALLOWED_TYPES_DESCRIPTION = 'fotos (JPG, PNG, GIF, WebP), PDF, documentos de Office u OpenDocument y videos (MP4, MOV, WebM)';

/**
 * What a file really is, from its first bytes. A ZIP counts as an office document only
 * when its first entry is the one Office ([Content_Types].xml) or OpenDocument (mimetype)
 * writes first; any other archive, an executable or an unknown signature is refused.
 */
export function detectAcceptedType(head: Buffer, fileName: string): AcceptedType | null {
  const names = filetypeinfo(head).map((info) => info.typename);
  if (names.includes('zip')) return detectOfficeZip(head, fileName);
  for (const name of names) {
    const accepted = BY_SIGNATURE[name];
    if (accepted) return accepted;
  }
  return null;
}

function detectOfficeZip(head: Buffer, fileName: string): AcceptedType | null {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  const office = OFFICE_ZIP_BY_EXTENSION[extension];
  if (!office || head.length < 30) return null;
  // ZIP local file header: name length at offset 26, name at offset 30.
  const nameLength = head.readUInt16LE(26);
  const firstEntry = head.subarray(30, 30 + nameLength).toString('latin1');
  const isOoxml = firstEntry === '[Content_Types].xml' || firstEntry.startsWith('_rels/') || firstEntry.startsWith('docProps/');
  const isOdf = firstEntry === 'mimetype' && head.includes(Buffer.from('application/vnd.oasis.opendocument'));
  if (extension.startsWith('od') ? isOdf : isOoxml) return office;
  return null;
}
