import { EstadoReclamo } from '@app/domain';
import { verifyAuditChain } from '@app/expediente';
import { insertReclamo } from '../support/atencion-factory';
import { api, BackofficeHarness, createTestStaff, getPage, Json, postForm, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';
import { createTestEntidad, uniqueCode } from '../support/db';

/**
 * Data protection over time (issue #14) through the back-office: the retention setting on the entity's
 * configuration (API and page, the floor refused naming the field) and the administrators' access request
 * (Ley 29733 art. 19): every case of one person across entities, nothing of another person with a near
 * document or the same name, audited without the number; any other role gets 404.
 */
describe('retention setting and the access request of a person (Ley 29733)', () => {
  let h: BackofficeHarness;
  let admin: SignedIn;
  let responsable: SignedIn;
  let coordinador: SignedIn;
  let e1: { id: string; codigo: string };
  let e2: { id: string; codigo: string };
  let adminId: string;
  // A document of this run's own (other files use 45871236), and its neighbour.
  const dni = `4${String(Date.now() % 10_000_000).padStart(7, '0')}`;
  const vecino = String(Number(dni) + 1);
  const casos: Record<string, { id: string; codigo: string }> = {};

  beforeAll(async () => {
    h = await startBackofficeApp(new Date('2026-11-23T15:00:00Z'));
    e1 = await createTestEntidad(h.dataSource, uniqueCode('RTA'));
    e2 = await createTestEntidad(h.dataSource, uniqueCode('RTB'));
    const a = await createTestStaff(h.dataSource, { rol: 'administrador', entidadId: null });
    adminId = a.id;
    const r = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: e1.id });
    const c = await createTestStaff(h.dataSource, { rol: 'coordinador', entidadId: null });
    [admin, responsable, coordinador] = await Promise.all([signIn(h, a.email, a.password), signIn(h, r.email, r.password), signIn(h, c.email, c.password)]);
    expect([admin.status, responsable.status, coordinador.status]).toEqual([200, 200, 200]);
    const persona = { numeroDocumento: dni, nombres: 'Rosa Amelia', apellidos: 'Condori Mamani', email: 'rosa.condori@example.pe' };
    casos.p1 = await insertReclamo(h.dataSource, e1, { ...persona, estado: EstadoReclamo.EN_ATENCION });
    casos.p2 = await insertReclamo(h.dataSource, e1, { ...persona, estado: EstadoReclamo.REGISTRADO });
    casos.p3 = await insertReclamo(h.dataSource, e2, { ...persona, estado: EstadoReclamo.REGISTRADO });
    // Another person: the next DNI, the same names.
    casos.otro = await insertReclamo(h.dataSource, e1, { ...persona, numeroDocumento: vecino, email: 'otra.rosa@example.pe' });
    // A case of the same person already purged: its data no longer exists, so it is not found.
    casos.purgado = await insertReclamo(h.dataSource, e2, { ...persona });
    await h.dataSource.query(`UPDATE reclamo_persona SET numero_documento = '', nombres = NULL, apellidos = NULL, email = NULL WHERE reclamo_id = $1`, [casos.purgado.id]);
    await h.dataSource.query(`UPDATE reclamo SET datos_purgados_en = now() WHERE id = $1`, [casos.purgado.id]);
    await h.dataSource.query(
      `INSERT INTO outbox (entidad_id, reclamo_id, tipo, destinatario, datos, estado, enviado_en) VALUES ($1, $2, 'acuse_recibo', 'rosa.condori@example.pe', '{}', 'enviado', now())`,
      [e1.id, casos.p1.id],
    );
  });
  afterAll(async () => {
    await h.close();
  });

  const solicitudesDe = async (actorId: string): Promise<Array<{ documento_hmac: string; casos: number; tipo_documento: string; formato: string; ip: string | null }>> =>
    h.dataSource.query(`SELECT documento_hmac, casos, tipo_documento, formato, ip FROM solicitud_acceso_datos WHERE actor_id = $1 ORDER BY ocurrido_en`, [actorId]);

  it('finds every case of the person across two entities, and nothing of another person; audited without the number', async () => {
    const res = await api(h, 'POST', '/api/v1/admin/acceso-datos', {
      cookie: admin.cookie, csrf: admin.csrfToken, body: { tipoDocumento: 'DNI', numeroDocumento: `${dni.slice(0, 2)}.${dni.slice(2, 5)}.${dni.slice(5)}` },
    });
    expect(res.status).toBe(200);
    expect(res.body.numeroDocumento).toBe(dni);
    const codigos = (res.body.casos as Array<{ codigo: string }>).map((c) => c.codigo).sort();
    expect(codigos).toEqual([casos.p1.codigo, casos.p2.codigo, casos.p3.codigo].sort());
    expect(new Set((res.body.casos as Array<{ entidad: { codigo: string } }>).map((c) => c.entidad.codigo))).toEqual(new Set([e1.codigo, e2.codigo]));
    const texto = JSON.stringify(res.body);
    expect(texto).not.toContain(vecino);
    expect(texto).not.toContain('otra.rosa@example.pe');
    const p1 = (res.body.casos as Json[]).find((c) => c.codigo === casos.p1.codigo);
    expect(p1).toMatchObject({
      comoPersona: [{ rol: 'reclamante', numeroDocumento: dni, nombres: 'Rosa Amelia', email: 'rosa.condori@example.pe' }],
      mensajes: [{ tipo: 'acuse_recibo', estado: 'enviado', destinatario: 'rosa.condori@example.pe' }],
      adjuntos: [],
    });

    const [solicitud] = await solicitudesDe(adminId);
    expect(solicitud).toMatchObject({ casos: 3, tipo_documento: 'DNI', formato: 'json' });
    expect(solicitud.documento_hmac).toMatch(/^[0-9a-f]{64}$/);
    const entradas: Array<{ reclamo_id: string; actor_id: string; detalle: Record<string, unknown> }> = await h.dataSource.query(
      `SELECT reclamo_id, actor_id, detalle FROM registro_acceso WHERE entidad_id = ANY ($1::uuid[]) AND accion = 'datos_personales_exportados'`,
      [[e1.id, e2.id]],
    );
    expect(entradas.map((e) => e.reclamo_id).sort()).toEqual([casos.p1.id, casos.p2.id, casos.p3.id].sort());
    expect(entradas.every((e) => e.actor_id === adminId && e.detalle.documentoHmac === solicitud.documento_hmac)).toBe(true);
    expect(JSON.stringify([solicitud, entradas])).not.toContain(dni);
    const informe = await verifyAuditChain(h.dataSource, [e1.id, e2.id]);
    expect(informe.fallas).toEqual([]);
  });

  it('another role gets 404 (API and page), and nothing is recorded; bad input is a Spanish 422 naming the field', async () => {
    for (const quien of [responsable, coordinador]) {
      expect((await api(h, 'POST', '/api/v1/admin/acceso-datos', { cookie: quien.cookie, csrf: quien.csrfToken, body: { tipoDocumento: 'DNI', numeroDocumento: dni } })).status).toBe(404);
      expect((await getPage(h, '/admin/acceso-datos', quien.cookie)).status).toBe(404);
      expect((await postForm(h, '/admin/acceso-datos', { _csrf: quien.csrfToken, tipoDocumento: 'DNI', numeroDocumento: dni }, quien.cookie)).status).toBe(404);
    }
    const [{ n }]: Array<{ n: number }> = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM solicitud_acceso_datos s JOIN usuario u ON u.id = s.actor_id WHERE u.rol <> 'administrador'`,
    );
    expect(n).toBe(0);
    const antes = (await solicitudesDe(adminId)).length;
    const corto = await api(h, 'POST', '/api/v1/admin/acceso-datos', { cookie: admin.cookie, csrf: admin.csrfToken, body: { tipoDocumento: 'DNI', numeroDocumento: '123' } });
    expect(corto).toMatchObject({ status: 422, body: { errores: [{ campo: 'numeroDocumento' }] } });
    const tipo = await api(h, 'POST', '/api/v1/admin/acceso-datos', { cookie: admin.cookie, csrf: admin.csrfToken, body: { tipoDocumento: 'LIBRETA', numeroDocumento: dni } });
    expect(tipo).toMatchObject({ status: 422, body: { errores: [{ campo: 'tipoDocumento' }] } });
    expect((await api(h, 'POST', '/api/v1/admin/acceso-datos', { cookie: admin.cookie, body: { tipoDocumento: 'DNI', numeroDocumento: dni } })).status).toBe(403);
    expect(await solicitudesDe(adminId)).toHaveLength(antes);
  });

  it('the page: a form, then the readable answer with every case (recorded as html)', async () => {
    const form = await getPage(h, '/admin/acceso-datos', admin.cookie);
    expect(form.status).toBe(200);
    expect(form.html).toContain('name="numeroDocumento"');
    const page = await postForm(h, '/admin/acceso-datos', { _csrf: admin.csrfToken, tipoDocumento: 'DNI', numeroDocumento: dni }, admin.cookie);
    expect(page.status).toBe(200);
    for (const c of [casos.p1, casos.p2, casos.p3]) expect(page.html).toContain(c.codigo);
    expect(page.html).not.toContain(casos.otro.codigo);
    expect(page.html).not.toContain(casos.purgado.codigo);
    const invalido = await postForm(h, '/admin/acceso-datos', { _csrf: admin.csrfToken, tipoDocumento: 'DNI', numeroDocumento: 'abc' }, admin.cookie);
    expect(invalido.status).toBe(422);
    expect(invalido.html).toContain('Número de documento');
    // The clock is fixed, so requests share their instant: look for the page's own row by its format.
    expect((await solicitudesDe(adminId)).filter((s) => s.formato === 'html')).toEqual([expect.objectContaining({ casos: 3, tipo_documento: 'DNI' })]);
    // The administrator's home links to it, and the link opens.
    const inicio = await getPage(h, '/inicio', admin.cookie);
    expect(inicio.html).toContain('href="/admin/acceso-datos"');
  });

  it('a purged case still opens for its entity\'s staff (page and API), with no personal data and no «null»', async () => {
    const r2 = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: e2.id });
    const quien = await signIn(h, r2.email, r2.password);
    const pagina = await getPage(h, `/casos/${casos.purgado.id}`, quien.cookie);
    expect(pagina.status).toBe(200);
    expect(pagina.html).toContain(casos.purgado.codigo);
    expect(pagina.html).not.toMatch(/Rosa|Condori|null|undefined/);
    const json = await api(h, 'GET', `/api/v1/casos/${casos.purgado.id}`, { cookie: quien.cookie });
    expect(json.status).toBe(200);
    expect(JSON.stringify(json.body)).not.toMatch(/Rosa|Condori/);
  });

  it('the retention period: set above the floor (API and page), refused below it naming the field, audited', async () => {
    const bajo = await api(h, 'PATCH', `/api/v1/configuracion`, { cookie: responsable.cookie, csrf: responsable.csrfToken, body: { retencionMeses: 12 } });
    expect(bajo).toMatchObject({ status: 422, body: { errores: [{ campo: 'retencionMeses', mensaje: expect.stringContaining('24 meses') }] } });
    const [{ meses }]: Array<{ meses: number }> = await h.dataSource.query(`SELECT retencion_meses AS meses FROM entidad WHERE id = $1`, [e1.id]);
    expect(meses).toBe(24);
    const ok = await api(h, 'PATCH', `/api/v1/configuracion`, { cookie: responsable.cookie, csrf: responsable.csrfToken, body: { retencionMeses: 60 } });
    expect(ok).toMatchObject({ status: 200, body: { retencionMeses: 60 } });
    const [entrada]: Array<{ detalle: { antes: { retencionMeses: number }; despues: { retencionMeses: number } } }> = await h.dataSource.query(
      `SELECT detalle FROM auditoria WHERE entidad_id = $1 AND accion = 'ajustes_modificados' ORDER BY secuencia DESC LIMIT 1`, [e1.id]);
    expect(entrada.detalle).toMatchObject({ antes: { retencionMeses: 24 }, despues: { retencionMeses: 60 } });

    // The whole form, as the browser sends it.
    const ajustes = (retencionMeses: string) => ({
      _csrf: responsable.csrfToken, aprobacionRequerida: 'si', umbralesAlerta: '10, 5, 2, 1', subsanacionVencida: 'marcar', subsanacionPausaPlazo: 'no', retencionMeses,
    });
    const pagina = await postForm(h, '/configuracion/ajustes', ajustes('6'), responsable.cookie);
    expect(pagina.status).toBe(422);
    expect(pagina.html).toContain('Conservación de datos personales (meses)');
    expect(pagina.html).toContain('no puede ser menor que 24 meses');
    expect(pagina.html.match(/class="error-message"/g)).toHaveLength(1);
    const texto = await postForm(h, '/configuracion/ajustes', ajustes('dos años'), responsable.cookie);
    expect(texto.status).toBe(422);
    expect(texto.html).toContain('indique un número entero de meses');
    const [{ sigue }]: Array<{ sigue: number }> = await h.dataSource.query(`SELECT retencion_meses AS sigue FROM entidad WHERE id = $1`, [e1.id]);
    expect(sigue).toBe(60);
    const guardado = await postForm(h, '/configuracion/ajustes', ajustes('36'), responsable.cookie);
    expect(guardado.status).toBe(303);
    const [{ ahora }]: Array<{ ahora: number }> = await h.dataSource.query(`SELECT retencion_meses AS ahora FROM entidad WHERE id = $1`, [e1.id]);
    expect(ahora).toBe(36);
    const vista = await getPage(h, '/configuracion', responsable.cookie);
    expect(vista.html).toMatch(/id="ajustes-retencionMeses"[^>]*value="36"|value="36"[^>]*id="ajustes-retencionMeses"/);
  });
});
