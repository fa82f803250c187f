import { AddNotaInternaUseCase, RequestSubsanacionUseCase } from '@app/atencion';
import { EstadoReclamo } from '@app/domain';
import { GetCifrasEntidadUseCase, ReconstruirCifrasUseCase } from '@app/medicion';
import { CalendarRepository, scopeOfEntidad } from '@app/plazos';
import { ResponderSubsanacionUseCase } from '@app/reclamos';
import { StaffUser } from '@app/staff';
import { insertReclamo } from '../support/atencion-factory';
import { api, BackofficeHarness, createTestStaff, getPage, signIn, SignedIn, startBackofficeApp, TestStaff } from '../support/backoffice-harness';
import { crearEntidadCifras, EntidadCifras, enLima, insertarCaso } from '../support/cifras-fixture';
import { withCalendarLock } from '../support/db';

/** Monday 23 November 2026, 10:00 in Lima. */
const NOW = new Date('2026-11-23T15:00:00Z');
const HOY = '2026-11-23';
const E = EstadoReclamo;

type Caso = { id: string; codigo: string };

/** Every href inside <main> (the header's navigation and the footer are the layout's), as the browser reads it. */
function enlacesDe(html: string): string[] {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
  return [...main.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&#x3D;/g, '=').replace(/&amp;/g, '&'));
}

/** The part of a page inside `<section aria-labelledby="id"…>…</section>` (sections of the homes are not nested in each other). */
function seccion(html: string, id: string): string {
  const start = html.indexOf(`<section aria-labelledby="${id}"`);
  if (start < 0) throw new Error(`no section ${id}`);
  return html.slice(start, html.indexOf('</section>', start));
}

/** The reclamo codes listed in a piece of page, in order. */
function codigos(html: string): string[] {
  return [...html.matchAll(/class="case-code">([^<]+)</g)].map((m) => m[1]);
}

/** "N casos con estos filtros": the total the bandeja shows for its filters. */
function totalDeBandeja(html: string): number {
  const m = /<h2 id="resultados-titulo">(\d+) casos?/.exec(html);
  if (!m) throw new Error('the bandeja shows no total');
  return Number(m[1]);
}

describe('the landing page of each role (/inicio): real app, DB and Redis', () => {
  let h: BackofficeHarness;
  let entidad: EntidadCifras;
  let ajena: EntidadCifras;
  let cuentas: Record<'oficial' | 'oficial2' | 'responsable' | 'alterno' | 'titular' | 'ajenoResponsable' | 'ajenoOficial' | 'ajenoTitular', TestStaff>;
  let sesion: Record<keyof typeof cuentas, SignedIn>;
  let responsableUser: StaffUser;
  const c: Record<string, Caso> = {};

  beforeAll(async () => {
    h = await startBackofficeApp(NOW);
    entidad = await crearEntidadCifras(h.dataSource, 'INI');
    ajena = await crearEntidadCifras(h.dataSource, 'INX');
    const staff = (rol: 'oficial' | 'responsable_titular' | 'responsable_alterno' | 'titular_entidad', entidadId: string) =>
      createTestStaff(h.dataSource, { rol, entidadId });
    cuentas = {
      oficial: await staff('oficial', entidad.id),
      oficial2: await staff('oficial', entidad.id),
      responsable: await staff('responsable_titular', entidad.id),
      alterno: await staff('responsable_alterno', entidad.id),
      titular: await staff('titular_entidad', entidad.id),
      ajenoResponsable: await staff('responsable_titular', ajena.id),
      ajenoOficial: await staff('oficial', ajena.id),
      ajenoTitular: await staff('titular_entidad', ajena.id),
    };
    await h.dataSource.query(`UPDATE usuario SET nombre = 'Oficial Ana Torres' WHERE id = $1`, [cuentas.oficial.id]);
    await h.dataSource.query(`UPDATE usuario SET nombre = 'Oficial Bruno Díaz' WHERE id = $1`, [cuentas.oficial2.id]);
    responsableUser = { id: cuentas.responsable.id, email: cuentas.responsable.email, nombre: cuentas.responsable.nombre, rol: 'responsable_titular', entidadId: entidad.id };
    sesion = {} as typeof sesion;
    for (const [k, s] of Object.entries(cuentas) as Array<[keyof typeof cuentas, TestStaff]>) {
      sesion[k] = await signIn(h, s.email, s.password);
      expect(sesion[k].status).toBe(200);
    }

    // Registration dates whose 30 business days end before, on and after Monday 23 November (the calendar's own due dates).
    const caso = (fechaRegistro: string, estado: EstadoReclamo, extra: Parameters<typeof insertReclamo>[2] = {}) =>
      insertReclamo(h.dataSource, entidad, { fechaRegistro, estado, ...extra });
    const A = cuentas.oficial.id;
    const B = cuentas.oficial2.id;
    c.a1 = await caso('2026-09-01', E.EN_ATENCION, { asignadoA: A }); // due 14 Oct: overdue
    c.a2 = await caso('2026-10-13', E.OBSERVADO, { asignadoA: A }); // due 24 Nov
    c.a3 = await caso('2026-10-14', E.RESPONDIDO, { asignadoA: A, respuesta: 'aprobada' }); // due 25 Nov, answer to notify
    c.a4 = await caso('2026-11-02', E.EN_ATENCION, { asignadoA: A }); // due mid-December
    c.a5 = await caso('2026-09-15', E.NOTIFICADO, { asignadoA: A }); // closed: on nobody's home
    c.b1 = await caso('2026-09-15', E.EN_ATENCION, { asignadoA: B }); // due 28 Oct: overdue, another officer's
    c.r1 = await caso('2026-10-16', E.REGISTRADO); // due 27 Nov, waits for assignment
    c.r2 = await caso('2026-11-20', E.REGISTRADO);
    c.p1 = await caso('2026-10-19', E.EN_ATENCION, { asignadoA: B, respuesta: 'pendiente_aprobacion' }); // due 30 Nov
    c.p2 = await caso('2026-11-02', E.OBSERVADO, { asignadoA: B, respuesta: 'pendiente_aprobacion' }); // a draft, but the case waits for the citizen
    c.n1 = await caso('2026-10-01', E.NOTIFICACION_FALLIDA, { asignadoA: B, respuesta: 'aprobada' }); // due 13 Nov: overdue
    c.n2 = await caso('2026-11-02', E.NOTIFICACION_EN_CURSO, { asignadoA: B, respuesta: 'aprobada' }); // the mail server decides, not staff
    await h.dataSource.query(`UPDATE reclamo SET unidad_id = $2 WHERE id = ANY ($1::uuid[])`, [[c.a1.id, c.b1.id], entidad.unidades.U2]);
    // Two citizens answer a subsanación online; staff then act on the second one.
    for (const k of ['s1', 's2']) {
      c[k] = await caso('2026-11-20', E.EN_ATENCION, { asignadoA: B, numeroDocumento: '40271593' });
      await h.app.get(RequestSubsanacionUseCase).execute({ actor: responsableUser, entidadId: entidad.id, reclamoId: c[k].id, motivo: 'Indique la sede y la hora.' });
      await h.app.get(ResponderSubsanacionUseCase).execute({ codigo: c[k].codigo, acceso: { documento: '40271593' }, texto: 'Fue en la sede central, a las 9:30.', adjuntos: [] });
    }
    await h.app.get(AddNotaInternaUseCase).execute({ actor: responsableUser, entidadId: entidad.id, reclamoId: c.s2.id, texto: 'Leída la respuesta del ciudadano.' });
    // Figures: two answers notified this year (one this month), read from the rollups rebuilt for this entity.
    await insertarCaso(h.dataSource, entidad, {
      registradoEn: enLima('2026-11-02'), fechaRegistro: '2026-11-02', estado: E.NOTIFICADO, venceEl: '2026-12-16', plazo: 30, notificadoEl: '2026-11-16',
      movimientos: [{ de: E.RESPONDIDO, a: E.NOTIFICADO, en: enLima('2026-11-16') }],
    });
    await insertarCaso(h.dataSource, entidad, {
      registradoEn: enLima('2026-08-03'), fechaRegistro: '2026-08-03', estado: E.NOTIFICADO, venceEl: '2026-09-14', plazo: 30, notificadoEl: '2026-10-20',
      movimientos: [{ de: E.RESPONDIDO, a: E.NOTIFICADO, en: enLima('2026-10-20') }],
    });
    await h.app.get(ReconstruirCifrasUseCase).execute({ entidadIds: [entidad.id] });
    // The other entity's own overdue case, which must never show on this entity's homes (nor theirs on it).
    c.x1 = await insertReclamo(h.dataSource, ajena, { fechaRegistro: '2026-09-01', estado: E.EN_ATENCION, asignadoA: cuentas.ajenoOficial.id });
  });
  afterAll(async () => {
    await h.close();
  });

  /** Business days between today and a case's stored due date, with the entity's calendar (as the page counts them). */
  async function diasHabiles(caso: Caso): Promise<number> {
    const [{ vence }]: Array<{ vence: string }> = await h.dataSource.query(`SELECT vence_el::text AS vence FROM reclamo WHERE id = $1`, [caso.id]);
    const calendar = await h.app.get(CalendarRepository).current();
    return calendar.businessDaysBetween(HOY, vence, scopeOfEntidad({ codigo: entidad.codigo, ubigeo: '150101' }));
  }

  /**
   * Follows every link of the page's main part as its reader (each answers 200) and as a member of
   * another entity: a case is the same 404 as one that does not exist, anything else shows none of
   * this entity's reclamos. Returns the bandeja totals by link.
   */
  async function seguirEnlaces(html: string, propia: SignedIn, otra: SignedIn): Promise<Map<string, number>> {
    const totales = new Map<string, number>();
    const nuestros = Object.entries(c).filter(([k]) => k !== 'x1').map(([, x]) => x.codigo);
    for (const href of new Set(enlacesDe(html))) {
      const page = await getPage(h, href, propia.cookie);
      expect({ href, status: page.status }).toEqual({ href, status: 200 });
      if (href.startsWith('/bandeja')) totales.set(href, totalDeBandeja(page.html));
      const foreign = await getPage(h, href, otra.cookie);
      if (/^\/casos\/[0-9a-f-]{36}$/.test(href)) {
        expect({ href, status: foreign.status }).toEqual({ href, status: 404 });
        expect(foreign.html).toContain('No existe ese reclamo en su entidad.');
      } else {
        expect({ href, status: foreign.status }).toEqual({ href, status: 200 });
      }
      for (const codigo of nuestros) expect(foreign.html).not.toContain(codigo);
    }
    return totales;
  }

  it('an officer lands on their own open cases, soonest due first, with the overdue, the due within 2 business days and the total', async () => {
    const page = await getPage(h, '/inicio', sesion.oficial.cookie);
    expect(page.status).toBe(200);
    const mios = seccion(page.html, 'mis-casos-titulo');
    expect(codigos(mios)).toEqual([c.a1, c.a2, c.a3, c.a4].map((x) => x.codigo));
    // Each links to its case.
    expect(mios).toContain(`<a href="/casos/${c.a1.id}" class="case-code">${c.a1.codigo}</a>`);
    // Counts at the top, each opening the bandeja filtered the same way.
    expect(mios).toMatch(/<li class="alerta"><a href="\/bandeja\?vencidos&#x3D;true"><strong class="n">1<\/strong> vencido<\/a><\/li>/);
    expect(mios).toContain('<strong class="n">2</strong> vencen en 2 días hábiles o menos</a>');
    expect(mios).toContain('<strong class="n">4</strong> abiertos en total</a>');
    // State in words, and the overdue one highlighted with its business days, counted with the calendar.
    await withCalendarLock(h.dataSource, async () => {
      const again = seccion((await getPage(h, '/inicio', sesion.oficial.cookie)).html, 'mis-casos-titulo');
      const atraso = -(await diasHabiles(c.a1));
      expect(again).toMatch(new RegExp(`<li class="caso late">\\s*<a href="/casos/${c.a1.id}"[\\s\\S]*?En atención[\\s\\S]*?<strong class="badge badge-late">Vencido</strong> hace ${atraso} días hábiles`));
      // 24 November: one business day left, in the singular.
      expect(await diasHabiles(c.a2)).toBe(1);
      expect(again).toContain('<strong class="badge badge-soon">Queda 1 día hábil</strong>');
    });
    expect(mios).toContain('Observado (pendiente de subsanación)');
    expect(mios).toContain('Respondido (por notificar)');
    // Never another officer's case, a closed one, or another entity's.
    for (const x of [c.b1, c.a5, c.p1, c.x1]) expect(page.html).not.toContain(x.codigo);
    // The account's security stays on the home.
    expect(page.html).toContain('Cerrar sesión en todos mis dispositivos');
    expect(page.html).toContain('<a href="/restablecer">Cambiar mi contraseña</a>');

    const totales = await seguirEnlaces(page.html, sesion.oficial, sesion.ajenoOficial);
    expect(totales.get('/bandeja?vencidos=true')).toBe(1);
    expect(totales.get('/bandeja?venceEnDias=2')).toBe(2);
    expect(totales.get('/bandeja?abiertos=true')).toBe(4);
  });

  it('the responsable lands on what needs action: each group counted as the bandeja its link opens, and its first cases by due date', async () => {
    for (const quien of ['responsable', 'alterno'] as const) {
      const page = await getPage(h, '/inicio', sesion[quien].cookie);
      expect(page.status).toBe(200);
      const grupo = (clave: string) => codigos(seccion(page.html, `grupo-${clave}`));
      expect(grupo('porAsignar')).toEqual([c.r1, c.r2].map((x) => x.codigo));
      // An observado case's draft waits for the citizen first.
      expect(grupo('aprobacion')).toEqual([c.p1.codigo]);
      // Respondido and notificación fallida; an e-mail still on its way is the mail server's to decide.
      expect(grupo('notificacion')).toEqual([c.n1, c.a3].map((x) => x.codigo));
      // The reply staff already acted on (a note) no longer waits.
      expect(grupo('subsanacion')).toEqual([c.s1.codigo]);
      expect(grupo('proximos')).toEqual([c.a2, c.a3, c.r1, c.p1].map((x) => x.codigo));
      expect(grupo('vencidos')).toEqual([c.a1, c.b1, c.n1].map((x) => x.codigo));
      expect(seccion(page.html, 'grupo-vencidos')).toContain('Oficina de Trámite · Oficial Ana Torres');
      expect(page.html).not.toContain(c.x1.codigo);
      expect(page.html).toContain('Cerrar sesión en todos mis dispositivos');

      const totales = await seguirEnlaces(page.html, sesion[quien], sesion.ajenoResponsable);
      expect(Object.fromEntries(totales)).toEqual({
        '/bandeja': expect.any(Number),
        '/bandeja?vencidos=true': 3,
        '/bandeja?estado=registrado': 2,
        '/bandeja?pendiente=aprobacion': 1,
        '/bandeja?pendiente=notificacion': 2,
        '/bandeja?pendiente=subsanacion': 1,
        '/bandeja?venceEnDias=5': 4,
      });
    }
  });

  it('the titular lands on the figures of this month and this year, and on every overdue case, which they may open to read', async () => {
    const page = await getPage(h, '/inicio', sesion.titular.cookie);
    expect(page.status).toBe(200);
    const escalamientos = seccion(page.html, 'escalamientos-titulo');
    expect(codigos(escalamientos)).toEqual([c.a1, c.b1, c.n1].map((x) => x.codigo));
    expect(escalamientos).toContain('Oficina de Trámite · Oficial Ana Torres');
    expect(escalamientos).toContain('Oficina de Trámite · Oficial Bruno Díaz');
    await withCalendarLock(h.dataSource, async () => {
      const html = seccion((await getPage(h, '/inicio', sesion.titular.cookie)).html, 'escalamientos-titulo');
      expect(html).toContain(`<strong class="badge badge-late">Vencido</strong> hace ${-(await diasHabiles(c.b1))} días hábiles`);
    });

    // The figures are the use case's for 1–23 November and 1 January–23 November.
    const cifras = h.app.get(GetCifrasEntidadUseCase);
    const mes = await cifras.execute({ entidadId: entidad.id, periodo: { desde: '2026-11-01', hasta: HOY }, filtros: {} });
    const anio = await cifras.execute({ entidadId: entidad.id, periodo: { desde: '2026-01-01', hasta: HOY }, filtros: {} });
    expect([mes.resumen.notificados, anio.resumen.notificados]).toEqual([1, 2]);
    const fila = (cifra: string) => new RegExp(`<th scope="row">${cifra}</th><td class="num">([^<]+)</td><td class="num">([^<]+)</td>`).exec(page.html)?.slice(1);
    expect(fila('Reclamos recibidos')).toEqual([String(mes.resumen.recibidos), String(anio.resumen.recibidos)]);
    expect(fila('Respuestas notificadas')).toEqual(['1', '2']);
    expect(fila('Notificadas en el plazo legal \\(30 días hábiles\\)')).toEqual(['100 %', '50 %']);
    expect(fila('Mediana de días hábiles hasta la notificación')).toEqual([
      String(mes.resumen.diasHabilesMediana).replace('.', ','),
      String(anio.resumen.diasHabilesMediana).replace('.', ','),
    ]);
    // Open and overdue now: every open case of the entity (a1–a4, b1, r1, r2, p1, p2, n1, n2, s1, s2), three overdue.
    expect(page.html).toContain('<div><dt>Abiertos hoy</dt><dd>13</dd></div>');
    expect(page.html).toContain('<div class="alerta"><dt>Vencidos hoy</dt><dd>3</dd></div>');
    expect(page.html).not.toContain(c.x1.codigo);

    // Read-only: the case opens without a single action form.
    const caso = await getPage(h, `/casos/${c.a1.id}`, sesion.titular.cookie);
    expect(caso.status).toBe(200);
    expect(caso.html).not.toMatch(new RegExp(`action="/casos/${c.a1.id}/`));

    const totales = await seguirEnlaces(page.html, sesion.titular, sesion.ajenoTitular);
    expect(totales.get('/bandeja?vencidos=true')).toBe(3);
    expect(enlacesDe(page.html)).toEqual(expect.arrayContaining(['/cifras', `/cifras?desde=2026-11-01&hasta=${HOY}`, `/cifras?desde=2026-01-01&hasta=${HOY}`]));
  });

  it('the administrator keeps the general home, a coordinator goes to the console; without a session it is the sign-in', async () => {
    const coordinador = await createTestStaff(h.dataSource, { rol: 'coordinador', entidadId: null });
    expect(await getPage(h, '/inicio', (await signIn(h, coordinador.email, coordinador.password)).cookie)).toMatchObject({ status: 303, location: '/consola' });
    for (const rol of ['administrador'] as const) {
      const cuenta = await createTestStaff(h.dataSource, { rol, entidadId: null });
      const s = await signIn(h, cuenta.email, cuenta.password);
      const page = await getPage(h, '/inicio', s.cookie);
      expect(page.status).toBe(200);
      expect(page.html).toContain('Todas las entidades (rol nacional)');
      expect(page.html).not.toContain('class="caso');
      expect(page.html).toContain('Cerrar sesión en todos mis dispositivos');
      for (const href of enlacesDe(page.html)) expect({ href, status: (await getPage(h, href, s.cookie)).status }).toEqual({ href, status: 200 });
    }
    expect(await getPage(h, '/inicio')).toMatchObject({ status: 303, location: '/ingresar' });
  });

  it("the bandeja's new filters: pendiente refused in Spanish naming the field, and the same groups through the JSON API", async () => {
    const bad = await getPage(h, '/bandeja?pendiente=otra', sesion.responsable.cookie);
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('href="#f-pendiente"');
    expect(bad.html).toContain('elija aprobacion, notificacion o subsanacion');
    const apiBad = await api(h, 'GET', '/api/v1/bandeja?abiertos=quizas', { cookie: sesion.responsable.cookie });
    expect(apiBad.status).toBe(422);
    expect(JSON.stringify(apiBad.body)).toContain('abiertos');
    const json = await api(h, 'GET', '/api/v1/bandeja?pendiente=subsanacion', { cookie: sesion.responsable.cookie });
    expect(json.status).toBe(200);
    expect((json.body.items as Array<{ codigo: string }>).map((i) => i.codigo)).toEqual([c.s1.codigo]);
    // The officer's bandeja keeps its scope under the new filters.
    const oficial = await api(h, 'GET', '/api/v1/bandeja?abiertos=true', { cookie: sesion.oficial.cookie });
    expect((oficial.body.items as Array<{ codigo: string }>).map((i) => i.codigo)).toEqual([c.a1, c.a2, c.a3, c.a4].map((x) => x.codigo));
  });
});
