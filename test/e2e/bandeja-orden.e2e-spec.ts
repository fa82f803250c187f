import { ordenSql, POSICION_DEL_ESTADO_SQL } from '@app/atencion';
import { EstadoReclamo } from '@app/domain';
import { insertReclamo } from '../support/atencion-factory';
import { createTestEntidad, uniqueCode } from '../support/db';
import { api, BackofficeHarness, createTestStaff, getPage, Json, signIn, SignedIn, startBackofficeApp, TEST_PASSWORD } from '../support/backoffice-harness';

/**
 * The inbox's sort (issue 13): whitelisted columns, both directions, the code as tie-break, pages that
 * keep the sort and the filters, the same order in the JSON API and in the page's sortable headers
 * (plain links, aria-sort on the active one), and a Spanish 422 naming the field for a bad value.
 * Rows are this file's own: an entity of its own, with its officers and reclamos.
 */
describe('Bandeja: sortable columns (API and page, real app and DB)', () => {
  let h: BackofficeHarness;
  let entidad: { id: string; codigo: string };
  let responsable: SignedIn;
  let otroResponsable: SignedIn;
  const LIFECYCLE: string[] = Object.values(EstadoReclamo);

  interface Item {
    id: string;
    codigo: string;
    estado: string;
    fechaRegistro: string;
    vence: string;
    asignadoA: { nombre: string } | null;
  }

  beforeAll(async () => {
    // Monday 23 November 2026, 10:00 in Lima.
    h = await startBackofficeApp(new Date('2026-11-23T15:00:00Z'));
    entidad = await createTestEntidad(h.dataSource, uniqueCode('ORD'));
    const otra = await createTestEntidad(h.dataSource, uniqueCode('ORX'));
    const staff = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: entidad.id });
    const otro = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: otra.id });
    // Officers whose names sort one way while their ids sort however they happen to.
    const oficial = async (nombre: string) => {
      const s = await createTestStaff(h.dataSource, { rol: 'oficial', entidadId: entidad.id });
      await h.dataSource.query(`UPDATE usuario SET nombre = $2 WHERE id = $1`, [s.id, nombre]);
      return s.id;
    };
    const ana = await oficial('Ana Zegarra');
    const beto = await oficial('Beto Álvarez');
    // Twelve reclamos on three registration dates; Saturday the 14th counts as filed on Monday the 16th, so
    // eight share a due date (the code breaks the tie) while their registration dates differ;
    // states across the lifecycle, some assigned; codes random, so code order is none of the others.
    const fechas = ['2026-11-02', '2026-11-14', '2026-11-16'];
    const estados = [EstadoReclamo.NOTIFICADO, EstadoReclamo.REGISTRADO, EstadoReclamo.EN_ATENCION, EstadoReclamo.OBSERVADO];
    for (let i = 0; i < 12; i++) {
      await insertReclamo(h.dataSource, entidad, {
        fechaRegistro: fechas[i % 3],
        estado: estados[i % 4],
        asignadoA: [ana, null, beto, beto, ana, null, null, ana, beto, ana, null, beto][i],
      });
    }
    // Another entity's reclamo: never in this entity's list, whatever the sort.
    await insertReclamo(h.dataSource, otra, { fechaRegistro: '2026-11-01' });
    responsable = await signIn(h, staff.email, TEST_PASSWORD);
    otroResponsable = await signIn(h, otro.email, TEST_PASSWORD);
    expect([responsable.status, otroResponsable.status]).toEqual([200, 200]);
  });
  afterAll(async () => {
    await h.close();
  });

  const get = (path: string, who = responsable) => api(h, 'GET', path, { cookie: who.cookie });
  const codes = (body: Json) => (body.items as Item[]).map((i) => i.codigo);

  /** The order each key promises, computed here from the rows' own fields (the SQL is not consulted). */
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  const expected = (items: Item[], orden: string, dir: 'asc' | 'desc'): string[] => {
    const s = dir === 'asc' ? 1 : -1;
    const key: Record<string, (x: Item, y: Item) => number> = {
      codigo: (x, y) => s * cmp(x.codigo, y.codigo),
      registro: (x, y) => s * (cmp(x.fechaRegistro, y.fechaRegistro) || cmp(x.codigo, y.codigo)),
      vence: (x, y) => s * (cmp(x.vence, y.vence) || cmp(x.codigo, y.codigo)),
      estado: (x, y) => s * (cmp(LIFECYCLE.indexOf(x.estado), LIFECYCLE.indexOf(y.estado)) || cmp(x.vence, y.vence) || cmp(x.codigo, y.codigo)),
      asignado: (x, y) => {
        // Unassigned last in both directions.
        if (!x.asignadoA !== !y.asignadoA) return x.asignadoA ? -1 : 1;
        return s * (cmp(x.asignadoA?.nombre ?? '', y.asignadoA?.nombre ?? '') || cmp(x.vence, y.vence) || cmp(x.codigo, y.codigo));
      },
    };
    return [...items].sort(key[orden]).map((i) => i.codigo);
  };

  it('sorts by each whitelisted column in both directions (ties too, by code), only its own entity', async () => {
    const all = await get('/api/v1/bandeja?porPagina=100');
    expect(all.status).toBe(200);
    const items = all.body.items as Item[];
    expect(items).toHaveLength(12);
    expect(all.body).toMatchObject({ total: 12, orden: 'vence', dir: 'asc' });
    // The data distinguishes the sorts: each one gives a different order.
    const orders = new Map<string, string>();
    for (const orden of ['codigo', 'registro', 'vence', 'estado', 'asignado']) {
      for (const dir of ['asc', 'desc'] as const) {
        const res = await get(`/api/v1/bandeja?porPagina=100&orden=${orden}&dir=${dir}`);
        expect(res.status).toBe(200);
        expect({ orden, dir, codes: codes(res.body) }).toEqual({ orden, dir, codes: expected(items, orden, dir) });
        expect(res.body).toMatchObject({ orden, dir });
        orders.set(codes(res.body).join(), `${orden} ${dir}`);
      }
    }
    expect([...orders.values()]).toHaveLength(10);
    // Default: due date ascending; the earlier `-vence` still reads as due date descending.
    expect(codes(all.body)).toEqual(expected(items, 'vence', 'asc'));
    expect(codes((await get('/api/v1/bandeja?porPagina=100&orden=-vence')).body)).toEqual(expected(items, 'vence', 'desc'));
    // Another entity's responsable sorts their own inbox: none of these.
    const otros = codes((await get('/api/v1/bandeja?porPagina=100&orden=codigo', otroResponsable)).body);
    expect(otros).toHaveLength(1);
    expect(otros.some((c) => items.some((i) => i.codigo === c))).toBe(false);
  });

  it('pages keep the sort and the filters: pages of 2 put together are the whole sorted, filtered list', async () => {
    const filtro = 'abiertos=true&orden=asignado&dir=desc';
    const full = await get(`/api/v1/bandeja?porPagina=100&${filtro}`);
    const open = full.body.items as Item[];
    expect(open.length).toBe(9); // the notified ones (3 of 12) are not open
    const joined: string[] = [];
    for (let pagina = 1; pagina <= 5; pagina++) {
      const res = await get(`/api/v1/bandeja?porPagina=2&pagina=${pagina}&${filtro}`);
      expect(res.body.total).toBe(9);
      joined.push(...codes(res.body));
    }
    expect(joined).toEqual(expected(open, 'asignado', 'desc'));
  });

  it('a sort outside the list is a 422 in Spanish naming the field, for the API and the page', async () => {
    for (const [qs, campo] of [
      ['orden=nombre', 'orden'],
      ['orden=vence;DROP', 'orden'],
      ['dir=arriba', 'dir'],
      ['orden=vence&dir=DESC', 'dir'],
    ]) {
      const res = await get(`/api/v1/bandeja?${qs}`);
      expect({ qs, status: res.status }).toEqual({ qs, status: 422 });
      expect(res.body.errores).toEqual([expect.objectContaining({ campo, mensaje: expect.stringMatching(/^elija /) })]);
    }
    const page = await getPage(h, '/bandeja?orden=nombre&estado=registrado', responsable.cookie);
    expect(page.status).toBe(422);
    expect(page.html).toContain('<a href="#f-orden">Ordenar por: elija codigo, registro, vence, estado, asignado</a>');
    // The filters open, so the field the summary links to is there.
    expect(page.html).toMatch(/<details class="card filters" open>/);
    expect(page.html).toContain('id="f-orden"');
  });

  /** The codes of the page's rows, in order. */
  const pageCodes = (html: string) => [...html.matchAll(/class="case-code">([^<]+)</g)].map((m) => m[1]);
  const headerOf = (html: string, etiqueta: string) => {
    const match = new RegExp(`<th scope="col"([^>]*)><a href="([^"]+)" class="sort">${etiqueta}<`).exec(html);
    if (!match) throw new Error(`No hay encabezado ${etiqueta}`);
    return { attrs: match[1], href: match[2].replace(/&amp;/g, '&').replace(/&#x3D;/g, '=') };
  };

  it('the page: headers are links that sort (no JavaScript), aria-sort on the active one, filters kept, pages kept', async () => {
    const items = (await get('/api/v1/bandeja?porPagina=100')).body.items as Item[];
    const inicio = await getPage(h, '/bandeja?estado=registrado', responsable.cookie);
    expect(inicio.status).toBe(200);
    // Default sort: due date ascending, said on its header; the other headers carry no aria-sort.
    expect(headerOf(inicio.html, 'Vence y plazo').attrs).toBe(' aria-sort="ascending"');
    expect(headerOf(inicio.html, 'Código').attrs).toBe('');
    expect((inicio.html.match(/aria-sort=/g) ?? []).length).toBe(1);
    // The active header flips the direction; another starts ascending; both keep the filter, none keeps a page.
    expect(headerOf(inicio.html, 'Vence y plazo').href).toBe('/bandeja?estado=registrado&orden=vence&dir=desc');
    const porCodigo = headerOf(inicio.html, 'Código').href;
    expect(porCodigo).toBe('/bandeja?estado=registrado&orden=codigo&dir=asc');

    // Follow the header link, as a browser without JavaScript does.
    const registrados = items.filter((i) => i.estado === 'registrado');
    const asc = await getPage(h, porCodigo, responsable.cookie);
    expect(asc.status).toBe(200);
    expect(pageCodes(asc.html)).toEqual(expected(registrados, 'codigo', 'asc'));
    expect(headerOf(asc.html, 'Código').attrs).toBe(' aria-sort="ascending"');
    const desc = await getPage(h, headerOf(asc.html, 'Código').href, responsable.cookie);
    expect(pageCodes(desc.html)).toEqual(expected(registrados, 'codigo', 'desc'));
    expect(headerOf(desc.html, 'Código').attrs).toBe(' aria-sort="descending"');
    expect(desc.html).toContain('Casos ordenados por Código, descendente');

    // Pages of 5 by officer, descending: the next-page link keeps sort and size; both pages together are the list.
    const p1 = await getPage(h, '/bandeja?orden=asignado&dir=desc&porPagina=5', responsable.cookie);
    const next = /<a href="([^"]+)" rel="next">/.exec(p1.html)?.[1].replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
    expect(next).toBe('/bandeja?orden=asignado&dir=desc&porPagina=5&pagina=2');
    const p2 = await getPage(h, next!, responsable.cookie);
    const p3 = await getPage(h, '/bandeja?orden=asignado&dir=desc&porPagina=5&pagina=3', responsable.cookie);
    expect([...pageCodes(p1.html), ...pageCodes(p2.html), ...pageCodes(p3.html)]).toEqual(expected(items, 'asignado', 'desc'));
    // Each row's link opens the case for this responsable, and another entity's gets the 404 page.
    const [primero] = /href="(\/casos\/[0-9a-f-]+)" class="case-code"/.exec(p1.html)!.slice(1);
    expect((await getPage(h, primero, responsable.cookie)).status).toBe(200);
    expect((await getPage(h, primero, otroResponsable.cookie)).status).toBe(404);
  });

  it('the lifecycle-order sort reads its index: the migration indexes the very expression the query sorts by', async () => {
    const [{ indexdef }]: Array<{ indexdef: string }> = await h.dataSource.query(
      `SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_reclamo_entidad_estado_orden'`,
    );
    expect(indexdef).toContain(POSICION_DEL_ESTADO_SQL.replace('r.estado', 'estado'));
    // With sequential and bitmap scans and sorts discouraged (the plan must not hang on how many rows the
    // shared test table holds), a matching expression is read from the index; a mismatch would still sort.
    const plan = await h.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL enable_seqscan = off');
      await m.query('SET LOCAL enable_bitmapscan = off');
      await m.query('SET LOCAL enable_sort = off');
      const rows: Array<{ 'QUERY PLAN': string }> = await m.query(
        `EXPLAIN SELECT r.id FROM reclamo r WHERE r.entidad_id = $1 ORDER BY ${ordenSql('estado', 'desc')} LIMIT 25`,
        [entidad.id],
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('Index Scan Backward using ix_reclamo_entidad_estado_orden');
    expect(plan).not.toContain('Sort');
  });

  it("the menu's «Bandeja» opens the open cases by due date (the notified ones are one click away)", async () => {
    const inicio = await getPage(h, '/inicio', responsable.cookie);
    const enlace = /<a href="([^"]+)">Bandeja<\/a>/.exec(inicio.html)?.[1].replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
    expect(enlace).toBe('/bandeja?abiertos=true');
    const page = await getPage(h, enlace!, responsable.cookie);
    const todos = (await get('/api/v1/bandeja?porPagina=100')).body.items as Item[];
    const abiertos = todos.filter((i) => i.estado !== String(EstadoReclamo.NOTIFICADO));
    expect(abiertos).toHaveLength(9);
    expect(pageCodes(page.html)).toEqual(expected(abiertos, 'vence', 'asc'));
  });

  it('the list comes before the per-state chart, which keeps its table', async () => {
    const page = await getPage(h, '/bandeja', responsable.cookie);
    const lista = page.html.indexOf('class="case-code"');
    const grafico = page.html.indexOf('id="conteo-titulo"');
    expect(lista).toBeGreaterThan(0);
    expect(grafico).toBeGreaterThan(lista);
    expect(page.html).toMatch(/<table class="bar-chart"/);
    // The second skip link goes straight to the list.
    expect(page.html).toContain('<a class="skip-link" href="#casos">Saltar a la lista de casos</a>');
    expect(page.html).toContain('<tbody id="casos" tabindex="-1">');
  });
});
