import ExcelJS from 'exceljs';
import { VistaTramo } from '@app/adopcion';
import { ReconstruirCifrasUseCase } from '@app/medicion';
import { EstadoReclamo } from '@app/domain';
import { api, BackofficeHarness, createTestStaff, getPage, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';
import { EntidadCifras, enLima, insertarCaso } from '../support/cifras-fixture';
import { crearTramoDePrueba, cuentaActiva, entidadEnTramo, entidadVacia, registrarDesignacion } from '../support/consola-fixture';
import { uniqueCode } from '../support/db';

// The tramo's deadline is the clock's day: the day before, of and after are one clock move away.
const LIMITE = '2031-04-20';

describe("The coordinators' console: tramos, an entity, exports and who may read them (real app, DB and Redis)", () => {
  let h: BackofficeHarness;
  let tramo: number;
  let implementada: EntidadCifras;
  let enProceso: EntidadCifras;
  let sinIniciar: { id: string; codigo: string };
  let coordinador: SignedIn & { id: string };
  let administrador: SignedIn;
  let responsable: SignedIn;

  beforeAll(async () => {
    h = await startBackofficeApp(enLima(LIMITE));
    const ds = h.dataSource;
    tramo = await crearTramoDePrueba(ds, { nombre: 'Tramo de prueba de la consola', fechaInicio: '2031-01-01', fechaLimite: LIMITE, descripcion: 'Entidades de prueba.' });
    // Implementada: every step, the last one (first answer on time) on 17 March.
    implementada = await entidadEnTramo(ds, tramo, 'CNI');
    await registrarDesignacion(ds, implementada.id, '2031-01-10');
    await cuentaActiva(ds, implementada.id, 'responsable_titular', enLima('2031-01-15'));
    await cuentaActiva(ds, implementada.id, 'responsable_alterno', enLima('2031-01-20'));
    await cuentaActiva(ds, implementada.id, 'oficial', enLima('2031-01-25'));
    await insertarCaso(ds, implementada, {
      registradoEn: enLima('2031-03-03'), fechaRegistro: '2031-03-03', estado: EstadoReclamo.NOTIFICADO, venceEl: '2031-04-14', notificadoEl: '2031-03-17',
      movimientos: [{ de: EstadoReclamo.RESPONDIDO, a: EstadoReclamo.NOTIFICADO, en: enLima('2031-03-17') }],
    });
    await insertarCaso(ds, implementada, { registradoEn: enLima('2031-03-05'), fechaRegistro: '2031-03-05', estado: EstadoReclamo.EN_ATENCION, venceEl: '2031-04-16' });
    // En proceso: designated and configured, nobody's account active, no reclamo.
    enProceso = await entidadEnTramo(ds, tramo, 'CNP');
    await registrarDesignacion(ds, enProceso.id, '2031-02-01');
    // No iniciada: registered, nothing else.
    sinIniciar = await entidadVacia(ds, tramo, uniqueCode('CNN'));
    await h.app.get(ReconstruirCifrasUseCase).execute({ entidadIds: [implementada.id] });

    const coord = await createTestStaff(ds, { rol: 'coordinador', entidadId: null });
    coordinador = { ...(await signIn(h, coord.email, coord.password)), id: coord.id };
    const admin = await createTestStaff(ds, { rol: 'administrador', entidadId: null });
    administrador = await signIn(h, admin.email, admin.password);
    const resp = await createTestStaff(ds, { rol: 'responsable_titular', entidadId: enProceso.id });
    responsable = await signIn(h, resp.email, resp.password);
    for (const s of [coordinador, administrador, responsable]) expect(s.status).toBe(200);
  });
  afterAll(async () => {
    await h.close();
  });
  afterEach(() => h.clock.set(enLima(LIMITE)));

  const miTramo = async (cookie: string) => {
    const r = await api(h, 'GET', '/api/v1/tramos', { cookie });
    expect(r.status).toBe(200);
    return (r.body.tramos as Array<Record<string, unknown>>).find((t) => t.numero === tramo)!;
  };

  it('GET /api/v1/tramos: the tramo with its entities per state, % implemented and the deadline in calendar days', async () => {
    const t = await miTramo(coordinador.cookie);
    expect(t).toMatchObject({
      nombre: 'Tramo de prueba de la consola',
      fechaInicio: '2031-01-01',
      fechaLimite: LIMITE,
      entidades: 3,
      porEstado: { implementado: 1, en_proceso: 1, no_iniciado: 1 },
      implementadoPct: 33.3,
      plazo: { vencido: false, diasParaLimite: 0, diasVencido: null },
      atrasadas: 0,
      implementadosAlLimite: null,
    });
    // Cumulative implementadas by month: none until March, one from March (17 March) on.
    expect((t.evolucion as Array<{ mes: string; implementados: number }>).map((p) => [p.mes, p.implementados])).toEqual([
      ['2031-01', 0],
      ['2031-02', 0],
      ['2031-03', 1],
      ['2031-04', 1],
    ]);
    // The administrator reads the same.
    expect((await api(h, 'GET', '/api/v1/tramos', { cookie: administrador.cookie })).status).toBe(200);
  });

  it('GET /api/v1/tramos/{numero}: each step with the Lima date it was reached, derived from the platform', async () => {
    const r = await api(h, 'GET', `/api/v1/tramos/${tramo}`, { cookie: coordinador.cookie });
    expect(r.status).toBe(200);
    const porCodigo = new Map((r.body as VistaTramo).entidades.map((e) => [e.codigo, e]));
    const imp = porCodigo.get(implementada.codigo)!;
    const catalogos = imp.pasos[2].fecha;
    expect(imp.pasos.map((p) => [p.paso, p.fecha])).toEqual([
      ['designacion_recibida', '2031-01-10'],
      ['cuentas_responsables_activas', '2031-01-20'],
      ['catalogos_configurados', catalogos],
      ['oficiales_registrados', '2031-01-25'],
      ['primer_reclamo_recibido', '2031-03-03'],
      ['primer_reclamo_en_plazo', '2031-03-17'],
    ]);
    expect(imp).toMatchObject({ estado: 'implementado', implementadoEl: '2031-03-17', diasDeRetraso: null, pasosFaltantes: [] });
    expect(porCodigo.get(enProceso.codigo)).toMatchObject({
      estado: 'en_proceso',
      pasosFaltantes: ['Cuentas de los responsables activas', 'Oficiales registrados', 'Primer reclamo recibido', 'Primer reclamo notificado en el plazo legal'],
    });
    expect(porCodigo.get(sinIniciar.codigo)).toMatchObject({ estado: 'no_iniciado', implementadoEl: null });
    expect(r.body.atrasadas).toEqual([]);
  });

  it('lateness on the day before, of and after the deadline (calendar days), never for the implemented entity', async () => {
    // A session lasts hours: each moment of the clock signs in again.
    const el = async (instante: Date) => {
      h.clock.set(instante);
      const c = await createTestStaff(h.dataSource, { rol: 'coordinador', entidadId: null });
      return (await signIn(h, c.email, c.password)).cookie;
    };
    expect(await miTramo(await el(enLima('2031-04-19')))).toMatchObject({ plazo: { vencido: false, diasParaLimite: 1 }, atrasadas: 0 });
    expect(await miTramo(await el(enLima(LIMITE, '23:59')))).toMatchObject({ plazo: { vencido: false, diasParaLimite: 0 }, atrasadas: 0 });
    // 04:30 UTC on the 21st is 23:30 of the 20th in Lima: Lima's date decides.
    expect(await miTramo(await el(new Date('2031-04-21T04:30:00Z')))).toMatchObject({ plazo: { vencido: false, diasParaLimite: 0 }, atrasadas: 0 });
    const despues = await el(enLima('2031-04-21', '00:30'));
    expect(await miTramo(despues)).toMatchObject({ plazo: { vencido: true, diasVencido: 1, diasParaLimite: null }, atrasadas: 2, implementadosAlLimite: 1 });
    const detalle = (await api(h, 'GET', `/api/v1/tramos/${tramo}`, { cookie: despues })).body as VistaTramo;
    expect(detalle.atrasadas.map((e) => [e.codigo, e.diasDeRetraso])).toEqual(
      [
        [enProceso.codigo, 1],
        [sinIniciar.codigo, 1],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(detalle.atrasadas.find((e) => e.codigo === sinIniciar.codigo)?.pasosFaltantes).toHaveLength(6);
    const unMesDespues = (await api(h, 'GET', `/api/v1/tramos/${tramo}`, { cookie: await el(enLima('2031-05-21')) })).body as VistaTramo;
    expect(unMesDespues.tramo).toMatchObject({ plazo: { diasVencido: 31 } });
    expect(unMesDespues.entidades.find((e) => e.codigo === implementada.codigo)?.diasDeRetraso).toBeNull();
    expect(unMesDespues.atrasadas.map((e) => e.diasDeRetraso)).toEqual([31, 31]);
  });

  it("an entity's adoption and compliance; every read is recorded in the log of reads", async () => {
    const auditadas = async () =>
      Number(
        (
          await h.dataSource.query(`SELECT count(*) AS n FROM registro_acceso WHERE entidad_id = $1 AND accion = 'cifras_consultadas' AND actor_id = $2`, [
            implementada.id,
            coordinador.id,
          ])
        )[0].n,
      );
    const antes = await auditadas();
    const r = await api(h, 'GET', `/api/v1/adopcion/entidades/${implementada.codigo}?periodo=2031-03`, { cookie: coordinador.cookie });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      fecha: LIMITE,
      periodo: { clave: '2031-03', desde: '2031-03-01', hasta: '2031-03-31' },
      entidad: { codigo: implementada.codigo, estado: 'implementado', tramo: { numero: tramo, fechaLimite: LIMITE } },
      cumplimiento: { recibidos: 2, notificados: 1, notificadosEnPlazoLegal: 1, enPlazoLegalPct: 100, diasHabilesMediana: 10, abiertosHoy: 1, vencidosHoy: 1 },
    });
    expect(await auditadas()).toBe(antes + 1);
    const page = await getPage(h, `/adopcion/entidades/${implementada.codigo}?periodo=2031-T1`, coordinador.cookie);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Cumplimiento en el 1.º trimestre de 2031');
    expect(await auditadas()).toBe(antes + 2);
    const [ultima]: Array<{ actor_rol: string; detalle: Record<string, unknown> }> = await h.dataSource.query(
      `SELECT actor_rol, detalle FROM registro_acceso WHERE entidad_id = $1 AND accion = 'cifras_consultadas' ORDER BY id DESC LIMIT 1`,
      [implementada.id],
    );
    expect(ultima).toEqual({ actor_rol: 'coordinador', detalle: { vista: 'consola_entidad', periodo: '2031-T1' } });
  });

  it("an entity's staff get 403 on every console page and API, their own entity's included; no session is sent to sign in", async () => {
    const rutas = ['/tramos', `/tramos/${tramo}`, '/ranking', `/adopcion/entidades/${enProceso.codigo}`, '/consola'];
    for (const ruta of rutas) {
      const page = await getPage(h, ruta, responsable.cookie);
      expect({ ruta, status: page.status }).toEqual({ ruta, status: 403 });
      expect(page.html).not.toContain(implementada.codigo);
      expect(await getPage(h, ruta)).toMatchObject({ status: 303, location: '/ingresar' });
    }
    const apis = ['/api/v1/tramos', `/api/v1/tramos/${tramo}`, `/api/v1/tramos/${tramo}.csv`, `/api/v1/tramos/${tramo}.xlsx`, '/api/v1/ranking', '/api/v1/ranking.csv',
      '/api/v1/ranking.xlsx', `/api/v1/adopcion/entidades/${enProceso.codigo}`];
    for (const ruta of apis) {
      expect({ ruta, status: (await api(h, 'GET', ruta, { cookie: responsable.cookie })).status }).toEqual({ ruta, status: 403 });
      expect({ ruta, status: (await api(h, 'GET', ruta)).status }).toEqual({ ruta, status: 401 });
    }
  });

  it('an unknown tramo or entity is a 404; bad periods and filters a 422 naming the field, in Spanish', async () => {
    for (const ruta of ['/api/v1/tramos/32000', '/api/v1/tramos/abc', '/api/v1/tramos/0', '/api/v1/tramos/99999999999']) {
      const r = await api(h, 'GET', ruta, { cookie: coordinador.cookie });
      expect({ ruta, status: r.status, mensaje: r.body.mensaje }).toEqual({ ruta, status: 404, mensaje: 'No existe ese tramo.' });
    }
    expect((await getPage(h, '/tramos/32000', coordinador.cookie)).status).toBe(404);
    await h.dataSource.query(`UPDATE entidad SET activo = false WHERE id = $1`, [sinIniciar.id]);
    try {
      for (const codigo of ['NOEXISTE999', sinIniciar.codigo, 'no válido!']) {
        expect((await api(h, 'GET', `/api/v1/adopcion/entidades/${encodeURIComponent(codigo)}`, { cookie: coordinador.cookie })).status).toBe(404);
      }
    } finally {
      await h.dataSource.query(`UPDATE entidad SET activo = true WHERE id = $1`, [sinIniciar.id]);
    }
    const malos: Array<[string, string]> = [
      ['periodo=2031-13', 'periodo'],
      ['periodo=ayer', 'periodo'],
      ['periodo=2031-T5', 'periodo'],
      ['departamento=99', 'departamento'],
      ['nivel=municipal', 'nivel'],
      ['tramo=uno', 'tramo'],
    ];
    for (const [qs, campo] of malos) {
      const r = await api(h, 'GET', `/api/v1/ranking?${qs}`, { cookie: coordinador.cookie });
      expect({ qs, status: r.status, campo: r.body.errores?.[0]?.campo }).toEqual({ qs, status: 422, campo });
    }
    const entidadMala = await api(h, 'GET', `/api/v1/adopcion/entidades/${implementada.codigo}?periodo=2031-02-30`, { cookie: coordinador.cookie });
    expect(entidadMala).toMatchObject({ status: 422, body: { errores: [{ campo: 'periodo' }] } });
    const page = await getPage(h, '/ranking?periodo=2031-13&departamento=99', coordinador.cookie);
    expect(page.status).toBe(422);
    expect(page.html).toContain('Departamento: elija un departamento por su código INEI');
  });

  it('the coordinator lands on the console from /inicio; the refusal on the inbox links to it', async () => {
    expect(await getPage(h, '/inicio', coordinador.cookie)).toMatchObject({ status: 303, location: '/consola' });
    const inicio = await getPage(h, '/consola', coordinador.cookie);
    expect(inicio.status).toBe(200);
    expect(inicio.html).toContain('<h1>Consola de implementación</h1>');
    expect(inicio.html).toContain(`href="/tramos/${tramo}"`);
    const bandeja = await getPage(h, '/bandeja', coordinador.cookie);
    expect(bandeja.status).toBe(403);
    expect(bandeja.html).toMatch(/cifras agregadas/);
    expect(bandeja.html).toContain('<a href="/consola">Ver las cifras agregadas en la consola de implementación</a>');
    // The administrator keeps their own home page, and the header links to the console for both.
    expect((await getPage(h, '/inicio', administrador.cookie)).status).toBe(200);
    expect(inicio.html).toContain('<li><a href="/tramos">Tramos</a></li>');
    // An entity's staff member refused a page is not sent to the console.
    expect((await getPage(h, '/consola', responsable.cookie)).html).not.toContain('Ver las cifras agregadas');
  });

  it('every console page renders its charts as SVG, and every link on it leads somewhere', async () => {
    const paginas = ['/consola', '/tramos', `/tramos/${tramo}`, `/adopcion/entidades/${implementada.codigo}`, `/ranking?tramo=${tramo}`];
    const enlaces = new Set<string>();
    for (const ruta of paginas) {
      const page = await getPage(h, ruta, coordinador.cookie);
      expect({ ruta, status: page.status }).toEqual({ ruta, status: 200 });
      for (const m of page.html.matchAll(/href="([^"#]+)"/g)) enlaces.add(m[1].replace(/&amp;/g, '&').replace(/&#x3D;/g, '='));
    }
    const svgs = async (ruta: string) => ((await getPage(h, ruta, coordinador.cookie)).html.match(/<svg role="img" aria-labelledby="g-[a-z-]+-titulo"/g) ?? []).length;
    expect(await svgs('/tramos')).toBe(2);
    expect(await svgs(`/tramos/${tramo}`)).toBe(1);
    expect(await svgs(`/ranking?tramo=${tramo}`)).toBe(1);
    for (const enlace of enlaces) {
      if (!enlace.startsWith('/')) continue;
      // The brand's "/" goes to /inicio, and from there to the console: followed as a browser does.
      const r = await fetch(`${h.baseUrl}${enlace}`, { headers: { cookie: coordinador.cookie } });
      expect({ enlace, status: r.status }).toEqual({ enlace, status: 200 });
      await r.arrayBuffer();
    }
    expect(enlaces).toContain(`/adopcion/entidades/${implementada.codigo}`);
    expect(enlaces).toContain(`/api/v1/tramos/${tramo}.xlsx`);
  });

  it('exports the tramo as CSV (one row per entity) and as an XLSX workbook that reads back', async () => {
    const csv = await fetch(`${h.baseUrl}/api/v1/tramos/${tramo}.csv`, { headers: { cookie: coordinador.cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="tramo-${tramo}-${LIMITE}.csv"`);
    const lineas = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lineas[0]).toBe(
      'Código,Entidad,Tipo,Nivel de gobierno,Sector,Departamento,Estado,Designación de responsables recibida,Cuentas de los responsables activas,' +
        '"Sedes, unidades y servicios configurados",Oficiales registrados,Primer reclamo recibido,Primer reclamo notificado en el plazo legal,' +
        'Implementada el,Días de retraso (calendario),Pasos faltantes',
    );
    expect(lineas).toHaveLength(4);
    expect(lineas.find((l) => l.startsWith(implementada.codigo))).toMatch(/,Implementado,2031-01-10,2031-01-20,[0-9-]+,2031-01-25,2031-03-03,2031-03-17,2031-03-17,,$/);

    const xlsx = await fetch(`${h.baseUrl}/api/v1/tramos/${tramo}.xlsx`, { headers: { cookie: coordinador.cookie } });
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const libro = new ExcelJS.Workbook();
    await libro.xlsx.load(await xlsx.arrayBuffer());
    expect(libro.worksheets.map((w) => w.name)).toEqual(['Tramo', 'Entidades', 'Evolución']);
    expect(libro.getWorksheet('Entidades')?.rowCount).toBe(4);
    expect(libro.getWorksheet('Evolución')?.getRow(4).values).toEqual([undefined, '2031-03', '2031-03-31', 1, 33.3]);
  });
});
