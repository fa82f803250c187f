import { Readable } from 'node:stream';

export interface StoredObject {
  /** Opaque key to read the object back; kept in adjunto.clave_almacen. */
  clave: string;
  bytes: number;
  sha256: string;
}

/**
 * Where attachments' bytes live. The local directory is the default; a deployment
 * can bind an object store behind the same three verbs.
 */
export abstract class AttachmentStorage {
  /** Streams `source` to storage, hashing as it goes; never holds the whole file in memory. */
  abstract save(source: Readable, maxBytes: number): Promise<StoredObject>;
  abstract open(clave: string): Promise<Readable>;
  abstract remove(clave: string): Promise<void>;
}
