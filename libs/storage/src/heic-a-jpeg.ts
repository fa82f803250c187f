import { Worker } from 'node:worker_threads';

/** The media types of HEIF photos (attachment-type.ts decides them by content). */
export const TIPOS_HEIF: readonly string[] = ['image/heic', 'image/heif'];

export function esFotoHeif(tipoMime: string): boolean {
  return TIPOS_HEIF.includes(tipoMime);
}

/** JPEG quality for the staff's copy: a photo to read, not to archive (the original is kept). */
const CALIDAD_JPEG = 0.9;

/**
 * The conversion, run in a worker thread: heic-convert decodes with libheif compiled to WebAssembly
 * and encodes with jpeg-js, both synchronous, about 10 s of CPU and 400 MB for a 12 MP iPhone photo
 * on this project's 2-core machine: on the main thread it would stall every other request that long.
 * The module is resolved here, so the thread finds it whatever the working directory.
 */
const CODIGO_DEL_HILO = `
const { parentPort, workerData } = require('node:worker_threads');
const convert = require(workerData.modulo);
convert({ buffer: workerData.heic, format: 'JPEG', quality: workerData.calidad }).then(
  (jpeg) => parentPort.postMessage(new Uint8Array(jpeg)),
  (error) => parentPort.postMessage({ error: String(error && error.message || error) }),
);
`;

let cola: Promise<unknown> = Promise.resolve();

/**
 * A JPEG of a HEIC/HEIF photo, for staff whose computers do not open HEIC (sharp's prebuilt binaries
 * have no HEVC decoder; heic-convert brings libheif's). One conversion at a time per process, so two
 * photos never hold two decoded bitmaps at once. Rejects when the bytes do not decode.
 */
export function heicAJpeg(heic: Buffer): Promise<Buffer> {
  const turno = cola.then(() => convertirEnHilo(heic));
  cola = turno.catch(() => undefined);
  return turno;
}

function convertirEnHilo(heic: Buffer): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const hilo = new Worker(CODIGO_DEL_HILO, {
      eval: true,
      workerData: { modulo: require.resolve('heic-convert'), heic, calidad: CALIDAD_JPEG },
    });
    hilo.once('message', (mensaje: Uint8Array | { error: string }) => {
      if (mensaje instanceof Uint8Array) resolve(Buffer.from(mensaje.buffer, mensaje.byteOffset, mensaje.byteLength));
      else reject(new Error(mensaje.error));
      void hilo.terminate();
    });
    hilo.once('error', reject);
    hilo.once('exit', (code) => reject(new Error(`La conversión terminó sin resultado (código ${code})`)));
  });
}
