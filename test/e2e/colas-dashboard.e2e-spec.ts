import { createTestEntidad, uniqueCode } from '../support/db';
import { BackofficeHarness, createTestStaff, getPage, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';

describe('Back-office: the queue dashboard (bull-board) at /admin/colas, administrators only', () => {
  let h: BackofficeHarness;
  let asAdmin: SignedIn;
  let asOficial: SignedIn;
  let asResponsable: SignedIn;

  beforeAll(async () => {
    h = await startBackofficeApp();
    const entidad = await createTestEntidad(h.dataSource, uniqueCode('COL'));
    const admin = await createTestStaff(h.dataSource, { rol: 'administrador', entidadId: null });
    const oficial = await createTestStaff(h.dataSource, { rol: 'oficial', entidadId: entidad.id });
    const responsable = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: entidad.id });
    asAdmin = await signIn(h, admin.email, admin.password);
    asOficial = await signIn(h, oficial.email, oficial.password);
    asResponsable = await signIn(h, responsable.email, responsable.password);
  });
  afterAll(async () => {
    await h.close();
  });

  const json = async (path: string, cookie?: string, method = 'GET') => {
    const response = await fetch(`${h.baseUrl}${path}`, { method, headers: { accept: 'application/json', ...(cookie ? { cookie } : {}) }, redirect: 'manual' });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('an administrator gets the dashboard page and its API lists the notifications and deadlines queues', async () => {
    const page = await getPage(h, '/admin/colas', asAdmin.cookie);
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/^<!DOCTYPE html>/i);
    expect(page.html).toContain('<base href="/admin/colas/"');
    const queues = await json('/admin/colas/api/queues', asAdmin.cookie);
    expect(queues.status).toBe(200);
    const names = (queues.body.queues as Array<{ name: string; readOnlyMode: boolean }>).map((q) => [q.name, q.readOnlyMode]);
    expect(names).toEqual(expect.arrayContaining([['notifications', true], ['deadlines', true]]));
    // Its static files come from bull-board's own (encapsulated) @fastify/static.
    const asset = /href="(static\/css\/[^"]+)"/.exec(page.html)?.[1];
    expect(asset).toBeDefined();
    expect((await fetch(`${h.baseUrl}/admin/colas/${asset}`, { headers: { cookie: asAdmin.cookie } })).status).toBe(200);
  });

  it('should not: staff of an entity get 404 (page, API and static files), as if it did not exist', async () => {
    for (const who of [asOficial, asResponsable]) {
      expect((await getPage(h, '/admin/colas', who.cookie)).status).toBe(404);
      expect(await json('/admin/colas/api/queues', who.cookie)).toMatchObject({ status: 404, body: { codigo: 'HTTP_404' } });
      expect((await getPage(h, '/admin/colas/static/css/x.css', who.cookie)).status).toBe(404);
    }
  });

  it('should not: without a session a browser is sent to sign in and the API answers 401', async () => {
    const page = await getPage(h, '/admin/colas');
    expect(page.status).toBe(303);
    expect(page.location).toBe('/ingresar');
    expect(await json('/admin/colas/api/queues')).toMatchObject({ status: 401, body: { codigo: 'UNAUTHENTICATED' } });
    expect((await json('/admin/colas/api/queues', 'sesion=forjada.firma')).status).toBe(401);
  });

  it('should not: a state-changing request without the anti-CSRF token is refused, even for an administrator', async () => {
    expect(await json('/admin/colas/api/queues/notifications/pause', asAdmin.cookie, 'PUT')).toMatchObject({ status: 403, body: { codigo: 'CSRF_INVALID' } });
  });

  it('a signed-out session no longer opens it', async () => {
    const admin = await createTestStaff(h.dataSource, { rol: 'administrador', entidadId: null });
    const session = await signIn(h, admin.email, admin.password);
    expect((await getPage(h, '/admin/colas', session.cookie)).status).toBe(200);
    const out = await fetch(`${h.baseUrl}/api/v1/sesion`, { method: 'DELETE', headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken } });
    expect(out.status).toBeLessThan(300);
    expect(await json('/admin/colas/api/queues', session.cookie)).toMatchObject({ status: 401 });
  });
});
