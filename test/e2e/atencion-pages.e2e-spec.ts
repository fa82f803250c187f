import { EstadoReclamo } from '@app/domain';
import { AttachmentStorage } from '@app/storage';
import fixture from '../fixtures/reclamo-ejemplo.json';
import { reclamoFingerprint, insertReclamo } from '../support/atencion-factory';
import { uniqueCode } from '../support/db';
import { BackofficeHarness, getPage, postForm, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';
import { MultipartEntry, postMultipart, RENAMED_EXE, SMALL_PDF, watchStorage } from '../support/scan-upload';

const PASSWORD = 'Reclamos2026!';

describe('Back-office case pages over HTTP, without a browser (real app, DB and Redis)', () => {
  let h: BackofficeHarness;
  let minedu: { id: string; codigo: string };
  let responsable: SignedIn;
  let responsableMml: SignedIn;
  let coordinador: SignedIn;
  let titular: SignedIn;

  beforeAll(async () => {
    // Monday 23 November 2026, 10:00 in Lima.
    h = await startBackofficeApp(new Date('2026-11-23T15:00:00Z'));
    [minedu] = await h.dataSource.query(`SELECT id, codigo FROM entidad WHERE codigo = 'MINEDU'`);
    responsable = await signIn(h, 'responsable@minedu.demo.gob.pe', PASSWORD);
    responsableMml = await signIn(h, 'responsable@mml.demo.gob.pe', PASSWORD);
    coordinador = await signIn(h, 'coordinador@sgp.demo.gob.pe', PASSWORD);
    titular = await signIn(h, 'titular@minedu.demo.gob.pe', PASSWORD);
    for (const s of [responsable, responsableMml, coordinador, titular]) expect(s.status).toBe(200);
  });
  afterAll(async () => {
    await h.close();
  });

  it('without a session, every case page sends the person to sign in', async () => {
    const reclamo = await insertReclamo(h.dataSource, minedu);
    for (const path of ['/bandeja', `/casos/${reclamo.id}`, '/casos/hoja-fisica']) {
      expect(await getPage(h, path)).toMatchObject({ status: 303, location: '/ingresar' });
    }
    const posted = await postForm(h, `/casos/${reclamo.id}/notas`, { texto: 'Sin sesión' });
    expect(posted).toMatchObject({ status: 303, location: '/ingresar' });
  });

  it('a coordinator gets a 403 page in Spanish (aggregates only, never cases)', async () => {
    const reclamo = await insertReclamo(h.dataSource, minedu);
    for (const path of ['/bandeja', `/casos/${reclamo.id}`]) {
      const page = await getPage(h, path, coordinador.cookie);
      expect(page.status).toBe(403);
      expect(page.html).toContain('<h1>No tiene acceso a esta página</h1>');
      expect(page.html).toMatch(/cifras agregadas/);
      expect(page.html).not.toContain(reclamo.codigo);
    }
  });

  it("another entity's case is the same 404 page as a case that does not exist, for reading and for acting", async () => {
    const reclamo = await insertReclamo(h.dataSource, minedu);
    const before = await reclamoFingerprint(h.dataSource, reclamo.id);
    const foreign = await getPage(h, `/casos/${reclamo.id}`, responsableMml.cookie);
    const missing = await getPage(h, '/casos/00000000-0000-4000-8000-000000000000', responsableMml.cookie);
    const malformed = await getPage(h, '/casos/no-es-un-id', responsableMml.cookie);
    for (const page of [foreign, missing, malformed]) {
      expect(page.status).toBe(404);
      expect(page.html).toContain('No existe ese reclamo en su entidad.');
    }
    expect(foreign.html).not.toContain(reclamo.codigo);
    expect(foreign.html).not.toContain('María Elena');
    const acted = await postForm(h, `/casos/${reclamo.id}/anular`, { _csrf: responsableMml.csrfToken, motivo: 'Duplicado de otro caso.' }, responsableMml.cookie);
    expect(acted.status).toBe(404);
    expect(await reclamoFingerprint(h.dataSource, reclamo.id)).toBe(before);
  });

  it('a plain HTML form POST with the session token: PRG to the case with a notice; without the token nothing changes', async () => {
    const reclamo = await insertReclamo(h.dataSource, minedu);
    const path = `/casos/${reclamo.id}`;
    const page = await getPage(h, path, responsable.cookie);
    expect(page.status).toBe(200);
    // The page's own forms carry the token: what a browser without JavaScript sends back.
    const token = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1];
    expect(token).toBe(responsable.csrfToken);

    const before = await reclamoFingerprint(h.dataSource, reclamo.id);
    const forged = await postForm(h, `${path}/notas`, { texto: 'Nota sin código de seguridad' }, responsable.cookie);
    expect(forged.status).toBe(403);
    expect(forged.html).toContain('código de seguridad');
    expect(await reclamoFingerprint(h.dataSource, reclamo.id)).toBe(before);

    const posted = await postForm(h, `${path}/notas`, { _csrf: token!, texto: 'La ciudadana llamó para ampliar los hechos.' }, responsable.cookie);
    expect(posted).toMatchObject({ status: 303, location: `${path}?aviso=notas#aviso` });
    const after = await getPage(h, `${path}?aviso=notas`, responsable.cookie);
    expect(after.html).toContain('Se agregó la nota interna.');
    expect(after.html).toContain('La ciudadana llamó para ampliar los hechos.');
  });

  it('a field error re-renders the case with a 422 and a summary linked to the field; a lifecycle conflict says why', async () => {
    const reclamo = await insertReclamo(h.dataSource, minedu);
    const path = `/casos/${reclamo.id}`;
    const invalid = await postForm(h, `${path}/anular`, { _csrf: responsable.csrfToken, motivo: 'x' }, responsable.cookie);
    expect(invalid.status).toBe(422);
    expect(invalid.html).toContain('<a href="#anular-motivo">Motivo: escriba entre 5 y 1000 caracteres</a>');
    expect(invalid.html).toMatch(/id="anular-motivo"[^>]*aria-invalid="true"/);
    expect(invalid.html).toContain('value="x"');

    // Respondido is not reachable from registrado: the page explains instead of failing.
    const conflict = await postForm(h, `${path}/responder`, { _csrf: responsable.csrfToken }, responsable.cookie);
    expect(conflict.status).toBe(409);
    expect(conflict.html).toContain('No se pudo completar la acción');
  });

  it('shows only the forms the lifecycle and the role allow', async () => {
    const registrado = await insertReclamo(h.dataSource, minedu);
    const asResponsable = (await getPage(h, `/casos/${registrado.id}`, responsable.cookie)).html;
    for (const action of ['asignar', 'reconducir', 'trasladar', 'anular', 'notas']) expect(asResponsable).toContain(`action="/casos/${registrado.id}/${action}"`);
    for (const action of ['respuesta', 'aprobar', 'responder', 'notificar', 'archivar']) expect(asResponsable).not.toContain(`action="/casos/${registrado.id}/${action}"`);
    // The titular reads only.
    const asTitular = (await getPage(h, `/casos/${registrado.id}`, titular.cookie)).html;
    expect(asTitular).toContain(registrado.codigo);
    expect(asTitular).not.toMatch(new RegExp(`action="/casos/${registrado.id}/`));

    const respondido = await insertReclamo(h.dataSource, minedu, { estado: EstadoReclamo.RESPONDIDO, respuesta: 'aprobada' });
    const html = (await getPage(h, `/casos/${respondido.id}`, responsable.cookie)).html;
    expect(html).toContain(`action="/casos/${respondido.id}/notificar"`);
    expect(html).not.toContain(`action="/casos/${respondido.id}/asignar"`);
  });

  it('the inbox finds a case by code, marks overdue ones in words, and links the CSV of the same filters', async () => {
    // Due (as the calendar counts it) on 14 October: overdue on 23 November. A due date of its own
    // making would be stale, and the plazos recompute another file runs would move it.
    const late = await insertReclamo(h.dataSource, minedu, { fechaRegistro: '2026-09-01', estado: EstadoReclamo.EN_ATENCION });
    const page = await getPage(h, `/bandeja?q=${encodeURIComponent(late.codigo)}&estado=&aspecto=`, responsable.cookie);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`>${late.codigo}</a>`);
    expect(page.html).toMatch(/<span class="sub"><strong class="badge badge-late">Vencido<\/strong> hace \d+ días hábiles<\/span>/);
    // Handlebars escapes "=" in attributes; the browser reads it back as is.
    expect(page.html.replace(/&#x3D;/g, '=')).toContain(`href="/api/v1/bandeja.csv?q=${encodeURIComponent(late.codigo)}"`);
    expect(page.html).toContain('Casos por estado');

    const bad = await getPage(h, '/bandeja?venceEnDias=99', responsable.cookie);
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('href="#f-venceEnDias"');
  });

  it('registers a sheet of the physical book from the multipart form with its scan, and names the wrong fields in Spanish', async () => {
    // Unique across runs and workers: the sheet is registered in the seeded MINEDU, which keeps every earlier run's sheets.
    const numero = uniqueCode('F-');
    const fields: Record<string, string> = {
      numeroHojaFisica: numero,
      fechaHoja: '2026-11-20',
      tipoDocumento: 'DNI',
      numeroDocumento: fixture.numeroDocumento,
      nombres: fixture.nombres,
      apellidos: fixture.apellidos,
      email: '',
      telefono: fixture.telefono,
      notificacionEmail: 'no',
      ubigeo: fixture.ubigeo,
      direccion: fixture.direccion,
      sedeId: fixture.sedeId,
      servicioId: fixture.servicioId,
      unidadId: '',
      fechaHechos: '2026-11-19',
      aspecto: fixture.aspecto,
      descripcion: fixture.descripcion,
      pedido: fixture.pedido,
      enRepresentacion: 'no',
      esMenor: 'no',
    };
    const form = (values: Record<string, string>, file?: MultipartEntry): MultipartEntry[] => [
      ['_csrf', responsable.csrfToken],
      ...Object.entries(values),
      ...(file ? [file] : []),
    ];
    const pdf: MultipartEntry = ['escaneo', SMALL_PDF, 'hoja 0123.pdf', 'application/pdf'];
    const storage = watchStorage(h.app.get(AttachmentStorage));
    const sheets = async () =>
      (await h.dataSource.query(`SELECT count(*)::int AS n FROM reclamo WHERE entidad_id = $1 AND numero_hoja_fisica = $2`, [minedu.id, numero]))[0].n as number;
    try {
      // A wrong field: the page names it, keeps what was typed, and the scan already stored is removed.
      const wrong = await postMultipart(h, '/casos/hoja-fisica', form({ ...fields, numeroDocumento: '123' }, pdf), { cookie: responsable.cookie });
      expect(wrong.status).toBe(422);
      expect(wrong.text).toContain('href="#numeroDocumento"');
      expect(wrong.text).toContain(`value="${numero}"`);
      expect(storage.saved).toHaveLength(1);
      expect(await storage.stillThere()).toEqual([]);

      // Without a scan, or with an executable renamed to .pdf: 422 naming the field, nothing stored, no reclamo.
      const sinEscaneo = await postMultipart(h, '/casos/hoja-fisica', form(fields), { cookie: responsable.cookie });
      expect(sinEscaneo.status).toBe(422);
      expect(sinEscaneo.text).toContain('href="#escaneo"');
      const exe = await postMultipart(h, '/casos/hoja-fisica', form(fields, ['escaneo', RENAMED_EXE, 'hoja.pdf', 'application/pdf']), {
        cookie: responsable.cookie,
      });
      expect(exe.status).toBe(422);
      expect(exe.text).toContain('href="#escaneo"');
      expect(exe.text).toContain('«hoja.pdf» no es de un tipo permitido');
      expect(storage.saved).toHaveLength(1);
      expect(await sheets()).toBe(0);

      // The anti-CSRF token travels as the form's first field: without it nothing is read or stored.
      const forged = await postMultipart(h, '/casos/hoja-fisica', form(fields, pdf).slice(1), { cookie: responsable.cookie });
      expect(forged.status).toBe(403);
      expect(storage.saved).toHaveLength(1);

      const posted = await postMultipart(h, '/casos/hoja-fisica', form(fields, pdf), { cookie: responsable.cookie });
      expect(posted.status).toBe(303);
      const [row]: Array<{ id: string; canal: string; fecha: string }> = await h.dataSource.query(
        `SELECT id, canal, fecha_registro_lima::text AS fecha FROM reclamo WHERE entidad_id = $1 AND numero_hoja_fisica = $2`,
        [minedu.id, numero],
      );
      expect(row).toMatchObject({ canal: 'fisico', fecha: '2026-11-20' });
      expect(posted.location).toBe(`/casos/${row.id}?aviso=hoja-fisica#aviso`);
      const adjuntos: Array<{ tipo: string; nombre: string; mime: string; bytes: number; clave: string }> = await h.dataSource.query(
        `SELECT tipo, nombre_original AS nombre, tipo_mime AS mime, bytes, clave_almacen AS clave FROM adjunto WHERE reclamo_id = $1`,
        [row.id],
      );
      expect(adjuntos).toEqual([{ tipo: 'hoja_fisica', nombre: 'hoja 0123.pdf', mime: 'application/pdf', bytes: SMALL_PDF.length, clave: storage.saved[1].clave }]);
      const page = await getPage(h, `/casos/${row.id}`, responsable.cookie);
      expect(page.html).toContain('Escaneo de la hoja física: <a');

      // The same sheet again: 409, and the second scan does not stay behind.
      const again = await postMultipart(h, '/casos/hoja-fisica', form(fields, pdf), { cookie: responsable.cookie });
      expect(again.status).toBe(409);
      expect(again.text).toContain('esa hoja ya fue registrada');
      expect(await storage.stillThere()).toEqual([storage.saved[1].clave]);
    } finally {
      storage.stop();
    }
    // The titular reads reclamos but does not register them.
    expect((await getPage(h, '/casos/hoja-fisica', titular.cookie)).status).toBe(403);
  });

  it('records a postal notification with the scan of its proof, linked from the case', async () => {
    const reclamo = await insertReclamo(h.dataSource, minedu, { estado: EstadoReclamo.RESPONDIDO, respuesta: 'aprobada', notificacionEmail: false });
    const path = `/casos/${reclamo.id}/notificar`;
    const storage = watchStorage(h.app.get(AttachmentStorage));
    try {
      const form = (...rest: MultipartEntry[]): MultipartEntry[] => [['_csrf', responsable.csrfToken], ['medio', 'postal'], ['fecha', '2026-11-20'], ...rest];
      const page = await getPage(h, `/casos/${reclamo.id}`, responsable.cookie);
      expect(page.html).toContain(`action="${path}" enctype="multipart/form-data"`);
      expect(page.html).toContain('name="constancia" type="file"');

      const sinConstancia = await postMultipart(h, path, form(), { cookie: responsable.cookie });
      expect(sinConstancia.status).toBe(422);
      expect(sinConstancia.text).toContain('href="#notificar-constancia"');
      const exe = await postMultipart(h, path, form(['constancia', RENAMED_EXE, 'cargo.pdf', 'application/pdf']), { cookie: responsable.cookie });
      expect(exe.status).toBe(422);
      expect(exe.text).toContain('href="#notificar-constancia"');
      const futura = await postMultipart(h, path, [['_csrf', responsable.csrfToken], ['medio', 'postal'], ['fecha', '2099-01-01'], ['constancia', SMALL_PDF, 'cargo.pdf', 'application/pdf']], {
        cookie: responsable.cookie,
      });
      expect(futura.status).toBe(422);
      expect(futura.text).toContain('href="#notificar-fecha"');
      expect(storage.saved).toHaveLength(1);
      expect(await storage.stillThere()).toEqual([]);
      const [{ estado: sigue }]: Array<{ estado: string }> = await h.dataSource.query(`SELECT estado FROM reclamo WHERE id = $1`, [reclamo.id]);
      expect(sigue).toBe('respondido');

      const posted = await postMultipart(h, path, form(['constancia', SMALL_PDF, 'cargo firmado.pdf', 'application/pdf']), { cookie: responsable.cookie });
      expect(posted.status).toBe(303);
      expect(posted.location).toBe(`/casos/${reclamo.id}?aviso=notificar#aviso`);
      const [n]: Array<Record<string, unknown>> = await h.dataSource.query(
        `SELECT nr.medio, nr.fecha::text AS fecha, a.tipo, a.nombre_original AS nombre, a.clave_almacen AS clave, a.id AS "adjuntoId"
           FROM notificacion_respuesta nr JOIN adjunto a ON a.id = nr.constancia_adjunto_id AND a.reclamo_id = nr.reclamo_id
          WHERE nr.reclamo_id = $1`,
        [reclamo.id],
      );
      expect(n).toMatchObject({ medio: 'postal', fecha: '2026-11-20', tipo: 'constancia_notificacion', nombre: 'cargo firmado.pdf', clave: storage.saved[1].clave });
      expect(await storage.stillThere()).toEqual([storage.saved[1].clave]);
      const after = await getPage(h, `/casos/${reclamo.id}`, responsable.cookie);
      expect(after.html).toContain(`href="/api/v1/casos/${reclamo.id}/adjuntos/${String(n.adjuntoId)}" download>constancia escaneada</a>`);
      expect(after.html).toContain('Respuesta notificada');
    } finally {
      storage.stop();
    }
  });
});
