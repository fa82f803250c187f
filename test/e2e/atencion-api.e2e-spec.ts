import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { computeDueDate, limaDateOf } from '@app/calendar';
import { verifyAuditChain } from '@app/expediente';
import { EstadoReclamo } from '@app/domain';
import { CalendarRepository, scopeOfEntidad } from '@app/plazos';
import { AttachmentStorage } from '@app/storage';
import fixture from '../fixtures/reclamo-ejemplo.json';
import { reclamoFingerprint, insertReclamo } from '../support/atencion-factory';
import { api, BackofficeHarness, createTestStaff, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';
import { createTestEntidad, uniqueCode } from '../support/db';
import { Mensajeria } from '../support/mensajeria';
import { MultipartEntry, postMultipart, RENAMED_EXE, SMALL_PDF, watchStorage } from '../support/scan-upload';
import { RECLAMO_ROUTE_BODIES, Route, routeTable } from '../support/route-table';

const PASSWORD = 'Reclamos2026!';

/** A valid body for each state-changing reclamo route (shared with the isolation matrix of every back-office route). */
const VALID_BODIES: Record<string, unknown> = RECLAMO_ROUTE_BODIES;

describe('Atención JSON API (real app, DB and Redis; seeded demo accounts)', () => {
  let h: BackofficeHarness;
  let minedu: { id: string; codigo: string; ubigeo: string };
  let responsable: SignedIn;
  let oficial: SignedIn;
  let titular: SignedIn;
  let coordinador: SignedIn;
  let oficialId: string;
  let mensajeria: Mensajeria;

  const post = (who: SignedIn, path: string, body: unknown = {}) => api(h, 'POST', path, { cookie: who.cookie, csrf: who.csrfToken, body });
  const get = (who: SignedIn, path: string) => api(h, 'GET', path, { cookie: who.cookie });

  beforeAll(async () => {
    // Monday 23 November 2026, 10:00 in Lima.
    [h, mensajeria] = await Promise.all([startBackofficeApp(new Date('2026-11-23T15:00:00Z')), Mensajeria.start()]);
    [minedu] = await h.dataSource.query(`SELECT id, codigo, ubigeo FROM entidad WHERE codigo = 'MINEDU'`);
    [{ id: oficialId }] = await h.dataSource.query(`SELECT id FROM usuario WHERE email = 'oficial1@minedu.demo.gob.pe'`);
    responsable = await signIn(h, 'responsable@minedu.demo.gob.pe', PASSWORD);
    oficial = await signIn(h, 'oficial1@minedu.demo.gob.pe', PASSWORD);
    titular = await signIn(h, 'titular@minedu.demo.gob.pe', PASSWORD);
    coordinador = await signIn(h, 'coordinador@sgp.demo.gob.pe', PASSWORD);
    for (const s of [responsable, oficial, titular, coordinador]) expect(s.status).toBe(200);
  });
  afterAll(async () => {
    await Promise.all([h.close(), mensajeria.close()]);
  });

  async function reclamoWithAttachment(estado = EstadoReclamo.REGISTRADO, numeroDocumento = '45871236', entidad: { id: string; codigo: string } = minedu) {
    const reclamo = await insertReclamo(h.dataSource, entidad, { estado, numeroDocumento });
    const bytes = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const stored = await h.app.get(AttachmentStorage).save(Readable.from(bytes), bytes.length);
    const [adjunto]: Array<{ id: string }> = await h.dataSource.query(
      `INSERT INTO adjunto (reclamo_id, nombre_original, tipo_mime, bytes, sha256, clave_almacen) VALUES ($1, 'constancia médica.pdf', 'application/pdf', $2, $3, $4) RETURNING id`,
      [reclamo.id, stored.bytes, stored.sha256, stored.clave],
    );
    return { ...reclamo, adjuntoId: adjunto.id, bytes };
  }

  it('takes a case from registrado to archivado: assign, draft, approval by the responsable only, respond, notify by e-mail, archive', async () => {
    const reclamo = await reclamoWithAttachment();
    const path = `/api/v1/casos/${reclamo.id}`;
    expect(await post(responsable, `${path}/asignar`, { oficialId })).toMatchObject({ status: 200, body: { estado: 'en_atencion' } });
    const draft = await post(oficial, `${path}/respuesta`, {
      hechos: 'La ciudadana esperó tres horas sin información.',
      analisis: 'La ventanilla no informó la demora.',
      medidasAdoptadas: 'Se dispuso informar los tiempos de espera.',
    });
    expect(draft).toMatchObject({ status: 200, body: { estadoRespuesta: 'pendiente_aprobacion' } });
    const denied = await post(oficial, `${path}/respuesta/aprobar`);
    expect(denied).toMatchObject({ status: 403, body: { codigo: 'FORBIDDEN', mensaje: expect.stringMatching(/^Solo el responsable/) } });
    expect(await post(oficial, `${path}/responder`)).toMatchObject({ status: 409, body: { codigo: 'CONFLICT' } });
    expect(await post(responsable, `${path}/respuesta/aprobar`)).toMatchObject({ status: 200, body: { estadoRespuesta: 'aprobada' } });
    expect(await post(oficial, `${path}/responder`)).toMatchObject({ status: 200, body: { estado: 'respondido' } });
    // By e-mail the answer is on its way, not notified: nothing can close the case until the server accepts it.
    expect(await post(oficial, `${path}/notificar`)).toMatchObject({ status: 200, body: { estado: 'notificacion_en_curso', medio: 'email', fecha: null } });
    expect(await post(oficial, `${path}/notificar`)).toMatchObject({ status: 409, body: { codigo: 'INVALID_TRANSITION' } });
    expect(await post(oficial, `${path}/archivar`)).toMatchObject({ status: 409, body: { codigo: 'INVALID_TRANSITION' } });
    expect((await get(responsable, path)).body).toMatchObject({ estado: 'notificacion_en_curso', hoja: { notificadoEl: null }, notificaciones: [] });
    // The worker's send: the real SMTP server accepts it, and only then is the case notified, on that day (Lima).
    expect(await mensajeria.enviar([reclamo.id])).toEqual([{ outboxId: expect.any(String), resultado: { estado: 'enviado', messageId: expect.any(String) } }]);
    const [{ enviado_en: aceptada }]: Array<{ enviado_en: Date }> = await h.dataSource.query(`SELECT enviado_en FROM outbox WHERE reclamo_id = $1`, [reclamo.id]);
    expect((await get(responsable, path)).body).toMatchObject({
      estado: 'notificado',
      hoja: { notificadoEl: limaDateOf(aceptada) },
      notificaciones: [{ medio: 'email', fecha: limaDateOf(aceptada), constanciaId: null, aceptadaEn: aceptada.toISOString() }],
    });
    expect(await post(oficial, `${path}/notas`, { texto: 'La ciudadana llamó para agradecer.' })).toMatchObject({ status: 201 });
    expect(await post(oficial, `${path}/archivar`)).toMatchObject({ status: 200, body: { estado: 'archivado' } });
    // A move the lifecycle does not allow.
    expect(await post(responsable, `${path}/anular`, { motivo: 'Duplicado del anterior.' })).toMatchObject({
      status: 409,
      body: { codigo: 'INVALID_TRANSITION' },
    });

    const outbox: Array<{ tipo: string }> = await h.dataSource.query(`SELECT tipo FROM outbox WHERE reclamo_id = $1`, [reclamo.id]);
    expect(outbox.map((o) => o.tipo)).toEqual(['respuesta']);
    const detail = await get(responsable, path);
    expect(detail.status).toBe(200);
    expect((detail.body.timeline as Array<{ tipo: string; estadoNuevo: string | null }>).map((e) => e.estadoNuevo ?? e.tipo)).toEqual([
      'en_atencion',
      'respuesta_redactada',
      'respuesta_aprobada',
      'respondido',
      'notificacion_en_curso',
      'notificado',
      'nota_interna',
      'archivado',
    ]);
    expect(detail.body.notas).toEqual([expect.objectContaining({ texto: 'La ciudadana llamó para agradecer.' })]);
    const chain = await verifyAuditChain(h.dataSource, [minedu.id]);
    expect(chain.fallas).toEqual([]);
  });

  it('shows the case with people, attachments and business days left, and logs the view and the download with the IP', async () => {
    const reclamo = await reclamoWithAttachment(EstadoReclamo.EN_ATENCION);
    const detail = await get(titular, `/api/v1/casos/${reclamo.id}`);
    expect(detail).toMatchObject({
      status: 200,
      body: {
        codigo: reclamo.codigo,
        estado: 'en_atencion',
        personas: [expect.objectContaining({ rol: 'reclamante', numeroDocumento: '45871236', email: 'maria.quispe@example.pe' })],
        adjuntos: [{ id: reclamo.adjuntoId, nombre: 'constancia médica.pdf', tipoMime: 'application/pdf', bytes: reclamo.bytes.length }],
        plazo: { vencido: false },
      },
    });
    const calendar = await h.app.get(CalendarRepository).current();
    expect(detail.body.plazo.diasHabilesRestantes).toBe(calendar.businessDaysBetween('2026-11-23', detail.body.plazo.vence, scopeOfEntidad(minedu)));

    const download = await fetch(`${h.baseUrl}/api/v1/casos/${reclamo.id}/adjuntos/${reclamo.adjuntoId}`, { headers: { cookie: titular.cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''constancia%20m%C3%A9dica.pdf");
    expect(Buffer.from(await download.arrayBuffer()).equals(reclamo.bytes)).toBe(true);

    // Reads go to the log of reads, with the file's id, never its name; the case's hash chain gets nothing from them.
    const leidos: Array<{ accion: string; ip: string; detalle: Record<string, unknown> }> = await h.dataSource.query(
      `SELECT accion, ip, detalle FROM registro_acceso WHERE reclamo_id = $1 ORDER BY id`,
      [reclamo.id],
    );
    expect(leidos).toEqual([
      { accion: 'caso_consultado', ip: '127.0.0.1', detalle: expect.objectContaining({ codigo: reclamo.codigo }) },
      { accion: 'adjunto_descargado', ip: '127.0.0.1', detalle: { codigo: reclamo.codigo, adjuntoId: reclamo.adjuntoId } },
    ]);
    expect(await h.dataSource.query(`SELECT accion FROM auditoria WHERE reclamo_id = $1`, [reclamo.id])).toEqual([]);
    // The titular reads only.
    expect(await post(titular, `/api/v1/casos/${reclamo.id}/notas`, { texto: 'Una nota' })).toMatchObject({ status: 403, body: { codigo: 'FORBIDDEN' } });
  });

  it('a coordinator (and an administrator) cannot open a case nor the inbox; without a session it is 401', async () => {
    const reclamo = await insertReclamo(h.dataSource, minedu);
    const opened = await get(coordinador, `/api/v1/casos/${reclamo.id}`);
    expect(opened).toMatchObject({ status: 403, body: { codigo: 'FORBIDDEN', mensaje: expect.stringMatching(/agregadas/) } });
    expect(await get(coordinador, '/api/v1/bandeja')).toMatchObject({ status: 403 });
    const admin = await signIn(h, 'administrador@plataforma.demo.gob.pe', PASSWORD);
    expect(await get(admin, `/api/v1/casos/${reclamo.id}`)).toMatchObject({ status: 403 });
    expect(await api(h, 'GET', `/api/v1/casos/${reclamo.id}`)).toMatchObject({ status: 401 });
  });

  const invalid: Array<[string, string, unknown, string]> = [
    ['anular without a reason', 'anular', {}, 'motivo'],
    ['reconducir to an unknown channel', 'reconducir', { canal: 'buzon', mensaje: 'Mensaje suficientemente largo.' }, 'canal'],
    ['asignar to a non-uuid officer', 'asignar', { oficialId: 'juan' }, 'oficialId'],
    ['asignar with an unknown field', 'asignar', { oficialId: '6b0e3a4e-3f0c-4c57-9d8b-3f6a3c1d2e10', prioridad: 'alta' }, 'prioridad'],
    ['notificar with a future date', 'notificar', { medio: 'postal', fecha: '2099-01-01' }, 'fecha'],
    ['devolver with empty comments', 'respuesta/devolver', { comentarios: '' }, 'comentarios'],
  ];
  it.each(invalid)('answers 422 in Spanish naming the field for %s', async (_label, action, body, campo) => {
    const reclamo = await insertReclamo(h.dataSource, minedu);
    const before = await reclamoFingerprint(h.dataSource, reclamo.id);
    const response = await post(responsable, `/api/v1/casos/${reclamo.id}/${action}`, body);
    expect(response).toMatchObject({ status: 422, body: { codigo: 'VALIDATION_FAILED', errores: expect.arrayContaining([expect.objectContaining({ campo })]) } });
    expect(JSON.stringify(response.body)).not.toMatch(/should|must/);
    expect(await reclamoFingerprint(h.dataSource, reclamo.id)).toBe(before);
  });

  it('lists the inbox with filters, search, counts per state and a CSV without personal data', async () => {
    const dni = String(10_000_000 + Math.floor(Math.random() * 89_999_999));
    const reclamo = await insertReclamo(h.dataSource, minedu, { estado: EstadoReclamo.OBSERVADO, numeroDocumento: dni, nombres: 'Rigoberta' });
    const found = await get(responsable, `/api/v1/bandeja?q=${dni}&estado=observado`);
    expect(found).toMatchObject({ status: 200, body: { total: 1, items: [{ id: reclamo.id, estado: 'observado', reclamante: 'Rigoberta Quispe Huamán' }] } });
    expect(found.body.conteoPorEstado.observado).toBeGreaterThanOrEqual(1);
    const byCode = (await get(responsable, `/api/v1/bandeja?q=${reclamo.codigo}`)).body.items as Array<{ id: string }>;
    expect(byCode.map((i) => i.id)).toEqual([reclamo.id]);

    const page = await get(responsable, '/api/v1/bandeja?porPagina=5&venceEnDias=30');
    expect(page.body.items.length).toBeLessThanOrEqual(5);
    const dates = (page.body.items as Array<{ vence: string }>).map((i) => i.vence);
    expect([...dates].sort()).toEqual(dates);
    expect(await get(responsable, '/api/v1/bandeja?porPagina=500')).toMatchObject({ status: 422, body: { errores: [{ campo: 'porPagina' }] } });
    // An officer's inbox holds only what is assigned to them.
    const mine = await get(oficial, '/api/v1/bandeja?porPagina=100');
    expect((mine.body.items as Array<{ asignadoA: { id: string } | null }>).every((i) => i.asignadoA?.id === oficialId)).toBe(true);

    const csv = await fetch(`${h.baseUrl}/api/v1/bandeja.csv?q=${dni}`, { headers: { cookie: responsable.cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const raw = Buffer.from(await csv.arrayBuffer());
    // UTF-8 BOM first, so Excel in Spanish shows the accents.
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('codigo,estado,canal,aspecto,sede,unidad,asignado_a,fecha_registro,vence,dias_habiles_restantes');
    expect(text).toContain(reclamo.codigo);
    expect(text).not.toContain(dni);
    expect(text).not.toContain('Rigoberta');
  });

  it('registers a sheet of the physical book (multipart, with its scan) with the deadline counted from the sheet date, once', async () => {
    const { entidad: _entidad, ...hoja } = fixture;
    const numeroHojaFisica = uniqueCode('H');
    const fields = Object.entries({ ...hoja, numeroHojaFisica, fechaHoja: '2026-11-16' }).map(([k, v]): MultipartEntry => [k, String(v)]);
    const pdf: MultipartEntry = ['escaneo', SMALL_PDF, 'hoja.pdf', 'application/pdf'];
    const send = async (entries: MultipartEntry[]) => {
      const r = await postMultipart(h, '/api/v1/casos/hoja-fisica', entries, { cookie: oficial.cookie, csrfHeader: oficial.csrfToken, accept: 'application/json' });
      return { status: r.status, body: JSON.parse(r.text) as Record<string, unknown> };
    };
    const storage = watchStorage(h.app.get(AttachmentStorage));
    try {
      const exe = await send([...fields, ['escaneo', RENAMED_EXE, 'hoja.pdf', 'application/pdf']]);
      expect(exe).toMatchObject({ status: 422, body: { codigo: 'ATTACHMENT_TYPE_NOT_ALLOWED', errores: [{ campo: 'escaneo' }] } });
      expect(await send(fields)).toMatchObject({ status: 422, body: { errores: [{ campo: 'escaneo' }] } });
      expect(storage.saved).toHaveLength(0);

      const created = await send([...fields, pdf]);
      const calendar = await h.app.get(CalendarRepository).current();
      const due = computeDueDate({ registeredAt: '2026-11-16', businessDays: 30, scope: scopeOfEntidad(minedu), calendar });
      expect(created).toMatchObject({ status: 201, body: { numeroHojaFisica, fechaRegistro: '2026-11-16', vence: due.vence } });
      const [row]: Array<Record<string, unknown>> = await h.dataSource.query(
        `SELECT canal, numero_hoja_fisica, fecha_registro_lima::text AS fecha, estado FROM reclamo WHERE id = $1`,
        [created.body.id],
      );
      expect(row).toEqual({ canal: 'fisico', numero_hoja_fisica: numeroHojaFisica, fecha: '2026-11-16', estado: 'registrado' });
      const [adjunto]: Array<Record<string, unknown>> = await h.dataSource.query(`SELECT id, tipo, sha256 FROM adjunto WHERE reclamo_id = $1`, [created.body.id]);
      expect(adjunto).toEqual({ id: created.body.escaneoId, tipo: 'hoja_fisica', sha256: createHash('sha256').update(SMALL_PDF).digest('hex') });

      expect(await send([...fields, pdf])).toMatchObject({ status: 409, body: { errores: [{ campo: 'numeroHojaFisica' }] } });
      const futura = Object.entries({ ...hoja, numeroHojaFisica: uniqueCode('H'), fechaHoja: '2099-01-01' }).map(([k, v]): MultipartEntry => [k, String(v)]);
      expect(await send([...futura, pdf])).toMatchObject({ status: 422, body: { errores: [{ campo: 'fechaHoja' }] } });
      // Only the registered sheet's scan is still stored.
      expect(storage.saved).toHaveLength(3);
      expect(await storage.stillThere()).toEqual([storage.saved[0].clave]);
    } finally {
      storage.stop();
    }
  });

  it('records a postal notification only with the scan of its proof (multipart), kept as an attachment of the case', async () => {
    const reclamo = await insertReclamo(h.dataSource, minedu, { estado: EstadoReclamo.RESPONDIDO, respuesta: 'aprobada', notificacionEmail: false });
    const path = `/api/v1/casos/${reclamo.id}/notificar`;
    const before = await reclamoFingerprint(h.dataSource, reclamo.id);
    expect(await post(responsable, path, { medio: 'postal', fecha: '2026-11-20' })).toMatchObject({ status: 422, body: { errores: [{ campo: 'constancia' }] } });
    const send = async (entries: MultipartEntry[]) => {
      const r = await postMultipart(h, path, entries, { cookie: responsable.cookie, csrfHeader: responsable.csrfToken, accept: 'application/json' });
      return { status: r.status, body: JSON.parse(r.text) as Record<string, unknown> };
    };
    const exe = await send([['medio', 'postal'], ['fecha', '2026-11-20'], ['constancia', RENAMED_EXE, 'cargo.pdf', 'application/pdf']]);
    expect(exe).toMatchObject({ status: 422, body: { errores: [{ campo: 'constancia' }] } });
    expect(await reclamoFingerprint(h.dataSource, reclamo.id)).toBe(before);
    const done = await send([['medio', 'presencial'], ['fecha', '2026-11-20'], ['constancia', SMALL_PDF, 'cargo.pdf', 'application/pdf']]);
    expect(done).toMatchObject({ status: 200, body: { estado: 'notificado', medio: 'presencial', fecha: '2026-11-20' } });
    const [row]: Array<Record<string, unknown>> = await h.dataSource.query(
      `SELECT a.tipo, a.sha256 FROM notificacion_respuesta n JOIN adjunto a ON a.id = n.constancia_adjunto_id WHERE n.reclamo_id = $1`,
      [reclamo.id],
    );
    expect(row).toEqual({ tipo: 'constancia_notificacion', sha256: createHash('sha256').update(SMALL_PDF).digest('hex') });
  });

  describe('tenant isolation, generated from the route table', () => {
    const isReclamoRoute = (r: Route) => /^\/api\/v1\/casos\/:/.test(r.path) || /:(reclamoId|casoId)\b/.test(r.path);

    it('covers every case route the app serves', () => {
      const reclamoRoutes = routeTable(h.app).filter(isReclamoRoute);
      expect(reclamoRoutes.length).toBeGreaterThanOrEqual(15);
      const missing = reclamoRoutes.filter((r) => r.method !== 'GET' && !(`${r.method} ${r.path}` in VALID_BODIES));
      expect(missing).toEqual([]);
    });

    it("answers 404 to another entity's staff on every case route and changes nothing", async () => {
      // Entities A and B of this test's own: "changes nothing" is counted over all of B's rows and
      // A's audit trail, which no other file writes (the seeded entities are shared with them).
      const a = await createTestEntidad(h.dataSource, uniqueCode('TIA'));
      const b = await createTestEntidad(h.dataSource, uniqueCode('TIB'));
      const deA = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: a.id });
      const deB = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: b.id });
      const [responsableA, responsableB] = [await signIn(h, deA.email, deA.password), await signIn(h, deB.email, deB.password)];
      const reclamo = await reclamoWithAttachment(EstadoReclamo.REGISTRADO, '45871236', a);
      // A transfer, were it let through, would land in B: that is what B's counts would show.
      const bodies: Record<string, unknown> = { ...VALID_BODIES, 'POST /api/v1/casos/:id/trasladar': { ...RECLAMO_ROUTE_BODIES['POST /api/v1/casos/:id/trasladar'], entidadDestino: b.codigo } };
      const fingerprint = async () => {
        const [counts]: Array<Record<string, string>> = await h.dataSource.query(
          `SELECT (SELECT count(*) FROM reclamo WHERE entidad_id = $1) AS reclamo_b,
                  (SELECT count(*) FROM reclamo_evento WHERE entidad_id = $1) AS evento_b,
                  (SELECT count(*) FROM outbox WHERE entidad_id = $1) AS outbox_b,
                  (SELECT count(*) FROM auditoria WHERE entidad_id = $2) AS auditoria_a,
                  (SELECT count(*) FROM registro_acceso WHERE reclamo_id = $3) AS accesos`,
          [b.id, a.id, reclamo.id],
        );
        return createHash('sha256').update(JSON.stringify(counts)).update(await reclamoFingerprint(h.dataSource, reclamo.id)).digest('hex');
      };
      const before = await fingerprint();
      const results: Array<[string, number, string]> = [];
      for (const route of routeTable(h.app).filter(isReclamoRoute)) {
        const path = route.path.replace(':id', reclamo.id).replace(':adjuntoId', reclamo.adjuntoId);
        const key = `${route.method} ${route.path}`;
        const response = await api(h, route.method, path, {
          cookie: responsableB.cookie,
          csrf: responsableB.csrfToken,
          body: route.method === 'GET' ? undefined : bodies[key],
        });
        results.push([key, response.status, String(response.body.codigo)]);
      }
      expect(results.filter(([, status, codigo]) => status !== 404 || codigo !== 'RECLAMO_NOT_FOUND')).toEqual([]);
      expect(await fingerprint()).toBe(before);
      // The same requests from the reclamo's own entity do reach it (the 404s above are about the tenant, not the route).
      expect(await get(responsableA, `/api/v1/casos/${reclamo.id}`)).toMatchObject({ status: 200 });
    });
  });
});
