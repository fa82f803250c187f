import fixture from '../fixtures/reclamo-ejemplo.json';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, filingRowCounts, uniqueCode } from '../support/db';

/** The hoja as a browser without JavaScript posts it: multipart, radio values "si"/"no". */
function formFields(overrides: Record<string, string> = {}): FormData {
  const { entidad: _entidad, ...hoja } = fixture as Record<string, unknown>;
  const form = new FormData();
  const fields: Record<string, string> = {
    ...Object.fromEntries(Object.entries(hoja).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 'si' : 'no') : String(v)])),
    sitioWeb: '',
    claveEnvio: `form-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    ...overrides,
  };
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  // An empty file input is still sent by browsers.
  form.append('adjuntos', new Blob([]), '');
  return form;
}

describe('the hoja as HTML pages (no JavaScript)', () => {
  let h: CitizenHarness;
  /** An entity of this file's own, for the tests that count what a post stored: other files file into MINEDU at the same time. */
  let propia: { id: string; codigo: string; sedeId: string; unidadId: string; servicioId: string };
  const propiaFields = (overrides: Record<string, string> = {}): FormData =>
    formFields({ sedeId: propia.sedeId, servicioId: propia.servicioId, unidadId: propia.unidadId, ...overrides });

  beforeAll(async () => {
    h = await startCitizenApp(new Date('2026-11-23T15:00:00Z'));
    propia = await createTestEntidad(h.dataSource, uniqueCode('PAG'));
  });
  afterAll(async () => {
    await h.close();
  });

  it('serves the entity page in Spanish with the legal response time', async () => {
    const response = await fetch(`${h.baseUrl}/e/minedu`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('Ministerio de Educación');
    expect(html).toMatch(/Plazo máximo de respuesta: 30 días hábiles/);
    expect(html).toContain('enctype="multipart/form-data"');
  });

  it('answers an unknown entity with a Spanish 404 page', async () => {
    const response = await fetch(`${h.baseUrl}/e/NOEXISTE`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('No encontramos esa entidad');
  });

  it('files the form and redirects to the receipt, which offers the PDF', async () => {
    const response = await fetch(`${h.baseUrl}/e/MINEDU`, { method: 'POST', body: formFields(), redirect: 'manual' });
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).toMatch(/^\/reclamos\/MINEDU-2026-\d{6}\/constancia\?t=/);

    const receipt = await fetch(`${h.baseUrl}${location}`);
    const html = await receipt.text();
    expect(receipt.status).toBe(200);
    const codigo = /MINEDU-2026-\d{6}/.exec(location)![0];
    expect(html).toContain(codigo);
    expect(html).toContain('viernes, 8 de enero de 2027');
    expect(html).toContain('*****236'); // the document, masked
    // The date of the facts, and what happens next: the copy sent to the (masked) e-mail, the
    // 2 business days to complete missing information, where the answer arrives.
    expect(html).toMatch(/Fecha de los hechos<\/dt><dd>lunes, 16 de noviembre de 2026/);
    expect(html).toContain('Qué pasará después');
    expect(html).toContain('m**********e@example.pe');
    expect(html).not.toContain(String(fixture.email));
    expect(html).toContain('2 días hábiles');

    const pdfPath = /href="([^"]+constancia\.pdf[^"]*)"/.exec(html)![1].replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    const pdf = await fetch(`${h.baseUrl}${pdfPath}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('does not open a receipt without its token', async () => {
    const response = await fetch(`${h.baseUrl}/e/MINEDU`, { method: 'POST', body: formFields(), redirect: 'manual' });
    const location = response.headers.get('location')!;
    const withoutToken = await fetch(`${h.baseUrl}${location.split('?')[0]}`, { headers: { accept: 'text/html' } });
    expect(withoutToken.status).toBe(404);
  });

  it('creates one reclamo when the same form is posted twice (double click)', async () => {
    const clave = `doble-${Date.now()}`;
    const first = await fetch(`${h.baseUrl}/e/${propia.codigo}`, { method: 'POST', body: propiaFields({ claveEnvio: clave }), redirect: 'manual' });
    expect(first.status).toBe(303);
    const before = await filingRowCounts(h.dataSource, propia.id);
    const second = await fetch(`${h.baseUrl}/e/${propia.codigo}`, { method: 'POST', body: propiaFields({ claveEnvio: clave }), redirect: 'manual' });
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await filingRowCounts(h.dataSource, propia.id)).toEqual(before);
  });

  it('shows every error beside its field and in a linked summary, keeping what was typed', async () => {
    const before = await filingRowCounts(h.dataSource, propia.id);
    const response = await fetch(`${h.baseUrl}/e/${propia.codigo}`, {
      method: 'POST',
      body: propiaFields({ numeroDocumento: '123', descripcion: 'Corto', nombres: 'Lucía Fernanda' }),
    });
    const html = await response.text();
    expect(response.status).toBe(422);
    expect(html).toContain('id="error-summary"');
    expect(html).toContain('href="#numeroDocumento"');
    expect(html).toContain('href="#descripcion"');
    expect(html).toMatch(/id="numeroDocumento-error"[^>]*>[\s\S]*?8 dígitos/);
    expect(html).toMatch(/<input id="numeroDocumento"[^>]*aria-invalid="true"/);
    expect(html).toContain('value="Lucía Fernanda"');
    expect(html).toContain('>Corto</textarea>');
    expect(await filingRowCounts(h.dataSource, propia.id)).toEqual(before);
  });

  it('looks a case up by POST so the document never travels in the address', async () => {
    const filed = await fetch(`${h.baseUrl}/e/MINEDU`, { method: 'POST', body: formFields(), redirect: 'manual' });
    const codigo = /MINEDU-2026-\d{6}/.exec(filed.headers.get('location')!)![0];
    const found = await fetch(`${h.baseUrl}/seguimiento`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ codigo, documento: fixture.numeroDocumento }).toString(),
    });
    const html = await found.text();
    expect(found.status).toBe(200);
    expect(html).toContain(`Reclamo ${codigo}`);
    expect(html).toContain('Registrado');

    const wrong = await fetch(`${h.baseUrl}/seguimiento`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ codigo, documento: '11111111' }).toString(),
    });
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).toContain('No encontramos un reclamo con ese código');
  });
});
