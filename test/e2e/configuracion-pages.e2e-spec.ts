import { BackofficeHarness, createTestStaff, getPage, postForm, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';
import { createTestEntidad, uniqueCode, withCalendarLock } from '../support/db';

const PASSWORD = 'Reclamos2026!';

/** Handlebars escapes "=" in attributes; the browser reads it back as is. */
const unescape = (html: string) => html.replace(/&#x3D;/g, '=');

describe('Calendar and settings pages over HTTP, without a browser (real app, DB and Redis)', () => {
  let h: BackofficeHarness;
  let minedu: { id: string; codigo: string };
  let responsable: SignedIn;
  let responsableMml: SignedIn;
  let oficial: SignedIn;
  let coordinador: SignedIn;
  let administrador: SignedIn;
  /** An entity of this file's own, for the tests that change settings or the calendar: MINEDU is shared with other files. */
  let propia: { id: string; codigo: string };
  let responsablePropio: SignedIn;

  const umbralesDe = async (entidadId = minedu.id): Promise<number[]> => {
    const [row] = await h.dataSource.query<Array<{ u: number[] }>>(`SELECT umbrales_alerta AS u FROM entidad WHERE id = $1`, [entidadId]);
    return row.u;
  };

  beforeAll(async () => {
    // Monday 23 November 2026, 10:00 in Lima.
    h = await startBackofficeApp(new Date('2026-11-23T15:00:00Z'));
    [minedu] = await h.dataSource.query(`SELECT id, codigo FROM entidad WHERE codigo = 'MINEDU'`);
    responsable = await signIn(h, 'responsable@minedu.demo.gob.pe', PASSWORD);
    responsableMml = await signIn(h, 'responsable@mml.demo.gob.pe', PASSWORD);
    oficial = await signIn(h, 'oficial1@minedu.demo.gob.pe', PASSWORD);
    coordinador = await signIn(h, 'coordinador@sgp.demo.gob.pe', PASSWORD);
    administrador = await signIn(h, 'administrador@plataforma.demo.gob.pe', PASSWORD);
    propia = await createTestEntidad(h.dataSource, uniqueCode('CFP'));
    const titular = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: propia.id });
    responsablePropio = await signIn(h, titular.email, titular.password);
    for (const s of [responsable, responsableMml, oficial, coordinador, administrador, responsablePropio]) expect(s.status).toBe(200);
  });
  afterAll(async () => {
    await h.close();
  });

  it('without a session both pages send the person to sign in', async () => {
    for (const path of ['/calendario', '/configuracion']) expect(await getPage(h, path)).toMatchObject({ status: 303, location: '/ingresar' });
    expect(await postForm(h, '/configuracion/ajustes', { umbralesAlerta: '5' })).toMatchObject({ status: 303, location: '/ingresar' });
  });

  it('an officer reads the settings but cannot change them (403 page, nothing changes); a coordinator gets a 403 page', async () => {
    const before = await umbralesDe();
    const page = await getPage(h, '/configuracion', oficial.cookie);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Solo el responsable del libro de reclamaciones puede cambiar esta configuración');
    expect(page.html).not.toContain('action="/configuracion/ajustes"');
    const posted = await postForm(h, '/configuracion/ajustes', { _csrf: oficial.csrfToken, umbralesAlerta: '20, 1' }, oficial.cookie);
    expect(posted.status).toBe(403);
    expect(posted.html).toContain('<h1>No tiene acceso a esta página</h1>');
    expect(await umbralesDe()).toEqual(before);
    expect((await getPage(h, '/configuracion', coordinador.cookie)).status).toBe(403);
    // Nor may an officer register a closure.
    const cierre = await postForm(h, '/calendario/dias', { _csrf: oficial.csrfToken, tipo: 'cierre_entidad', fecha: '2031-05-05', descripcion: 'Cierre' }, oficial.cookie);
    expect(cierre.status).toBe(403);
  });

  it("another entity's settings are a 404 page, for reading and for changing", async () => {
    const before = await umbralesDe();
    const read = await getPage(h, `/configuracion?entidad=${minedu.id}`, responsableMml.cookie);
    expect(read.status).toBe(404);
    expect(read.html).not.toContain('MINEDU');
    const posted = await postForm(h, `/configuracion/ajustes?entidad=${minedu.id}`, { _csrf: responsableMml.csrfToken, umbralesAlerta: '20, 1' }, responsableMml.cookie);
    expect(posted.status).toBe(404);
    expect(await umbralesDe()).toEqual(before);
    expect((await getPage(h, '/configuracion?entidad=no-es-un-id', administrador.cookie)).status).toBe(404);
  });

  it('the responsable changes the reminder thresholds through the form (PRG with a notice); a wrong list is a 422 naming the field', async () => {
    const before = await umbralesDe(propia.id);
    const page = await getPage(h, '/configuracion', responsablePropio.cookie);
    expect(page.status).toBe(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1];
    expect(token).toBe(responsablePropio.csrfToken);
    const fields = { aprobacionRequerida: 'si', umbralesAlerta: '12, 6, 3', subsanacionVencida: 'marcar' };
    expect((await postForm(h, '/configuracion/ajustes', fields, responsablePropio.cookie)).status).toBe(403);
    const wrong = await postForm(h, '/configuracion/ajustes', { _csrf: token!, ...fields, umbralesAlerta: '1, 2' }, responsablePropio.cookie);
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('<a href="#ajustes-umbralesAlerta">Recordatorios (días hábiles antes del vencimiento): ordene los umbrales de mayor a menor');
    expect(wrong.html).toMatch(/id="ajustes-umbralesAlerta"[^>]*value="1, 2"/);
    expect(await umbralesDe(propia.id)).toEqual(before);

    const posted = await postForm(h, '/configuracion/ajustes', { _csrf: token!, ...fields }, responsablePropio.cookie);
    expect(posted).toMatchObject({ status: 303, location: '/configuracion?aviso=ajustes#aviso' });
    expect(await umbralesDe(propia.id)).toEqual([12, 6, 3]);
    const after = await getPage(h, '/configuracion?aviso=ajustes', responsablePropio.cookie);
    expect(after.html).toContain('Se guardaron los ajustes de la entidad.');
    expect(after.html).toContain('value="12, 6, 3"');
  });

  it('the responsable adds and removes a closure through the forms with the token; another entity cannot remove it', async () => {
    const fecha = '2031-05-06';
    const page = await getPage(h, '/calendario', responsablePropio.cookie);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Agregar un día de cierre de su entidad');
    expect(page.html).not.toContain('Agregar un día no laborable decretado');
    const fields = { tipo: 'cierre_entidad', fecha, descripcion: 'Aniversario institucional' };

    expect((await postForm(h, '/calendario/dias', fields, responsablePropio.cookie)).status).toBe(403);
    const wrong = await postForm(h, '/calendario/dias', { _csrf: responsablePropio.csrfToken, ...fields, descripcion: 'x' }, responsablePropio.cookie);
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('<a href="#cierre_entidad-descripcion">Motivo: escriba entre 3 y 200 caracteres</a>');
    expect(wrong.html).toMatch(/id="cierre_entidad-fecha"[^>]*value="2031-05-06"/);

    // Adding and removing a day moves the calendar's version for everyone (see withCalendarLock).
    await withCalendarLock(h.dataSource, async () => {
      const added = await postForm(h, '/calendario/dias', { _csrf: responsablePropio.csrfToken, ...fields }, responsablePropio.cookie);
      expect(added).toMatchObject({ status: 303, location: '/calendario?anio=2031&aviso=agregado#aviso' });
      const listed = unescape((await getPage(h, '/calendario?anio=2031&aviso=agregado', responsablePropio.cookie)).html);
      expect(listed).toContain('Se registró el día no laborable.');
      expect(listed).toContain('Aniversario institucional');
      const again = await postForm(h, '/calendario/dias', { _csrf: responsablePropio.csrfToken, ...fields }, responsablePropio.cookie);
      expect(again.status).toBe(409);
      expect(again.html).toContain('ya está registrada como día no laborable');

      const [{ id }]: Array<{ id: string }> = await h.dataSource.query(`SELECT id FROM dia_no_laborable WHERE fecha = $1 AND entidad_id = $2`, [fecha, propia.id]);
      expect(listed).toContain(`action="/calendario/dias/${id}/quitar"`);
      // Another entity's responsable neither sees nor removes it.
      expect((await getPage(h, '/calendario?anio=2031', responsableMml.cookie)).html).not.toContain('Aniversario institucional');
      expect((await postForm(h, `/calendario/dias/${id}/quitar`, { _csrf: responsableMml.csrfToken }, responsableMml.cookie)).status).toBe(404);

      const removed = await postForm(h, `/calendario/dias/${id}/quitar`, { _csrf: responsablePropio.csrfToken, anio: '2031' }, responsablePropio.cookie);
      expect(removed).toMatchObject({ status: 303, location: '/calendario?anio=2031&aviso=quitado#aviso' });
      expect(await h.dataSource.query(`SELECT 1 FROM dia_no_laborable WHERE id = $1`, [id])).toEqual([]);
    });
  });

  it('the calculator counts business days naming the omitted days; a wrong number is a 422', async () => {
    const page = await getPage(h, '/calendario?desde=2026-12-04&dias=3', responsable.cookie);
    expect(page.status).toBe(200);
    // Filed Friday 4 Dec: Mon 7, Tue 8 is a holiday, Wed 9 is a holiday, Thu 10, Fri 11.
    expect(page.html).toContain('datetime="2026-12-11"');
    expect(page.html).toContain('Inmaculada Concepción');
    const wrong = await getPage(h, '/calendario?desde=2026-12-04&dias=abc', responsable.cookie);
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('href="#calc-dias"');
  });

  it('the administrator chooses an entity to configure, and sees the recompute preview on the calendar', async () => {
    const chooser = unescape((await getPage(h, '/configuracion', administrador.cookie)).html);
    expect(chooser).toContain(`href="/configuracion?entidad=${minedu.id}"`);
    const page = unescape((await getPage(h, `/configuracion?entidad=${minedu.id}`, administrador.cookie)).html);
    expect(page).toContain(`action="/configuracion/ajustes?entidad=${minedu.id}"`);
    const calendario = await getPage(h, '/calendario', administrador.cookie);
    expect(calendario.status).toBe(200);
    expect(calendario.html).toContain('Recalcular los plazos de los casos abiertos');
    expect(calendario.html).toContain('Agregar un día no laborable decretado');
    expect(calendario.html).not.toContain('Agregar un día de cierre de su entidad');
  });
});
