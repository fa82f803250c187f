import { EstadoReclamo } from '@app/domain';
import fixture from '../fixtures/reclamo-ejemplo.json';
import { insertReclamo } from '../support/atencion-factory';
import { api, BackofficeHarness, createTestStaff, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, filingRowCounts, uniqueCode } from '../support/db';
import { MultipartEntry, postMultipart, SMALL_PDF } from '../support/scan-upload';

type Json = Record<string, unknown>;
interface Refusal {
  status: number;
  body: { codigo?: string; mensaje?: string; errores?: Array<{ campo: string; mensaje: string }> };
}

/**
 * Issue «Confianza»: bad input that used to reach the database or the renderer (a 500, a lost hoja,
 * a sheet dated year 1), and the body errors that came back in Fastify's English. Each case is
 * refused at the door with a Spanish 4xx naming the field, and nothing is stored.
 */
describe('input refused at the door', () => {
  let h: CitizenHarness;
  let b: BackofficeHarness;
  let entidad: Awaited<ReturnType<typeof createTestEntidad>>;
  let hoja: Json;
  let responsable: SignedIn;

  beforeAll(async () => {
    // Monday 2026-11-23, 10:00 in Lima.
    h = await startCitizenApp(new Date('2026-11-23T15:00:00Z'));
    b = await startBackofficeApp(new Date('2026-11-23T15:00:00Z'));
    entidad = await createTestEntidad(h.dataSource, uniqueCode('CNF'));
    hoja = { ...fixture, entidad: entidad.codigo, sedeId: entidad.sedeId, unidadId: entidad.unidadId, servicioId: entidad.servicioId };
    const titular = await createTestStaff(b.dataSource, { rol: 'responsable_titular', entidadId: entidad.id });
    responsable = await signIn(b, titular.email, titular.password);
  });
  afterAll(async () => {
    await h.close();
    await b.close();
  });

  async function postJson(body: Json): Promise<Refusal> {
    const response = await fetch(`${h.baseUrl}/api/v1/reclamos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Refusal['body'] };
  }

  describe('texts: control characters, bidi overrides, invisible-only, NFD', () => {
    it.each([
      ['U+0000 in a name (was a 500 from PostgreSQL)', { nombres: 'Ma\u0000ría' }, 'nombres', /control no imprimible \(U\+0000\)/],
      ['a C1 control in the account', { descripcion: `${'Me atendieron mal en ventanilla. '.repeat(2)}\u0085` }, 'descripcion', /U\+0085/],
      ['a bidi override in the request', { pedido: 'Que me \u202Edevuelvan el dinero' }, 'pedido', /dirección del texto/],
      ['a name of zero-width characters only (was accepted)', { nombres: '\u200B\u200C\u2060\uFEFF ' }, 'nombres', /escriba sus nombres/],
    ])('refuses %s with 422 naming the field, storing nothing', async (_label, change, campo, mensaje) => {
      const before = await filingRowCounts(h.dataSource, entidad.id);
      const r = await postJson({ ...hoja, ...change });
      expect(r.status).toBe(422);
      expect(r.body.codigo).toBe('VALIDATION_FAILED');
      expect(r.body.errores).toContainEqual({ campo, mensaje: expect.stringMatching(mensaje) });
      expect(await filingRowCounts(h.dataSource, entidad.id)).toEqual(before);
    });

    it('stores a name typed with combining marks in NFC, so it is found and shown as one name', async () => {
      const response = await fetch(`${h.baseUrl}/api/v1/reclamos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...hoja, apellidos: 'Nun\u0303ez Pe\u0301rez' }),
      });
      expect(response.status).toBe(201);
      const { codigo } = (await response.json()) as { codigo: string };
      const [row]: Array<{ apellidos: string }> = await h.dataSource.query(
        `SELECT p.apellidos FROM reclamo_persona p JOIN reclamo r ON r.id = p.reclamo_id WHERE r.codigo = $1 AND p.rol = 'reclamante'`,
        [codigo],
      );
      expect(row.apellidos).toBe('Nuñez Pérez'.normalize('NFC'));
      expect(row.apellidos).toBe('Nu\u00F1ez P\u00E9rez');
    });

    it('the HTML hoja (multipart) with a U+0000 re-renders with the citizen text kept and the error beside the field', async () => {
      const { entidad: _enLaDireccion, ...campos } = hoja;
      const form = new FormData();
      for (const [k, v] of Object.entries({ ...campos, nombres: 'Lucía\u0000 Fernanda' })) form.append(k, String(v));
      const before = await filingRowCounts(h.dataSource, entidad.id);
      const response = await fetch(`${h.baseUrl}/e/${entidad.codigo}`, { method: 'POST', body: form, headers: { accept: 'text/html' } });
      const html = await response.text();
      expect(response.status).toBe(422);
      expect(html).toMatch(/id="nombres-error"[^>]*>[\s\S]*?carácter de control no imprimible/);
      expect(html).toContain('value="Lucía Fernanda"');
      expect(html).toContain(String(hoja.descripcion).slice(0, 40));
      expect(await filingRowCounts(h.dataSource, entidad.id)).toEqual(before);
    });

    it('refuses a file name with a bidi override, naming the file field, and stores nothing', async () => {
      const form = new FormData();
      for (const [k, v] of Object.entries(hoja)) form.append(k, String(v));
      form.append('adjuntos', new Blob([new Uint8Array(SMALL_PDF)], { type: 'application/pdf' }), 'factura\u202Efdp.exe');
      const before = await filingRowCounts(h.dataSource, entidad.id);
      const response = await fetch(`${h.baseUrl}/api/v1/reclamos`, { method: 'POST', body: form });
      const body = (await response.json()) as Refusal['body'];
      expect(response.status).toBe(422);
      expect(body.errores).toContainEqual({ campo: 'adjuntos', mensaje: expect.stringMatching(/nombre del archivo .*dirección del texto/) });
      expect(await filingRowCounts(h.dataSource, entidad.id)).toEqual(before);
    });

    it('a query parameter given twice is a 422 naming it (the home page search failed on the list with a 500)', async () => {
      for (const [path, accept] of [['/?q=sunat&q=minedu', 'text/html'], ['/api/v1/entidades?q=a&q=b', 'application/json']]) {
        const response = await fetch(`${h.baseUrl}${path}`, { headers: { accept } });
        expect(response.status).toBe(422);
        expect(await response.text()).toMatch(/q(<\/strong>|","mensaje"):.*se repite en la dirección/);
      }
    });

    it.each([
      ['the entity search', '/api/v1/entidades?q=a%00b', 'q'],
      ['tracking, in the code', '/api/v1/reclamos/AB%00C?documento=45871236', 'codigo'],
      ['tracking, in the document', '/api/v1/reclamos/ABC-2026-000001?documento=4587%001236', 'documento'],
    ])('refuses a U+0000 in %s with 422 naming it (was a 500)', async (_label, path, campo) => {
      const response = await fetch(`${h.baseUrl}${path}`);
      const body = (await response.json()) as Refusal['body'];
      expect(response.status).toBe(422);
      expect(body.errores?.map((e) => e.campo)).toContain(campo);
    });

    it('a small urlencoded page form (the tracking look-up) gets a Spanish 422 page that names the field', async () => {
      const response = await fetch(`${h.baseUrl}/seguimiento`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        body: new URLSearchParams({ codigo: 'ABC\u0000-2026-000001', documento: '45871236' }).toString(),
      });
      const html = await response.text();
      expect(response.status).toBe(422);
      expect(html).toContain('lang="es"');
      expect(html).toMatch(/<strong>codigo<\/strong>: contiene un carácter de control no imprimible/);
    });

    it('a page form given a number, a null or a repeated field is a 422 naming it, not a 500 (found by the fuzz suite)', async () => {
      const headers = { cookie: responsable.cookie, 'x-csrf-token': responsable.csrfToken, accept: 'text/html' };
      const conNull = await fetch(`${b.baseUrl}/configuracion/plantillas`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ nombre: 'Plantilla', hechos: null, analisis: 'Análisis', medidasAdoptadas: 'Medidas' }),
      });
      expect(conNull.status).toBe(422);
      expect(await conNull.text()).toMatch(/<strong>hechos<\/strong>: debe ser un texto/);
      const repetido = await fetch(`${b.baseUrl}/configuracion/plantillas`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'nombre=Plantilla&hechos=Uno&hechos=Dos&analisis=An%C3%A1lisis&medidasAdoptadas=Medidas',
      });
      expect(repetido.status).toBe(422);
      expect(await repetido.text()).toMatch(/<strong>hechos<\/strong>: se envió más de una vez/);
    });

    it('refuses a U+0000 in a staff note, a catalogue name and the inbox search (back-office)', async () => {
      const reclamo = await insertReclamo(b.dataSource, entidad, { estado: EstadoReclamo.REGISTRADO });
      const auth = { cookie: responsable.cookie, csrf: responsable.csrfToken };
      const nota = await api(b, 'POST', `/api/v1/casos/${reclamo.id}/notas`, { ...auth, body: { texto: 'Nota\u0000 interna' } });
      expect(nota).toMatchObject({ status: 422, body: { codigo: 'VALIDATION_FAILED', errores: [{ campo: 'texto' }] } });
      const sede = await api(b, 'POST', '/api/v1/configuracion/sedes', { ...auth, body: { nombre: 'Sede\u202E Norte' } });
      expect(sede).toMatchObject({ status: 422, body: { errores: [{ campo: 'nombre' }] } });
      const bandeja = await api(b, 'GET', '/api/v1/bandeja?q=a%00b', auth);
      expect(bandeja).toMatchObject({ status: 422, body: { errores: [{ campo: 'q' }] } });
    });
  });

  describe('dates: one window per kind of field, with its reason', () => {
    it('refuses facts dated year 0001 and a century too early, saying the window', async () => {
      for (const fechaHechos of ['0001-01-01', '1926-11-16']) {
        const r = await postJson({ ...hoja, fechaHechos });
        expect(r.status).toBe(422);
        expect(r.body.errores).toContainEqual({ campo: 'fechaHechos', mensaje: expect.stringMatching(/^no puede ser anterior al \d{4}-\d{2}-\d{2}: .*dos años/) });
      }
    });

    it('refuses a physical sheet dated 0001-03-29 (it became SUNAT-1-000001, due in year 1) and one older than 90 days', async () => {
      const { entidad: _e, ...campos } = hoja;
      for (const fechaHoja of ['0001-03-29', '2026-06-01']) {
        const before = await filingRowCounts(b.dataSource, entidad.id);
        const entries: MultipartEntry[] = [
          ...Object.entries({ ...campos, numeroHojaFisica: uniqueCode('H'), fechaHoja }).map(([k, v]): MultipartEntry => [k, String(v)]),
          ['escaneo', SMALL_PDF, 'hoja.pdf', 'application/pdf'],
        ];
        const r = await postMultipart(b, '/api/v1/casos/hoja-fisica', entries, { cookie: responsable.cookie, csrfHeader: responsable.csrfToken, accept: 'application/json' });
        expect(r.status).toBe(422);
        expect((JSON.parse(r.text) as Refusal['body']).errores).toContainEqual({ campo: 'fechaHoja', mensaje: expect.stringMatching(/90 días/) });
        expect(await filingRowCounts(b.dataSource, entidad.id)).toEqual(before);
      }
    });

    it('refuses a non-working day in year 9999 and a plazo counted from year 1', async () => {
      const auth = { cookie: responsable.cookie, csrf: responsable.csrfToken };
      const dia = await api(b, 'POST', '/api/v1/calendario/dias-no-laborables', { ...auth, body: { tipo: 'cierre_entidad', fecha: '9999-01-01', descripcion: 'Cierre' } });
      expect(dia).toMatchObject({ status: 422, body: { errores: [{ campo: 'fecha', mensaje: expect.stringMatching(/posterior al/) }] } });
      const plazo = await fetch(`${h.baseUrl}/api/v1/calendario/plazo?desde=0001-01-01&dias=30`);
      expect(plazo.status).toBe(422);
      expect(((await plazo.json()) as Refusal['body']).errores).toContainEqual({ campo: 'desde', mensaje: expect.stringMatching(/anterior al/) });
    });
  });

  describe('body and address errors, in Spanish, in both apps', () => {
    it.each([
      ['invalid JSON', { 'content-type': 'application/json' }, '{"email": ', 400, /no es un JSON válido/],
      ['an unsupported media type', { 'content-type': 'text/xml' }, '<a/>', 415, /Tipo de contenido no admitido/],
      ['a body over 256 KB', { 'content-type': 'application/json' }, JSON.stringify({ email: 'x'.repeat(300_000) }), 413, /256 KB/],
    ])('%s', async (_label, headers, body, status, mensaje) => {
      for (const url of [`${b.baseUrl}/api/v1/sesion`, `${h.baseUrl}/api/v1/reclamos`]) {
        const response = await fetch(url, { method: 'POST', headers: { accept: 'application/json', ...headers }, body });
        expect(response.status).toBe(status);
        expect((await response.json()) as Refusal['body']).toMatchObject({ statusCode: status, codigo: `HTTP_${status}`, mensaje: expect.stringMatching(mensaje) });
      }
    });

    it('a bad %-escape in the address', async () => {
      for (const url of [`${b.baseUrl}/api/v1/casos/%E0%A4%A`, `${h.baseUrl}/api/v1/reclamos/%E0%A4%A`]) {
        const response = await fetch(url, { headers: { accept: 'application/json' } });
        expect(response.status).toBe(400);
        expect((await response.json()) as Refusal['body']).toMatchObject({ codigo: 'HTTP_400', mensaje: expect.stringMatching(/codificación no válida/) });
      }
    });
  });

  describe('attachments', () => {
    function withFiles(files: Array<{ name: string; bytes: Buffer }>): FormData {
      const form = new FormData();
      for (const [k, v] of Object.entries(hoja)) form.append(k, String(v));
      for (const f of files) form.append('adjuntos', new Blob([new Uint8Array(f.bytes)], { type: 'application/pdf' }), f.name);
      return form;
    }

    it('tells the citizen a named file with 0 bytes is empty (it was dropped silently)', async () => {
      const before = await filingRowCounts(h.dataSource, entidad.id);
      const response = await fetch(`${h.baseUrl}/api/v1/reclamos`, { method: 'POST', body: withFiles([{ name: 'boleta.pdf', bytes: Buffer.alloc(0) }]) });
      expect(response.status).toBe(422);
      expect(((await response.json()) as Refusal['body']).errores).toEqual([{ campo: 'adjuntos', mensaje: expect.stringMatching(/«boleta\.pdf» está vacío \(0 bytes\)/) }]);
      expect(await filingRowCounts(h.dataSource, entidad.id)).toEqual(before);
    });

    it('refuses 11 files by their count, not with the 20 MB message', async () => {
      const files = Array.from({ length: 11 }, (_, i) => ({ name: `hoja-${i}.pdf`, bytes: SMALL_PDF }));
      const response = await fetch(`${h.baseUrl}/api/v1/reclamos`, { method: 'POST', body: withFiles(files) });
      const body = (await response.json()) as Refusal['body'];
      expect(response.status).toBe(422);
      expect(body.errores).toEqual([{ campo: 'adjuntos', mensaje: 'adjunte como máximo 10 archivos' }]);
      expect(JSON.stringify(body)).not.toContain('20 MB');
    });
  });
});
