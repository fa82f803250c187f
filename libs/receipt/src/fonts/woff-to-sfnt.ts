import { inflateSync } from 'node:zlib';

/*
 * fontkit reads WOFF, but inflates a table again each time it reads from it: subsetting a font
 * for a PDF reads the glyph table once per glyph, so a constancia took about 140 ms instead of
 * 20. Unpacking the WOFF once into the plain font it wraps (an SFNT: TrueType or OpenType) lets
 * fontkit read the tables straight from memory.
 */

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'
const WOFF_HEADER = 44;
const WOFF_TABLE_ENTRY = 20;
const SFNT_HEADER = 12;
const SFNT_TABLE_RECORD = 16;

/**
 * The font inside a WOFF 1.0 file (W3C WOFF File Format 1.0, §4–5): same tables, same checksums,
 * uncompressed. Throws on anything that is not WOFF 1.0 or whose tables do not fit the file.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.length < WOFF_HEADER || woff.readUInt32BE(0) !== WOFF_SIGNATURE) throw new Error('Not a WOFF 1.0 font');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);

  const tables = Array.from({ length: numTables }, (_, i) => {
    const entry = WOFF_HEADER + i * WOFF_TABLE_ENTRY;
    const [tag, offset, compLength, origLength, checksum] = [0, 4, 8, 12, 16].map((at) => woff.readUInt32BE(entry + at));
    if (offset + compLength > woff.length) throw new Error('WOFF table outside the file');
    const stored = woff.subarray(offset, offset + compLength);
    // A table is zlib-compressed only when that made it smaller.
    const data = compLength < origLength ? inflateSync(stored) : stored;
    if (data.length !== origLength) throw new Error('WOFF table of the wrong length');
    return { tag, checksum, data };
  });

  const directoryEnd = SFNT_HEADER + numTables * SFNT_TABLE_RECORD;
  const size = tables.reduce((total, table) => total + padded(table.data.length), directoryEnd);
  const sfnt = Buffer.alloc(size);
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  sfnt.writeUInt32BE(flavor, 0);
  sfnt.writeUInt16BE(numTables, 4);
  sfnt.writeUInt16BE(searchRange, 6);
  sfnt.writeUInt16BE(entrySelector, 8);
  sfnt.writeUInt16BE(numTables * 16 - searchRange, 10);

  let offset = directoryEnd;
  tables.forEach((table, i) => {
    const record = SFNT_HEADER + i * SFNT_TABLE_RECORD;
    sfnt.writeUInt32BE(table.tag, record);
    sfnt.writeUInt32BE(table.checksum, record + 4);
    sfnt.writeUInt32BE(offset, record + 8);
    sfnt.writeUInt32BE(table.data.length, record + 12);
    table.data.copy(sfnt, offset);
    offset += padded(table.data.length);
  });
  return sfnt;
}

/** Tables start on 4-byte boundaries. */
function padded(length: number): number {
  return (length + 3) & ~3;
}
