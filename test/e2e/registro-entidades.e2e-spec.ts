import { EstadoReclamo } from '@app/domain';
import { insertReclamo } from '../support/atencion-factory';
import { api, BackofficeHarness, createTestStaff, getPage, postForm, signIn, SignedIn, startBackofficeApp, TestStaff } from '../support/backoffice-harness';
import { createTestEntidad, uniqueCode } from '../support/db';
import { auditoriaDe, rucsLibres } from '../support/registro';

/** Monday 23 November 2026, 10:00 in Lima. */
const NOW = new Date('2026-11-23T15:00:00Z');

/** Every href of a page (the test follows the registry's own links). */
const enlaces = (html: string): string[] => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));

describe('the entity registry: API and pages for coordinators and administrators (real app, DB and Redis)', () => {
  let h: BackofficeHarness;
  let coordinador: TestStaff;
  let asCoordinador: SignedIn;
  let asAdmin: SignedIn;
  let asResponsable: SignedIn;
  let propia: { id: string; codigo: string };
  let responsable: TestStaff;
  let rucs: string[];

  const send = (who: SignedIn, method: string, path: string, body?: unknown) => api(h, method, path, { cookie: who.cookie, csrf: who.csrfToken, body });
  const nueva = (codigo: string, ruc: string, extra: Record<string, unknown> = {}) => ({
    nombre: `Superintendencia de Prueba ${codigo}`,
    codigo,
    ruc,
    tipo: 'Organismo público',
    nivelGobierno: 'nacional',
    sector: 'Economía y Finanzas',
    ubigeo: '150131',
    ...extra,
  });

  beforeAll(async () => {
    h = await startBackofficeApp(NOW);
    coordinador = await createTestStaff(h.dataSource, { rol: 'coordinador', entidadId: null });
    const admin = await createTestStaff(h.dataSource, { rol: 'administrador', entidadId: null });
    propia = await createTestEntidad(h.dataSource, uniqueCode('REP'));
    responsable = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: propia.id });
    [asCoordinador, asAdmin, asResponsable] = await Promise.all([
      signIn(h, coordinador.email, coordinador.password),
      signIn(h, admin.email, admin.password),
      signIn(h, responsable.email, responsable.password),
    ]);
    rucs = await rucsLibres(h.dataSource, 3, 12);
  });
  afterAll(async () => {
    await h.close();
  });

  it('registers an entity (tramo of its kind), shows it, corrects it, deactivates and reactivates it, each change in the trail', async () => {
    const codigo = uniqueCode('RE');
    const creada = await send(asCoordinador, 'POST', '/api/v1/entidades', nueva(codigo.toLowerCase(), rucs[0]));
    expect(creada).toMatchObject({
      status: 201,
      body: { entidad: { codigo, tipo: 'organismo_publico', nivelGobierno: 'nacional', ubigeoNombre: 'Lima / Lima / San Isidro', tramo: { numero: 1 }, tramoManual: false, activo: true } },
    });

    const detalle = await send(asCoordinador, 'GET', `/api/v1/entidades/${codigo}`);
    expect(detalle).toMatchObject({ status: 200, body: { entidad: { codigo, reclamos: 0, designaciones: [], designados: [] } } });

    // Given another tramo by hand, then back to the tramo of its kind.
    const manual = await send(asCoordinador, 'PUT', `/api/v1/entidades/${codigo}`, nueva(codigo, rucs[0], { nombre: 'Superintendencia Corregida', tramo: 'II' }));
    expect(manual).toMatchObject({ status: 200, body: { entidad: { nombre: 'Superintendencia Corregida', tramo: { numero: 2 }, tramoManual: true } } });
    const porTipo = await send(asCoordinador, 'PUT', `/api/v1/entidades/${codigo}`, nueva(codigo, rucs[0], { tramo: null }));
    expect(porTipo.body.entidad).toMatchObject({ tramo: { numero: 1 }, tramoManual: false });

    expect(await send(asAdmin, 'POST', `/api/v1/entidades/${codigo}/desactivar`)).toMatchObject({ status: 200, body: { entidad: { activo: false } } });
    const [{ activo }]: Array<{ activo: boolean }> = await h.dataSource.query(`SELECT activo FROM entidad WHERE codigo = $1`, [codigo]);
    expect(activo).toBe(false);
    expect(await send(asAdmin, 'POST', `/api/v1/entidades/${codigo}/reactivar`)).toMatchObject({ status: 200, body: { entidad: { activo: true } } });

    expect((await auditoriaDe(h.dataSource, coordinador.id)).filter((a) => a.detalle.despues?.codigo === codigo || a.detalle.antes?.codigo === codigo).map((a) => a.accion)).toEqual([
      'entidad_registrada',
      'entidad_modificada',
      'entidad_modificada',
    ]);
    const [registrada] = await auditoriaDe(h.dataSource, coordinador.id);
    expect(registrada).toMatchObject({ ip: expect.any(String), tramo_id: 1 });
  });

  it('names every wrong field in Spanish (422), a taken code or RUC (409), and writes nothing', async () => {
    const codigo = uniqueCode('RF');
    const mal = await send(asCoordinador, 'POST', '/api/v1/entidades', { nombre: 'X', codigo: 'con espacio', ruc: '20131370999', tipo: 'banco', nivelGobierno: 'federal', sector: '', ubigeo: '159999', tramo: 77 });
    expect(mal.status).toBe(422);
    expect(Object.fromEntries((mal.body.errores as Array<{ campo: string; mensaje: string }>).map((e) => [e.campo, e.mensaje]))).toEqual({
      nombre: expect.stringContaining('nombre oficial'),
      codigo: expect.stringContaining('de 2 a 20 letras'),
      ruc: expect.stringContaining('dígito verificador'),
      tipo: expect.stringContaining('no es un tipo de entidad'),
      nivelGobierno: expect.stringContaining('nacional, regional o local'),
      sector: expect.stringContaining('sector'),
      ubigeo: expect.stringContaining('no es un distrito del INEI'),
      tramo: expect.stringContaining('no existe el tramo 77'),
    });
    // A type the DTO refuses (a list where a text goes): still Spanish, still the field.
    expect(await send(asCoordinador, 'POST', '/api/v1/entidades', { ...nueva(codigo, rucs[1]), ruc: ['1'] })).toMatchObject({ status: 422, body: { errores: [{ campo: 'ruc' }] } });

    const taken = await send(asCoordinador, 'POST', '/api/v1/entidades', nueva('MINEDU', '20131370998'));
    expect(taken).toMatchObject({ status: 409, body: { codigo: 'CONFLICT' } });
    expect((taken.body.errores as Array<{ campo: string; mensaje: string }>).map((e) => e.mensaje)).toEqual([
      'ya existe una entidad con el código MINEDU (Ministerio de Educación)',
      'el RUC 20131370998 ya es de la entidad MINEDU (Ministerio de Educación)',
    ]);
    const [{ n }]: Array<{ n: number }> = await h.dataSource.query(`SELECT count(*)::int AS n FROM entidad WHERE codigo = $1 OR ruc = $2`, [codigo, rucs[1]]);
    expect(n).toBe(0);
  });

  it('keeps the code of an entity with reclamos (it prefixes them) but lets it be deactivated, never deleted', async () => {
    const conCasos = await createTestEntidad(h.dataSource, uniqueCode('RC'));
    await insertReclamo(h.dataSource, conCasos, { estado: EstadoReclamo.REGISTRADO });
    const [fila]: Array<{ ruc: string }> = await h.dataSource.query(`SELECT ruc FROM entidad WHERE id = $1`, [conCasos.id]);
    const renombrar = await send(asCoordinador, 'PUT', `/api/v1/entidades/${conCasos.codigo}`, nueva(uniqueCode('RN'), fila.ruc));
    expect(renombrar).toMatchObject({ status: 409, body: { errores: [{ campo: 'codigo', mensaje: expect.stringContaining('ya tiene reclamos') }] } });
    expect(await send(asCoordinador, 'POST', `/api/v1/entidades/${conCasos.codigo}/desactivar`)).toMatchObject({ status: 200, body: { entidad: { activo: false } } });
    expect(await send(asCoordinador, 'GET', `/api/v1/entidades/${conCasos.codigo}`)).toMatchObject({ status: 200, body: { entidad: { reclamos: 1, activo: false } } });
    expect((await send(asCoordinador, 'DELETE', `/api/v1/entidades/${conCasos.codigo}`)).status).toBe(404);
  });

  it('designates the responsables from the oficio and invites them from there, with the staff invitation', async () => {
    const codigo = uniqueCode('RD');
    expect((await send(asCoordinador, 'POST', '/api/v1/entidades', nueva(codigo, rucs[2]))).status).toBe(201);
    // Nobody to invite before an oficio.
    expect(await send(asCoordinador, 'POST', `/api/v1/entidades/${codigo}/invitaciones`, { cargo: 'titular' })).toMatchObject({ status: 409, body: { errores: [{ campo: 'cargo' }] } });

    const titular = `titular.${codigo.toLowerCase()}@pruebas.gob.pe`;
    const alterno = `alterno.${codigo.toLowerCase()}@pruebas.gob.pe`;
    const mal = await send(asCoordinador, 'POST', `/api/v1/entidades/${codigo}/designaciones`, { oficioNumero: '', oficioFecha: '2026-11-24', titularNombre: 'Ana', titularEmail: 'no-es-correo', alternoNombre: 'Luis Pérez' });
    expect((mal.body.errores as Array<{ campo: string }>).map((e) => e.campo)).toEqual(['oficioNumero', 'oficioFecha', 'titularEmail', 'alternoEmail']);

    const oficio = { oficioNumero: 'Oficio N° 101-2021-PRUEBA/SG', oficioFecha: '2021-03-15', titularNombre: 'Rosa Quispe Mamani', titularEmail: titular };
    expect(await send(asCoordinador, 'POST', `/api/v1/entidades/${codigo}/designaciones`, oficio)).toMatchObject({ status: 201, body: { designacion: { vigente: true, alterno: null } } });
    // A later oficio adds the alterno; the first one stays in the history.
    const segundo = { ...oficio, oficioNumero: 'Oficio N° 230-2021-PRUEBA/SG', oficioFecha: '2021-09-01', alternoNombre: 'Luis Pérez Díaz', alternoEmail: alterno };
    expect((await send(asCoordinador, 'POST', `/api/v1/entidades/${codigo}/designaciones`, segundo)).status).toBe(201);

    const invitado = await send(asCoordinador, 'POST', `/api/v1/entidades/${codigo}/invitaciones`, { cargo: 'titular' });
    expect(invitado).toMatchObject({ status: 201, body: { miembro: { email: titular, nombre: 'Rosa Quispe Mamani', rol: 'responsable_titular', estado: 'invitado' } } });
    const [mensaje]: Array<{ tipo: string; datos: { invitadoPor: string; rol: string } }> = await h.dataSource.query(`SELECT tipo, datos FROM outbox WHERE destinatario = $1`, [titular]);
    expect(mensaje).toMatchObject({ tipo: 'invitacion_personal', datos: { invitadoPor: coordinador.nombre, rol: 'responsable_titular' } });
    expect((await send(asCoordinador, 'POST', `/api/v1/entidades/${codigo}/invitaciones`, { cargo: 'titular' })).status).toBe(409);
    expect(await send(asCoordinador, 'POST', `/api/v1/entidades/${codigo}/invitaciones`, { cargo: 'jefe' })).toMatchObject({ status: 422, body: { errores: [{ campo: 'cargo' }] } });

    const detalle = await send(asCoordinador, 'GET', `/api/v1/entidades/${codigo}`);
    expect((detalle.body.entidad.designaciones as Array<{ oficioNumero: string; vigente: boolean }>).map((d) => [d.oficioNumero, d.vigente])).toEqual([
      ['Oficio N° 230-2021-PRUEBA/SG', true],
      ['Oficio N° 101-2021-PRUEBA/SG', false],
    ]);
    expect(detalle.body.entidad.designados).toEqual([
      expect.objectContaining({ cargo: 'titular', email: titular, estado: 'invitado', invitable: false }),
      expect.objectContaining({ cargo: 'alterno', email: alterno, estado: 'sin_cuenta', invitable: true }),
    ]);
    const [trail] = (await auditoriaDe(h.dataSource, coordinador.id)).filter((a) => a.accion === 'responsables_designados' && a.detalle.oficioNumero === oficio.oficioNumero);
    expect(trail.detalle).toEqual({ designacionId: expect.any(String), oficioNumero: oficio.oficioNumero, oficioFecha: '2021-03-15', conAlterno: false });
  });

  it('lets the coordinator invite responsables (and only them) through the staff API too', async () => {
    const email = `rt.${uniqueCode('P').toLowerCase()}@pruebas.gob.pe`;
    const ok = await send(asCoordinador, 'POST', '/api/v1/personal', { email, nombre: 'Carmen Rojas Díaz', rol: 'responsable_alterno', entidadId: propia.id });
    expect(ok).toMatchObject({ status: 201, body: { miembro: { entidadId: propia.id, rol: 'responsable_alterno' } } });
    expect((await send(asCoordinador, 'POST', '/api/v1/personal', { email: `o.${email}`, nombre: 'Nadie Nadie', rol: 'oficial', entidadId: propia.id })).status).toBe(403);
  });

  it("refuses an entity's staff on every registry route (403), even for their own entity, and writes nothing", async () => {
    const propiaAntes = await h.dataSource.query(`SELECT to_jsonb(e) AS fila FROM entidad e WHERE id = $1`, [propia.id]);
    for (const [method, path, body] of [
      ['POST', '/api/v1/entidades', nueva(uniqueCode('RX'), rucs[3])],
      ['GET', `/api/v1/entidades/${propia.codigo}`, undefined],
      ['PUT', `/api/v1/entidades/${propia.codigo}`, nueva(propia.codigo, rucs[3])],
      ['POST', `/api/v1/entidades/${propia.codigo}/desactivar`, undefined],
      ['POST', `/api/v1/entidades/${propia.codigo}/designaciones`, { oficioNumero: 'Oficio 1', oficioFecha: '2021-01-20', titularNombre: 'Yo Mismo', titularEmail: 'yo@pruebas.gob.pe' }],
      ['POST', `/api/v1/entidades/${propia.codigo}/invitaciones`, { cargo: 'titular' }],
      ['PUT', '/api/v1/tramos/1', { nombre: 'Tramo tomado', tiposEntidad: ['otro'], fechaInicio: '2021-01-01', fechaLimite: '2021-12-31' }],
    ] as const) {
      expect([method, path, (await send(asResponsable, method, path, body)).status]).toEqual([method, path, 403]);
    }
    for (const path of ['/entidades', '/entidades/nueva', '/entidades/importar', `/entidades/${propia.codigo}`, '/tramos/1/editar']) {
      const page = await getPage(h, path, asResponsable.cookie);
      expect([path, page.status]).toEqual([path, 403]);
      expect(page.html).toContain('No tiene acceso a esta página');
    }
    // Not a code at all: the same 404 as an unknown one.
    expect(await send(asCoordinador, 'GET', '/api/v1/entidades/no-es-codigo')).toMatchObject({ status: 404, body: { codigo: 'ENTIDAD_NOT_FOUND' } });
    expect(await send(asCoordinador, 'GET', '/api/v1/entidades/NOEXISTE0000')).toMatchObject({ status: 404, body: { codigo: 'ENTIDAD_NOT_FOUND' } });
    expect(await auditoriaDe(h.dataSource, responsable.id)).toEqual([]);
    expect(await h.dataSource.query(`SELECT to_jsonb(e) AS fila FROM entidad e WHERE id = $1`, [propia.id])).toEqual(propiaAntes);
    const [{ n }]: Array<{ n: number }> = await h.dataSource.query(`SELECT count(*)::int AS n FROM designacion_responsables WHERE entidad_id = $1`, [propia.id]);
    expect(n).toBe(0);
  });

  it('the pages: list, register, the entity page with its forms (PRG), every link followed, without JavaScript', async () => {
    const codigo = uniqueCode('RP');
    const form = await getPage(h, '/entidades/nueva', asCoordinador.cookie);
    expect(form.status).toBe(200);
    const malo = await postForm(h, '/entidades', { _csrf: asCoordinador.csrfToken, nombre: 'Ministerio de Prueba', codigo, ruc: '20131370999', tipo: 'ministerio', nivelGobierno: 'nacional', sector: 'Pruebas', ubigeo: '150101', tramo: '' }, asCoordinador.cookie);
    expect(malo.status).toBe(422);
    expect(malo.html).toContain('<a href="#entidad-ruc">RUC: «20131370999»: el RUC no es válido: el dígito verificador no coincide</a>');
    expect(malo.html).toContain(`value="${codigo}"`);

    const creada = await postForm(h, '/entidades', { _csrf: asCoordinador.csrfToken, nombre: 'Ministerio de Prueba', codigo, ruc: rucs[4], tipo: 'ministerio', nivelGobierno: 'nacional', sector: 'Pruebas', ubigeo: '150101', tramo: '' }, asCoordinador.cookie);
    expect(creada).toMatchObject({ status: 303, location: `/entidades/${codigo}?aviso=registrada#aviso` });
    const pagina = await getPage(h, creada.location!, asCoordinador.cookie);
    expect(pagina.status).toBe(200);
    expect(pagina.html).toContain('Se registró la entidad.');

    // The list finds it; every link of the list and of the entity's page answers.
    const lista = await getPage(h, `/entidades?q=${codigo.toLowerCase()}&estado=todas`, asCoordinador.cookie);
    expect(lista.html).toContain(`href="/entidades/${codigo}"`);
    expect(lista.html).toContain('1 entidad con estos filtros');
    for (const href of new Set([...enlaces(lista.html), ...enlaces(pagina.html)])) {
      if (href.startsWith('#') || href.startsWith('/static/')) continue;
      let seguido = await getPage(h, href.split('#')[0], asCoordinador.cookie);
      // The header's home link sends a signed-in person on to /inicio, and a coordinator on from there to /consola.
      for (let saltos = 0; saltos < 3 && seguido.status === 303 && seguido.location; saltos += 1) {
        seguido = await getPage(h, seguido.location, asCoordinador.cookie);
      }
      expect([href, seguido.status]).toEqual([href, 200]);
    }

    // Correct it by hand into tramo 3; then the oficio; then the invitation, each with its notice.
    const guardado = await postForm(h, `/entidades/${codigo}`, { _csrf: asCoordinador.csrfToken, nombre: 'Ministerio de Prueba', codigo, ruc: rucs[4], tipo: 'ministerio', nivelGobierno: 'nacional', sector: 'Pruebas', ubigeo: '150101', tramo: '3' }, asCoordinador.cookie);
    expect(guardado).toMatchObject({ status: 303, location: `/entidades/${codigo}?aviso=guardada#aviso` });
    expect((await getPage(h, guardado.location!, asCoordinador.cookie)).html).toContain('Asignado a mano');
    const oficioMalo = await postForm(h, `/entidades/${codigo}/designaciones`, { _csrf: asCoordinador.csrfToken, oficioNumero: 'Oficio N° 9', oficioFecha: '2026-12-01', titularNombre: 'Ana Torres', titularEmail: 'ana.torres@pruebas.gob.pe' }, asCoordinador.cookie);
    expect(oficioMalo.status).toBe(422);
    expect(oficioMalo.html).toContain('<a href="#designacion-oficioFecha">Fecha del oficio: la fecha del oficio no puede ser posterior a hoy</a>');
    const email = `ana.${codigo.toLowerCase()}@pruebas.gob.pe`;
    const oficio = await postForm(h, `/entidades/${codigo}/designaciones`, { _csrf: asCoordinador.csrfToken, oficioNumero: 'Oficio N° 9-2021', oficioFecha: '2021-02-01', titularNombre: 'Ana Torres', titularEmail: email, alternoNombre: '', alternoEmail: '' }, asCoordinador.cookie);
    expect(oficio).toMatchObject({ status: 303, location: `/entidades/${codigo}?aviso=designacion#responsables` });
    const conOficio = await getPage(h, oficio.location!, asCoordinador.cookie);
    expect(conOficio.html).toContain('Sin cuenta: aún no se le invita');
    const invitado = await postForm(h, `/entidades/${codigo}/invitaciones`, { _csrf: asCoordinador.csrfToken, cargo: 'titular' }, asCoordinador.cookie);
    expect(invitado).toMatchObject({ status: 303, location: `/entidades/${codigo}?aviso=invitacion-titular#aviso` });
    expect((await getPage(h, invitado.location!, asCoordinador.cookie)).html).toContain('Invitado: aún no activa su cuenta');
    const desactivada = await postForm(h, `/entidades/${codigo}/desactivar`, { _csrf: asCoordinador.csrfToken }, asCoordinador.cookie);
    expect(desactivada).toMatchObject({ status: 303, location: `/entidades/${codigo}?aviso=desactivada#aviso` });
    // A form without its anti-CSRF token changes nothing.
    expect((await postForm(h, `/entidades/${codigo}/reactivar`, {}, asCoordinador.cookie)).status).toBe(403);
    expect((await send(asCoordinador, 'GET', `/api/v1/entidades/${codigo}`)).body.entidad).toMatchObject({ activo: false, tramo: { numero: 3 }, tramoManual: true });
  });
});
