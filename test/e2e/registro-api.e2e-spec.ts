import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fixture from '../fixtures/reclamo-ejemplo.json';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, filingRowCounts, uniqueCode } from '../support/db';

type Json = Record<string, unknown>;

async function postJson(h: CitizenHarness, body: Json, headers: Record<string, string> = {}) {
  const response = await fetch(`${h.baseUrl}/api/v1/reclamos`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

function multipart(fields: Json, files: Array<{ name: string; bytes: Buffer; type?: string }>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, String(value));
  for (const file of files) form.append('adjuntos', new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
  return form;
}

/** Files under the app's storage directory (this file's own: other files upload at the same time). */
async function storedFileCount(root: string): Promise<number> {
  try {
    const days = await readdir(root);
    let total = 0;
    for (const day of days) total += (await readdir(join(root, day))).length;
    return total;
  } catch {
    return 0;
  }
}

const MINIMAL_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe('POST /api/v1/reclamos (registro)', () => {
  let h: CitizenHarness;
  let entidad: { id: string; codigo: string };
  /** The example filing, for an entity of this file's own: its rows are the only ones these tests count. */
  let hoja: Json;
  let storageDir: string;

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'reclamos-registro-api-'));
    // Monday 2026-11-23, 10:00 in Lima.
    h = await startCitizenApp(new Date('2026-11-23T15:00:00Z'), { storageDir });
    const propia = await createTestEntidad(h.dataSource, uniqueCode('REG'));
    entidad = propia;
    hoja = { ...fixture, entidad: propia.codigo, sedeId: propia.sedeId, unidadId: propia.unidadId, servicioId: propia.servicioId };
  });
  afterAll(async () => {
    await h.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  it('stores a valid filing and answers with its code and due date', async () => {
    const before = await filingRowCounts(h.dataSource, entidad.id);
    const { status, body } = await postJson(h, hoja);
    expect(status).toBe(201);
    expect(body.codigo).toMatch(new RegExp(`^${entidad.codigo}-2026-\\d{6}$`));
    expect(body.fechaRegistro).toBe('2026-11-23');
    // 30 business days from Tue 24 Nov, skipping 8–9 Dec, 25 Dec, 1 Jan and weekends.
    expect(body.vence).toBe('2027-01-08');
    expect(body.constanciaUrl).toContain(`/reclamos/${String(body.codigo)}/constancia?t=`);

    const after = await filingRowCounts(h.dataSource, entidad.id);
    expect(after.reclamo - before.reclamo).toBe(1);
    expect(after.persona - before.persona).toBe(1);
    expect(after.evento - before.evento).toBe(1);
    expect(after.outbox - before.outbox).toBe(1);
    const [row]: Json[] = await h.dataSource.query(
      `SELECT r.estado, r.vence_el::text AS vence, r.calendario_version, o.tipo, o.destinatario, o.estado AS outbox_estado
         FROM reclamo r JOIN outbox o ON o.reclamo_id = r.id WHERE r.codigo = $1`,
      [body.codigo],
    );
    expect(row).toMatchObject({ estado: 'registrado', vence: '2027-01-08', tipo: 'acuse_recibo', outbox_estado: 'pendiente' });
    expect(row.destinatario).toBe(String(fixture.email).toLowerCase());
    expect(String(row.calendario_version)).toMatch(/^[0-9a-f]{16}$/);
  });

  const invalidCases: Array<[string, Json, string]> = [
    ['an unknown document type', { tipoDocumento: 'LIBRETA' }, 'tipoDocumento'],
    ['a DNI of 7 digits', { numeroDocumento: '1234567' }, 'numeroDocumento'],
    ['a RUC with a wrong check digit', { tipoDocumento: 'RUC', numeroDocumento: '20131370999', razonSocial: 'Empresa SAC' }, 'numeroDocumento'],
    ['a RUC without razón social', { tipoDocumento: 'RUC', numeroDocumento: '20131370998' }, 'razonSocial'],
    ['a carné de extranjería of 5 characters', { tipoDocumento: 'CE', numeroDocumento: 'AB123' }, 'numeroDocumento'],
    ['a name of one letter', { nombres: 'A' }, 'nombres'],
    ['no surname', { apellidos: undefined }, 'apellidos'],
    ['a malformed e-mail', { email: 'maria@@correo' }, 'email'],
    ['a phone that is not Peruvian', { telefono: '12345' }, 'telefono'],
    ['neither e-mail nor phone', { email: undefined, telefono: undefined, notificacionEmail: false }, 'email'],
    ['e-mail consent without an e-mail', { email: undefined, notificacionEmail: true }, 'email'],
    ['postal notification with an unknown ubigeo', { notificacionEmail: false, ubigeo: '999999' }, 'ubigeo'],
    ['postal notification without an address', { notificacionEmail: false, direccion: undefined }, 'direccion'],
    ['a sede that is not a UUID', { sedeId: 'sede-1' }, 'sedeId'],
    ['a sede of no entity', { sedeId: randomUUID() }, 'sedeId'],
    ['a servicio of no entity', { servicioId: randomUUID() }, 'servicioId'],
    ['an event date in the future', { fechaHechos: '2099-01-01' }, 'fechaHechos'],
    ['an impossible event date', { fechaHechos: '2026-02-30' }, 'fechaHechos'],
    ['an aspect outside the six', { aspecto: 'precio' }, 'aspecto'],
    ['a description that is too short', { descripcion: 'Muy corto.' }, 'descripcion'],
    ['no request to the entity', { pedido: undefined }, 'pedido'],
    ['a consent answer that is not yes or no', { notificacionEmail: 'quizás' }, 'notificacionEmail'],
    ['filing for a person without their document', { enRepresentacion: 'persona', representadoTipoDocumento: 'DNI', representadoNombres: 'Ana', representadoApellidos: 'Rojas' }, 'representadoNumeroDocumento'],
    ['filing for a company with a bad RUC', { enRepresentacion: 'empresa', representadoRuc: '12345678901', representadoRazonSocial: 'ACME' }, 'representadoRuc'],
    ['a minor without a guardian', { esMenor: true }, 'apoderadoTipoDocumento'],
    ['the honeypot filled in', { sitioWeb: 'http://spam.example' }, 'sitioWeb'],
    ['a field the form does not have', { rol: 'admin' }, 'rol'],
    ['an entity code with spaces', { entidad: 'MIN EDU' }, 'entidad'],
  ];

  it.each(invalidCases)('refuses %s with 422 naming the field, storing nothing', async (_label, change, campo) => {
    const before = await filingRowCounts(h.dataSource, entidad.id);
    const body: Json = { ...hoja, ...change };
    for (const key of Object.keys(change)) if (change[key] === undefined) delete body[key];
    const response = await postJson(h, body);
    expect(response.status).toBe(422);
    expect(response.body.codigo).toBe('VALIDATION_FAILED');
    const errores = response.body.errores as Array<{ campo: string; mensaje: string }>;
    expect(errores.map((e) => e.campo)).toContain(campo);
    const mensaje = errores.find((e) => e.campo === campo)!.mensaje;
    expect(mensaje).not.toMatch(/should|must|property/i);
    expect(mensaje.length).toBeGreaterThan(5);
    expect(await filingRowCounts(h.dataSource, entidad.id)).toEqual(before);
  });

  it('answers 404 in Spanish for an entity that is not on the platform', async () => {
    const response = await postJson(h, { ...fixture, entidad: 'NOEXISTE' });
    expect(response.status).toBe(404);
    expect(response.body.codigo).toBe('ENTIDAD_NOT_FOUND');
    expect((response.body.errores as Json[])[0]).toMatchObject({ campo: 'entidad' });
  });

  it('answers 422, not 500, to a body that is not JSON', async () => {
    const response = await fetch(`${h.baseUrl}/api/v1/reclamos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"entidad": ',
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(((await response.json()) as Json).mensaje).toMatch(/solicitud/);
  });

  it('keeps an attachment with its SHA-256 when sent as multipart', async () => {
    const response = await fetch(`${h.baseUrl}/api/v1/reclamos`, {
      method: 'POST',
      body: multipart(hoja, [{ name: 'boleta.pdf', bytes: MINIMAL_PDF, type: 'application/pdf' }]),
    });
    const body = (await response.json()) as Json;
    expect(response.status).toBe(201);
    const rows: Json[] = await h.dataSource.query(
      `SELECT a.nombre_original, a.tipo_mime, a.bytes, a.sha256 FROM adjunto a JOIN reclamo r ON r.id = a.reclamo_id WHERE r.codigo = $1`,
      [body.codigo],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ nombre_original: 'boleta.pdf', tipo_mime: 'application/pdf', bytes: MINIMAL_PDF.length });
    const { createHash } = await import('node:crypto');
    expect(rows[0].sha256).toBe(createHash('sha256').update(MINIMAL_PDF).digest('hex'));
  });

  it('refuses a Windows executable renamed to .pdf, storing nothing', async () => {
    const before = await filingRowCounts(h.dataSource, entidad.id);
    const filesBefore = await storedFileCount(storageDir);
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), Buffer.alloc(2048, 0x41)]);
    const response = await fetch(`${h.baseUrl}/api/v1/reclamos`, {
      method: 'POST',
      body: multipart(hoja, [
        { name: 'prueba.pdf', bytes: MINIMAL_PDF },
        { name: 'constancia.pdf', bytes: exe, type: 'application/pdf' },
      ]),
    });
    const body = (await response.json()) as Json;
    expect(response.status).toBe(422);
    expect(body.codigo).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    expect((body.errores as Json[])[0]).toMatchObject({ campo: 'adjuntos' });
    expect(String((body.errores as Json[])[0].mensaje)).toContain('constancia.pdf');
    expect(await filingRowCounts(h.dataSource, entidad.id)).toEqual(before);
    expect(await storedFileCount(storageDir)).toBe(filesBefore);
  });

  it('refuses attachments over 20 MB in total with 413, storing nothing', async () => {
    const before = await filingRowCounts(h.dataSource, entidad.id);
    const filesBefore = await storedFileCount(storageDir);
    const eleven = Buffer.concat([MINIMAL_PDF, Buffer.alloc(11 * 1024 * 1024, 0x20)]);
    const response = await fetch(`${h.baseUrl}/api/v1/reclamos`, {
      method: 'POST',
      body: multipart(hoja, [
        { name: 'a.pdf', bytes: eleven },
        { name: 'b.pdf', bytes: eleven },
      ]),
    });
    const body = (await response.json()) as Json;
    expect(response.status).toBe(413);
    expect(body.codigo).toBe('ATTACHMENT_TOO_LARGE');
    expect(String(body.mensaje)).toContain('20 MB');
    expect(await filingRowCounts(h.dataSource, entidad.id)).toEqual(before);
    expect(await storedFileCount(storageDir)).toBe(filesBefore);
  });

  it('refuses an upload whose declared size is over the limit before reading it', async () => {
    const { request } = await import('node:http');
    const url = new URL(`${h.baseUrl}/api/v1/reclamos`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(500 * 1024 * 1024) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
          // The rest of the "500 MB" is never sent; drop the socket so the server can close.
          req.destroy();
        },
      );
      req.on('error', reject);
      // Send only the first bytes of a "500 MB" body: the answer must come without the rest.
      req.write('--x\r\nContent-Disposition: form-data; name="entidad"\r\n\r\nMINEDU\r\n');
    });
    expect(status).toBe(413);
  });

  it('replays the first response for a repeated Idempotency-Key and creates nothing', async () => {
    const key = `prueba-${randomUUID()}`;
    const first = await postJson(h, hoja, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const before = await filingRowCounts(h.dataSource, entidad.id);
    const second = await postJson(h, hoja, { 'idempotency-key': key });
    expect(second.status).toBe(201);
    expect(second.body.codigo).toBe(first.body.codigo);
    expect(second.body.repetido).toBe(true);
    expect(await filingRowCounts(h.dataSource, entidad.id)).toEqual(before);
  });

  it('gives concurrent requests with one Idempotency-Key one reclamo', async () => {
    const key = `concurrente-${randomUUID()}`;
    const responses = await Promise.all(Array.from({ length: 5 }, () => postJson(h, hoja, { 'idempotency-key': key })));
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(responses.map((r) => r.body.codigo)).size).toBe(1);
  });

  it('refuses a reused Idempotency-Key with a different body', async () => {
    const key = `cambio-${randomUUID()}`;
    expect((await postJson(h, hoja, { 'idempotency-key': key })).status).toBe(201);
    const changed = await postJson(h, { ...hoja, pedido: 'Otra cosa distinta que solicito.' }, { 'idempotency-key': key });
    expect(changed.status).toBe(422);
    expect(changed.body.codigo).toBe('IDEMPOTENCY_CONFLICT');
  });
});

describe('GET /api/v1/reclamos/{codigo} (seguimiento)', () => {
  let h: CitizenHarness;
  let codigo: string;

  beforeAll(async () => {
    h = await startCitizenApp(new Date('2026-11-23T15:00:00Z'));
    codigo = String((await postJson(h, fixture)).body.codigo);
  });
  afterAll(async () => {
    await h.close();
  });

  it('shows state, due date and timeline to the holder of the code and document', async () => {
    h.clock.set(new Date('2026-11-27T15:00:00Z'));
    const response = await fetch(`${h.baseUrl}/api/v1/reclamos/${codigo}?documento=${fixture.numeroDocumento}`);
    const body = (await response.json()) as Json;
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ codigo, estado: 'registrado', vence: '2027-01-08', vencido: false });
    // From Fri 27 Nov to Fri 8 Jan: 26 business days remain.
    expect(body.diasHabilesRestantes).toBe(26);
    expect((body.historial as Json[])[0].descripcion).toMatch(/registrado/i);
  });

  it('answers the same 404 for a wrong document and for an unknown code', async () => {
    const wrongDocument = await fetch(`${h.baseUrl}/api/v1/reclamos/${codigo}?documento=99999999`);
    const unknownCode = await fetch(`${h.baseUrl}/api/v1/reclamos/MINEDU-2026-999999?documento=${fixture.numeroDocumento}`);
    expect(wrongDocument.status).toBe(404);
    expect(unknownCode.status).toBe(404);
    expect(await wrongDocument.json()).toEqual(await unknownCode.json());
  });

  it('asks for the document in Spanish when it is missing', async () => {
    const response = await fetch(`${h.baseUrl}/api/v1/reclamos/${codigo}`);
    const body = (await response.json()) as Json;
    expect(response.status).toBe(422);
    expect((body.errores as Json[])[0]).toMatchObject({ campo: 'documento' });
  });
});
