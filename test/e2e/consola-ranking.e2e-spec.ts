import ExcelJS from 'exceljs';
import { Ranking } from '@app/adopcion';
import { EstadoReclamo } from '@app/domain';
import { verifyAuditChain } from '@app/expediente';
import { ReconstruirCifrasUseCase } from '@app/medicion';
import { insertReclamo } from '../support/atencion-factory';
import { api, BackofficeHarness, createTestStaff, getPage, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';
import { EntidadCifras, enLima, insertarCaso } from '../support/cifras-fixture';
import { crearTramoDePrueba, entidadEnTramo } from '../support/consola-fixture';

const MARZO = 'periodo=2031-03';

/** What a citizen wrote or is: none of it may appear in any answer of the console. */
const PERSONALES = {
  nombres: 'Zacarías Eleuterio',
  apellidos: 'Quispehuanca Ttito',
  numeroDocumento: '70809101',
  email: 'zacarias.ttito@correo-de-prueba.pe',
  telefono: '987654321',
  descripcion: 'Relato inconfundible: el perro del vigilante mordió mi paraguas verde en la ventanilla 7.',
  hechos: 'Hechos inconfundibles de la respuesta al paraguas verde.',
  analisis: 'Análisis inconfundible sobre el perro del vigilante.',
  medidas: 'Medida inconfundible: bozal para el perro del vigilante.',
  comentario: 'Comentario inconfundible de la encuesta sobre el paraguas verde.',
  nota: 'Nota interna inconfundible sobre el paraguas verde.',
};

/**
 * The ranking on a seeded set computed by hand (period: March 2031; clock: 20 April 2031). Business days
 * from Monday 3 March: to Mon 10 = 5, Fri 14 = 9, Mon 17 = 10, Mon 24 = 15; from Mon 20 January to Thu 6
 * March = 33 (late). No entity has overdue cases but B (one, due 14 April).
 *   A: 10 at 5 days, surveys 5 and 4  → P 100, R 83.33, V 100, S 87.5   → (4000 + 1666.7 + 2000 + 1750) / 100 = 94.2
 *   C: 12 at 15 days                   → P 100, R 50, V 100             → 7000 / 80 = 87.5
 *   D, E: 10 at 15 days                → 87.5 (tie with C: fewer answers; D before E by code)
 *   G: 9 at 9 days, 1 late             → P 90, R 70, V 100              → (3600 + 1400 + 2000) / 80 = 87.5 (tie: lower P)
 *   B: 8 at 10 days, 2 late, 1 overdue → P 80, R 66.67, V 100 − 1/11     → (3200 + 1333.3 + 1818.2) / 80 = 79.4
 *   F: 9 answers                        → «sin casos suficientes»
 */
describe("The ranking: the quality index's order on a seeded set, its filters and exports, no citizen's data anywhere in the console", () => {
  let h: BackofficeHarness;
  let tramo: number;
  const e: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G', EntidadCifras> = {} as never;
  let coordinador: SignedIn & { id: string };

  const notificados = async (entidad: EntidadCifras, n: number, registro: string, notificado: string, encuestas: number[] = []) => {
    for (let i = 0; i < n; i += 1) {
      const general = encuestas[i];
      await insertarCaso(h.dataSource, entidad, {
        registradoEn: enLima(registro),
        fechaRegistro: registro,
        estado: EstadoReclamo.NOTIFICADO,
        venceEl: '2031-04-14',
        notificadoEl: notificado,
        movimientos: [{ de: EstadoReclamo.RESPONDIDO, a: EstadoReclamo.NOTIFICADO, en: enLima(notificado) }],
        encuesta: general === undefined ? undefined : { en: enLima('2031-03-20'), general, rapidez: 4, claridad: 4, trato: 4, resuelto: 'si' },
      });
    }
  };

  beforeAll(async () => {
    h = await startBackofficeApp(enLima('2031-04-20'));
    const ds = h.dataSource;
    tramo = await crearTramoDePrueba(ds, { nombre: 'Tramo del ranking de prueba', fechaInicio: '2031-01-01', fechaLimite: '2031-06-30' });
    for (const k of ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const) e[k] = await entidadEnTramo(ds, tramo, `RK${k}`);
    await notificados(e.A, 10, '2031-03-03', '2031-03-10', [5, 4]);
    await notificados(e.B, 8, '2031-03-03', '2031-03-17');
    await notificados(e.B, 2, '2031-01-20', '2031-03-06');
    await insertarCaso(ds, e.B, { registradoEn: enLima('2031-03-03'), fechaRegistro: '2031-03-03', estado: EstadoReclamo.EN_ATENCION, venceEl: '2031-04-14' });
    await notificados(e.C, 12, '2031-03-03', '2031-03-24');
    await notificados(e.D, 10, '2031-03-03', '2031-03-24');
    await notificados(e.E, 10, '2031-03-03', '2031-03-24');
    await notificados(e.G, 9, '2031-03-03', '2031-03-14');
    await notificados(e.G, 1, '2031-01-20', '2031-03-06');
    await notificados(e.F, 9, '2031-03-03', '2031-03-10');
    // F's citizens, with everything a citizen or an officer writes on a case (still open, due in May: not overdue).
    const oficial = await createTestStaff(ds, { rol: 'oficial', entidadId: e.F.id });
    for (const estado of [EstadoReclamo.REGISTRADO, EstadoReclamo.RESPONDIDO]) {
      const r = await insertReclamo(ds, e.F, {
        estado,
        fechaRegistro: '2031-04-15',
        vence: '2031-05-28',
        nombres: PERSONALES.nombres,
        apellidos: PERSONALES.apellidos,
        numeroDocumento: PERSONALES.numeroDocumento,
        email: PERSONALES.email,
        descripcion: PERSONALES.descripcion,
        respuesta: estado === EstadoReclamo.RESPONDIDO ? 'aprobada' : null,
        textosRespuesta: { hechos: PERSONALES.hechos, analisis: PERSONALES.analisis, medidas: PERSONALES.medidas },
      });
      await ds.query(`INSERT INTO nota_interna (reclamo_id, entidad_id, autor_id, texto, created_at) VALUES ($1, $2, $3, $4, now())`, [r.id, e.F.id, oficial.id, PERSONALES.nota]);
    }
    await ds.query(`UPDATE encuesta SET comentario = $2 WHERE entidad_id = $1`, [e.A.id, PERSONALES.comentario]);
    await h.app.get(ReconstruirCifrasUseCase).execute({ entidadIds: Object.values(e).map((x) => x.id) });

    const c = await createTestStaff(ds, { rol: 'coordinador', entidadId: null });
    coordinador = { ...(await signIn(h, c.email, c.password)), id: c.id };
    expect(coordinador.status).toBe(200);
  });
  afterAll(async () => {
    await h.close();
  });

  it('orders the entities by the index, breaks ties as documented, and lists the one with 9 answers apart', async () => {
    const r = await api(h, 'GET', `/api/v1/ranking?tramo=${tramo}&${MARZO}`, { cookie: coordinador.cookie });
    expect(r.status).toBe(200);
    const ranking = r.body as Ranking;
    expect(ranking.ranking.map((f) => [f.puesto, f.codigo, f.indice])).toEqual([
      [1, e.A.codigo, 94.2],
      [2, e.C.codigo, 87.5],
      [3, e.D.codigo, 87.5],
      [4, e.E.codigo, 87.5],
      [5, e.G.codigo, 87.5],
      [6, e.B.codigo, 79.4],
    ]);
    expect(ranking.ranking[5]).toMatchObject({
      notificados: 10,
      notificadosEnPlazoLegal: 8,
      enPlazoLegalPct: 80,
      diasHabilesMediana: 10,
      vencidosHoy: 1,
      vencidosPct: 9.1,
      encuestas: 0,
      satisfaccionMedia: null,
      componentes: { enPlazo: 80, rapidez: 66.7, sinVencidos: 90.9, satisfaccion: null },
    });
    expect(ranking.ranking[0]).toMatchObject({ diasHabilesMediana: 5, encuestas: 2, satisfaccionMedia: 4.5, componentes: { satisfaccion: 87.5 } });
    expect(ranking.sinCasosSuficientes.map((f) => [f.puesto, f.codigo, f.notificados, f.indice])).toEqual([[null, e.F.codigo, 9, null]]);
    expect(ranking).toMatchObject({ periodo: { clave: '2031-03', desde: '2031-03-01', hasta: '2031-03-31' }, minimoNotificados: 10, pesos: { enPlazo: 40 } });
    // % within the legal term, in tenths: five at 100 %, one (G) at 90 %, B at 80 %.
    expect(ranking.distribucionEnPlazo.filter((d) => d.entidades > 0).map((d) => [d.desde, d.entidades])).toEqual([
      [80, 1],
      [90, 5],
    ]);
    // Outside March the figures are others: February has no answers at all.
    const febrero = (await api(h, 'GET', `/api/v1/ranking?tramo=${tramo}&periodo=2031-02`, { cookie: coordinador.cookie })).body as Ranking;
    expect(febrero.ranking).toEqual([]);
    expect(febrero.sinCasosSuficientes).toHaveLength(7);
  });

  it('filters by sector, nivel de gobierno and departamento', async () => {
    await h.dataSource.query(`UPDATE entidad SET sector = 'Sector del ranking de prueba' WHERE id = $1`, [e.C.id]);
    await h.dataSource.query(`UPDATE entidad SET nivel_gobierno = 'regional' WHERE id = $1`, [e.B.id]);
    await h.dataSource.query(`UPDATE entidad SET ubigeo = '080101' WHERE id = $1`, [e.G.id]);
    const codigos = async (qs: string) =>
      ((await api(h, 'GET', `/api/v1/ranking?tramo=${tramo}&${MARZO}&${qs}`, { cookie: coordinador.cookie })).body as Ranking).ranking.map((f) => [f.puesto, f.codigo]);
    expect(await codigos(`sector=${encodeURIComponent('Sector del ranking de prueba')}`)).toEqual([[1, e.C.codigo]]);
    expect(await codigos('nivel=regional')).toEqual([[1, e.B.codigo]]);
    expect(await codigos('departamento=08')).toEqual([[1, e.G.codigo]]);
    const pagina = await getPage(h, `/ranking?tramo=${tramo}&${MARZO}&departamento=08`, coordinador.cookie);
    expect(pagina.html).toContain('<option value="08" selected>Cusco</option>');
    expect(pagina.html).toContain('Cusco');
  });

  it("the page shows the same order, the formula with its weights, and the distribution's chart with its table", async () => {
    const page = await getPage(h, `/ranking?tramo=${tramo}&${MARZO}`, coordinador.cookie);
    expect(page.status).toBe(200);
    const orden = [...page.html.matchAll(/<td class="num">(\d+)<\/td><th scope="row"><a href="\/adopcion\/entidades\/([A-Z0-9]+)">/g)].map((m) => [Number(m[1]), m[2]]);
    expect(orden).toEqual([
      [1, e.A.codigo],
      [2, e.C.codigo],
      [3, e.D.codigo],
      [4, e.E.codigo],
      [5, e.G.codigo],
      [6, e.B.codigo],
    ]);
    // Handlebars escapes "=" in text; the browser reads it back as is.
    expect(page.html.replace(/&#x3D;/g, '=')).toContain('Índice = (40 × P + 20 × R + 20 × V + 20 × S) ÷ (suma de los pesos usados), con un decimal.');
    expect(page.html).toContain('<title id="g-distribucion-titulo">Distribución de las entidades según su % de respuestas en el plazo legal</title>');
    expect(page.html).toContain('<th scope="row">90 % a 100 %</th><td class="num">5</td>');
    expect(page.html).toContain('Sin casos suficientes (1)');
  });

  it('every entity a ranking lists is recorded in the log of reads as read by the coordinator, and no chain gets an entry', async () => {
    const ids = Object.values(e).map((x) => x.id);
    const contar = async () =>
      Number(
        (
          await h.dataSource.query(
            `SELECT count(*) AS n FROM registro_acceso WHERE entidad_id = ANY ($1::uuid[]) AND accion = 'cifras_consultadas' AND actor_id = $2 AND detalle->>'vista' = 'ranking'`,
            [ids, coordinador.id],
          )
        )[0].n,
      );
    const cadenas = async () => (await h.dataSource.query(`SELECT count(*)::int AS n FROM auditoria WHERE entidad_id = ANY ($1::uuid[])`, [ids]))[0].n as number;
    const antes = await contar();
    const entradasAntes = await cadenas();
    expect((await api(h, 'GET', `/api/v1/ranking?tramo=${tramo}&${MARZO}`, { cookie: coordinador.cookie })).status).toBe(200);
    expect(await contar()).toBe(antes + 7);
    const [entrada]: Array<{ detalle: Record<string, unknown>; ip: string | null }> = await h.dataSource.query(
      `SELECT detalle, ip FROM registro_acceso WHERE entidad_id = $1 AND accion = 'cifras_consultadas' ORDER BY id DESC LIMIT 1`,
      [e.F.id],
    );
    expect(entrada).toEqual({ detalle: { vista: 'ranking', periodo: '2031-03', filtros: { tramo } }, ip: '127.0.0.1' });
    // A read changes nothing: the entities' hash chains are as they were, and still verify.
    expect(await cadenas()).toBe(entradasAntes);
    expect(await verifyAuditChain(h.dataSource, ids)).toMatchObject({ fallas: [] });
  });

  it('exports the ranking as CSV and XLSX, with the formula', async () => {
    const csv = await fetch(`${h.baseUrl}/api/v1/ranking.csv?tramo=${tramo}&${MARZO}`, { headers: { cookie: coordinador.cookie } });
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="ranking-2031-03.csv"');
    const lineas = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lineas).toHaveLength(8);
    expect(lineas[0].startsWith('Puesto,Código,Entidad,Tramo,Sector,Nivel de gobierno,Departamento,Recibidos,Notificados,')).toBe(true);
    expect(lineas[1]).toMatch(new RegExp(`^1,${e.A.codigo},.*,94\\.2$`));
    expect(lineas[7]).toMatch(new RegExp(`^sin casos suficientes,${e.F.codigo},`));
    const xlsx = await fetch(`${h.baseUrl}/api/v1/ranking.xlsx?tramo=${tramo}&${MARZO}`, { headers: { cookie: coordinador.cookie } });
    const libro = new ExcelJS.Workbook();
    await libro.xlsx.load(await xlsx.arrayBuffer());
    expect(libro.worksheets.map((w) => w.name)).toEqual(['Ranking', 'Sin casos suficientes', 'Fórmula']);
    expect(libro.getWorksheet('Ranking')?.getRow(7).getCell(2).value).toBe(e.B.codigo);
    expect(libro.getWorksheet('Ranking')?.getRow(7).getCell(21).value).toBe(79.4);
  });

  it("no citizen's name, document, contact or text in any page, JSON, CSV or XLSX of the console", async () => {
    const rutas = [
      '/consola',
      '/tramos',
      `/tramos/${tramo}`,
      `/ranking?tramo=${tramo}&${MARZO}`,
      `/adopcion/entidades/${e.F.codigo}`,
      `/adopcion/entidades/${e.A.codigo}?${MARZO}`,
      '/api/v1/tramos',
      `/api/v1/tramos/${tramo}`,
      `/api/v1/tramos/${tramo}.csv`,
      `/api/v1/tramos/${tramo}.xlsx`,
      `/api/v1/ranking?tramo=${tramo}&${MARZO}`,
      `/api/v1/ranking.csv?tramo=${tramo}&${MARZO}`,
      `/api/v1/ranking.xlsx?tramo=${tramo}&${MARZO}`,
      `/api/v1/adopcion/entidades/${e.F.codigo}`,
      `/api/v1/adopcion/entidades/${e.F.codigo}?periodo=2031-04`,
    ];
    let leidas = 0;
    for (const ruta of rutas) {
      const r = await fetch(`${h.baseUrl}${ruta}`, { headers: { cookie: coordinador.cookie } });
      expect({ ruta, status: r.status }).toEqual({ ruta, status: 200 });
      let texto: string;
      if (ruta.includes('.xlsx')) {
        const libro = new ExcelJS.Workbook();
        await libro.xlsx.load(await r.arrayBuffer());
        const celdas: string[] = [];
        libro.eachSheet((hoja) => hoja.eachRow((fila) => fila.eachCell((celda) => celdas.push(celda.text))));
        texto = celdas.join('\n');
      } else {
        texto = await r.text();
      }
      expect(texto.length).toBeGreaterThan(100);
      for (const [dato, valor] of Object.entries(PERSONALES)) {
        expect({ ruta, dato, aparece: texto.includes(valor) || texto.includes(JSON.stringify(valor).slice(1, -1)) }).toEqual({ ruta, dato, aparece: false });
      }
      leidas += 1;
    }
    expect(leidas).toBe(rutas.length);
    // The data is there to be found: the case tables hold it.
    const [{ n }]: Array<{ n: string }> = await h.dataSource.query(`SELECT count(*) AS n FROM reclamo_persona WHERE numero_documento = $1`, [PERSONALES.numeroDocumento]);
    expect(Number(n)).toBeGreaterThanOrEqual(2);
  });
});
