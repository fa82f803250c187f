import { verifyAuditChain } from '@app/expediente';
import { EstadoReclamo } from '@app/domain';
import { ReconstruirCifrasUseCase } from '@app/medicion';
import { insertReclamo } from '../support/atencion-factory';
import { CasoCifras, crearEntidadCifras, enLima, insertarCaso } from '../support/cifras-fixture';
import { api, BackofficeHarness, createTestStaff, getPage, Json, postForm, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';
import { createTestEntidad, uniqueCode } from '../support/db';
import { postMultipart, RENAMED_EXE, SMALL_PDF } from '../support/scan-upload';

/**
 * Acciones de mejora (issue #11), through the real back-office: create and edit, phases in order
 * and by the right role, costs computed, indicators with four yearly targets, platform-measured
 * actuals (the entity's figures, from its rebuilt rollup) against values computed by hand from this
 * file's own reclamos and against /api/v1/cifras for the same periods, evidence, and 422s that store
 * nothing. The clock is Monday 23 November 2026, 10:00 in Lima.
 */
describe('Acciones de mejora: JSON API and pages (real app, DB and Redis)', () => {
  let h: BackofficeHarness;
  let entidad: { id: string; codigo: string; sedeId: string; unidadId: string; servicioId: string };
  let otra: { id: string; codigo: string };
  let responsable: SignedIn;
  let titular: SignedIn;
  let oficial: SignedIn;
  let coordinador: SignedIn;
  let responsableOtra: SignedIn;
  let reclamoOtra: string;
  const ejemplos: string[] = [];

  const send = (who: SignedIn, method: string, path: string, body?: unknown) => api(h, method, path, { cookie: who.cookie, csrf: who.csrfToken, body });
  const count = async (table: string): Promise<number> => {
    const where = table === 'accion_mejora' ? 'entidad_id = $1' : 'accion_id IN (SELECT id FROM accion_mejora WHERE entidad_id = $1)';
    const [row]: Array<{ n: number }> = await h.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, [entidad.id]);
    return row.n;
  };
  const counts = async () => ({
    acciones: await count('accion_mejora'),
    actividades: await count('accion_mejora_actividad'),
    indicadores: await count('accion_mejora_indicador'),
    avances: await count('accion_mejora_avance'),
    evidencias: await count('accion_mejora_evidencia'),
    vinculos: await count('accion_mejora_vinculo'),
    reclamos: await count('accion_mejora_reclamo'),
  });
  const campos = (body: Json) => (body.errores as Array<{ campo: string }>).map((e) => e.campo);

  const disenoValido = () => ({
    titulo: 'Reducir la espera en la sede central',
    problema: 'Los ciudadanos esperan más de dos horas para ser atendidos en la sede central.',
    aspectos: ['tiempo_espera'],
    sedeIds: [entidad.sedeId],
    servicioIds: [entidad.servicioId],
    reclamos: ejemplos,
  });
  const indicadorValido = (extra: Json = {}) => ({
    denominacion: 'Reclamos por tiempo de espera',
    unidadMedida: 'reclamos',
    frecuencia: 'mensual',
    lineaBaseAnio: 2025,
    lineaBaseValor: '12',
    medioVerificacion: 'Reporte de la plataforma del libro de reclamaciones',
    ambitoMedicion: 'resultado',
    ambitoControl: 'calidad',
    metas: ['10', '8', '6.5', '5'],
    ...extra,
  });

  beforeAll(async () => {
    h = await startBackofficeApp(new Date('2026-11-23T15:00:00Z'));
    entidad = await createTestEntidad(h.dataSource, uniqueCode('MEJ'));
    otra = await createTestEntidad(h.dataSource, uniqueCode('MEO'));
    const people = await Promise.all([
      createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: entidad.id }),
      createTestStaff(h.dataSource, { rol: 'titular_entidad', entidadId: entidad.id }),
      createTestStaff(h.dataSource, { rol: 'oficial', entidadId: entidad.id }),
      createTestStaff(h.dataSource, { rol: 'coordinador', entidadId: null }),
      createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: otra.id }),
    ]);
    [responsable, titular, oficial, coordinador, responsableOtra] = await Promise.all(people.map((p) => signIn(h, p.email, p.password)));
    expect([responsable, titular, oficial, coordinador, responsableOtra].map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    for (const fecha of ['2026-09-10', '2026-09-30']) ejemplos.push((await insertReclamo(h.dataSource, entidad, { fechaRegistro: fecha })).codigo);
    reclamoOtra = (await insertReclamo(h.dataSource, otra)).codigo;
  });
  afterAll(async () => {
    await h.close();
  });

  it('lets the responsables record an action, officers and the titular read it, and refuses coordinators (403) and other entities (404)', async () => {
    const creada = await send(responsable, 'POST', '/api/v1/acciones-mejora', disenoValido());
    expect(creada.status).toBe(201);
    const id = creada.body.id as string;
    const detalle = await send(oficial, 'GET', `/api/v1/acciones-mejora/${id}`);
    expect(detalle).toMatchObject({
      status: 200,
      body: {
        titulo: 'Reducir la espera en la sede central',
        fase: 'diseno',
        aspectos: ['tiempo_espera'],
        sedes: [{ id: entidad.sedeId }],
        servicios: [{ id: entidad.servicioId }],
        fases: [{ fase: 'diseno', fecha: '2026-11-23' }, { fase: 'aprobacion', fecha: null }, { fase: 'implementacion', fecha: null }, { fase: 'supervision', fecha: null }, { fase: 'evaluacion', fecha: null }],
        permisos: { editarDiseno: false, avanzarA: null },
      },
    });
    expect((detalle.body.reclamos as Array<{ codigo: string }>).map((r) => r.codigo).sort()).toEqual([...ejemplos].sort());
    expect((await send(titular, 'GET', '/api/v1/acciones-mejora')).body.acciones).toEqual(expect.arrayContaining([expect.objectContaining({ id, fase: 'diseno' })]));

    const antes = await counts();
    expect(await send(oficial, 'POST', '/api/v1/acciones-mejora', disenoValido())).toMatchObject({ status: 403, body: { codigo: 'FORBIDDEN' } });
    expect(await send(titular, 'PUT', `/api/v1/acciones-mejora/${id}`, disenoValido())).toMatchObject({ status: 403 });
    expect(await send(coordinador, 'GET', '/api/v1/acciones-mejora')).toMatchObject({ status: 403 });
    expect(await send(coordinador, 'GET', `/api/v1/acciones-mejora/${id}`)).toMatchObject({ status: 403 });
    expect(await send(responsableOtra, 'GET', `/api/v1/acciones-mejora/${id}`)).toMatchObject({ status: 404, body: { codigo: 'ACCION_MEJORA_NOT_FOUND' } });
    expect(await counts()).toEqual(antes);
    const [audit]: Array<{ n: number }> = await h.dataSource.query(`SELECT count(*)::int AS n FROM auditoria WHERE entidad_id = $1 AND accion = 'accion_mejora_creada' AND detalle->>'accionMejoraId' = $2`, [entidad.id, id]);
    expect(audit.n).toBe(1);
  });

  it('answers 422 in Spanish naming each wrong field, and stores nothing', async () => {
    const [creada] = [await send(responsable, 'POST', '/api/v1/acciones-mejora', disenoValido())];
    const id = creada.body.id as string;
    const antes = await counts();
    const malo = await send(responsable, 'POST', '/api/v1/acciones-mejora', { titulo: 'x', problema: 'corto', aspectos: ['ruido'], alternativas: ['A'], alternativaSeleccionada: 3 });
    expect(malo.status).toBe(422);
    expect(campos(malo.body)).toEqual(expect.arrayContaining(['titulo', 'problema', 'aspectos', 'alternativaSeleccionada']));
    expect((malo.body.errores as Array<{ mensaje: string }>)[0].mensaje).toMatch(/escriba/);
    // A reclamo of another entity, a sede of another entity.
    const ajeno = await send(responsable, 'POST', '/api/v1/acciones-mejora', { ...disenoValido(), reclamos: [reclamoOtra] });
    expect(ajeno).toMatchObject({ status: 422, body: { errores: [{ campo: 'reclamos' }] } });
    const [sedeOtra]: Array<{ id: string }> = await h.dataSource.query(`SELECT id FROM sede WHERE entidad_id = $1 LIMIT 1`, [otra.id]);
    expect(campos((await send(responsable, 'POST', '/api/v1/acciones-mejora', { ...disenoValido(), sedeIds: [sedeOtra.id] })).body)).toEqual(['sedeIds']);
    // Activities: the total is never typed; amounts use one notation.
    const act = (body: Json) => send(responsable, 'POST', `/api/v1/acciones-mejora/${id}/actividades`, body);
    expect(campos((await act({ descripcion: 'Señalética', costoUnitario: '12,50', cantidad: '0' })).body)).toEqual(['costoUnitario', 'cantidad']);
    expect(await act({ descripcion: 'Señalética', costoUnitario: '12.50', cantidad: '2', costoTotal: '1' })).toMatchObject({ status: 422, body: { errores: [{ campo: 'costoTotal' }] } });
    // Indicators: closed lists, four targets.
    const ind = (body: Json) => send(responsable, 'POST', `/api/v1/acciones-mejora/${id}/indicadores`, body);
    expect(campos((await ind(indicadorValido({ frecuencia: 'diaria', ambitoControl: 'rapidez', metas: ['1', '2', '3'] }))).body)).toEqual(['frecuencia', 'ambitoControl', 'metas']);
    expect(campos((await ind(indicadorValido({ fuente: 'reclamos_por_color', metas: ['1', 'dos', '3', '4'], lineaBaseAnio: 2031 }))).body)).toEqual(['lineaBaseAnio', 'fuente', 'metas[1]']);
    expect(await counts()).toEqual(antes);
  });

  it('computes each activity total (unit cost × quantity, 2 decimals) and the action total', async () => {
    const id = (await send(responsable, 'POST', '/api/v1/acciones-mejora', disenoValido())).body.id as string;
    expect(await send(responsable, 'POST', `/api/v1/acciones-mejora/${id}/actividades`, { descripcion: 'Contratar orientadores', costoUnitario: '1250.50', cantidad: '3' })).toMatchObject({ status: 201, body: { costoTotal: '3751.50' } });
    expect(await send(responsable, 'POST', `/api/v1/acciones-mejora/${id}/actividades`, { descripcion: 'Afiches', costoUnitario: 99.99, cantidad: 2.5 })).toMatchObject({ status: 201, body: { costoTotal: '249.98' } });
    const detalle = await send(responsable, 'GET', `/api/v1/acciones-mejora/${id}`);
    // 3751.50 + 249.975 (rounded half up to 249.98) = 4001.48
    expect(detalle.body.costoTotal).toBe('4001.48');
    expect(detalle.body.actividades).toEqual([
      expect.objectContaining({ descripcion: 'Contratar orientadores', costoUnitario: '1250.50', cantidad: '3.00', costoTotal: '3751.50' }),
      expect.objectContaining({ descripcion: 'Afiches', costoUnitario: '99.99', cantidad: '2.50', costoTotal: '249.98' }),
    ]);
    const lista = await send(responsable, 'GET', '/api/v1/acciones-mejora');
    expect((lista.body.acciones as Json[]).find((a) => a.id === id)).toMatchObject({ costoTotal: '4001.48' });
  });

  it('keeps an indicator with its baseline and the targets of the four years after it', async () => {
    const id = (await send(responsable, 'POST', '/api/v1/acciones-mejora', disenoValido())).body.id as string;
    expect(await send(responsable, 'POST', `/api/v1/acciones-mejora/${id}/indicadores`, indicadorValido())).toMatchObject({ status: 201 });
    const [indicador] = (await send(responsable, 'GET', `/api/v1/acciones-mejora/${id}`)).body.indicadores as Json[];
    expect(indicador).toMatchObject({
      denominacion: 'Reclamos por tiempo de espera',
      unidadMedida: 'reclamos',
      frecuencia: 'mensual',
      lineaBaseAnio: 2025,
      lineaBaseValor: '12.00',
      ambitoMedicion: 'resultado',
      ambitoControl: 'calidad',
      fuente: null,
      metas: [
        { anio: 2026, valor: '10.00' },
        { anio: 2027, valor: '8.00' },
        { anio: 2028, valor: '6.50' },
        { anio: 2029, valor: '5.00' },
      ],
      mediciones: [],
    });
  });

  it('fills the actuals of platform-measured indicators with the entity’s figures (/cifras) for each period, by aspect, sede and unidad', async () => {
    // A fresh entity (two sedes, two unidades), so only these rows are counted; its rollup is rebuilt below.
    const e = await crearEntidadCifras(h.dataSource, 'MEM');
    const resp = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: e.id });
    const quien = await signIn(h, resp.email, resp.password);
    const E = EstadoReclamo;
    // Registered, assigned, answered and notified on `notificado` (Lima dates), each move a timeline event.
    const notificado = (registro: string, notificadoEl: string, extra: Partial<CasoCifras> = {}): CasoCifras => ({
      registradoEn: enLima(registro), fechaRegistro: registro, estado: E.NOTIFICADO, venceEl: notificadoEl, notificadoEl,
      movimientos: [
        { de: E.REGISTRADO, a: E.EN_ATENCION, en: enLima(registro, '11:00') },
        { de: E.EN_ATENCION, a: E.RESPONDIDO, en: enLima(notificadoEl, '09:00') },
        { de: E.RESPONDIDO, a: E.NOTIFICADO, en: enLima(notificadoEl, '09:05') },
      ],
      ...extra,
    });
    const abierto = (registro: string, extra: Partial<CasoCifras> = {}): CasoCifras => ({
      registradoEn: enLima(registro), fechaRegistro: registro, estado: E.EN_ATENCION, venceEl: '2027-01-29',
      movimientos: [{ de: E.REGISTRADO, a: E.EN_ATENCION, en: enLima(registro, '11:00') }],
      ...extra,
    });
    const encuesta = (general: number) => ({ en: enLima('2026-11-10', '15:00'), general, rapidez: 3, claridad: 3, trato: 3, resuelto: 'si' as const });
    // Tiempo de espera, sede S1 and unidad U1 unless said otherwise. On time or late by far (3 against about 50
    // business days), so no non-working day another test file adds for a while can tip a case.
    for (const caso of [
      notificado('2026-07-01', '2026-09-15'), // late: notified in Q3
      notificado('2026-07-06', '2026-07-09'), // on time: Q3
      abierto('2026-09-10', { sede: 'S2' }), // the Sede Norte
      abierto('2026-09-30'),
      abierto('2026-09-15', { aspecto: 'informacion', unidad: 'U2' }), // another aspect, the Oficina de Trámite
      // Annulled the next day: still a page of the book, received as /cifras counts it (anulados shown apart).
      { ...abierto('2026-10-01'), estado: E.ANULADO, movimientos: [{ de: E.REGISTRADO, a: E.ANULADO, en: enLima('2026-10-02') }] },
      notificado('2026-10-05', '2026-10-08', { encuesta: encuesta(4) }), // on time: Q4
      notificado('2026-11-02', '2026-11-05', { encuesta: encuesta(5) }), // on time: Q4
      abierto('2025-12-31'), // the baseline year
    ]) {
      await insertarCaso(h.dataSource, e, caso);
    }
    await h.app.get(ReconstruirCifrasUseCase).execute({ entidadIds: [e.id] });

    const id = (await send(quien, 'POST', '/api/v1/acciones-mejora', { titulo: 'Menos espera', problema: 'La espera en ventanilla supera una hora.' })).body.id as string;
    const agregar = async (extra: Json) => expect((await send(quien, 'POST', `/api/v1/acciones-mejora/${id}/indicadores`, indicadorValido(extra))).status).toBe(201);
    await agregar({ denominacion: 'Reclamos por espera', fuente: 'reclamos_por_aspecto:tiempo_espera', frecuencia: 'mensual', lineaBaseAnio: 2026 });
    await agregar({ denominacion: 'Espera en la Sede Norte', fuente: 'reclamos_por_aspecto:tiempo_espera', sedeId: e.sedes.S2, frecuencia: 'trimestral', lineaBaseAnio: 2026 });
    await agregar({ denominacion: 'Notificadas en plazo', fuente: 'porcentaje_notificado_en_plazo', frecuencia: 'trimestral', lineaBaseAnio: 2026, unidadMedida: 'porcentaje' });
    await agregar({ denominacion: 'Satisfacción', fuente: 'satisfaccion_general', frecuencia: 'anual', lineaBaseAnio: 2025, unidadMedida: 'puntos' });
    await agregar({ denominacion: 'Recibidos', fuente: 'reclamos_recibidos', frecuencia: 'semestral', lineaBaseAnio: 2025 });
    await agregar({ denominacion: 'Recibidos en la Oficina de Trámite', fuente: 'reclamos_recibidos', unidadId: e.unidades.U2, frecuencia: 'anual', lineaBaseAnio: 2025 });

    const [espera, esperaNorte, plazo, satisfaccion, recibidos, tramite] = (await send(quien, 'GET', `/api/v1/acciones-mejora/${id}`)).body.indicadores as Json[];
    const valores = (i: Json) => (i.mediciones as Json[]).map((m): unknown[] => [m.clave, m.valor]);
    // Tiempo de espera by month of 2026, up to November (today): July 2, September 2, October 2 (the annulled one counts, as on /cifras), November 1.
    expect(valores(espera)).toEqual([
      ['2026-01', 0], ['2026-02', 0], ['2026-03', 0], ['2026-04', 0], ['2026-05', 0], ['2026-06', 0],
      ['2026-07', 2], ['2026-08', 0], ['2026-09', 2], ['2026-10', 2], ['2026-11', 1],
    ]);
    expect((espera.mediciones as Json[]).at(-1)).toMatchObject({ completo: false, etiqueta: 'noviembre 2026' });
    // The same aspect at the Sede Norte only: the one of 10 September.
    expect(esperaNorte).toMatchObject({ sede: { id: e.sedes.S2, nombre: 'Sede Norte' }, unidad: null });
    expect(valores(esperaNorte)).toEqual([['2026-T1', 0], ['2026-T2', 0], ['2026-T3', 1], ['2026-T4', 0]]);
    // Notified in the quarter within 30 business days: Q3 one of two (50 %), Q4 two of two; nothing notified before.
    expect(valores(plazo)).toEqual([['2026-T1', null], ['2026-T2', null], ['2026-T3', 50], ['2026-T4', 100]]);
    // Mean overall rating of the surveys answered in the year: (4 + 5) / 2.
    expect(valores(satisfaccion)).toEqual([['2025', null], ['2026', 4.5]]);
    // Received per half-year (every aspect and state): 2025-S2 one; 2026-S2 eight.
    expect(valores(recibidos)).toEqual([['2025-S1', 0], ['2025-S2', 1], ['2026-S1', 0], ['2026-S2', 8]]);
    expect(tramite).toMatchObject({ unidad: { id: e.unidades.U2, nombre: 'Oficina de Trámite' } });
    expect(valores(tramite)).toEqual([['2025', 0], ['2026', 1]]);

    // Each value is what the entity's figures say for the same dates and filters.
    const cifras = async (query: string) => (await send(quien, 'GET', `/api/v1/cifras?${query}`)).body.resumen as Json;
    expect((await cifras('desde=2026-10-01&hasta=2026-10-31&aspecto=tiempo_espera')).recibidos).toBe(2);
    expect((await cifras(`desde=2026-07-01&hasta=2026-09-30&aspecto=tiempo_espera&sedeId=${e.sedes.S2}`)).recibidos).toBe(1);
    expect((await cifras('desde=2026-07-01&hasta=2026-09-30')).enPlazoLegalPct).toBe(50);
    expect((await cifras('desde=2026-01-01&hasta=2026-12-31')).satisfaccion).toMatchObject({ general: 4.5 });
    expect((await cifras(`desde=2026-01-01&hasta=2026-12-31&unidadId=${e.unidades.U2}`)).recibidos).toBe(1);

    // A sede or unidad is the entity's own, and narrows a platform series only: 422 naming the field, nothing stored.
    const antes = await send(quien, 'GET', `/api/v1/acciones-mejora/${id}`);
    const [sedeAjena]: Array<{ id: string }> = await h.dataSource.query(`SELECT id FROM sede WHERE entidad_id = $1 LIMIT 1`, [otra.id]);
    const malo = (extra: Json) => send(quien, 'POST', `/api/v1/acciones-mejora/${id}/indicadores`, indicadorValido(extra));
    expect(await malo({ fuente: 'reclamos_recibidos', sedeId: sedeAjena.id })).toMatchObject({ status: 422, body: { errores: [{ campo: 'sedeId', mensaje: 'elija una sede de su entidad' }] } });
    expect(await malo({ unidadId: e.unidades.U1 })).toMatchObject({ status: 422, body: { errores: [{ campo: 'unidadId', mensaje: expect.stringMatching(/^elija primero la serie/) }] } });
    expect(await malo({ fuente: 'reclamos_recibidos', unidadId: 'oficina' })).toMatchObject({ status: 422, body: { errores: [{ campo: 'unidadId' }] } });
    expect((await send(quien, 'GET', `/api/v1/acciones-mejora/${id}`)).body.indicadores).toHaveLength((antes.body.indicadores as Json[]).length);

    // The page draws each chart with the same numbers in a table, and says what each series counts.
    const page = await getPage(h, `/mejora/${id}`, quien.cookie);
    expect(page.status).toBe(200);
    expect(page.html.match(/<svg [^>]*role="img"/g)).toHaveLength(6);
    expect(page.html).toContain('Valores medidos por la plataforma');
    expect(page.html).toContain('<th scope="row">setiembre 2026</th><td class="num">2</td>');
    expect(page.html).toContain('<th scope="row">2026 (en curso)</th><td class="num">4.5</td>');
    expect(page.html).toContain('Reclamos sobre «Tiempo de espera o de atención» en la sede «Sede Norte», por su fecha de registro (medido por la plataforma)');
    expect(page.html).toContain('Reclamos recibidos de la unidad «Oficina de Trámite»');
  });

  it('moves phases forward one step at a time: responsables submit, only the titular approves, then the cycle can repeat', async () => {
    const id = (await send(responsable, 'POST', '/api/v1/acciones-mejora', disenoValido())).body.id as string;
    const fase = (who: SignedIn, f: string) => send(who, 'POST', `/api/v1/acciones-mejora/${id}/fase`, { fase: f });
    // Skipping is refused, and so is approval of an incomplete design (each missing piece named).
    expect(await fase(responsable, 'implementacion')).toMatchObject({ status: 409, body: { codigo: 'INVALID_TRANSITION' } });
    const incompleta = await fase(responsable, 'aprobacion');
    expect(incompleta.status).toBe(422);
    expect(campos(incompleta.body)).toEqual(['analisisCausal', 'alternativaSeleccionada', 'unidadId', 'actividades', 'indicadores']);
    expect(await fase(responsable, 'subir')).toMatchObject({ status: 422, body: { errores: [{ campo: 'fase' }] } });

    const completo = {
      ...disenoValido(),
      analisisCausal: 'Una sola ventanilla para todos los trámites; picos a las 9:00.',
      alternativas: ['Abrir una segunda ventanilla', 'Citas por internet'],
      alternativaSeleccionada: 2,
      unidadId: entidad.unidadId,
    };
    expect(await send(responsable, 'PUT', `/api/v1/acciones-mejora/${id}`, completo)).toMatchObject({ status: 200 });
    await send(responsable, 'POST', `/api/v1/acciones-mejora/${id}/actividades`, { descripcion: 'Sistema de citas', costoUnitario: '8000', cantidad: '1' });
    await send(responsable, 'POST', `/api/v1/acciones-mejora/${id}/indicadores`, indicadorValido());
    expect(await fase(oficial, 'aprobacion')).toMatchObject({ status: 403 });
    expect(await fase(titular, 'aprobacion')).toMatchObject({ status: 403 });
    expect(await fase(responsable, 'aprobacion')).toMatchObject({ status: 200, body: { fase: 'aprobacion' } });
    // The approved design is frozen.
    expect(await send(responsable, 'PUT', `/api/v1/acciones-mejora/${id}`, completo)).toMatchObject({ status: 409 });
    expect(await send(responsable, 'POST', `/api/v1/acciones-mejora/${id}/actividades`, { descripcion: 'Otra', costoUnitario: '1', cantidad: '1' })).toMatchObject({ status: 409 });
    expect(await fase(responsable, 'implementacion')).toMatchObject({ status: 403 });
    expect(await fase(titular, 'implementacion')).toMatchObject({ status: 200, body: { fase: 'implementacion' } });
    expect(await fase(titular, 'supervision')).toMatchObject({ status: 403 });
    expect(await fase(responsable, 'evaluacion')).toMatchObject({ status: 409 });
    expect(await send(responsable, 'POST', `/api/v1/acciones-mejora/${id}/siguiente`)).toMatchObject({ status: 409 });
    expect(await fase(responsable, 'supervision')).toMatchObject({ status: 200 });
    expect(await fase(responsable, 'evaluacion')).toMatchObject({ status: 200 });
    expect(await fase(responsable, 'evaluacion')).toMatchObject({ status: 409 });

    const detalle = await send(titular, 'GET', `/api/v1/acciones-mejora/${id}`);
    expect((detalle.body.fases as Json[]).map((f): unknown => f.fecha)).toEqual(['2026-11-23', '2026-11-23', '2026-11-23', '2026-11-23', '2026-11-23']);
    const [aprobada]: Array<{ actor_rol: string }> = await h.dataSource.query(
      `SELECT actor_rol FROM auditoria WHERE entidad_id = $1 AND accion = 'accion_mejora_aprobada' AND detalle->>'accionMejoraId' = $2`,
      [entidad.id, id],
    );
    expect(aprobada.actor_rol).toBe('titular_entidad');

    // Evaluación opens a new action, linked, once.
    const siguiente = await send(responsable, 'POST', `/api/v1/acciones-mejora/${id}/siguiente`);
    expect(siguiente.status).toBe(201);
    expect(await send(responsable, 'GET', `/api/v1/acciones-mejora/${siguiente.body.id}`)).toMatchObject({
      status: 200,
      body: { fase: 'diseno', origenAccion: { id }, problema: completo.problema, unidad: { id: entidad.unidadId }, sedes: [{ id: entidad.sedeId }] },
    });
    expect(await send(responsable, 'POST', `/api/v1/acciones-mejora/${id}/siguiente`)).toMatchObject({ status: 409 });
    expect((await verifyAuditChain(h.dataSource, [entidad.id])).fallas).toEqual([]);
  });

  it('keeps progress with evidence files that the entity’s staff download (audited) and nobody else', async () => {
    const id = (await send(responsable, 'POST', '/api/v1/acciones-mejora', disenoValido())).body.id as string;
    // Progress is for a running action: straight to implementación for this test.
    await h.dataSource.query(`UPDATE accion_mejora SET fase = 'implementacion' WHERE id = $1`, [id]);
    const antes = await counts();
    const exe = await postMultipart(h, `/api/v1/acciones-mejora/${id}/avances`, [['descripcion', 'Se instaló la segunda ventanilla.'], ['evidencias', RENAMED_EXE, 'foto.jpg', 'image/jpeg']], {
      cookie: responsable.cookie,
      csrfHeader: responsable.csrfToken,
      accept: 'application/json',
    });
    expect(exe.status).toBe(422);
    expect(JSON.parse(exe.text)).toMatchObject({ errores: [{ campo: 'evidencias' }] });
    expect(await counts()).toEqual(antes);

    const ok = await postMultipart(h, `/api/v1/acciones-mejora/${id}/avances`, [['descripcion', 'Se instaló la segunda ventanilla.'], ['evidencias', SMALL_PDF, 'acta.pdf', 'application/pdf']], {
      cookie: responsable.cookie,
      csrfHeader: responsable.csrfToken,
      accept: 'application/json',
    });
    expect(ok.status).toBe(201);
    const detalle = await send(oficial, 'GET', `/api/v1/acciones-mejora/${id}`);
    const [avance] = detalle.body.avances as Json[];
    expect(avance).toMatchObject({ fase: 'implementacion', descripcion: 'Se instaló la segunda ventanilla.', evidencias: [{ nombre: 'acta.pdf', tipoMime: 'application/pdf', bytes: SMALL_PDF.length }] });
    const url = `${h.baseUrl}/api/v1/acciones-mejora/${id}/evidencias/${avance.evidencias[0].id}`;
    for (const who of [responsable, oficial, titular]) {
      const r = await fetch(url, { headers: { cookie: who.cookie } });
      expect(r.status).toBe(200);
      expect(Buffer.from(await r.arrayBuffer()).equals(SMALL_PDF)).toBe(true);
    }
    expect((await fetch(url, { headers: { cookie: responsableOtra.cookie } })).status).toBe(404);
    expect((await fetch(url, { headers: { cookie: coordinador.cookie } })).status).toBe(403);
    const [descargas]: Array<{ n: number }> = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM registro_acceso WHERE entidad_id = $1 AND accion = 'accion_mejora_evidencia_descargada' AND detalle->>'accionMejoraId' = $2`,
      [entidad.id, id],
    );
    expect(descargas.n).toBe(3);
    // Officers read but do not report progress.
    expect(await send(oficial, 'POST', `/api/v1/acciones-mejora/${id}/avances`, { descripcion: 'Intento del oficial.' })).toMatchObject({ status: 403 });
  });

  it('works as pages without JavaScript: list, create (422 re-renders naming the field), the action page and its forms', async () => {
    expect((await getPage(h, '/mejora', coordinador.cookie)).status).toBe(403);
    const lista = await getPage(h, '/mejora', titular.cookie);
    expect(lista.status).toBe(200);
    expect(lista.html).toContain('<a href="/mejora">Acciones de mejora</a>');
    expect(lista.html).not.toContain('Registrar una acción de mejora');
    expect((await getPage(h, '/mejora/nueva', responsable.cookie)).status).toBe(200);

    const antes = await counts();
    const malo = await postForm(h, '/mejora', { _csrf: responsable.csrfToken, titulo: '', problema: 'Los ciudadanos esperan demasiado.' }, responsable.cookie);
    expect(malo.status).toBe(422);
    expect(malo.html).toContain('href="#diseno-titulo">Título:');
    expect(malo.html).toContain('Los ciudadanos esperan demasiado.');
    expect(await counts()).toEqual(antes);

    const creada = await postForm(
      h,
      '/mejora',
      { _csrf: responsable.csrfToken, titulo: 'Mejor información en ventanilla', problema: 'La información que se da en ventanilla es incompleta.', aspectos: 'informacion', reclamos: ejemplos.join(', ') },
      responsable.cookie,
    );
    expect(creada.status).toBe(303);
    const path = creada.location!.split('?')[0];
    const act = await postForm(h, `${path}/actividades`, { _csrf: responsable.csrfToken, descripcion: 'Guía de trámites', costoUnitario: '2.50', cantidad: '1000' }, responsable.cookie);
    expect(act.status).toBe(303);
    const ind = await postForm(
      h,
      `${path}/indicadores`,
      {
        _csrf: responsable.csrfToken,
        denominacion: 'Reclamos por información',
        unidadMedida: 'reclamos',
        frecuencia: 'trimestral',
        lineaBaseAnio: '2025',
        lineaBaseValor: '40',
        medioVerificacion: 'Plataforma',
        ambitoMedicion: 'resultado',
        ambitoControl: 'calidad',
        fuente: 'reclamos_por_aspecto:informacion',
        meta1: '30',
        meta2: '',
        meta3: '20',
        meta4: '15',
      },
      responsable.cookie,
    );
    expect(ind.status).toBe(422);
    expect(ind.html).toContain('href="#indicador-metas[1]">Meta del 2.º año:');
    // The indicator's unidad is named as the indicator's, not as the action's responsible unidad.
    const sinSerie = await postForm(
      h,
      `${path}/indicadores`,
      {
        _csrf: responsable.csrfToken, denominacion: 'Reclamos de la unidad', unidadMedida: 'reclamos', frecuencia: 'anual', lineaBaseAnio: '2025', lineaBaseValor: '4',
        medioVerificacion: 'Plataforma', ambitoMedicion: 'resultado', ambitoControl: 'calidad', fuente: '', unidadId: entidad.unidadId, meta1: '3', meta2: '2', meta3: '2', meta4: '1',
      },
      responsable.cookie,
    );
    expect(sinSerie.status).toBe(422);
    expect(sinSerie.html).toContain('href="#indicador-unidadId">Unidad orgánica que mide el indicador:');
    expect(sinSerie.html).toMatch(/<option value="[0-9a-f-]+" selected>unidad_organica principal<\/option>/);
    const fase = await postForm(h, `${path}/fase`, { _csrf: responsable.csrfToken, fase: 'aprobacion' }, responsable.cookie);
    expect(fase.status).toBe(422);
    expect(fase.html).toContain('href="#diseno-analisisCausal"');
    expect(fase.html).toContain('href="#indicadores"');
    const page = await getPage(h, path, responsable.cookie);
    expect(page.html).toContain('S/ 2,500.00');
    expect(page.html).toMatch(/class="case-code" href="\/casos\/[0-9a-f-]+">/);
  });
});
