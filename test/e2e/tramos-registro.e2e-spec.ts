import { api, BackofficeHarness, createTestStaff, getPage, postForm, signIn, SignedIn, startBackofficeApp, TestStaff } from '../support/backoffice-harness';
import { uniqueCode } from '../support/db';
import { auditoriaDe, rucsLibres } from '../support/registro';

/**
 * Editing tramos. The kind these tests move between tramos is `otro`: the seed gives it no entity and
 * no other test file registers one, so moving it touches only this file's entities; the seeded tramo
 * that covers it (V) is put back as it was at the end of each test.
 */
describe('tramos: written by coordinators, with the entities that follow their kind (real app, DB and Redis)', () => {
  let h: BackofficeHarness;
  let coordinador: TestStaff;
  let asCoordinador: SignedIn;
  let tramoV: { nombre: string; descripcion: string; tiposEntidad: string[]; fechaInicio: string; fechaLimite: string };
  /** Two entities of kind `otro` that follow their kind, and one given tramo 3 by hand. */
  let siguen: string[];
  let aMano: string;

  const send = (method: string, path: string, body?: unknown) => api(h, method, path, { cookie: asCoordinador.cookie, csrf: asCoordinador.csrfToken, body });
  const tramoDe = async (codigo: string): Promise<number | null> => {
    const [fila]: Array<{ tramo_id: number | null }> = await h.dataSource.query(`SELECT tramo_id FROM entidad WHERE codigo = $1`, [codigo]);
    return fila.tramo_id;
  };
  /** A tramo number nobody uses yet (test tramos live from 1000 up; the seed has 1 to 5). */
  const numeroLibre = async (): Promise<number> => {
    for (;;) {
      const n = 1000 + Math.floor(Math.random() * 8999);
      const [{ hay }]: Array<{ hay: boolean }> = await h.dataSource.query(`SELECT EXISTS (SELECT 1 FROM tramo WHERE id = $1) AS hay`, [n]);
      if (!hay) return n;
    }
  };
  const restaurarTramoV = () => send('PUT', '/api/v1/tramos/5', tramoV);

  beforeAll(async () => {
    h = await startBackofficeApp(new Date('2026-11-23T15:00:00Z'));
    coordinador = await createTestStaff(h.dataSource, { rol: 'coordinador', entidadId: null });
    asCoordinador = await signIn(h, coordinador.email, coordinador.password);
    const [v]: Array<typeof tramoV> = await h.dataSource.query(
      `SELECT nombre, descripcion, tipos_entidad AS "tiposEntidad", to_char(fecha_inicio, 'YYYY-MM-DD') AS "fechaInicio", to_char(fecha_limite, 'YYYY-MM-DD') AS "fechaLimite" FROM tramo WHERE id = 5`,
    );
    tramoV = { ...v, tiposEntidad: [...new Set([...v.tiposEntidad, 'otro'])] };
    await restaurarTramoV();
    const rucs = await rucsLibres(h.dataSource, 4, 3);
    const crear = async (ruc: string, tramo: string) => {
      const codigo = uniqueCode('TO');
      const creada = await send('POST', '/api/v1/entidades', { nombre: `Otra entidad de prueba ${codigo}`, codigo, ruc, tipo: 'otro', nivelGobierno: 'nacional', sector: 'Pruebas', ubigeo: '150101', tramo });
      expect(creada.status).toBe(201);
      return codigo;
    };
    siguen = [await crear(rucs[0], ''), await crear(rucs[1], '')];
    aMano = await crear(rucs[2], '3');
  });
  afterAll(async () => {
    await restaurarTramoV();
    await h.close();
  });

  it('creates a tramo that takes a kind from another: the entities that follow the kind move with it, the one set by hand stays; all in the trail', async () => {
    expect(await Promise.all([...siguen, aMano].map(tramoDe))).toEqual([5, 5, 3]);
    const n = await numeroLibre();
    const datos = { nombre: `Tramo de prueba ${n}`, descripcion: 'Entidades de otro tipo.', tiposEntidad: ['otro'], fechaInicio: '2024-01-01', fechaLimite: '2024-06-30' };
    const creado = await send('PUT', `/api/v1/tramos/${n}`, datos);
    expect(creado).toMatchObject({ status: 201, body: { creado: true, tramo: { numero: n, tiposEntidad: ['otro'] }, tiposTomados: [{ numero: 5, tipos: ['otro'] }] } });
    const movidas = creado.body.entidadesMovidas as Array<{ codigo: string; de: number | null; a: number | null }>;
    expect(movidas).toEqual(expect.arrayContaining(siguen.map((codigo): unknown => expect.objectContaining({ codigo, de: 5, a: n }))));
    expect(movidas.map((m) => m.codigo)).not.toContain(aMano);
    expect(await Promise.all([...siguen, aMano].map(tramoDe))).toEqual([n, n, 3]);
    const [{ tipos }]: Array<{ tipos: string[] }> = await h.dataSource.query(`SELECT tipos_entidad AS tipos FROM tramo WHERE id = 5`);
    expect(tipos).not.toContain('otro');

    // The same again changes nothing but the row's dates; renaming is a 200.
    const renombrado = await send('PUT', `/api/v1/tramos/${n}`, { ...datos, nombre: `Tramo renombrado ${n}` });
    expect(renombrado).toMatchObject({ status: 200, body: { creado: false, tiposTomados: [], entidadesMovidas: [] } });

    // Without the kind (a tramo of hand-assigned entities only): those that followed it are left without a tramo.
    const sinTipo = await send('PUT', `/api/v1/tramos/${n}`, { ...datos, tiposEntidad: [] });
    expect(sinTipo.body.entidadesMovidas).toEqual(expect.arrayContaining(siguen.map((codigo): unknown => expect.objectContaining({ codigo, de: n, a: null }))));
    expect(await Promise.all(siguen.map(tramoDe))).toEqual([null, null]);

    // Tramo V takes it back, and they follow.
    const devuelto = await restaurarTramoV();
    expect(devuelto.body.entidadesMovidas).toEqual(expect.arrayContaining(siguen.map((codigo): unknown => expect.objectContaining({ codigo, de: null, a: 5 }))));
    expect(await Promise.all([...siguen, aMano].map(tramoDe))).toEqual([5, 5, 3]);

    const trail = (await auditoriaDe(h.dataSource, coordinador.id)).filter((a) => a.tramo_id === n);
    expect(trail.map((a) => a.accion)).toEqual(['tramo_creado', 'tramo_modificado', 'tramo_modificado']);
    expect(trail[0].detalle).toMatchObject({ antes: null, despues: { tiposEntidad: ['otro'] }, tiposTomados: [{ numero: 5, tipos: ['otro'] }] });
    expect(trail[0].detalle.entidadesMovidas).toEqual(expect.arrayContaining([expect.objectContaining({ codigo: siguen[0], de: 5, a: n })]));
  });

  it('names every wrong field in Spanish and changes nothing; a number that is not one is a 404', async () => {
    const n = await numeroLibre();
    const mal = await send('PUT', `/api/v1/tramos/${n}`, { nombre: 'T', tiposEntidad: ['otro', 'banco'], fechaInicio: '2024-07-01', fechaLimite: '2024-06-30' });
    expect(mal.status).toBe(422);
    expect(mal.body.errores).toEqual([
      { campo: 'nombre', mensaje: expect.stringContaining('al menos 3 caracteres') },
      { campo: 'tiposEntidad', mensaje: expect.stringContaining('«banco» no es un tipo de entidad') },
      { campo: 'fechaLimite', mensaje: 'la fecha límite no puede ser anterior a la fecha de inicio' },
    ]);
    expect(await send('PUT', `/api/v1/tramos/${n}`, { nombre: 'Tramo', tiposEntidad: 'otro', fechaInicio: '2024-01-01', fechaLimite: '2024-06-30' })).toMatchObject({
      status: 422,
      body: { errores: [{ campo: 'tiposEntidad' }] },
    });
    const [{ hay }]: Array<{ hay: boolean }> = await h.dataSource.query(`SELECT EXISTS (SELECT 1 FROM tramo WHERE id = $1) AS hay`, [n]);
    expect(hay).toBe(false);
    expect(await Promise.all(siguen.map(tramoDe))).toEqual([5, 5]);
    for (const numero of ['0', '10000', 'IV', '1.5', '-1']) {
      expect(await send('PUT', `/api/v1/tramos/${numero}`, { nombre: 'Tramo' })).toMatchObject({ status: 404, body: { codigo: 'TRAMO_NOT_FOUND' } });
    }
  });

  it('the edit page: create a tramo, tick a kind (hinted with the tramo that has it now), see what moved, without JavaScript', async () => {
    const n = await numeroLibre();
    const nueva = await getPage(h, `/tramos/${n}/editar`, asCoordinador.cookie);
    expect(nueva.status).toBe(200);
    expect(nueva.html).toContain(`Crear el Tramo ${n}`);
    expect(nueva.html).toContain('Otra entidad <span class="sub-inline">(hoy en el Tramo 5)</span>');
    const campos = { _csrf: asCoordinador.csrfToken, nombre: `Tramo de la página ${n}`, descripcion: '', fechaInicio: '2024-01-01', fechaLimite: '2024-12-31' };

    // Two kinds ticked and a wrong date: the page comes back with both still ticked and nothing saved.
    const malo = await postForm(h, `/tramos/${n}/editar`, { ...campos, tipo_otro: 'si', tipo_universidad: 'si', fechaLimite: '2023-12-31' }, asCoordinador.cookie);
    expect(malo.status).toBe(422);
    expect(malo.html).toContain('<a href="#tramo-fechaLimite">Fecha límite: la fecha límite no puede ser anterior a la fecha de inicio</a>');
    expect(malo.html.match(/ checked>/g)).toHaveLength(2);

    const creado = await postForm(h, `/tramos/${n}/editar`, campos, asCoordinador.cookie);
    expect(creado).toMatchObject({ status: 303, location: `/tramos/${n}/editar?aviso=creado&movidas=0#aviso` });
    // The console's page of the tramo leads to its edit page, and the link answers.
    const consola = await getPage(h, `/tramos/${n}`, asCoordinador.cookie);
    expect(consola.status).toBe(200);
    const editar = consola.html.match(/<a href="([^"]+)">Editar el tramo/)?.[1];
    expect(editar).toBe(`/tramos/${n}/editar`);
    expect((await getPage(h, editar!, asCoordinador.cookie)).html).toContain(`Tramo de la página ${n}`);
    const conOtro = await postForm(h, `/tramos/${n}/editar`, { ...campos, tipo_otro: 'si' }, asCoordinador.cookie);
    expect(conOtro.status).toBe(303);
    const movidas = Number(new URL(conOtro.location!, h.baseUrl).searchParams.get('movidas'));
    expect(movidas).toBeGreaterThanOrEqual(2);
    const aviso = await getPage(h, conOtro.location!, asCoordinador.cookie);
    expect(aviso.html).toContain(`Se guardó el tramo. Entidades que cambiaron de tramo por su tipo: ${movidas}.`);
    expect(await Promise.all(siguen.map(tramoDe))).toEqual([n, n]);
    // Every link of the page answers.
    for (const href of [...aviso.html.matchAll(/href="(\/[^"#]*)/g)].map((m) => m[1]).filter((p) => !p.startsWith('/static/'))) {
      let seguido = await getPage(h, href, asCoordinador.cookie);
      // A coordinator's home link goes through /inicio on to /consola.
      for (let saltos = 0; saltos < 3 && seguido.status === 303 && seguido.location; saltos += 1) {
        seguido = await getPage(h, seguido.location, asCoordinador.cookie);
      }
      expect([href, seguido.status]).toEqual([href, 200]);
    }
    await restaurarTramoV();
    expect(await Promise.all(siguen.map(tramoDe))).toEqual([5, 5]);
  });
});
