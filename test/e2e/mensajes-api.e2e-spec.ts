import { createTestEntidad, uniqueCode } from '../support/db';
import { api, BackofficeHarness, createTestStaff, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';

describe('Back-office: a case\'s messages and the failed list (real app, DB and Redis)', () => {
  let h: BackofficeHarness;
  let asA: SignedIn;
  let asB: SignedIn;
  let asAdmin: SignedIn;
  let reclamoId: string;
  let outboxId: string;
  let porRol: Record<'responsable' | 'oficialAsignado' | 'otroOficial' | 'titular' | 'coordinador' | 'administrador', SignedIn>;

  beforeAll(async () => {
    h = await startBackofficeApp(new Date('2026-03-02T14:00:00Z'));
    const a = await createTestEntidad(h.dataSource, uniqueCode('MA'));
    const b = await createTestEntidad(h.dataSource, uniqueCode('MB'));
    // Closed ('notificado'), so its made-up due date never counts among the open reclamos a recompute moves.
    const [reclamo]: Array<{ id: string }> = await h.dataSource.query(
      `INSERT INTO reclamo (entidad_id, codigo, anio, correlativo, estado, registrado_en, fecha_registro_lima, plazo_dias_habiles,
                            vence_el, calendario_version, aspecto, descripcion, notificacion_email)
       VALUES ($1, $2 || '-2026-000001', 2026, 1, 'notificado', now(), '2026-03-02', 30, '2026-04-14', 'prueba', 'informacion',
               'Caso de prueba de mensajes.', true) RETURNING id`,
      [a.id, a.codigo],
    );
    reclamoId = reclamo.id;
    const [row]: Array<{ id: string }> = await h.dataSource.query(
      `INSERT INTO outbox (entidad_id, reclamo_id, tipo, destinatario, datos, estado, intentos, ultimo_error)
       VALUES ($1, $2::uuid, 'acuse_recibo', 'vecina@example.pe', jsonb_build_object('reclamoId', $2::text), 'fallido', 8, '550 5.1.1 Buzón inexistente')
       RETURNING id`,
      [a.id, reclamoId],
    );
    outboxId = row.id;
    const responsableA = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: a.id });
    const responsableB = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: b.id });
    const admin = await createTestStaff(h.dataSource, { rol: 'administrador', entidadId: null });
    asA = await signIn(h, responsableA.email, responsableA.password);
    asB = await signIn(h, responsableB.email, responsableB.password);
    asAdmin = await signIn(h, admin.email, admin.password);
    const asignado = await createTestStaff(h.dataSource, { rol: 'oficial', entidadId: a.id });
    await h.dataSource.query(`UPDATE reclamo SET asignado_a = $2 WHERE id = $1`, [reclamoId, asignado.id]);
    const otroOficial = await createTestStaff(h.dataSource, { rol: 'oficial', entidadId: a.id });
    const titular = await createTestStaff(h.dataSource, { rol: 'titular_entidad', entidadId: a.id });
    const coordinador = await createTestStaff(h.dataSource, { rol: 'coordinador', entidadId: null });
    porRol = {
      responsable: asA,
      oficialAsignado: await signIn(h, asignado.email, asignado.password),
      otroOficial: await signIn(h, otroOficial.email, otroOficial.password),
      titular: await signIn(h, titular.email, titular.password),
      coordinador: await signIn(h, coordinador.email, coordinador.password),
      administrador: asAdmin,
    };
  });
  afterAll(async () => {
    await h.close();
  });

  it('shows a case\'s messages, with the error of a failed one, to its entity only', async () => {
    const own = await api(h, 'GET', `/api/v1/reclamos/${reclamoId}/mensajes`, { cookie: asA.cookie });
    expect(own.status).toBe(200);
    expect(own.body.mensajes).toEqual([
      expect.objectContaining({ id: outboxId, tipo: 'acuse_recibo', estado: 'fallido', intentos: 8, ultimoError: '550 5.1.1 Buzón inexistente' }),
    ]);
    // Should not: another entity's staff get "not found" (as on every reclamo route), and nobody without a session.
    expect(await api(h, 'GET', `/api/v1/reclamos/${reclamoId}/mensajes`, { cookie: asB.cookie })).toMatchObject({
      status: 404,
      body: { codigo: 'RECLAMO_NOT_FOUND' },
    });
    expect((await api(h, 'GET', `/api/v1/reclamos/${reclamoId}/mensajes`)).status).toBe(401);
  });

  it('answers each role as the case itself does; only those who handle the case see the address; every read is audited', async () => {
    const auditadas = async (): Promise<number> =>
      Number((await h.dataSource.query(`SELECT count(*) AS n FROM registro_acceso WHERE reclamo_id = $1 AND accion = 'mensajes_consultados'`, [reclamoId]))[0].n);
    const antes = await auditadas();
    const vistas: Record<string, { caso: number; mensajes: number; destinatario?: unknown; error?: unknown }> = {};
    for (const [rol, who] of Object.entries(porRol)) {
      const caso = await api(h, 'GET', `/api/v1/casos/${reclamoId}`, { cookie: who.cookie });
      const mensajes = await api(h, 'GET', `/api/v1/reclamos/${reclamoId}/mensajes`, { cookie: who.cookie });
      const [m] = (mensajes.body.mensajes ?? []) as Array<{ destinatario: string; ultimoError: string }>;
      vistas[rol] = { caso: caso.status, mensajes: mensajes.status, ...(m ? { destinatario: m.destinatario } : {}) };
    }
    expect(vistas).toEqual({
      responsable: { caso: 200, mensajes: 200, destinatario: 'vecina@example.pe' },
      oficialAsignado: { caso: 200, mensajes: 200, destinatario: 'vecina@example.pe' },
      otroOficial: { caso: 403, mensajes: 403 },
      titular: { caso: 200, mensajes: 200, destinatario: 'v****a@example.pe' },
      coordinador: { caso: 403, mensajes: 403 },
      administrador: { caso: 403, mensajes: 403 },
    });
    // Three reads reached the messages: three audit entries, with who read them.
    expect((await auditadas()) - antes).toBe(3);
  });

  it('lists failed messages and resends one for administrators only', async () => {
    expect((await api(h, 'GET', '/api/v1/admin/mensajes/fallidos', { cookie: asA.cookie })).status).toBe(403);
    const list = await api(h, 'GET', '/api/v1/admin/mensajes/fallidos?limite=500', { cookie: asAdmin.cookie });
    expect(list.status).toBe(200);
    // An administrator runs the platform and handles no reclamo: the address comes masked.
    expect(list.body.mensajes).toEqual(expect.arrayContaining([expect.objectContaining({ id: outboxId, destinatario: 'v****a@example.pe' })]));
    expect(JSON.stringify(list.body)).not.toContain('vecina@example.pe');

    const path = `/api/v1/admin/mensajes/${outboxId}/reenviar`;
    expect((await api(h, 'POST', path, { cookie: asA.cookie, csrf: asA.csrfToken })).status).toBe(403);
    expect(await api(h, 'POST', path, { cookie: asAdmin.cookie, csrf: asAdmin.csrfToken })).toMatchObject({ status: 202, body: { id: outboxId, estado: 'pendiente' } });
    const [row]: Array<{ estado: string; intentos: number }> = await h.dataSource.query(`SELECT estado, intentos FROM outbox WHERE id = $1`, [outboxId]);
    expect(row).toEqual({ estado: 'pendiente', intentos: 0 });
    // Only a failed message can be resent.
    expect((await api(h, 'POST', path, { cookie: asAdmin.cookie, csrf: asAdmin.csrfToken })).status).toBe(404);
  });
});
