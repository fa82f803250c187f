import { FieldError } from '@app/domain';
import { ReceivedAttachment } from '@app/storage';

/** A scanned paper is a PDF or a photo; the type was already decided by content when it was received. */
export function isScanMime(mime: string): boolean {
  return mime === 'application/pdf' || mime.startsWith('image/');
}

/** Names what is wrong with a required scan (missing, or an office document or a video), under `campo`. */
export function checkEscaneo(errors: FieldError[], campo: string, escaneo: ReceivedAttachment | undefined, que: string): void {
  if (!escaneo) errors.push({ campo, mensaje: `adjunte ${que} escaneada (PDF o imagen, hasta 20 MB)` });
  else if (!isScanMime(escaneo.tipoMime)) errors.push({ campo, mensaje: `«${escaneo.nombreOriginal}» no es un PDF ni una imagen` });
}
