import { createHmac } from 'node:crypto';
import { ReceiptTokens } from '@app/reclamos';
import fixture from '../fixtures/reclamo-ejemplo.json';
import { insertReclamo } from '../support/atencion-factory';
import { api, BackofficeHarness, createTestStaff, getPage, Json, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, uniqueCode } from '../support/db';

/**
 * Holes a probe found around access: receipts whose token anyone could compute, a queue dashboard
 * that answered a non-administrator with the server's internals, a sign-in another site could post,
 * and personal data in JSON a cache could keep.
 */

/** SESSION_SECRET's development default, as written in libs/platform/src/config/environment.ts: public. */
const SECRETO_PUBLICADO = 'desarrollo-local-cambie-este-secreto-en-produccion-0123456789';
/** The token as the former code computed it: an HMAC of the código with SESSION_SECRET. */
const tokenConSecretoPublicado = (codigo: string, proposito: 'constancia' | 'encuesta' = 'constancia') =>
  createHmac('sha256', SECRETO_PUBLICADO).update(`${proposito}:${codigo}`).digest('base64url').slice(0, 32);

describe('confianza: receipts, the queue dashboard, sign-in from other sites, caches', () => {
  let citizen: CitizenHarness;
  let backoffice: BackofficeHarness;
  let entidad: { id: string; codigo: string };
  let reclamoId: string;
  let asResponsable: SignedIn;

  beforeAll(async () => {
    citizen = await startCitizenApp(new Date('2026-11-23T15:00:00Z'));
    backoffice = await startBackofficeApp();
    entidad = await createTestEntidad(backoffice.dataSource, uniqueCode('CNF'));
    reclamoId = (await insertReclamo(backoffice.dataSource, entidad)).id;
    const responsable = await createTestStaff(backoffice.dataSource, { rol: 'responsable_titular', entidadId: entidad.id });
    asResponsable = await signIn(backoffice, responsable.email, responsable.password);
  });
  afterAll(async () => {
    await citizen.close();
    await backoffice.close();
  });

  describe('receipts and surveys', () => {
    it('should not: a token computed with the secret published in the source opens a receipt', async () => {
      const filed = await fetch(`${citizen.baseUrl}/api/v1/reclamos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fixture) });
      expect(filed.status).toBe(201);
      const { codigo, constanciaUrl } = (await filed.json()) as { codigo: string; constanciaUrl: string };
      const legitimo = new URL(constanciaUrl);
      expect((await fetch(`${citizen.baseUrl}${legitimo.pathname}${legitimo.search}`)).status).toBe(200);

      const forjado = tokenConSecretoPublicado(codigo);
      expect(legitimo.searchParams.get('t')).not.toBe(forjado);
      expect((await fetch(`${citizen.baseUrl}/reclamos/${codigo}/constancia?t=${forjado}`)).status).toBe(404);
      expect((await fetch(`${citizen.baseUrl}/reclamos/${codigo}/constancia.pdf?t=${forjado}`)).status).toBe(404);
      // The survey's token has the same key: the published secret does not make it either.
      expect(citizen.app.get(ReceiptTokens).tokenFor(codigo, 'encuesta')).not.toBe(tokenConSecretoPublicado(codigo, 'encuesta'));
    });

    it('the key is the deployment\'s own: 32 random bytes in the database, the same for every app that starts', async () => {
      const [row]: Array<{ clave: Buffer }> = await citizen.dataSource.query(`SELECT clave FROM clave_despliegue WHERE proposito = 'enlaces_ciudadano'`);
      expect(row.clave.length).toBe(32);
      // The back-office (and the worker) build the same links: the answer's loader puts the survey's in the e-mail.
      expect(backoffice.app.get(ReceiptTokens).tokenFor('X-2026-000001')).toBe(citizen.app.get(ReceiptTokens).tokenFor('X-2026-000001'));
    });
  });

  describe('the queue dashboard', () => {
    it('answers a non-administrator\'s browser with the back-office\'s own 404 page, no internals', async () => {
      for (const path of ['/admin/colas', '/admin/colas/', '/admin/colas/api/queues', '/admin/colas/static/x.js']) {
        const response = await fetch(`${backoffice.baseUrl}${path}`, { headers: { accept: 'text/html', cookie: asResponsable.cookie }, redirect: 'manual' });
        const html = await response.text();
        expect(response.status).toBe(404);
        expect(response.headers.get('content-type')).toMatch(/^text\/html/);
        expect(html).toMatch(/<html lang="es"/);
        expect(html).toContain('No encontramos lo que busca');
        expect(html).not.toMatch(/ENOENT|errno|node_modules|\.ejs|stack/i);
      }
    });
  });

  describe('sign-in posted by another site (login CSRF)', () => {
    it('should not: the API signs in from a page of another origin', async () => {
      const staff = await createTestStaff(backoffice.dataSource, { rol: 'oficial', entidadId: entidad.id });
      const response = await fetch(`${backoffice.baseUrl}/api/v1/sesion`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', origin: 'https://atacante.example', 'sec-fetch-site': 'cross-site' },
        body: JSON.stringify({ email: staff.email, password: staff.password }),
      });
      expect(response.status).toBe(403);
      expect(((await response.json()) as Json).codigo).toBe('CSRF_INVALID');
      expect(response.headers.getSetCookie()).toEqual([]);
      const [{ n }]: Array<{ n: string }> = await backoffice.dataSource.query(`SELECT count(*) AS n FROM sesion WHERE usuario_id = $1`, [staff.id]);
      expect(Number(n)).toBe(0);
    });

    it('should not: the sign-in page accepts a form auto-posted from another site; its own form still signs in', async () => {
      const staff = await createTestStaff(backoffice.dataSource, { rol: 'oficial', entidadId: entidad.id });
      const post = (headers: Record<string, string>) =>
        fetch(`${backoffice.baseUrl}/ingresar`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
          body: new URLSearchParams({ email: staff.email, password: staff.password }).toString(),
          redirect: 'manual',
        });
      const foreign = await post({ origin: 'https://atacante.example' });
      expect(foreign.status).toBe(403);
      expect(await foreign.text()).toMatch(/no se envió desde este sitio/);
      expect(foreign.headers.getSetCookie()).toEqual([]);
      expect((await post({ 'sec-fetch-site': 'same-site', origin: 'https://otro.gob.pe' })).status).toBe(403);

      const own = await post({ 'sec-fetch-site': 'same-origin', origin: backoffice.baseUrl });
      expect(own.status).toBe(303);
      expect(own.headers.get('location')).toBe('/inicio');
    });
  });

  describe('JSON with personal data is never cached', () => {
    it('the citizen\'s tracking API and the filing answer (with the receipt token)', async () => {
      const filed = await fetch(`${citizen.baseUrl}/api/v1/reclamos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fixture) });
      expect(filed.headers.get('cache-control')).toBe('private, no-store');
      const { codigo } = (await filed.json()) as { codigo: string };
      const tracked = await fetch(`${citizen.baseUrl}/api/v1/reclamos/${codigo}?documento=${fixture.numeroDocumento}`);
      expect(tracked.status).toBe(200);
      expect(tracked.headers.get('cache-control')).toBe('private, no-store');
    });

    it('the back-office\'s case and inbox API', async () => {
      const caso = await api(backoffice, 'GET', `/api/v1/casos/${reclamoId}`, { cookie: asResponsable.cookie });
      expect(caso.status).toBe(200);
      expect(caso.headers.get('cache-control')).toBe('private, no-store');
      const bandeja = await api(backoffice, 'GET', '/api/v1/bandeja', { cookie: asResponsable.cookie });
      expect(bandeja.status).toBe(200);
      expect(bandeja.headers.get('cache-control')).toBe('private, no-store');
      // The pages already did.
      expect((await getPage(backoffice, '/bandeja', asResponsable.cookie)).status).toBe(200);
    });
  });
});
