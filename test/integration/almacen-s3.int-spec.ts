import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import { validateEnvironment } from '@app/platform/config';
import { AttachmentStorage, AttachmentTooLargeError, crearAlmacen, S3Storage } from '@app/storage';
import fixture from '../fixtures/reclamo-ejemplo.json';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, uniqueCode } from '../support/db';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const leer = async (r: Readable) => {
  const partes: Buffer[] = [];
  for await (const p of r) partes.push(p as Buffer);
  return Buffer.concat(partes);
};

/**
 * Attachments in S3-compatible object storage (STORAGE_DRIVER=s3), against a real S3 server started here
 * (s3rver, from the npm registry, on a free port and a directory of its own): what two app instances on
 * two machines need, since they cannot share a local directory. The store is built from the environment's
 * settings, as the apps build it.
 */
describe('the S3 store: attachments in an S3-compatible bucket, streamed, hashed, never left half-written (real S3 server)', () => {
  let servidor: S3rver;
  let dir: string;
  let almacen: AttachmentStorage;
  let cliente: S3Client;
  let endpoint: string;
  const bucket = 'reclamos-pruebas';
  const prefijo = `prueba-${randomUUID().slice(0, 8)}/`;
  const credenciales = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

  const claves = async (): Promise<string[]> => {
    const r = await cliente.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefijo }));
    return (r.Contents ?? []).map((o) => o.Key!).sort();
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reclamos-s3-'));
    servidor = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: bucket, configs: [] }] });
    const { port } = (await servidor.run());
    endpoint = `http://127.0.0.1:${port}`;
    const env = validateEnvironment({
      ...process.env,
      STORAGE_DRIVER: 's3',
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      S3_PREFIX: prefijo,
      S3_ACCESS_KEY_ID: credenciales.accessKeyId,
      S3_SECRET_ACCESS_KEY: credenciales.secretAccessKey,
    });
    almacen = crearAlmacen(env);
    cliente = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: credenciales });
  });

  afterAll(async () => {
    cliente?.destroy();
    await servidor?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is the store the environment names, and refuses an S3 setting without its bucket, naming it', () => {
    expect(almacen).toBeInstanceOf(S3Storage);
    expect(() => validateEnvironment({ ...process.env, STORAGE_DRIVER: 's3' })).toThrow(/S3_BUCKET: indique el bucket/);
    expect(() => validateEnvironment({ ...process.env, STORAGE_DRIVER: 'nube' })).toThrow(/STORAGE_DRIVER debe ser local o s3/);
  });

  it('saves a small file (one PUT) and a 12 MB one (a multipart upload) under the prefix, reads them back byte for byte and removes them', async () => {
    const pequeno = randomBytes(100_000);
    const grande = randomBytes(12 * 1024 * 1024);
    const a = await almacen.save(Readable.from([pequeno]), 20 * 1024 * 1024);
    // In 64 KB chunks, as a multipart request body arrives.
    const trozos = Array.from({ length: grande.length / 65_536 }, (_, i) => grande.subarray(i * 65_536, (i + 1) * 65_536));
    const b = await almacen.save(Readable.from(trozos), 20 * 1024 * 1024);
    expect([a.bytes, a.sha256, b.bytes, b.sha256]).toEqual([pequeno.length, sha256(pequeno), grande.length, sha256(grande)]);
    expect(await claves()).toEqual([`${prefijo}${a.clave}`, `${prefijo}${b.clave}`].sort());
    expect(sha256(await leer(await almacen.open(b.clave)))).toBe(sha256(grande));
    expect((await leer(await almacen.open(a.clave))).equals(pequeno)).toBe(true);

    await almacen.remove(a.clave);
    await almacen.remove(b.clave);
    await almacen.remove(b.clave); // twice: a missing key is not an error, as with the local store
    expect(await claves()).toEqual([]);
    await expect(almacen.open(a.clave)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a file over the limit with the usual Spanish error and leaves nothing in the bucket, single PUT or multipart', async () => {
    for (const tamano of [300_000, 11 * 1024 * 1024]) {
      const trozos = Array.from({ length: Math.ceil(tamano / 65_536) }, () => randomBytes(65_536));
      await expect(almacen.save(Readable.from(trozos), Math.floor(tamano / 2))).rejects.toBeInstanceOf(AttachmentTooLargeError);
    }
    expect(await claves()).toEqual([]);
  });

  it('keeps a derived JPEG beside its object: none before it is made, read back after, removed with the object', async () => {
    const foto = randomBytes(50_000);
    const { clave } = await almacen.save(Readable.from([foto]), 20 * 1024 * 1024);
    expect(await almacen.openDerived(clave, 'jpeg')).toBeNull();
    const jpeg = randomBytes(20_000);
    await almacen.saveDerived(clave, 'jpeg', jpeg);
    expect(await claves()).toEqual([`${prefijo}${clave}`, `${prefijo}${clave}.jpg`]);
    expect((await leer((await almacen.openDerived(clave, 'jpeg'))!)).equals(jpeg)).toBe(true);
    await almacen.remove(clave);
    expect(await claves()).toEqual([]);
  });

  it('refuses keys it did not make, before any request', async () => {
    await expect(almacen.open('../../etc/passwd')).rejects.toThrow('Clave de almacenamiento no válida');
    await expect(almacen.remove('2026-01-01/../../x')).rejects.toThrow('Clave de almacenamiento no válida');
  });

  describe('behind the citizen app', () => {
    let h: CitizenHarness;
    beforeAll(async () => {
      h = await startCitizenApp(new Date('2026-11-23T15:00:00Z'), { overrides: [{ provide: AttachmentStorage, useValue: almacen }] });
    });
    afterAll(async () => {
      await h.close();
    });

    it('a filing with an attachment stores it in the bucket: the key the row keeps holds the bytes sent', async () => {
      const entidad = await createTestEntidad(h.dataSource, uniqueCode('S3A'));
      const contenido = Buffer.concat([PDF, Buffer.from(`% ${randomUUID()}\n`)]);
      const form = new FormData();
      const hoja = { ...fixture, entidad: entidad.codigo, sedeId: entidad.sedeId, unidadId: entidad.unidadId, servicioId: entidad.servicioId };
      for (const [k, v] of Object.entries(hoja)) form.append(k, String(v));
      form.append('adjuntos', new Blob([contenido], { type: 'application/pdf' }), 'boleta.pdf');
      const response = await fetch(`${h.baseUrl}/api/v1/reclamos`, { method: 'POST', headers: { 'idempotency-key': randomUUID() }, body: form });
      expect(response.status).toBe(201);
      const { codigo } = (await response.json()) as { codigo: string };
      const filas: Array<{ clave_almacen: string; sha256: string; bytes: number }> = await h.dataSource.query(
        `SELECT a.clave_almacen, a.sha256, a.bytes FROM adjunto a JOIN reclamo r ON r.id = a.reclamo_id WHERE r.codigo = $1`,
        [codigo],
      );
      expect(filas).toEqual([{ clave_almacen: expect.any(String), sha256: sha256(contenido), bytes: contenido.length }]);
      const objeto = await cliente.send(new GetObjectCommand({ Bucket: bucket, Key: `${prefijo}${filas[0].clave_almacen}` }));
      expect((await leer(objeto.Body as Readable)).equals(contenido)).toBe(true);
      await almacen.remove(filas[0].clave_almacen);
    });
  });
});
