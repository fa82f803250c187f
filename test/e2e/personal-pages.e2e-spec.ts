import { createTestEntidad, uniqueCode } from '../support/db';
import { BackofficeHarness, createTestStaff, getPage, postForm, signIn, SignedIn, startBackofficeApp, TestStaff } from '../support/backoffice-harness';

/** The `_csrf` of the first form on a page (every form of a session carries the same token). */
function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('La página no tiene formulario con _csrf');
  return token;
}

describe('Back-office: the staff page /personal (invite, designate, deactivate, reactivate)', () => {
  let h: BackofficeHarness;
  let a: Awaited<ReturnType<typeof createTestEntidad>>;
  let b: Awaited<ReturnType<typeof createTestEntidad>>;
  let responsableA: TestStaff;
  let alternoA: TestStaff;
  let oficialA: TestStaff;
  let oficialB: TestStaff;
  let asResponsable: SignedIn;
  let asAdmin: SignedIn;
  let asTitularEntidad: SignedIn;
  let asOficial: SignedIn;
  let asCoordinador: SignedIn;

  const rolDe = async (id: string) =>
    (await h.dataSource.query<Array<{ rol: string; activo: boolean }>>(`SELECT rol, activo FROM usuario WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    h = await startBackofficeApp();
    a = await createTestEntidad(h.dataSource, uniqueCode('PA'));
    b = await createTestEntidad(h.dataSource, uniqueCode('PB'));
    responsableA = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: a.id });
    alternoA = await createTestStaff(h.dataSource, { rol: 'responsable_alterno', entidadId: a.id });
    oficialA = await createTestStaff(h.dataSource, { rol: 'oficial', entidadId: a.id });
    oficialB = await createTestStaff(h.dataSource, { rol: 'oficial', entidadId: b.id });
    const titularEntidad = await createTestStaff(h.dataSource, { rol: 'titular_entidad', entidadId: a.id });
    const admin = await createTestStaff(h.dataSource, { rol: 'administrador', entidadId: null });
    const coordinador = await createTestStaff(h.dataSource, { rol: 'coordinador', entidadId: null });
    asResponsable = await signIn(h, responsableA.email, responsableA.password);
    asAdmin = await signIn(h, admin.email, admin.password);
    asTitularEntidad = await signIn(h, titularEntidad.email, titularEntidad.password);
    asOficial = await signIn(h, oficialA.email, oficialA.password);
    asCoordinador = await signIn(h, coordinador.email, coordinador.password);
  });
  afterAll(async () => {
    await h.close();
  });

  it('a responsable reaches it from the home page and the menu, and sees their entity\'s staff only, with role and state', async () => {
    const inicio = await getPage(h, '/inicio', asResponsable.cookie);
    expect(inicio.html).toContain('<a href="/personal">Personal de la entidad</a>');
    expect(inicio.html).toContain('<li><a href="/personal">Personal</a></li>');
    const page = await getPage(h, '/personal', asResponsable.cookie);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Personal de la entidad</h1>');
    expect(page.html).toContain(oficialA.email);
    expect(page.html).toContain('Oficial de la unidad orgánica');
    expect(page.html).toContain('Activa');
    expect(page.html).not.toContain(oficialB.email);
    expect(page.html).toContain('Enviar la invitación');
    // Their own row offers nothing to do to themselves.
    expect(page.html).not.toContain(`/personal/${responsableA.id}/desactivar`);
  });

  it('the head of the entity reads the list without forms; an officer and a coordinator are refused (403)', async () => {
    const inicio = await getPage(h, '/inicio', asTitularEntidad.cookie);
    expect(inicio.html).toContain('href="/personal"');
    const titular = await getPage(h, '/personal', asTitularEntidad.cookie);
    expect(titular.status).toBe(200);
    expect(titular.html).toContain(oficialA.email);
    expect(titular.html).not.toContain('Enviar la invitación');
    expect(titular.html).not.toContain('/desactivar');
    expect((await getPage(h, '/personal', asOficial.cookie)).status).toBe(403);
    expect((await getPage(h, '/personal', asCoordinador.cookie)).status).toBe(403);
    expect((await getPage(h, '/inicio', asOficial.cookie)).html).not.toContain('href="/personal"');
  });

  it('should not: another entity\'s staff or entity is 404, and nothing changes', async () => {
    expect((await getPage(h, `/personal?entidad=${b.id}`, asResponsable.cookie)).status).toBe(404);
    expect((await getPage(h, '/personal?entidad=no-es-uuid', asResponsable.cookie)).status).toBe(404);
    const csrf = csrfOf((await getPage(h, '/personal', asResponsable.cookie)).html);
    for (const accion of ['desactivar', 'designar/alterno']) {
      const r = await postForm(h, `/personal/${oficialB.id}/${accion}`, { _csrf: csrf }, asResponsable.cookie);
      expect(r.status).toBe(404);
    }
    expect(await rolDe(oficialB.id)).toEqual({ rol: 'oficial', activo: true });
  });

  it('should not: a form without the anti-CSRF token is refused (403) and changes nothing', async () => {
    const r = await postForm(h, `/personal/${oficialA.id}/desactivar`, {}, asResponsable.cookie);
    expect(r.status).toBe(403);
    expect(await rolDe(oficialA.id)).toEqual({ rol: 'oficial', activo: true });
    const invite = await postForm(h, '/personal/invitar', { email: 'sin-token@pruebas.gob.pe', nombre: 'Sin Token', rol: 'oficial' }, asResponsable.cookie);
    expect(invite.status).toBe(403);
    expect(await h.dataSource.query(`SELECT 1 FROM usuario WHERE email = 'sin-token@pruebas.gob.pe'`)).toEqual([]);
  });

  it('invites an officer of a unidad: the account waits for the invitation, which is an outbox message', async () => {
    const csrf = csrfOf((await getPage(h, '/personal', asResponsable.cookie)).html);
    const email = `invitada.${uniqueCode('x').toLowerCase()}@pruebas.gob.pe`;
    const r = await postForm(h, '/personal/invitar', { _csrf: csrf, email, nombre: 'Rosa Invitada', rol: 'oficial', unidadId: a.unidadId }, asResponsable.cookie);
    expect(r.status).toBe(303);
    expect(r.location).toBe('/personal?aviso=invitado#aviso');
    const [row] = await h.dataSource.query<Array<{ id: string; rol: string; activo: boolean; unidad_id: string }>>(
      `SELECT id, rol, activo, unidad_id FROM usuario WHERE email = $1`,
      [email],
    );
    expect(row).toMatchObject({ rol: 'oficial', activo: false, unidad_id: a.unidadId });
    expect(await h.dataSource.query(`SELECT estado FROM outbox WHERE tipo = 'invitacion_personal' AND destinatario = $1`, [email])).toEqual([
      { estado: 'pendiente' },
    ]);
    const page = await getPage(h, '/personal?aviso=invitado', asResponsable.cookie);
    expect(page.html).toContain('Se envió la invitación');
    expect(page.html).toMatch(new RegExp(`${email.replace(/\./g, '\\.')}[\\s\\S]*?Invitación pendiente`));
  });

  it('bad input comes back as 422 naming the field, the form kept, nothing stored', async () => {
    const csrf = csrfOf((await getPage(h, '/personal', asResponsable.cookie)).html);
    const r = await postForm(h, '/personal/invitar', { _csrf: csrf, email: 'no-es-correo', nombre: 'Lu', rol: 'administrador' }, asResponsable.cookie);
    expect(r.status).toBe(422);
    expect(r.html).toContain('Correo institucional: escriba el correo institucional de la persona');
    expect(r.html).toContain('Nombres y apellidos: escriba entre 3 y 200 caracteres');
    expect(r.html).toContain('Rol: elija uno de los roles de la lista');
    expect(r.html).toContain('value="no-es-correo"');
    expect(await h.dataSource.query(`SELECT 1 FROM usuario WHERE email = 'no-es-correo'`)).toEqual([]);
    // A role the responsable may not invite (the titular responsable is designated via an administrator): 403, nothing stored.
    const titular = await postForm(
      h,
      '/personal/invitar',
      { _csrf: csrf, email: 'otro.titular@pruebas.gob.pe', nombre: 'Otro Titular', rol: 'responsable_titular' },
      asResponsable.cookie,
    );
    expect(titular.status).toBe(403);
    expect(await h.dataSource.query(`SELECT 1 FROM usuario WHERE email = 'otro.titular@pruebas.gob.pe'`)).toEqual([]);
  });

  it('deactivates and reactivates an officer: sessions closed at once, the same password afterwards', async () => {
    const victima = await createTestStaff(h.dataSource, { rol: 'oficial', entidadId: a.id });
    const suSesion = await signIn(h, victima.email, victima.password);
    const csrf = csrfOf((await getPage(h, '/personal', asResponsable.cookie)).html);
    const off = await postForm(h, `/personal/${victima.id}/desactivar`, { _csrf: csrf }, asResponsable.cookie);
    expect(off).toMatchObject({ status: 303, location: '/personal?aviso=desactivado#aviso' });
    expect(await rolDe(victima.id)).toEqual({ rol: 'oficial', activo: false });
    expect((await getPage(h, '/inicio', suSesion.cookie)).status).toBe(303);
    const page = await getPage(h, '/personal', asResponsable.cookie);
    expect(page.html).toContain(`/personal/${victima.id}/reactivar`);
    const on = await postForm(h, `/personal/${victima.id}/reactivar`, { _csrf: csrf }, asResponsable.cookie);
    expect(on).toMatchObject({ status: 303, location: '/personal?aviso=reactivado#aviso' });
    expect(await rolDe(victima.id)).toEqual({ rol: 'oficial', activo: true });
    expect((await signIn(h, victima.email, victima.password)).status).toBe(200);
    // Reactivating an active account is a conflict, not a silent success.
    expect((await postForm(h, `/personal/${victima.id}/reactivar`, { _csrf: csrf }, asResponsable.cookie)).status).toBe(409);
  });

  it('a responsable designates an officer as the alterno: the former alterno becomes an officer; they cannot name the titular', async () => {
    const csrf = csrfOf((await getPage(h, '/personal', asResponsable.cookie)).html);
    const nuevo = await createTestStaff(h.dataSource, { rol: 'oficial', entidadId: a.id });
    expect((await getPage(h, '/personal', asResponsable.cookie)).html).not.toContain(`/personal/${nuevo.id}/designar/titular`);
    expect((await postForm(h, `/personal/${nuevo.id}/designar/titular`, { _csrf: csrf }, asResponsable.cookie)).status).toBe(403);
    const r = await postForm(h, `/personal/${nuevo.id}/designar/alterno`, { _csrf: csrf }, asResponsable.cookie);
    expect(r).toMatchObject({ status: 303, location: '/personal?aviso=designado#aviso' });
    expect(await rolDe(nuevo.id)).toEqual({ rol: 'responsable_alterno', activo: true });
    expect(await rolDe(alternoA.id)).toEqual({ rol: 'oficial', activo: true });
    expect(await h.dataSource.query(`SELECT count(*)::int AS n FROM usuario WHERE entidad_id = $1 AND rol = 'responsable_alterno'`, [a.id])).toEqual([{ n: 1 }]);
  });

  it('an administrator opens it from the entity\'s page, designates the titular, and keeps the entity across the forms', async () => {
    expect(await getPage(h, '/personal', asAdmin.cookie)).toMatchObject({ status: 303, location: '/entidades' });
    const entidadPage = await getPage(h, `/entidades/${b.codigo}`, asAdmin.cookie);
    expect(entidadPage.html).toContain(`href="/personal?entidad=${b.id}"`);
    const page = await getPage(h, `/personal?entidad=${b.id}`, asAdmin.cookie);
    expect(page.status).toBe(200);
    expect(page.html).toContain(oficialB.email);
    expect(page.html).not.toContain(oficialA.email);
    expect(page.html).toContain(`name="entidad" value="${b.id}"`);
    const titularB = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: b.id });
    const r = await postForm(h, `/personal/${oficialB.id}/designar/titular`, { _csrf: csrfOf(page.html), entidad: b.id }, asAdmin.cookie);
    expect(r).toMatchObject({ status: 303, location: `/personal?entidad=${b.id}&aviso=designado#aviso` });
    expect(await rolDe(oficialB.id)).toEqual({ rol: 'responsable_titular', activo: true });
    expect(await rolDe(titularB.id)).toEqual({ rol: 'oficial', activo: true });
  });
});
