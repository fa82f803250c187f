import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { AttachmentStorage } from '@app/storage';
import { iphoneHeicHead } from '@app/storage/testing';
import { insertReclamo } from '../support/atencion-factory';
import { BackofficeHarness, createTestStaff, getPage, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';
import { createTestEntidad, uniqueCode } from '../support/db';
import { realHeic } from '../support/heic';

/** Width and height from a JPEG's start-of-frame marker (baseline or progressive), or null when there is none. */
function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1];
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xc2) return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  return null;
}

describe('Back-office: a HEIC photo is downloadable as sent and as a JPEG made from it (heic-convert)', () => {
  let h: BackofficeHarness;
  let dir: string;
  let asResponsable: SignedIn;
  let asOtraEntidad: SignedIn;
  let reclamoId: string;
  let heic: Buffer;
  let heicId: string;
  let heicClave: string;
  let rotaId: string;
  let rotaClave: string;
  let pdfId: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'heic-jpeg-'));
    h = await startBackofficeApp(new Date(), { storageDir: dir });
    const entidad = await createTestEntidad(h.dataSource, uniqueCode('HC'));
    const otra = await createTestEntidad(h.dataSource, uniqueCode('HO'));
    const responsable = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: entidad.id });
    const ajeno = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: otra.id });
    asResponsable = await signIn(h, responsable.email, responsable.password);
    asOtraEntidad = await signIn(h, ajeno.email, ajeno.password);
    reclamoId = (await insertReclamo(h.dataSource, entidad)).id;
    heic = await realHeic();
    const adjuntar = async (nombre: string, tipo: string, bytes: Buffer) => {
      const stored = await h.app.get(AttachmentStorage).save(Readable.from([bytes]), bytes.length);
      const [row] = await h.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO adjunto (reclamo_id, nombre_original, tipo_mime, bytes, sha256, clave_almacen) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [reclamoId, nombre, tipo, stored.bytes, stored.sha256, stored.clave],
      );
      return { id: row.id, clave: stored.clave };
    };
    ({ id: heicId, clave: heicClave } = await adjuntar('IMG_0042.HEIC', 'image/heic', heic));
    ({ id: rotaId, clave: rotaClave } = await adjuntar('IMG_0043.heic', 'image/heic', iphoneHeicHead()));
    pdfId = (await adjuntar('recibo.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n%%EOF\n'))).id;
  });
  afterAll(async () => {
    // A streamed download leaves its keep-alive socket counted as busy until Fastify's keepAliveTimeout
    // (72 s), past the hook's timeout: the test's own client sockets are closed first.
    h.app.getHttpServer().closeAllConnections();
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The response with its body read (an unread body keeps the connection busy and the app from closing). */
  const download = async (path: string, cookie: string) => {
    const response = await fetch(`${h.baseUrl}${path}`, { headers: { cookie } });
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, body };
  };

  it('the case page offers «Descargar como JPEG» beside the HEIC only; the JPEG is a real JPEG of the same size, kept beside the original', async () => {
    const page = await getPage(h, `/casos/${reclamoId}`, asResponsable.cookie);
    expect(page.status).toBe(200);
    const jpegHref = `/api/v1/casos/${reclamoId}/adjuntos/${heicId}/jpeg`;
    expect(page.html).toContain(`href="${jpegHref}" download>Descargar como JPEG`);
    expect(page.html).not.toContain(`/adjuntos/${pdfId}/jpeg`);

    const response = await download(jpegHref, asResponsable.cookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''IMG_0042.jpg");
    const jpeg = response.body;
    // The same size as the PNG heif-enc encoded (smallPng: 64 × 48).
    expect(jpegSize(jpeg)).toEqual({ width: 64, height: 48 });
    expect(jpeg.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));

    const derivado = join(dir, `${heicClave}.jpg`);
    const first = await stat(derivado);
    expect(first.size).toBe(jpeg.length);
    // Served from storage the second time: the same bytes, the file not written again.
    const again = (await download(jpegHref, asResponsable.cookie)).body;
    expect(again).toEqual(jpeg);
    expect((await stat(derivado)).mtimeMs).toBe(first.mtimeMs);

    // The original stays downloadable as sent, byte for byte.
    const original = await download(`/api/v1/casos/${reclamoId}/adjuntos/${heicId}`, asResponsable.cookie);
    expect(original.headers.get('content-type')).toBe('image/heic');
    expect(original.body).toEqual(heic);

    const audit = await h.dataSource.query<Array<{ detalle: Record<string, unknown> }>>(
      `SELECT detalle FROM registro_acceso WHERE reclamo_id = $1 AND accion = 'adjunto_descargado' AND detalle->>'formato' = 'jpeg'`,
      [reclamoId],
    );
    expect(audit).toHaveLength(2);
  });

  it('should not: another entity\'s staff get 404, and no JPEG of a file that is not HEIC (404)', async () => {
    expect((await download(`/api/v1/casos/${reclamoId}/adjuntos/${heicId}/jpeg`, asOtraEntidad.cookie)).status).toBe(404);
    expect((await download(`/api/v1/casos/${reclamoId}/adjuntos/${pdfId}/jpeg`, asResponsable.cookie)).status).toBe(404);
  });

  it('a HEIC that does not decode answers 422 in Spanish, stores nothing, and its original is still there', async () => {
    const response = await fetch(`${h.baseUrl}/api/v1/casos/${reclamoId}/adjuntos/${rotaId}/jpeg`, { headers: { cookie: asResponsable.cookie, accept: 'application/json' } });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ codigo: 'ATTACHMENT_TYPE_NOT_ALLOWED', mensaje: expect.stringContaining('descargue el archivo original') });
    expect((await download(`/api/v1/casos/${reclamoId}/adjuntos/${rotaId}`, asResponsable.cookie)).body).toEqual(iphoneHeicHead());
    expect(await readdir(join(dir, heicClave.split('/')[0]))).not.toContain(`${rotaClave.split('/')[1]}.jpg`);
  });
});
