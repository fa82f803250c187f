import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open as openFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '@app/domain';
import { AttachmentStorage, Derivado, StoredObject } from './attachment-storage';

export class AttachmentTooLargeError extends DomainError {
  constructor() {
    super('ATTACHMENT_TOO_LARGE', 'Los adjuntos superan el máximo de 20 MB en total por reclamo.', [
      { campo: 'adjuntos', mensaje: 'los adjuntos superan el máximo de 20 MB en total' },
    ]);
  }
}

/** A new object's key: its UTC day (so no folder or prefix grows without bound) and a random UUID. */
export function claveDeAlmacen(ahora: Date, uuid: string): string {
  return `${ahora.toISOString().slice(0, 10)}/${uuid}`;
}

/** Whether a key has the shape the stores make (a key from elsewhere could climb out of the root). */
export function esClaveDeAlmacen(clave: string): boolean {
  return /^\d{4}-\d{2}-\d{2}\/[0-9a-f-]{36}$/.test(clave);
}

/** Attachments as files under one directory, sharded by date so no folder grows without bound. */
export class LocalDirectoryStorage extends AttachmentStorage {
  private readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  async save(source: Readable, maxBytes: number): Promise<StoredObject> {
    const clave = claveDeAlmacen(new Date(), randomUUID());
    const path = this.pathOf(clave);
    await mkdir(join(this.root, clave.slice(0, 10)), { recursive: true });
    const hash = createHash('sha256');
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > maxBytes) return done(new AttachmentTooLargeError());
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(path, { flags: 'wx' }));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return { clave, bytes, sha256: hash.digest('hex') };
  }

  async open(clave: string): Promise<Readable> {
    return createReadStream(this.pathOf(clave));
  }

  async remove(clave: string): Promise<void> {
    await rm(this.pathOf(clave), { force: true });
    await rm(this.derivedPathOf(clave, 'jpeg'), { force: true });
  }

  async openDerived(clave: string, derivado: Derivado): Promise<Readable | null> {
    try {
      const handle = await openFile(this.derivedPathOf(clave, derivado), 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async saveDerived(clave: string, derivado: Derivado, bytes: Buffer): Promise<void> {
    const path = this.derivedPathOf(clave, derivado);
    // Written aside and renamed: a reader never sees half a file, and two requests converting at once both end well.
    const temporal = `${path}.${randomUUID()}.tmp`;
    await writeFile(temporal, bytes, { flag: 'wx' });
    await rename(temporal, path);
  }

  private derivedPathOf(clave: string, derivado: Derivado): string {
    return `${this.pathOf(clave)}.${derivado === 'jpeg' ? 'jpg' : derivado}`;
  }

  private pathOf(clave: string): string {
    // Keys are ours (date/uuid); refuse anything else so a key can never climb out of the root.
    if (!esClaveDeAlmacen(clave)) {
      throw new Error(`Clave de almacenamiento no válida: ${clave}`);
    }
    return join(this.root, clave);
  }
}
