import convert from 'heic-convert';

/** The media types of HEIF photos (attachment-type.ts decides them by content). */
export const TIPOS_HEIF: readonly string[] = ['image/heic', 'image/heif'];

export function esFotoHeif(tipoMime: string): boolean {
  return TIPOS_HEIF.includes(tipoMime);
}

/** JPEG quality for the staff's copy: a photo to read, not to archive (the original is kept). */
const CALIDAD_JPEG = 0.9;

let cola: Promise<unknown> = Promise.resolve();

/**
 * A JPEG of a HEIC/HEIF photo, for staff whose computers do not open HEIC. heic-convert decodes with
 * libheif compiled to WebAssembly (HEVC included: sharp's prebuilt binaries have no HEVC decoder) and
 * encodes with jpeg-js, both synchronous: one conversion at a time per process, so two 12 MP photos
 * never hold two decoded bitmaps (about 48 MB each) at once. Throws when the bytes do not decode.
 */
export function heicAJpeg(heic: Buffer): Promise<Buffer> {
  const turno = cola.then(async () => Buffer.from(await convert({ buffer: heic, format: 'JPEG', quality: CALIDAD_JPEG })));
  cola = turno.catch(() => undefined);
  return turno;
}
