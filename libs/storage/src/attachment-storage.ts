import { Readable } from 'node:stream';

export interface StoredObject {
  /** Opaque key to read the object back; kept in adjunto.clave_almacen. */
  clave: string;
  bytes: number;
  sha256: string;
}

/** A file the platform makes from a stored one and keeps beside it: the JPEG of a HEIC photo. */
export type Derivado = 'jpeg';

/**
 * Where attachments' bytes live. The local directory is the default; a deployment
 * can bind an object store behind the same verbs.
 */
export abstract class AttachmentStorage {
  /** Streams `source` to storage, hashing as it goes; never holds the whole file in memory. */
  abstract save(source: Readable, maxBytes: number): Promise<StoredObject>;
  abstract open(clave: string): Promise<Readable>;
  /** Removes the object and whatever was derived from it. */
  abstract remove(clave: string): Promise<void>;
  /** The derived file of a stored object, or null when it was not made yet. */
  abstract openDerived(clave: string, derivado: Derivado): Promise<Readable | null>;
  /** Keeps a derived file beside its object (replacing one made at the same time by another request). */
  abstract saveDerived(clave: string, derivado: Derivado, bytes: Buffer): Promise<void>;
}
