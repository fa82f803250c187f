import { EstadoReclamo } from '@app/domain';
import fixture from '../fixtures/reclamo-ejemplo.json';
import { caseFingerprint, insertCase } from '../support/atencion-factory';
import { BackofficeHarness, getPage, postForm, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';

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
    const caso = await insertCase(h.dataSource, minedu);
    for (const path of ['/bandeja', `/casos/${caso.id}`, '/casos/hoja-fisica']) {
      expect(await getPage(h, path)).toMatchObject({ status: 303, location: '/ingresar' });
    }
    const posted = await postForm(h, `/casos/${caso.id}/notas`, { texto: 'Sin sesión' });
    expect(posted).toMatchObject({ status: 303, location: '/ingresar' });
  });

  it('a coordinator gets a 403 page in Spanish (aggregates only, never cases)', async () => {
    const caso = await insertCase(h.dataSource, minedu);
    for (const path of ['/bandeja', `/casos/${caso.id}`]) {
      const page = await getPage(h, path, coordinador.cookie);
      expect(page.status).toBe(403);
      expect(page.html).toContain('<h1>No tiene acceso a esta página</h1>');
      expect(page.html).toMatch(/cifras agregadas/);
      expect(page.html).not.toContain(caso.codigo);
    }
  });

  it("another entity's case is the same 404 page as a case that does not exist, for reading and for acting", async () => {
    const caso = await insertCase(h.dataSource, minedu);
    const before = await caseFingerprint(h.dataSource, caso.id);
    const foreign = await getPage(h, `/casos/${caso.id}`, responsableMml.cookie);
    const missing = await getPage(h, '/casos/00000000-0000-4000-8000-000000000000', responsableMml.cookie);
    const malformed = await getPage(h, '/casos/no-es-un-id', responsableMml.cookie);
    for (const page of [foreign, missing, malformed]) {
      expect(page.status).toBe(404);
      expect(page.html).toContain('No existe ese reclamo en su entidad.');
    }
    expect(foreign.html).not.toContain(caso.codigo);
    expect(foreign.html).not.toContain('María Elena');
    const acted = await postForm(h, `/casos/${caso.id}/anular`, { _csrf: responsableMml.csrfToken, motivo: 'Duplicado de otro caso.' }, responsableMml.cookie);
    expect(acted.status).toBe(404);
    expect(await caseFingerprint(h.dataSource, caso.id)).toBe(before);
  });

  it('a plain HTML form POST with the session token: PRG to the case with a notice; without the token nothing changes', async () => {
    const caso = await insertCase(h.dataSource, minedu);
    const path = `/casos/${caso.id}`;
    const page = await getPage(h, path, responsable.cookie);
    expect(page.status).toBe(200);
    // The page's own forms carry the token: what a browser without JavaScript sends back.
    const token = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1];
    expect(token).toBe(responsable.csrfToken);

    const before = await caseFingerprint(h.dataSource, caso.id);
    const forged = await postForm(h, `${path}/notas`, { texto: 'Nota sin código de seguridad' }, responsable.cookie);
    expect(forged.status).toBe(403);
    expect(forged.html).toContain('código de seguridad');
    expect(await caseFingerprint(h.dataSource, caso.id)).toBe(before);

    const posted = await postForm(h, `${path}/notas`, { _csrf: token!, texto: 'La ciudadana llamó para ampliar los hechos.' }, responsable.cookie);
    expect(posted).toMatchObject({ status: 303, location: `${path}?aviso=notas#aviso` });
    const after = await getPage(h, `${path}?aviso=notas`, responsable.cookie);
    expect(after.html).toContain('Se agregó la nota interna.');
    expect(after.html).toContain('La ciudadana llamó para ampliar los hechos.');
  });

  it('a field error re-renders the case with a 422 and a summary linked to the field; a lifecycle conflict says why', async () => {
    const caso = await insertCase(h.dataSource, minedu);
    const path = `/casos/${caso.id}`;
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
    const registrado = await insertCase(h.dataSource, minedu);
    const asResponsable = (await getPage(h, `/casos/${registrado.id}`, responsable.cookie)).html;
    for (const action of ['asignar', 'reconducir', 'trasladar', 'anular', 'notas']) expect(asResponsable).toContain(`action="/casos/${registrado.id}/${action}"`);
    for (const action of ['respuesta', 'aprobar', 'responder', 'notificar', 'archivar']) expect(asResponsable).not.toContain(`action="/casos/${registrado.id}/${action}"`);
    // The titular reads only.
    const asTitular = (await getPage(h, `/casos/${registrado.id}`, titular.cookie)).html;
    expect(asTitular).toContain(registrado.codigo);
    expect(asTitular).not.toMatch(new RegExp(`action="/casos/${registrado.id}/`));

    const respondido = await insertCase(h.dataSource, minedu, { estado: EstadoReclamo.RESPONDIDO, respuesta: 'aprobada' });
    const html = (await getPage(h, `/casos/${respondido.id}`, responsable.cookie)).html;
    expect(html).toContain(`action="/casos/${respondido.id}/notificar"`);
    expect(html).not.toContain(`action="/casos/${respondido.id}/asignar"`);
  });

  it('the inbox finds a case by code, marks overdue ones in words, and links the CSV of the same filters', async () => {
    const late = await insertCase(h.dataSource, minedu, { fechaRegistro: '2026-09-01', vence: '2026-10-13', estado: EstadoReclamo.EN_ATENCION });
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

  it('registers a sheet of the physical book from the form, and names the wrong fields in Spanish', async () => {
    const numero = `F-${Date.now() % 1_000_000}`;
    const fields: Record<string, string> = {
      _csrf: responsable.csrfToken,
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
    const wrong = await postForm(h, '/casos/hoja-fisica', { ...fields, numeroDocumento: '123' }, responsable.cookie);
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('href="#numeroDocumento"');
    expect(wrong.html).toContain(`value="${numero}"`);

    const posted = await postForm(h, '/casos/hoja-fisica', fields, responsable.cookie);
    expect(posted.status).toBe(303);
    const [row]: Array<{ id: string; canal: string; fecha: string }> = await h.dataSource.query(
      `SELECT id, canal, fecha_registro_lima::text AS fecha FROM reclamo WHERE entidad_id = $1 AND numero_hoja_fisica = $2`,
      [minedu.id, numero],
    );
    expect(row).toMatchObject({ canal: 'fisico', fecha: '2026-11-20' });
    expect(posted.location).toBe(`/casos/${row.id}?aviso=hoja-fisica#aviso`);
    const again = await postForm(h, '/casos/hoja-fisica', fields, responsable.cookie);
    expect(again.status).toBe(409);
    expect(again.html).toContain('esa hoja ya fue registrada');
    // The titular reads cases but does not register them.
    expect((await getPage(h, '/casos/hoja-fisica', titular.cookie)).status).toBe(403);
  });
});
