import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createHash, randomUUID } from 'node:crypto';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AttachmentStorage, Derivado, StoredObject } from './attachment-storage';
import { AttachmentTooLargeError, claveDeAlmacen, esClaveDeAlmacen } from './local-directory.storage';

export interface OpcionesS3 {
  readonly client: S3Client;
  readonly bucket: string;
  /** Prepended to every key (e.g. `adjuntos/`, `exportaciones/`): one bucket serves several stores. */
  readonly prefijo?: string;
}

/**
 * Attachments in S3-compatible object storage (AWS S3, MinIO, a provider's S3 API), for deployments with
 * more than one machine: every app instance and worker reads what any other wrote. Keys have the local
 * directory's shape (`YYYY-MM-DD/uuid`), so a store moves from one to the other with a plain copy
 * (`aws s3 sync STORAGE_DIR s3://bucket/prefix`) and `adjunto.clave_almacen` stays as it is.
 *
 * `save` streams: `@aws-sdk/lib-storage`'s Upload sends parts of 5 MB (a multipart upload when the file is
 * larger, one PUT when not), so at most a few parts are in memory, never the whole file; the SHA-256 and
 * the size are counted on the way, and past `maxBytes` the upload is aborted and nothing is left in the
 * bucket (Upload aborts its multipart upload; a single PUT never started).
 */
export class S3Storage extends AttachmentStorage {
  private readonly prefijo: string;

  constructor(private readonly opciones: OpcionesS3) {
    super();
    this.prefijo = opciones.prefijo ?? '';
  }

  async save(source: Readable, maxBytes: number): Promise<StoredObject> {
    const clave = claveDeAlmacen(new Date(), randomUUID());
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
    const cuerpo = new PassThrough();
    const upload = new Upload({
      client: this.opciones.client,
      params: { Bucket: this.opciones.bucket, Key: this.keyOf(clave), Body: cuerpo },
      leavePartsOnError: false,
    });
    const subida = upload.done();
    try {
      await pipeline(source, meter, cuerpo);
      await subida;
    } catch (error) {
      await upload.abort().catch(() => undefined);
      await subida.catch(() => undefined);
      // Whatever reached the bucket before the failure is removed: no object without a row that names it.
      await this.remove(clave).catch(() => undefined);
      throw error;
    }
    return { clave, bytes, sha256: hash.digest('hex') };
  }

  async open(clave: string): Promise<Readable> {
    try {
      const r = await this.opciones.client.send(new GetObjectCommand({ Bucket: this.opciones.bucket, Key: this.keyOf(clave) }));
      // In Node.js the SDK's body is an http.IncomingMessage: a Readable.
      return r.Body as Readable;
    } catch (error) {
      if (error instanceof NoSuchKey) throw Object.assign(new Error(`No existe el objeto ${clave}`), { code: 'ENOENT' });
      throw error;
    }
  }

  async remove(clave: string): Promise<void> {
    // S3's DELETE of a missing key succeeds, like the local store's rm --force.
    await this.opciones.client.send(new DeleteObjectCommand({ Bucket: this.opciones.bucket, Key: this.keyOf(clave) }));
    await this.opciones.client.send(new DeleteObjectCommand({ Bucket: this.opciones.bucket, Key: this.derivedKeyOf(clave, 'jpeg') }));
  }

  async openDerived(clave: string, derivado: Derivado): Promise<Readable | null> {
    try {
      const r = await this.opciones.client.send(new GetObjectCommand({ Bucket: this.opciones.bucket, Key: this.derivedKeyOf(clave, derivado) }));
      return r.Body as Readable;
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      throw error;
    }
  }

  /** One PUT: a derived file is small (a JPEG of a photo), and a PUT replaces the object whole, never half. */
  async saveDerived(clave: string, derivado: Derivado, bytes: Buffer): Promise<void> {
    await this.opciones.client.send(
      new PutObjectCommand({ Bucket: this.opciones.bucket, Key: this.derivedKeyOf(clave, derivado), Body: bytes, ContentType: 'image/jpeg' }),
    );
  }

  private derivedKeyOf(clave: string, derivado: Derivado): string {
    return `${this.keyOf(clave)}.${derivado === 'jpeg' ? 'jpg' : derivado}`;
  }

  private keyOf(clave: string): string {
    // Keys are ours (date/uuid), as in the local store: anything else is refused, never sent.
    if (!esClaveDeAlmacen(clave)) throw new Error(`Clave de almacenamiento no válida: ${clave}`);
    return `${this.prefijo}${clave}`;
  }
}
