import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import fixture from '../fixtures/reclamo-ejemplo.json';
import { docxInAnotherOrder, iphoneHeicHead, odt, windowsProgram, xlsxInAnotherOrder, zipWithProgram } from '@app/storage/testing';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, filingRowCounts, uniqueCode } from '../support/db';
import { realHeic } from '../support/heic';

type Entidad = { id: string; codigo: string; sedeId: string; unidadId: string; servicioId: string };

/** The hoja as the page posts it (no JavaScript): multipart, the date in three boxes, «Continuar» pressed. */
function hojaForm(entidad: Entidad, overrides: Record<string, string | null> = {}, files: Array<{ name: string; bytes: Buffer }> = []): FormData {
  const { entidad: _e, fechaHechos: _f, ...hoja } = fixture as Record<string, unknown>;
  const fields: Record<string, string | null> = {
    ...Object.fromEntries(Object.entries(hoja).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 'si' : 'no') : String(v)])),
    sedeId: entidad.sedeId,
    servicioId: entidad.servicioId,
    unidadId: entidad.unidadId,
    fechaHechosDia: '16',
    fechaHechosMes: '11',
    fechaHechosAnio: '2026',
    sitioWeb: '',
    claveEnvio: `form-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    accion: 'revisar',
    ...overrides,
  };
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) if (value !== null) form.append(key, value);
  for (const file of files) form.append('adjuntos', new Blob([file.bytes]), file.name);
  if (files.length === 0) form.append('adjuntos', new Blob([]), '');
  return form;
}

/** The review page posts back its hidden fields: read them as a browser would send them. */
function hiddenFieldsOf(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[match[1]] = decodeEntities(match[2]);
  return fields;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x3D;/g, '=')
    .replace(/&#x27;/g, "'")
    .replace(/&#x60;/g, '`')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The summary's items, in order: «Etiqueta: mensaje». */
function summaryItems(html: string): string[] {
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<li><a href="#([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => `#${m[1]} ${decodeEntities(m[2])}`);
}

