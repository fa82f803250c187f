import { createHash } from 'node:crypto';
import { createTestEntidad, uniqueCode } from '../support/db';
import {
  api,
  BackofficeHarness,
  createTestStaff,
  getPage,
  postForm,
  signIn,
  startBackofficeApp,
  TestStaff,
  tokenFromOutbox,
} from '../support/backoffice-harness';

const T0 = new Date('2026-03-02T14:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const WRONG = 'Correo o contraseña incorrectos.';

describe('Back-office access: sessions, lock-out, CSRF, password reset (real app, DB and Redis)', () => {
  let h: BackofficeHarness;
  let entidadId: string;

  beforeAll(async () => {
    h = await startBackofficeApp(T0);
    entidadId = (await createTestEntidad(h.dataSource, uniqueCode('ACC'))).id;
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => h.clock.set(T0));

  const staff = (rol: 'oficial' | 'responsable_titular' = 'oficial'): Promise<TestStaff> => createTestStaff(h.dataSource, { rol, entidadId });

  describe('sign-in', () => {
    it('opens a server-side session: the HTTP-only cookie holds a signed random id, never the user id', async () => {
      const user = await staff();
      const session = await signIn(h, user.email.toUpperCase(), user.password);
      expect(session.status).toBe(200);
      expect(session.body.usuario).toMatchObject({ id: user.id, email: user.email, rol: 'oficial', entidadId });
      expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const setCookie = session.headers.getSetCookie().find((c) => c.startsWith('sesion='))!;
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Lax/i);
      expect(setCookie).not.toContain(user.id);

      const secret = decodeURIComponent(session.cookie.slice('sesion='.length)).split('.')[0];
      const [row]: Array<{ id: string; usuario_id: string; expires_at: Date; revoked_at: Date | null }> = await h.dataSource.query(
        `SELECT id, usuario_id, expires_at, revoked_at FROM sesion WHERE usuario_id = $1`,
        [user.id],
      );
      // The table keeps the SHA-256 of the cookie's secret, not the secret.
      expect(row.id).toBe(createHash('sha256').update(secret).digest('hex'));
      expect(row).toMatchObject({ revoked_at: null, expires_at: minutes(8 * 60) });

      const current = await api(h, 'GET', '/api/v1/sesion', { cookie: session.cookie });
      expect(current.status).toBe(200);
      expect(current.body).toMatchObject({ usuario: { id: user.id }, csrfToken: session.csrfToken });
    });

    it('refuses a wrong password and an unknown e-mail with the same Spanish message', async () => {
      const user = await staff();
      const wrong = await signIn(h, user.email, 'otra-clave-cualquiera');
      const unknown = await signIn(h, `nadie.${uniqueCode('X')}@pruebas.gob.pe`, 'otra-clave-cualquiera');
      expect(wrong).toMatchObject({ status: 401, body: { codigo: 'UNAUTHENTICATED', mensaje: WRONG }, cookie: '' });
      expect(unknown).toMatchObject({ status: 401, body: { codigo: 'UNAUTHENTICATED', mensaje: WRONG }, cookie: '' });
    });

    it('refuses a cookie whose signature was tampered with, and a made-up session', async () => {
      const user = await staff();
      const { cookie } = await signIn(h, user.email, user.password);
      const tampered = cookie.replace(/\.[^.]+$/, '.firmaFalsa');
      expect((await api(h, 'GET', '/api/v1/sesion', { cookie: tampered })).status).toBe(401);
      expect((await api(h, 'GET', '/api/v1/sesion', { cookie: `sesion=${'A'.repeat(43)}` })).status).toBe(401);
    });

    it('ends the session after 8 hours', async () => {
      const user = await staff();
      const { cookie } = await signIn(h, user.email, user.password);
      h.clock.set(minutes(8 * 60 - 1));
      expect((await api(h, 'GET', '/api/v1/sesion', { cookie })).status).toBe(200);
      h.clock.set(minutes(8 * 60));
      expect((await api(h, 'GET', '/api/v1/sesion', { cookie })).body).toMatchObject({ codigo: 'UNAUTHENTICATED', mensaje: 'Inicie sesión para continuar.' });
    });
  });

  describe('lock-out', () => {
    it('locks the account for 15 minutes after 5 failures, refuses even the right password meanwhile, then unlocks', async () => {
      const user = await staff();
      for (let i = 1; i <= 4; i++) {
        h.clock.set(minutes(i));
        expect((await signIn(h, user.email, `mala-${i}-clave-xx`)).status).toBe(401);
      }
      h.clock.set(minutes(5));
      const fifth = await signIn(h, user.email, 'mala-5-clave-xx');
      expect(fifth).toMatchObject({ status: 429, body: { codigo: 'SIGN_IN_LOCKED' } });
      expect(fifth.body.mensaje).toMatch(/bloqueado temporalmente.*15 minutos/);

      h.clock.set(minutes(19));
      expect(await signIn(h, user.email, user.password)).toMatchObject({ status: 429, cookie: '' });
      const [locked]: Array<{ locked_until: Date }> = await h.dataSource.query(`SELECT locked_until FROM usuario WHERE id = $1`, [user.id]);
      expect(locked.locked_until).toEqual(minutes(20));

      h.clock.set(minutes(20));
      const ok = await signIn(h, user.email, user.password);
      expect(ok.status).toBe(200);
      const [reset]: Array<{ failed_attempts: number; locked_until: Date | null }> = await h.dataSource.query(
        `SELECT failed_attempts, locked_until FROM usuario WHERE id = $1`,
        [user.id],
      );
      expect(reset).toEqual({ failed_attempts: 0, locked_until: null });
    });

    it('resets the count on success, so failures spread over sign-ins do not lock', async () => {
      const user = await staff();
      for (let i = 0; i < 4; i++) expect((await signIn(h, user.email, 'mala-clave-1234')).status).toBe(401);
      expect((await signIn(h, user.email, user.password)).status).toBe(200);
      for (let i = 0; i < 4; i++) expect((await signIn(h, user.email, 'mala-clave-1234')).status).toBe(401);
      expect((await signIn(h, user.email, user.password)).status).toBe(200);
    });

    it('does not reveal whether the account exists: an unknown e-mail locks with the same message', async () => {
      const user = await staff();
      const unknown = `nadie.${uniqueCode('L')}@pruebas.gob.pe`.toLowerCase();
      const answers = { known: [] as string[], unknown: [] as string[] };
      for (let i = 0; i < 6; i++) {
        const a = await signIn(h, user.email, 'mala-clave-1234');
        const b = await signIn(h, unknown, 'mala-clave-1234');
        answers.known.push(`${a.status} ${a.body.mensaje}`);
        answers.unknown.push(`${b.status} ${b.body.mensaje}`);
      }
      expect(answers.unknown).toEqual(answers.known);
      expect(answers.known.slice(4)).toEqual([expect.stringMatching(/^429 /), expect.stringMatching(/^429 /)]);
    });
  });

  describe('CSRF', () => {
    it('refuses a state-changing call without the token or with a wrong one (403, Spanish), accepts the right one', async () => {
      const user = await staff();
      const me = await signIn(h, user.email, user.password);
      const other = await signIn(h, user.email, user.password);

      const none = await api(h, 'POST', '/api/v1/sesion/cerrar-todas', { cookie: me.cookie });
      expect(none).toMatchObject({ status: 403, body: { codigo: 'CSRF_INVALID' } });
      expect(none.body.mensaje).toMatch(/código de seguridad/);
      expect((await api(h, 'POST', '/api/v1/sesion/cerrar-todas', { cookie: me.cookie, csrf: 'token-inventado' })).status).toBe(403);
      // Another session's token is not this session's token.
      expect((await api(h, 'POST', '/api/v1/sesion/cerrar-todas', { cookie: me.cookie, csrf: other.csrfToken })).status).toBe(403);
      expect((await api(h, 'DELETE', '/api/v1/sesion', { cookie: me.cookie })).status).toBe(403);
      // Nothing was revoked by the refused calls.
      expect((await api(h, 'GET', '/api/v1/sesion', { cookie: me.cookie })).status).toBe(200);

      const ok = await api(h, 'POST', '/api/v1/sesion/cerrar-todas', { cookie: me.cookie, csrf: me.csrfToken });
      expect(ok).toMatchObject({ status: 200, body: { sesionesCerradas: 2 } });
    });

    it('guards every cookie-authenticated write, e.g. inviting staff', async () => {
      const responsable = await staff('responsable_titular');
      const { cookie, csrfToken } = await signIn(h, responsable.email, responsable.password);
      const body = { email: `csrf.${uniqueCode('I')}@pruebas.gob.pe`.toLowerCase(), nombre: 'Ana Prueba', rol: 'oficial' };
      expect((await api(h, 'POST', '/api/v1/personal', { cookie, body })).status).toBe(403);
      expect((await api(h, 'POST', '/api/v1/personal', { cookie, body, csrf: csrfToken })).status).toBe(201);
    });

    it('refuses a page form posted without its hidden _csrf field', async () => {
      const user = await staff();
      const { cookie } = await signIn(h, user.email, user.password);
      const refused = await postForm(h, '/salir', {}, cookie);
      expect(refused.status).toBe(403);
      expect(refused.html).toContain('código de seguridad');
      expect((await api(h, 'GET', '/api/v1/sesion', { cookie })).status).toBe(200);
    });
  });

  describe('sign-out', () => {
    it('signs out this browser only', async () => {
      const user = await staff();
      const a = await signIn(h, user.email, user.password);
      const b = await signIn(h, user.email, user.password);
      const out = await api(h, 'DELETE', '/api/v1/sesion', { cookie: a.cookie, csrf: a.csrfToken });
      expect(out.status).toBe(204);
      expect(out.headers.getSetCookie().join()).toMatch(/sesion=;/);
      expect((await api(h, 'GET', '/api/v1/sesion', { cookie: a.cookie })).status).toBe(401);
      expect((await api(h, 'GET', '/api/v1/sesion', { cookie: b.cookie })).status).toBe(200);
    });

    it('signs out everywhere: every session of the member stops working, other members keep theirs', async () => {
      const user = await staff();
      const colleague = await staff();
      const sessions = [await signIn(h, user.email, user.password), await signIn(h, user.email, user.password), await signIn(h, user.email, user.password)];
      const theirs = await signIn(h, colleague.email, colleague.password);
      const out = await api(h, 'POST', '/api/v1/sesion/cerrar-todas', { cookie: sessions[1].cookie, csrf: sessions[1].csrfToken });
      expect(out.body).toEqual({ sesionesCerradas: 3 });
      for (const s of sessions) expect((await api(h, 'GET', '/api/v1/sesion', { cookie: s.cookie })).status).toBe(401);
      expect((await api(h, 'GET', '/api/v1/sesion', { cookie: theirs.cookie })).status).toBe(200);
    });
  });

  describe('password reset', () => {
    const outboxCount = async (destinatario: string): Promise<number> => {
      const [row]: Array<{ n: number }> = await h.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE destinatario = $1`, [destinatario]);
      return row.n;
    };

    it('answers 202 alike for an unknown e-mail and records no message', async () => {
      const user = await staff();
      const unknown = `nadie.${uniqueCode('R')}@pruebas.gob.pe`.toLowerCase();
      const a = await api(h, 'POST', '/api/v1/sesion/restablecer', { body: { email: unknown } });
      const b = await api(h, 'POST', '/api/v1/sesion/restablecer', { body: { email: user.email } });
      expect(a).toMatchObject({ status: 202 });
      expect(b.status).toBe(202);
      expect(a.body).toEqual(b.body);
      expect(await outboxCount(unknown)).toBe(0);
      expect(await outboxCount(user.email)).toBe(1);
    });

    it('full flow: e-mailed single-use token (stored hashed), policy in Spanish, sessions revoked, new password works', async () => {
      const user = await staff();
      const before = await signIn(h, user.email, user.password);
      expect((await api(h, 'POST', '/api/v1/sesion/restablecer', { body: { email: user.email } })).status).toBe(202);

      const [message]: Array<{ tipo: string; destinatario: string; datos: Record<string, string>; entidad_id: string }> = await h.dataSource.query(
        `SELECT tipo, destinatario, datos, entidad_id FROM outbox WHERE destinatario = $1`,
        [user.email],
      );
      expect(message).toMatchObject({ tipo: 'restablecer_password', destinatario: user.email, entidad_id: entidadId });
      expect(message.datos).toMatchObject({ usuarioId: user.id, enlace: expect.stringMatching(/^https?:\/\/[^/]+\/restablecer\?token=[A-Za-z0-9_-]{43}$/) });
      const token = await tokenFromOutbox(h.dataSource, 'restablecer_password', user.email);
      const [stored]: Array<{ token_hash: string; expires_at: Date; used_at: Date | null }> = await h.dataSource.query(
        `SELECT token_hash, expires_at, used_at FROM token_usuario WHERE usuario_id = $1`,
        [user.id],
      );
      expect(stored).toEqual({ token_hash: createHash('sha256').update(token).digest('hex'), expires_at: minutes(60), used_at: null });

      const weak = await api(h, 'POST', '/api/v1/sesion/restablecer/confirmar', { body: { token, password: 'corta' } });
      expect(weak).toMatchObject({ status: 422, body: { errores: [{ campo: 'password', mensaje: 'La contraseña debe tener al menos 12 caracteres.' }] } });

      const nueva = 'una-frase-nueva-y-larga';
      const done = await api(h, 'POST', '/api/v1/sesion/restablecer/confirmar', { body: { token, password: nueva } });
      expect(done.status).toBe(200);
      expect((await api(h, 'GET', '/api/v1/sesion', { cookie: before.cookie })).status).toBe(401);
      expect((await signIn(h, user.email, user.password)).status).toBe(401);
      expect((await signIn(h, user.email, nueva)).status).toBe(200);

      const again = await api(h, 'POST', '/api/v1/sesion/restablecer/confirmar', { body: { token, password: 'otra-frase-mas-larga' } });
      expect(again).toMatchObject({ status: 422, body: { errores: [{ campo: 'token' }] } });
      expect(again.body.errores[0].mensaje).toMatch(/no es válido, ya se usó o venció/);
    });

    it('refuses an expired token (after 1 hour)', async () => {
      const user = await staff();
      await api(h, 'POST', '/api/v1/sesion/restablecer', { body: { email: user.email } });
      const token = await tokenFromOutbox(h.dataSource, 'restablecer_password', user.email);
      h.clock.set(minutes(60));
      const expired = await api(h, 'POST', '/api/v1/sesion/restablecer/confirmar', { body: { token, password: 'una-frase-nueva-y-larga' } });
      expect(expired).toMatchObject({ status: 422, body: { errores: [{ campo: 'token' }] } });
      expect((await signIn(h, user.email, user.password)).status).toBe(200);
    });

    it('lifts a lock-out: a locked member can reset and sign in at once', async () => {
      const user = await staff();
      for (let i = 0; i < 5; i++) await signIn(h, user.email, 'mala-clave-1234');
      expect((await signIn(h, user.email, user.password)).status).toBe(429);
      await api(h, 'POST', '/api/v1/sesion/restablecer', { body: { email: user.email } });
      const token = await tokenFromOutbox(h.dataSource, 'restablecer_password', user.email);
      await api(h, 'POST', '/api/v1/sesion/restablecer/confirmar', { body: { token, password: 'una-frase-nueva-y-larga' } });
      expect((await signIn(h, user.email, 'una-frase-nueva-y-larga')).status).toBe(200);
    });
  });

  describe('pages (no JavaScript)', () => {
    it('signs in through the form, shows the landing with name, role and entity, and signs out with the hidden token', async () => {
      const user = await staff('responsable_titular');
      const form = await getPage(h, '/ingresar');
      expect(form.status).toBe(200);
      expect(form.html).toContain('<form method="post" action="/ingresar"');
      expect(form.html).toContain('autocomplete="current-password"');

      const empty = await postForm(h, '/ingresar', { email: '', password: '' });
      expect(empty.status).toBe(422);
      expect(empty.html).toContain('id="error-summary"');
      expect(empty.html).toContain('href="#email"');

      const wrong = await postForm(h, '/ingresar', { email: user.email, password: 'no-es-esta-clave' });
      expect(wrong.status).toBe(401);
      expect(wrong.html).toContain(WRONG);

      const ok = await postForm(h, '/ingresar', { email: user.email, password: user.password });
      expect(ok).toMatchObject({ status: 303, location: '/inicio' });
      const cookie = ok.cookie!;
      const home = await getPage(h, '/inicio', cookie);
      expect(home.status).toBe(200);
      expect(home.html).toContain(user.nombre);
      expect(home.html).toContain('Responsable del libro (titular)');
      expect(home.html).toMatch(/Entidad de prueba ACC/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(home.html)![1];

      const out = await postForm(h, '/salir', { _csrf: csrf }, cookie);
      expect(out).toMatchObject({ status: 303, location: '/ingresar?aviso=salida' });
      expect(await getPage(h, '/inicio', cookie)).toMatchObject({ status: 303, location: '/ingresar' });
    });

    it('"close all my sessions" from the landing page', async () => {
      const user = await staff();
      const elsewhere = await signIn(h, user.email, user.password);
      const ok = await postForm(h, '/ingresar', { email: user.email, password: user.password });
      const home = await getPage(h, '/inicio', ok.cookie!);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(home.html)![1];
      const out = await postForm(h, '/salir', { _csrf: csrf, todas: 'si' }, ok.cookie!);
      expect(out.location).toBe('/ingresar?aviso=salida-todas');
      expect((await api(h, 'GET', '/api/v1/sesion', { cookie: elsewhere.cookie })).status).toBe(401);
    });

    it('resets a password through the pages', async () => {
      const user = await staff();
      const request = await postForm(h, '/restablecer', { email: user.email });
      expect(request.status).toBe(202);
      expect(request.html).toContain('Revise su correo');
      const token = await tokenFromOutbox(h.dataSource, 'restablecer_password', user.email);

      const form = await getPage(h, `/restablecer?token=${token}`);
      expect(form.html).toContain(`name="token" value="${token}"`);
      const mismatch = await postForm(h, '/restablecer', { token, password: 'una-frase-nueva-y-larga', password2: 'otra' });
      expect(mismatch.status).toBe(422);
      expect(mismatch.html).toContain('las dos contraseñas no coinciden');
      const done = await postForm(h, '/restablecer', { token, password: 'una-frase-nueva-y-larga', password2: 'una-frase-nueva-y-larga' });
      expect(done).toMatchObject({ status: 303, location: '/ingresar?aviso=password-cambiada' });
      expect((await signIn(h, user.email, 'una-frase-nueva-y-larga')).status).toBe(200);
    });

    it('sends a signed-out visitor of /inicio to /ingresar', async () => {
      expect(await getPage(h, '/inicio')).toMatchObject({ status: 303, location: '/ingresar' });
      expect(await getPage(h, '/')).toMatchObject({ status: 303, location: '/ingresar' });
    });
  });
});
