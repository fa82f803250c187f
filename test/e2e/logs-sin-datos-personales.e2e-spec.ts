import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import fixture from '../fixtures/reclamo-ejemplo.json';
import type { BackofficeHarness } from '../support/backoffice-harness';
import type { CitizenHarness } from '../support/citizen-harness';

/**
 * Ley 29733 in the logs: the apps run with request logging on (LOG_LEVEL=info) into an in-memory
 * stream; the test files a reclamo (API and form), follows it with the document, opens the
 * receipt and its PDF with the token, looks it up on the tracking page, searches the inbox by
 * name, signs in, and provokes a 500 whose database error carries the hoja's data as SQL
 * parameters. Then every personal datum, token and password used is searched for in what was
 * logged: none may appear. Logging is configured when the modules load, so this file sets
 * LOG_LEVEL first and loads the harnesses afterwards.
 */
describe('logs without personal data', () => {
  const lines: string[] = [];
  const memoria = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const saved = { ...process.env };
  let citizen: CitizenHarness;
  let failing: CitizenHarness;
  let backoffice: BackofficeHarness;
  const secretos: string[] = [];

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'info';
    jest.resetModules();
    const { startCitizenApp } = await import('../support/citizen-harness');
    const { startBackofficeApp } = await import('../support/backoffice-harness');
    const { TrackReclamoUseCase } = await import('@app/reclamos');
    citizen = await startCitizenApp(new Date('2026-11-23T15:00:00Z'), { logDestination: memoria });
    backoffice = await startBackofficeApp(new Date('2026-11-23T15:00:00Z'), { logDestination: memoria });
    // A database error as pg and TypeORM raise it: the failed query's parameters are the hoja's data.
    const parametros = [fixture.nombres, fixture.apellidos, fixture.numeroDocumento, fixture.email, fixture.telefono, fixture.direccion];
    const errorDeBase = Object.assign(new Error('duplicate key value violates unique constraint "uq_prueba_documento"'), {
      code: '23505',
      constraint: 'uq_prueba_documento',
      table: 'reclamo_persona',
      detail: `Key (numero_documento)=(${fixture.numeroDocumento}) already exists.`,
    });
    failing = await startCitizenApp(new Date('2026-11-23T15:00:00Z'), {
      logDestination: memoria,
      overrides: [
        {
          provide: TrackReclamoUseCase,
          useValue: { execute: () => Promise.reject(new QueryFailedError('INSERT INTO reclamo_persona VALUES ($1, $2, $3, $4, $5, $6)', parametros, errorDeBase)) },
        },
      ],
    });
  });
  afterAll(async () => {
    await Promise.all([citizen?.close(), failing?.close(), backoffice?.close()]);
    process.env = saved;
  });

  it('drives every route that carries personal data or a token, then finds none of them in the log', async () => {
    // Filing: the JSON API, then the HTML form (its redirect's Location carries the receipt's token).
    const filed = await fetch(`${citizen.baseUrl}/api/v1/reclamos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fixture) });
    expect(filed.status).toBe(201);
    const { codigo, constanciaUrl, constanciaPdfUrl } = (await filed.json()) as { codigo: string; constanciaUrl: string; constanciaPdfUrl: string };
    const token = new URL(constanciaUrl).searchParams.get('t')!;
    secretos.push(token);

    const { entidad: _entidad, ...hoja } = fixture as Record<string, unknown>;
    const form = new FormData();
    for (const [key, value] of Object.entries(hoja)) form.append(key, typeof value === 'boolean' ? (value ? 'si' : 'no') : String(value));
    form.append('claveEnvio', `logs-${Date.now()}`);
    const viaForm = await fetch(`${citizen.baseUrl}/e/MINEDU`, { method: 'POST', body: form, redirect: 'manual' });
    expect(viaForm.status).toBe(303);
    secretos.push(new URL(viaForm.headers.get('location')!, citizen.baseUrl).searchParams.get('t')!);

    // Tracking by API (the document in the query) and by the page (in the body).
    expect((await fetch(`${citizen.baseUrl}/api/v1/reclamos/${codigo}?documento=${fixture.numeroDocumento}`)).status).toBe(200);
    const page = await fetch(`${citizen.baseUrl}/seguimiento`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ codigo, documento: fixture.numeroDocumento }).toString(),
    });
    expect(page.status).toBe(200);

    // The receipt and its PDF, with the token; a Referer that carries it too.
    for (const url of [constanciaUrl, constanciaPdfUrl]) {
      const { pathname, search } = new URL(url);
      expect((await fetch(`${citizen.baseUrl}${pathname}${search}`, { headers: { referer: url } })).status).toBe(200);
    }

    // The back-office: sign in (password in the body), search the inbox by the filer's name and document.
    const { createTestStaff, signIn, api, getPage } = await import('../support/backoffice-harness');
    const [minedu]: Array<{ id: string }> = await backoffice.dataSource.query(`SELECT id FROM entidad WHERE codigo = 'MINEDU'`);
    const staff = await createTestStaff(backoffice.dataSource, { rol: 'responsable_titular', entidadId: minedu.id });
    secretos.push(staff.password);
    const session = await signIn(backoffice, staff.email, staff.password);
    expect(session.status).toBe(200);
    secretos.push(session.csrfToken, session.cookie.replace(/^sesion=/, ''));
    const q = encodeURIComponent(`${fixture.nombres} ${fixture.apellidos}`);
    expect((await api(backoffice, 'GET', `/api/v1/bandeja?q=${q}&estado=registrado`, { cookie: session.cookie })).status).toBe(200);
    expect((await api(backoffice, 'GET', `/api/v1/bandeja?q=${fixture.numeroDocumento}`, { cookie: session.cookie })).status).toBe(200);
    expect((await getPage(backoffice, `/bandeja?q=${q}`, session.cookie)).status).toBe(200);

    // A 500 whose database error carries the hoja's data.
    const roto = await fetch(`${failing.baseUrl}/api/v1/reclamos/${codigo}?documento=${fixture.numeroDocumento}`);
    expect(roto.status).toBe(500);
    const { errorId } = (await roto.json()) as { errorId: string };

    const log = lines.join('');
    // What was logged is there: the request lines and the 500 with its id and SQL code.
    expect(log).toContain(`/api/v1/reclamos/${codigo}?documento=[oculto]`);
    expect(log).toContain('/bandeja?q=[oculto]&estado=registrado');
    expect(log).toContain('constancia?t=[oculto]');
    const errorLine = lines.find((line) => line.includes(errorId));
    expect(errorLine).toBeDefined();
    expect(JSON.parse(errorLine!)).toMatchObject({ err: { type: 'QueryFailedError', code: '23505', constraint: 'uq_prueba_documento', table: 'reclamo_persona' } });

    const personales = [
      fixture.numeroDocumento,
      fixture.nombres,
      'María',
      'Quispe',
      'Huam',
      fixture.email,
      'maria.quispe',
      fixture.telefono,
      'Larco',
      fixture.descripcion.slice(0, 30),
      fixture.pedido.slice(0, 30),
    ];
    const encontrados = [...personales, ...secretos].filter((dato) => log.toLowerCase().includes(dato.toLowerCase()));
    expect(encontrados).toEqual([]);
  });
});
