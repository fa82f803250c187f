import { createTestEntidad, uniqueCode } from '../support/db';
import {
  api,
  BackofficeHarness,
  createTestStaff,
  getPage,
  postForm,
  signIn,
  SignedIn,
  startBackofficeApp,
  TestStaff,
  tokenFromOutbox,
} from '../support/backoffice-harness';

const NUEVA = 'mi-frase-de-acceso-segura';

describe('Staff accounts: invitation, acceptance, deactivation, listing (real app, DB and Redis)', () => {
  let h: BackofficeHarness;
  let entidadA: { id: string; unidadId: string };
  let entidadB: { id: string; unidadId: string };
  let responsableA: TestStaff;
  let responsableB: TestStaff;
  let asA: SignedIn;
  let asB: SignedIn;

  const newEmail = (prefix: string) => `${prefix}.${uniqueCode('P')}@pruebas.gob.pe`.toLowerCase();
  const post = (who: SignedIn, path: string, body?: unknown) => api(h, 'POST', path, { cookie: who.cookie, csrf: who.csrfToken, body });

  beforeAll(async () => {
    h = await startBackofficeApp(new Date('2026-03-02T14:00:00Z'));
    entidadA = await createTestEntidad(h.dataSource, uniqueCode('PA'));
    entidadB = await createTestEntidad(h.dataSource, uniqueCode('PB'));
    responsableA = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: entidadA.id });
    responsableB = await createTestStaff(h.dataSource, { rol: 'responsable_alterno', entidadId: entidadB.id });
    asA = await signIn(h, responsableA.email, responsableA.password);
    asB = await signIn(h, responsableB.email, responsableB.password);
  });
  afterAll(async () => {
    await h.close();
  });

  it('invites an officer of a unidad: inactive without password, an e-mail with a single-use link, then accepted', async () => {
    const email = newEmail('oficial');
    const invited = await post(asA, '/api/v1/personal', { email, nombre: 'Luis Quispe Mamani', rol: 'oficial', unidadId: entidadA.unidadId });
    expect(invited).toMatchObject({
      status: 201,
      body: { miembro: { email, rol: 'oficial', entidadId: entidadA.id, unidadId: entidadA.unidadId, estado: 'invitado' } },
    });
    const id = invited.body.miembro.id as string;

    const [message]: Array<{ tipo: string; entidad_id: string; datos: Record<string, string> }> = await h.dataSource.query(
      `SELECT tipo, entidad_id, datos FROM outbox WHERE destinatario = $1`,
      [email],
    );
    expect(message).toMatchObject({ tipo: 'invitacion_personal', entidad_id: entidadA.id, datos: { usuarioId: id, invitadoPor: responsableA.nombre } });
    expect(message.datos.enlace).toMatch(/\/invitacion\?token=[A-Za-z0-9_-]{43}$/);

    // Not usable before acceptance.
    expect((await signIn(h, email, NUEVA)).status).toBe(401);
    const token = await tokenFromOutbox(h.dataSource, 'invitacion_personal', email);
    const weak = await api(h, 'POST', '/api/v1/personal/aceptar', { body: { token, password: 'corta' } });
    expect(weak).toMatchObject({ status: 422, body: { errores: [{ campo: 'password' }] } });
    expect(await api(h, 'POST', '/api/v1/personal/aceptar', { body: { token, password: NUEVA } })).toMatchObject({ status: 200 });
    expect((await api(h, 'POST', '/api/v1/personal/aceptar', { body: { token, password: NUEVA } })).status).toBe(422);

    const session = await signIn(h, email, NUEVA);
    expect(session).toMatchObject({ status: 200, body: { usuario: { id, rol: 'oficial', entidadId: entidadA.id } } });
    const list = await api(h, 'GET', '/api/v1/personal', { cookie: asA.cookie });
    expect(list.body.personal).toEqual(expect.arrayContaining([expect.objectContaining({ id, estado: 'activo' })]));
  });

  it('accepts an invitation through the page', async () => {
    const email = newEmail('titular');
    expect((await post(asA, '/api/v1/personal', { email, nombre: 'Carmen Rojas Díaz', rol: 'titular_entidad' })).status).toBe(201);
    const token = await tokenFromOutbox(h.dataSource, 'invitacion_personal', email);
    const form = await getPage(h, `/invitacion?token=${token}`);
    expect(form.html).toContain('Active su cuenta');
    const done = await postForm(h, '/invitacion', { token, password: NUEVA, password2: NUEVA });
    expect(done).toMatchObject({ status: 303, location: '/ingresar?aviso=cuenta-activa' });
    expect((await signIn(h, email, NUEVA)).status).toBe(200);
  });

  it('deactivates a member of the own entity: sessions revoked, sign-in refused', async () => {
    const member = await createTestStaff(h.dataSource, { rol: 'oficial', entidadId: entidadA.id });
    const theirs = await signIn(h, member.email, member.password);
    const out = await post(asA, `/api/v1/personal/${member.id}/desactivar`);
    expect(out).toMatchObject({ status: 200, body: { sesionesCerradas: 1 } });
    expect((await api(h, 'GET', '/api/v1/sesion', { cookie: theirs.cookie })).status).toBe(401);
    expect((await signIn(h, member.email, member.password)).status).toBe(401);
    const list = await api(h, 'GET', '/api/v1/personal', { cookie: asA.cookie });
    expect(list.body.personal).toEqual(expect.arrayContaining([expect.objectContaining({ id: member.id, estado: 'desactivado' })]));
  });

  it('answers 404 for a member of another entity, and leaves them active', async () => {
    const other = await createTestStaff(h.dataSource, { rol: 'oficial', entidadId: entidadB.id });
    const theirs = await signIn(h, other.email, other.password);
    const refused = await post(asA, `/api/v1/personal/${other.id}/desactivar`);
    expect(refused).toMatchObject({ status: 404, body: { codigo: 'USUARIO_NOT_FOUND' } });
    expect((await api(h, 'GET', '/api/v1/sesion', { cookie: theirs.cookie })).status).toBe(200);
    expect((await post(asA, `/api/v1/personal/00000000-0000-4000-8000-000000000000/desactivar`)).status).toBe(404);
    expect((await post(asA, `/api/v1/personal/no-es-un-uuid/desactivar`)).status).toBe(404);
  });

  it('lists only the own entity\'s staff', async () => {
    const listA = await api(h, 'GET', '/api/v1/personal', { cookie: asA.cookie });
    const listB = await api(h, 'GET', '/api/v1/personal', { cookie: asB.cookie });
    expect(listA.status).toBe(200);
    expect(new Set((listA.body.personal as Array<{ entidadId: string }>).map((m) => m.entidadId))).toEqual(new Set([entidadA.id]));
    expect((listB.body.personal as Array<{ id: string }>).map((m) => m.id)).not.toContain(responsableA.id);
    // An officer does not manage staff.
    const oficial = await createTestStaff(h.dataSource, { rol: 'oficial', entidadId: entidadA.id });
    const asOficial = await signIn(h, oficial.email, oficial.password);
    expect((await api(h, 'GET', '/api/v1/personal', { cookie: asOficial.cookie })).status).toBe(403);
    expect((await post(asOficial, '/api/v1/personal', { email: newEmail('x'), nombre: 'Nadie Nadie', rol: 'oficial' })).status).toBe(403);
  });

  it('refuses what a responsable may not do: invite a titular responsable, a unidad of another entity, a taken e-mail, deactivate themselves', async () => {
    expect((await post(asA, '/api/v1/personal', { email: newEmail('rt'), nombre: 'Nadie Nadie', rol: 'responsable_titular' })).status).toBe(403);
    const foreignUnit = await post(asA, '/api/v1/personal', { email: newEmail('u'), nombre: 'Nadie Nadie', rol: 'oficial', unidadId: entidadB.unidadId });
    expect(foreignUnit).toMatchObject({ status: 422, body: { errores: [{ campo: 'unidadId' }] } });
    expect((await post(asA, '/api/v1/personal', { email: responsableB.email, nombre: 'Nadie Nadie', rol: 'oficial' })).status).toBe(409);
    expect((await post(asA, '/api/v1/personal', { email: newEmail('y'), nombre: 'Nadie Nadie', rol: 'coordinador' })).status).toBe(422);
    expect((await post(asA, `/api/v1/personal/${responsableA.id}/desactivar`)).status).toBe(409);
  });

  it('lets an administrator invite a responsable for any entity', async () => {
    const admin = await createTestStaff(h.dataSource, { rol: 'administrador', entidadId: null });
    const asAdmin = await signIn(h, admin.email, admin.password);
    const email = newEmail('resp');
    const missing = await post(asAdmin, '/api/v1/personal', { email, nombre: 'Rosa Huamán Flores', rol: 'responsable_titular' });
    expect(missing).toMatchObject({ status: 422, body: { errores: [{ campo: 'entidadId' }] } });
    const ok = await post(asAdmin, '/api/v1/personal', { email, nombre: 'Rosa Huamán Flores', rol: 'responsable_titular', entidadId: entidadB.id });
    expect(ok).toMatchObject({ status: 201, body: { miembro: { entidadId: entidadB.id, rol: 'responsable_titular', estado: 'invitado' } } });
    expect((await post(asAdmin, '/api/v1/personal', { email: newEmail('of'), nombre: 'Nadie Nadie', rol: 'oficial', entidadId: entidadB.id })).status).toBe(403);
    const listB = await api(h, 'GET', `/api/v1/personal?entidad=${entidadB.id}`, { cookie: asAdmin.cookie });
    expect((listB.body.personal as Array<{ email: string }>).map((m) => m.email)).toContain(email);
  });
});