describe('the hoja as a person fills it (date, messages, files kept, review, start page, Quechua)', () => {
  let h: CitizenHarness;
  let storageDir: string;
  let propia: Entidad;
  let otra: Entidad;

  const post = (entidad: Entidad, body: FormData | URLSearchParams, path = `/e/${entidad.codigo}`) =>
    fetch(`${h.baseUrl}${path}`, { method: 'POST', body, redirect: 'manual' });
  const waiting = async (entidad: Entidad): Promise<number> =>
    Number((await h.dataSource.query(`SELECT count(*) AS n FROM adjunto_en_espera WHERE entidad_id = $1`, [entidad.id]))[0].n);

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'hoja-formulario-'));
    h = await startCitizenApp(new Date('2026-11-23T15:00:00Z'), { storageDir });
    propia = await createTestEntidad(h.dataSource, uniqueCode('HOJ'));
    otra = await createTestEntidad(h.dataSource, uniqueCode('HOO'));
  });
  afterAll(async () => {
    await h.close();
    await rm(storageDir, { recursive: true, force: true });
  });

  describe('the date of the facts in three boxes', () => {
    it.each([
      [{ fechaHechosMes: '' }, 'falta el mes de la fecha', 'fechaHechos-mes'],
      [{ fechaHechosDia: '31', fechaHechosMes: '4' }, 'el 31 de abril no existe: revise el día', 'fechaHechos'],
      [{ fechaHechosDia: '24' }, 'la fecha no puede ser posterior a hoy, 23 de noviembre de 2026', 'fechaHechos-anio'],
      [{ fechaHechosAnio: '2020' }, 'la fecha más antigua posible es el 23 de noviembre de 2024', 'fechaHechos-anio'],
      [{ fechaHechosAnio: '26' }, 'escriba el año con sus cuatro cifras, por ejemplo 2026', 'fechaHechos-anio'],
    ])('names the wrong part: %j', async (parts, message, anchor) => {
      const before = await filingRowCounts(h.dataSource, propia.id);
      const response = await post(propia, hojaForm(propia, parts));
      const html = await response.text();
      expect(response.status).toBe(422);
      expect(summaryItems(html)).toEqual([expect.stringMatching(new RegExp(`^#${anchor} Fecha de los hechos: .*${message}`))]);
      // The link lands on a box that exists; the boxes keep what was typed.
      expect(html).toContain(`id="${anchor}"`);
      expect(html).toMatch(/<span class="error-message" id="fechaHechos-error">[\s\S]*?[A-ZÁÉÍÓÚ]/);
      expect(await filingRowCounts(h.dataSource, propia.id)).toEqual(before);
    });

    it('keeps the API on its ISO field, refused in words that say what to do', async () => {
      const { fechaHechos: _f, ...rest } = fixture as Record<string, unknown>;
      const response = await fetch(`${h.baseUrl}/api/v1/reclamos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...rest, fechaHechos: '16/11/2026' }),
      });
      const body = (await response.json()) as { errores: Array<{ campo: string; mensaje: string }> };
      expect(response.status).toBe(422);
      expect(body.errores).toEqual([{ campo: 'fechaHechos', mensaje: expect.stringContaining('AAAA-MM-DD, por ejemplo') }]);
    });
  });

  describe('messages for a person', () => {
    it('gives one error for the e-mail-or-phone pair, with the page labels in page order', async () => {
      const response = await post(
        propia,
        hojaForm(propia, { email: null, telefono: null, notificacionEmail: 'no', nombres: '', pedido: 'x', fechaHechosDia: '' }),
      );
      const html = await response.text();
      expect(response.status).toBe(422);
      expect(summaryItems(html)).toEqual([
        '#nombres Nombres: escriba sus nombres, como figuran en su documento',
        '#email Correo electrónico: escriba un correo electrónico o un teléfono: uno de los dos es obligatorio para avisarle',
        '#fechaHechos Fecha de los hechos: falta el día de la fecha',
        '#pedido ¿Qué solicita a la entidad?: escriba al menos 5 caracteres (ahora tiene 1): diga qué espera que haga la entidad',
      ]);
      expect(html).not.toContain('telefono-error');
      // Both marked as a pair, neither «(opcional)».
      expect(html).toMatch(/<label for="email">Correo electrónico <span class="optional">\(uno de los dos es obligatorio\)<\/span>/);
      expect(html).toMatch(/<label for="telefono">Teléfono <span class="optional">\(uno de los dos es obligatorio\)<\/span>/);
      // Every label of the summary is the one the page shows at its field.
      for (const etiqueta of ['Nombres', 'Correo electrónico', 'Fecha de los hechos', '¿Qué solicita a la entidad?']) {
        expect(html).toMatch(new RegExp(`<(label|legend)[^>]*>[^<]*${etiqueta.replace(/[?¿]/g, '\\$&')}`));
      }
    });

    it('says what to do, never a field name or «debe ser», whatever is wrong', async () => {
      const response = await post(
        propia,
        hojaForm(propia, {
          // The document's own messages are the «ubicar» branch's (documents as people type them).
          representadoTipoDocumento: 'DNI',
          representadoNumeroDocumento: '45871236',
          apoderadoTipoDocumento: 'DNI',
          apoderadoNumeroDocumento: '10234567',
          nombres: '',
          apellidos: 'Q',
          email: 'no-es-correo',
          sedeId: '',
          servicioId: 'x',
          aspecto: '',
          descripcion: 'corto',
          pedido: '',
          notificacionEmail: '',
          enRepresentacion: 'persona',
          esMenor: 'si',
        }),
      );
      const html = await response.text();
      expect(response.status).toBe(422);
      const items = summaryItems(html);
      expect(items.length).toBeGreaterThan(10);
      for (const item of items) {
        const mensaje = item.split(': ').slice(1).join(': ');
        // A field name is a camelCase word (representadoNombres); «debe ser» is how a developer words a rule.
        expect({ item, camelCase: /\b[a-z]+[A-Z][A-Za-z]*\b/.test(mensaje), debeSer: /debe ser/.test(mensaje) }).toEqual({ item, camelCase: false, debeSer: false });
      }
    });
  });

  describe('files kept across an error, and the review step', () => {
    it('keeps a file through an error, lists it, files it with the corrected hoja, and never twice', async () => {
      const pdf = Buffer.from('%PDF-1.4\n% boleta\n' + 'x'.repeat(3000));
      const before = await filingRowCounts(h.dataSource, propia.id);
      const clave = `form-kept-${Date.now()}`;
      const wrong = await post(propia, hojaForm(propia, { claveEnvio: clave, nombres: '' }, [{ name: 'boleta de atención.pdf', bytes: pdf }]));
      const wrongHtml = await wrong.text();
      expect(wrong.status).toBe(422);
      expect(wrongHtml).toContain('Ya adjuntó:');
      expect(wrongHtml).toMatch(/boleta de atención\.pdf<\/span> <span class="kept-size">\(3 KB\)/);
      expect(await waiting(propia)).toBe(1);

      // Corrected, the same form (its key) goes to the review: the file is listed there, not attached again.
      const review = await post(propia, hojaForm(propia, { claveEnvio: clave }));
      const reviewHtml = await review.text();
      expect(review.status).toBe(200);
      expect(reviewHtml).toContain('<h1>Revise su reclamo</h1>');
      expect(reviewHtml).toContain('boleta de atención.pdf (3 KB)');
      expect(reviewHtml).toContain('16 de noviembre de 2026');
      expect((reviewHtml.match(/value="cambiar"/g) ?? []).length).toBe(6);
      expect(await filingRowCounts(h.dataSource, propia.id)).toEqual(before);

      const hidden = hiddenFieldsOf(reviewHtml);
      expect(hidden).toMatchObject({ claveEnvio: clave, fechaHechos: '2026-11-16', nombres: 'María Elena' });
      const send = () => post(propia, new URLSearchParams({ ...hidden, accion: 'enviar' }));
      const filed = await send();
      expect(filed.status).toBe(303);
      const again = await send();
      expect(again.status).toBe(303);
      expect(again.headers.get('location')).toBe(filed.headers.get('location'));
      // One reclamo, its one person, one file, one event, one acknowledgement, one key, one number.
      const one = Object.fromEntries(Object.entries(before).map(([k, v]) => [k, v + 1]));
      expect(await filingRowCounts(h.dataSource, propia.id)).toEqual(one);
      expect(await waiting(propia)).toBe(0);
      const [adjunto] = await h.dataSource.query(
        `SELECT a.nombre_original, a.tipo_mime FROM adjunto a JOIN reclamo r ON r.id = a.reclamo_id WHERE r.entidad_id = $1`,
        [propia.id],
      );
      expect(adjunto).toEqual({ nombre_original: 'boleta de atención.pdf', tipo_mime: 'application/pdf' });
    });

    it('removes a kept file with «Quitar», keeping what was typed, and says so', async () => {
      const clave = `form-quitar-${Date.now()}`;
      const first = await post(
        propia,
        hojaForm(propia, { claveEnvio: clave, pedido: '' }, [
          { name: 'foto.heic', bytes: iphoneHeicHead() },
          { name: 'informe.docx', bytes: docxInAnotherOrder() },
        ]),
      );
      const html = await first.text();
      expect(first.status).toBe(422);
      const id = /name="quitarAdjunto" value="([0-9a-f-]{36})"[^>]*>Quitar<span class="visually-hidden"> foto\.heic/.exec(html)![1];
      const removed = await post(propia, hojaForm(propia, { claveEnvio: clave, pedido: '', descripcion: `${fixture.descripcion} (editado)`, quitarAdjunto: id }));
      const removedHtml = await removed.text();
      expect(removedHtml).toContain('Quitamos «foto.heic» de su reclamo.');
      expect(removedHtml).not.toContain('kept-name">foto.heic');
      expect(removedHtml).toContain('kept-name">informe.docx');
      expect(removedHtml).toContain('(editado)</textarea>');
      // Another entity's page with the same form key sees none of these files.
      const elsewhere = await post(otra, hojaForm(otra, { claveEnvio: clave, pedido: '' }));
      expect(await elsewhere.text()).not.toContain('informe.docx');
    });

    it('removes files left waiting for more than a day, rows and bytes', async () => {
      const clave = `form-viejo-${Date.now()}`;
      await (await post(propia, hojaForm(propia, { claveEnvio: clave, nombres: '' }, [{ name: 'vieja.pdf', bytes: Buffer.from('%PDF-1.7\n') }]))).text();
      const [row] = await h.dataSource.query(`SELECT clave_almacen FROM adjunto_en_espera WHERE clave_envio = $1`, [clave]);
      const [day, file] = String(row.clave_almacen).split('/');
      expect(await readdir(join(storageDir, day))).toContain(file);
      await h.dataSource.query(`UPDATE adjunto_en_espera SET recibido_en = now() - interval '25 hours' WHERE clave_envio = $1`, [clave]);
      // Any form that keeps files purges the old ones first.
      await (await post(propia, hojaForm(propia, { nombres: '' }, [{ name: 'nueva.pdf', bytes: Buffer.from('%PDF-1.7\n') }]))).text();
      expect(await h.dataSource.query(`SELECT 1 FROM adjunto_en_espera WHERE clave_envio = $1`, [clave])).toEqual([]);
      expect(await readdir(join(storageDir, day))).not.toContain(file);
    });

    it('«Cambiar» brings the form back with every answer and file', async () => {
      const clave = `form-cambiar-${Date.now()}`;
      const review = await post(propia, hojaForm(propia, { claveEnvio: clave, fechaHechosDia: '7' }, [{ name: 'hoja.xlsx', bytes: xlsxInAnotherOrder() }]));
      const hidden = hiddenFieldsOf(await review.text());
      const back = await post(propia, new URLSearchParams({ ...hidden, accion: 'cambiar' }));
      const html = await back.text();
      expect(back.status).toBe(200);
      expect(html).toContain('name="fechaHechosDia" value="7"');
      expect(html).toContain('name="fechaHechosMes" value="11"');
      expect(html).toContain('value="María Elena"');
      expect(html).toContain('kept-name">hoja.xlsx');
      expect(html).not.toContain('error-summary');
    });
  });

  describe('attachments recognised by content', () => {
    const apiFiling = (files: Array<{ name: string; bytes: Buffer }>) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fixture)) form.append(k, typeof v === 'boolean' ? String(v) : String(v));
      form.set('entidad', propia.codigo);
      form.set('sedeId', propia.sedeId);
      form.set('servicioId', propia.servicioId);
      form.set('unidadId', propia.unidadId);
      for (const file of files) form.append('adjuntos', new Blob([file.bytes]), file.name);
      return fetch(`${h.baseUrl}/api/v1/reclamos`, { method: 'POST', body: form });
    };

    it('accepts a real HEIC photo, Office files with their entries in another order, an OpenDocument and a PDF after a BOM', async () => {
      const response = await apiFiling([
        { name: 'IMG_0001.HEIC', bytes: await realHeic() },
        { name: 'informe.docx', bytes: docxInAnotherOrder() },
        { name: 'cuadro.xlsx', bytes: xlsxInAnotherOrder() },
        { name: 'carta.odt', bytes: odt() },
        { name: 'recibo.pdf', bytes: Buffer.from('\ufeff\r\n%PDF-1.4\n%%EOF\n') },
      ]);
      expect(response.status).toBe(201);
      const { id } = (await response.json()) as { id: string };
      const tipos = await h.dataSource.query(`SELECT nombre_original, tipo_mime FROM adjunto WHERE reclamo_id = $1 ORDER BY nombre_original`, [id]);
      expect(tipos).toEqual([
        { nombre_original: 'IMG_0001.HEIC', tipo_mime: 'image/heic' },
        { nombre_original: 'carta.odt', tipo_mime: 'application/vnd.oasis.opendocument.text' },
        { nombre_original: 'cuadro.xlsx', tipo_mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
        { nombre_original: 'informe.docx', tipo_mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
        { nombre_original: 'recibo.pdf', tipo_mime: 'application/pdf' },
      ]);
    });

    it.each([
      ['a renamed executable', 'constancia.pdf', windowsProgram()],
      ['a ZIP with a program, named .docx', 'informe.docx', zipWithProgram()],
    ])('still refuses %s, storing nothing', async (_what, name, bytes) => {
      const before = await filingRowCounts(h.dataSource, propia.id);
      const response = await apiFiling([{ name, bytes }]);
      const body = (await response.json()) as { codigo: string; errores: Array<{ campo: string; mensaje: string }> };
      expect(response.status).toBe(422);
      expect(body).toMatchObject({ codigo: 'ATTACHMENT_TYPE_NOT_ALLOWED', errores: [{ campo: 'adjuntos', mensaje: expect.stringContaining(`«${name}»`) }] });
      expect(await filingRowCounts(h.dataSource, propia.id)).toEqual(before);
    });

    it('on the page, a refused file is named and the rest of the form comes back whole', async () => {
      const response = await post(
        propia,
        hojaForm(propia, { apoderadoNombres: 'Rosa' }, [
          { name: 'virus.pdf', bytes: windowsProgram() },
          { name: 'foto.heic', bytes: iphoneHeicHead() },
        ]),
      );
      const html = await response.text();
      expect(response.status).toBe(422);
      expect(summaryItems(html)[0]).toContain('Archivos de respaldo: «virus.pdf» no es de un tipo permitido; adjunte fotos');
      expect(html).toContain('kept-name">foto.heic');
      // A field sent after the files (the guardian's name) is shown again: the reading went on.
      expect(html).toContain('value="Rosa"');
    });
  });

  describe('«Antes de empezar»', () => {
    it('says what is needed, what is not a reclamo and where it goes, the term and how the answer arrives, then starts the hoja', async () => {
      const response = await fetch(`${h.baseUrl}/e/${propia.codigo.toLowerCase()}/antes-de-empezar`);
      const html = await response.text();
      expect(response.status).toBe(200);
      expect(html).toContain('<h1>Antes de empezar</h1>');
      for (const texto of ['queja por defecto de tramitación', 'acceso a la información pública', 'denuncia', 'consulta', '30 días hábiles', 'correo electrónico']) {
        expect(html).toContain(texto);
      }
      expect(html).toContain('href="https://denuncias.servicios.gob.pe/"');
      expect(html).toContain('href="https://www.gob.pe/20399-solicitar-acceso-a-la-informacion-publica"');
      const start = /<a class="button" href="([^"]+)">Empezar mi reclamo<\/a>/.exec(html)![1];
      const form = await fetch(`${h.baseUrl}${start}`);
      expect(form.status).toBe(200);
      expect(await form.text()).toContain('name="fechaHechosDia"');
      const unknown = await fetch(`${h.baseUrl}/e/NOEXISTE/antes-de-empezar`, { headers: { accept: 'text/html' } });
      expect(unknown.status).toBe(404);
    });
  });

  describe('Quechua labels', () => {
    it('switches with ?lang=qu, remembers it in a cookie, marks the page lang="qu", and goes back with ?lang=es', async () => {
      const chosen = await fetch(`${h.baseUrl}/e/${propia.codigo}?lang=qu`);
      const html = await chosen.text();
      expect(chosen.status).toBe(200);
      expect(html).toContain('<html lang="qu">');
      expect(html).toContain('<label for="fechaHechos">P&#x27;unchaw</label>');
      expect(html).toContain('Sutiykikuna');
      const cookie = chosen.headers.get('set-cookie')!.split(';')[0];
      expect(cookie).toBe('idioma=qu');

      const tracking = await fetch(`${h.baseUrl}/seguimiento`, { headers: { cookie } });
      const trackingHtml = await tracking.text();
      expect(trackingHtml).toContain('<html lang="qu">');
      expect(trackingHtml).toContain('Reclamoykiq qatipaynin');
      // The switch's link to Spanish keeps the page, and is followed.
      const toSpanish = decodeEntities(/<a href="([^"]+)" lang="es"/.exec(trackingHtml)![1]);
      expect(toSpanish).toBe('/seguimiento?lang=es');
      const spanish = await fetch(`${h.baseUrl}${toSpanish}`, { headers: { cookie } });
      expect(await spanish.text()).toContain('<html lang="es">');
      expect(spanish.headers.get('set-cookie')).toContain('idioma=es');
    });

    it('takes lang off the query, so a route with strict query fields accepts it', async () => {
      const response = await fetch(`${h.baseUrl}/api/v1/reclamos/MINEDU-2026-999999?documento=45871236&lang=qu`);
      expect(response.status).toBe(404);
    });
  });
});
