import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DomainError } from '@app/domain';
import { AttachmentStorage, esFotoHeif, heicAJpeg } from '@app/storage';
import { isUuid } from '../access/reclamo-access';
import { ReclamoCommand } from './reclamo-command';
import { ReclamoTransaction } from './reclamo-transaction';

export interface DownloadAdjuntoCommand extends ReclamoCommand {
  adjuntoId: string;
  /**
   * A JPEG copy of a HEIC/HEIF photo instead of the file as sent (made on the first request and kept
   * beside the original). Any other file: 404, there is no such copy.
   */
  comoJpeg?: boolean;
}

export interface AdjuntoDescarga {
  nombre: string;
  tipoMime: string;
  /** Null when unknown (a JPEG copy read back from storage): sent without a length. */
  bytes: number | null;
  contenido: Readable;
}

/** Bytes read to convert one photo: the filing's limit for all its files together. */
const MAX_BYTES_HEIC = 20 * 1024 * 1024;

/**
 * An attachment of a reclamo the actor may read, as sent or (HEIC/HEIF photos) as a JPEG copy; the
 * download is logged in the log of reads, with the file's id and the format (not its name, which may
 * name the person). 404 RECLAMO_NOT_FOUND for an unknown or
 * another entity's attachment; 422 ATTACHMENT_TYPE_NOT_ALLOWED when a photo does not decode (the
 * original stays downloadable).
 */
@Injectable()
export class DownloadAdjuntoUseCase {
  constructor(
    private readonly reclamos: ReclamoTransaction,
    private readonly storage: AttachmentStorage,
  ) {}

  async execute(command: DownloadAdjuntoCommand): Promise<AdjuntoDescarga> {
    const notFound = new DomainError('RECLAMO_NOT_FOUND', 'No existe ese adjunto en los casos de su entidad.');
    const adjunto = await this.reclamos.run(command, 'leer', async ({ manager, reclamo, registrarAcceso }) => {
      if (!isUuid(command.adjuntoId)) throw notFound;
      const [row]: Array<{ id: string; nombre: string; tipoMime: string; bytes: number; clave: string }> = await manager.query(
        `SELECT id, nombre_original AS nombre, tipo_mime AS "tipoMime", bytes, clave_almacen AS clave
           FROM adjunto WHERE id = $1 AND reclamo_id = $2`,
        [command.adjuntoId, reclamo.id],
      );
      if (!row) throw notFound;
      if (command.comoJpeg && !esFotoHeif(row.tipoMime)) throw notFound;
      await registrarAcceso('adjunto_descargado', command.comoJpeg ? { adjuntoId: row.id, formato: 'jpeg' } : { adjuntoId: row.id });
      return row;
    });
    if (!command.comoJpeg) {
      return { nombre: adjunto.nombre, tipoMime: adjunto.tipoMime, bytes: adjunto.bytes, contenido: await this.storage.open(adjunto.clave) };
    }
    const nombre = `${adjunto.nombre.replace(/\.(heic|heif|hif)$/i, '')}.jpg`;
    const hecha = await this.storage.openDerived(adjunto.clave, 'jpeg');
    if (hecha) return { nombre, tipoMime: 'image/jpeg', bytes: null, contenido: hecha };
    const jpeg = await this.convertir(adjunto.clave);
    await this.storage.saveDerived(adjunto.clave, 'jpeg', jpeg);
    return { nombre, tipoMime: 'image/jpeg', bytes: jpeg.length, contenido: Readable.from([jpeg]) };
  }

  private async convertir(clave: string): Promise<Buffer> {
    const partes: Buffer[] = [];
    let total = 0;
    for await (const parte of await this.storage.open(clave)) {
      total += (parte as Buffer).length;
      if (total > MAX_BYTES_HEIC) throw noSeConvierte();
      partes.push(parte as Buffer);
    }
    try {
      return await heicAJpeg(Buffer.concat(partes));
    } catch {
      // The bytes carry a HEIF brand but do not decode (a truncated upload): the original is still there.
      throw noSeConvierte();
    }
  }
}

function noSeConvierte(): DomainError {
  return new DomainError('ATTACHMENT_TYPE_NOT_ALLOWED', 'No se pudo convertir esa foto a JPEG; descargue el archivo original.');
}
