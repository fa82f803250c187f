import { Readable } from 'node:stream';
import { detectAcceptedType, detectAcceptedTypeOf, SNIFF_BYTES } from './attachment-type';
import { docxInAnotherOrder, iphoneHeicHead, odt, windowsProgram, writeZip, xlsxInAnotherOrder, zipWithProgram } from './testing';

/** Streams a file in small chunks (a header cut between two of them, as a network delivers it), then decides. */
async function typeOf(file: Buffer, chunk = 97): Promise<string | null> {
  const head = file.subarray(0, SNIFF_BYTES);
  const chunks: Buffer[] = [];
  for (let at = 0; at < file.length; at += chunk) chunks.push(file.subarray(at, at + chunk));
  const decision = detectAcceptedTypeOf(head, Readable.from(chunks));
  const passed: Buffer[] = [];
  for await (const part of decision.stream) passed.push(part as Buffer);
  // Every byte passes through unchanged, whatever is decided.
  expect(Buffer.concat(passed).equals(file)).toBe(true);
  return decision.accepted ? (decision.decide()?.mime ?? null) : null;
}

describe('detectAcceptedType (by the first bytes)', () => {
  it('accepts a PDF by its signature whatever it is called', () => {
    expect(detectAcceptedType(Buffer.from('%PDF-1.7\n%âãÏÓ\n'))?.mime).toBe('application/pdf');
  });

  it('accepts a PDF after a byte-order mark, whitespace or a line of text, as readers do', () => {
    expect(detectAcceptedType(Buffer.from('\ufeff%PDF-1.4\n'))?.mime).toBe('application/pdf');
    expect(detectAcceptedType(Buffer.from('\r\n  \n%PDF-1.5\n'))?.mime).toBe('application/pdf');
    expect(detectAcceptedType(Buffer.from('Notice: generado por el sistema\n%PDF-1.3\n'))?.mime).toBe('application/pdf');
  });

  it('accepts a JPEG photo', () => {
    expect(detectAcceptedType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]))?.mime).toBe('image/jpeg');
  });

  it('accepts an iPhone HEIC photo and a HEIF one, but not an MP4 video as a photo', () => {
    expect(detectAcceptedType(iphoneHeicHead())?.mime).toBe('image/heic');
    const heif = iphoneHeicHead();
    heif.write('mif1', 8, 'latin1');
    heif.write('mif1miafMiHBmiaf', 16, 'latin1');
    expect(detectAcceptedType(heif)?.mime).toBe('image/heif');
    const mp4 = iphoneHeicHead();
    mp4.write('isom', 8, 'latin1');
    mp4.write('isomiso2avc1mp41', 16, 'latin1');
    expect(detectAcceptedType(mp4)?.mime).not.toMatch(/^image\//);
  });

  it('refuses a Windows executable renamed to .pdf, even with %PDF- inside it', () => {
    expect(detectAcceptedType(windowsProgram())).toBeNull();
  });

  it('refuses plain text and unknown bytes', () => {
    expect(detectAcceptedType(Buffer.from('hola, esto es texto'))).toBeNull();
  });
});

describe('detectAcceptedTypeOf (ZIP-based documents, by their entries)', () => {
  it('accepts a .docx and an .xlsx whatever the order of their entries', async () => {
    expect(await typeOf(docxInAnotherOrder())).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(await typeOf(xlsxInAnotherOrder(), 13)).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('accepts an OpenDocument text by its mimetype entry', async () => {
    expect(await typeOf(odt(), 31)).toBe('application/vnd.oasis.opendocument.text');
  });

  it('refuses any other ZIP, whatever it is called', async () => {
    expect(await typeOf(zipWithProgram())).toBeNull();
    expect(await typeOf(writeZip([{ name: '[Content_Types].xml', content: '<Types/>' }]))).toBeNull();
  });

  it('decides a non-ZIP file from its first bytes', async () => {
    expect(await typeOf(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(9000, 0x20)]))).toBe('application/pdf');
    expect(await typeOf(windowsProgram())).toBeNull();
  });
});
