import { detectAcceptedType } from './attachment-type';

function zipWithFirstEntry(name: string, extra = ''): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, Buffer.from(name, 'latin1'), Buffer.from(extra, 'latin1')]);
}

describe('detectAcceptedType', () => {
  it('accepts a PDF by its signature whatever it is called', () => {
    expect(detectAcceptedType(Buffer.from('%PDF-1.7\n%âãÏÓ\n'), 'foto.jpg')?.mime).toBe('application/pdf');
  });

  it('accepts a JPEG photo', () => {
    expect(detectAcceptedType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]), 'x')?.mime).toBe(
      'image/jpeg',
    );
  });

  it('refuses a Windows executable renamed to .pdf', () => {
    expect(detectAcceptedType(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), 'constancia.pdf')).toBeNull();
  });

  it('refuses plain text and unknown bytes', () => {
    expect(detectAcceptedType(Buffer.from('hola, esto es texto'), 'nota.pdf')).toBeNull();
  });

  it('accepts a .docx whose first ZIP entry is [Content_Types].xml', () => {
    expect(detectAcceptedType(zipWithFirstEntry('[Content_Types].xml'), 'informe.docx')?.etiqueta).toBe('documento Word');
  });

  it('accepts an .odt that starts with its mimetype entry', () => {
    const head = zipWithFirstEntry('mimetype', 'application/vnd.oasis.opendocument.text');
    expect(detectAcceptedType(head, 'carta.odt')?.mime).toBe('application/vnd.oasis.opendocument.text');
  });

  it('refuses any other ZIP, even named .docx', () => {
    expect(detectAcceptedType(zipWithFirstEntry('payload.exe'), 'informe.docx')).toBeNull();
    expect(detectAcceptedType(zipWithFirstEntry('[Content_Types].xml'), 'archivo.zip')).toBeNull();
  });
});
