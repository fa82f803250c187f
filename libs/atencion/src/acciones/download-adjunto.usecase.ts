import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DomainError } from '@app/domain';
import { AttachmentStorage } from '@app/storage';
import { isUuid } from '../access/reclamo-access';
import { ReclamoCommand } from './reclamo-command';
import { ReclamoTransaction } from './reclamo-transaction';

export interface DownloadAdjuntoCommand extends ReclamoCommand {
  adjuntoId: string;
}

export interface AdjuntoDescarga {
  nombre: string;
  tipoMime: string;
  bytes: number;
  contenido: Readable;
}

/** An attachment of a reclamo the actor may read; the download is logged in the audit trail. */
@Injectable()
export class DownloadAdjuntoUseCase {
  constructor(
    private readonly reclamos: ReclamoTransaction,
    private readonly storage: AttachmentStorage,
  ) {}

  async execute(command: DownloadAdjuntoCommand): Promise<AdjuntoDescarga> {
    const notFound = new DomainError('RECLAMO_NOT_FOUND', 'No existe ese adjunto en los casos de su entidad.');
    const adjunto = await this.reclamos.run(command, 'leer', async ({ manager, reclamo, audit }) => {
      if (!isUuid(command.adjuntoId)) throw notFound;
      const [row]: Array<{ id: string; nombre: string; tipoMime: string; bytes: number; clave: string }> = await manager.query(
        `SELECT id, nombre_original AS nombre, tipo_mime AS "tipoMime", bytes, clave_almacen AS clave
           FROM adjunto WHERE id = $1 AND reclamo_id = $2`,
        [command.adjuntoId, reclamo.id],
      );
      if (!row) throw notFound;
      await audit('adjunto_descargado', { adjuntoId: row.id, nombre: row.nombre });
      return row;
    });
    return { nombre: adjunto.nombre, tipoMime: adjunto.tipoMime, bytes: adjunto.bytes, contenido: await this.storage.open(adjunto.clave) };
  }
}
