import { EntityManager } from 'typeorm';
import { FieldError } from '@app/domain';
import { ReceivedAttachment } from '@app/storage';

/** What a staff-uploaded scan is to the case (adjunto.tipo); the citizen's own files are 'ciudadano'. */
export type TipoEscaneo = 'hoja_fisica' | 'constancia_notificacion';

/** A scanned paper is a PDF or a photo; the type was already decided by content when it was received. */
export function isScanMime(mime: string): boolean {
  return mime === 'application/pdf' || mime.startsWith('image/');
}

/** Names what is wrong with a required scan (missing, or an office document or a video), under `campo`. */
export function checkEscaneo(errors: FieldError[], campo: string, escaneo: ReceivedAttachment | undefined, que: string): void {
  if (!escaneo) errors.push({ campo, mensaje: `adjunte ${que} escaneada (PDF o imagen, hasta 20 MB)` });
  else if (!isScanMime(escaneo.tipoMime)) errors.push({ campo, mensaje: `«${escaneo.nombreOriginal}» no es un PDF ni una imagen` });
}

/** The scan as an adjunto of the case, in the caller's transaction. */
export async function insertEscaneo(manager: EntityManager, reclamoId: string, tipo: TipoEscaneo, escaneo: ReceivedAttachment): Promise<string> {
  const [row]: Array<{ id: string }> = await manager.query(
    `INSERT INTO adjunto (reclamo_id, nombre_original, tipo_mime, bytes, sha256, clave_almacen, tipo)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [reclamoId, escaneo.nombreOriginal.slice(0, 255), escaneo.tipoMime, escaneo.bytes, escaneo.sha256, escaneo.clave, tipo],
  );
  return row.id;
}
