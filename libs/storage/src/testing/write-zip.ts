import { crc32, deflateRawSync, deflateSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  content: string | Buffer;
  /** Stored as is (OpenDocument's `mimetype` must be), or deflated like every other entry. */
  stored?: boolean;
}

/**
 * A real ZIP archive, entries in the order given, as programs other than Office write them (for tests
 * of the detection by content): local headers, deflated data, the central directory and its end record.
 */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const raw = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content, 'utf8');
    const data = entry.stored ? raw : deflateRawSync(raw);
    const name = Buffer.from(entry.name, 'utf8');
    const checksum = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(entry.stored ? 0 : 8, 8);
    local.writeUInt32LE(checksum, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(entry.stored ? 0 : 8, 10);
    central.writeUInt32LE(checksum, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>';

/** A .docx as LibreOffice or Google Docs write one: `_rels/.rels` and the document before `[Content_Types].xml`. */
export function docxInAnotherOrder(): Buffer {
  return writeZip([
    { name: '_rels/.rels', content: '<?xml version="1.0"?><Relationships/>' },
    { name: 'docProps/app.xml', content: '<?xml version="1.0"?><Properties/>' },
    { name: 'word/document.xml', content: `<?xml version="1.0"?><w:document>${'Texto del documento. '.repeat(400)}</w:document>` },
    { name: 'word/styles.xml', content: '<?xml version="1.0"?><w:styles/>' },
    { name: '[Content_Types].xml', content: CONTENT_TYPES },
  ]);
}

/** An .xlsx whose workbook comes first and `[Content_Types].xml` last. */
export function xlsxInAnotherOrder(): Buffer {
  return writeZip([
    { name: 'xl/workbook.xml', content: '<?xml version="1.0"?><workbook/>' },
    { name: 'xl/worksheets/sheet1.xml', content: `<?xml version="1.0"?><worksheet>${'<row/>'.repeat(2000)}</worksheet>` },
    { name: '_rels/.rels', content: '<?xml version="1.0"?><Relationships/>' },
    { name: '[Content_Types].xml', content: CONTENT_TYPES },
  ]);
}

/** An OpenDocument text, its `mimetype` first and stored, as the standard asks. */
export function odt(): Buffer {
  return writeZip([
    { name: 'mimetype', content: 'application/vnd.oasis.opendocument.text', stored: true },
    { name: 'content.xml', content: '<?xml version="1.0"?><office:document-content/>' },
    { name: 'META-INF/manifest.xml', content: '<?xml version="1.0"?><manifest:manifest/>' },
  ]);
}

/** A ZIP that carries a program, named by whoever sends it as a .docx. */
export function zipWithProgram(): Buffer {
  return writeZip([
    { name: 'payload.exe', content: Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(2000, 7)]) },
    { name: 'readme.txt', content: 'abrir payload.exe' },
  ]);
}

/** The first bytes of a Windows program: what a renamed executable starts with. */
export function windowsProgram(): Buffer {
  const program = Buffer.alloc(4096, 0);
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1').copy(program);
  Buffer.from('This program cannot be run in DOS mode. %PDF-1.7', 'latin1').copy(program, 78);
  return program;
}

/**
 * The start of a HEIC photo as an iPhone writes it: the `ftyp` box (major brand heic, compatible
 * mif1, miaf, MiHB, heic) then a `meta` box. Enough for detection by content; a decodable image needs
 * an HEVC encoder (heif-enc), which tests use when the machine has it.
 */
export function iphoneHeicHead(): Buffer {
  const ftyp = Buffer.alloc(32);
  ftyp.writeUInt32BE(32, 0);
  ftyp.write('ftypheic', 4, 'latin1');
  ftyp.writeUInt32BE(0, 12);
  ftyp.write('mif1miafMiHBheic', 16, 'latin1');
  const meta = Buffer.alloc(2048, 0);
  meta.writeUInt32BE(2048, 0);
  meta.write('meta', 4, 'latin1');
  return Buffer.concat([ftyp, meta]);
}

/** A small real PNG photo (a colour gradient), to attach or to encode as HEIC. */
export function smallPng(width = 64, height = 48): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const checksum = Buffer.alloc(4);
    checksum.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, checksum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // RGB
  const row = width * 3 + 1;
  const pixels = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * row + 1 + x * 3;
      pixels[at] = (x * 4) & 0xff;
      pixels[at + 1] = (y * 5) & 0xff;
      pixels[at + 2] = 128;
    }
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
