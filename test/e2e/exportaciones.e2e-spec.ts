import ExcelJS from 'exceljs';
import { Job, Worker } from 'bullmq';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EstadoReclamo } from '@app/domain';
import {
  AlmacenExportaciones,
  AVANCE_CADA_FILAS,
  BarrerExportacionesUseCase,
  COLUMNAS_DETALLE,
  ExportacionesProcessor,
  ExportacionesQueue,
  ExportacionRepository,
  GenerarExportacionUseCase,
  ReconstruirCifrasUseCase,
} from '@app/medicion';
import { QueueName } from '@app/platform/queue';
import { LocalDirectoryStorage } from '@app/storage';
import { api, BackofficeHarness, createTestStaff, getPage, Json, postForm, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';
import { crearEntidadCifras, EntidadCifras, enLima, insertarCaso, sembrarCasosCifras } from '../support/cifras-fixture';
import { colaDeExportaciones, sembrarDetalleMasivo } from '../support/exportaciones-fixture';
import { waitFor } from '../support/wait-for';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Handlebars escapes "=" in attributes; the browser reads it back as is. */
const html = (texto: string): string => texto.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
const hrefDe = (pagina: string, texto: RegExp): string => {
  const m = new RegExp(`<a[^>]*href="([^"]+)"[^>]*>${texto.source}`).exec(html(pagina));
  if (!m) throw new Error(`no hay enlace ${texto.source} en la página`);
  return m[1];
};

describe('Long exports: asked for in the back-office, written by a real BullMQ worker, followed and downloaded (real app, DB, Redis)', () => {
  const cola = colaDeExportaciones('exportaciones-e2e');
  let h: BackofficeHarness;
  let worker: Worker;
  let dir: string;
  let propia: EntidadCifras;
  let otra: EntidadCifras;
  let filasMasivas: number;
  let oficial: SignedIn;
  let oficialId: string;
  let otroOficial: SignedIn;
  let responsable: SignedIn;
  let titular: SignedIn;
  let responsableOtra: SignedIn;
  let coordinador: SignedIn;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exportaciones-e2e-'));
    h = await startBackofficeApp(enLima('2031-04-20'), {
      overrides: [
        { provide: ExportacionesQueue, useValue: new ExportacionesQueue(cola.queue) },
        { provide: AlmacenExportaciones, useValue: new LocalDirectoryStorage(dir) },
      ],
    });
    propia = await crearEntidadCifras(h.dataSource, 'EXE');
    otra = await crearEntidadCifras(h.dataSource, 'EXO');
    await sembrarCasosCifras(h.dataSource, propia);
    // 450 days of 2029-2030 × 2 channels × 6 aspects × 2 sedes: 10,800 reclamos, one rollup row each (past one progress report).
    filasMasivas = await sembrarDetalleMasivo(h.dataSource, propia, '2029-07-01', 450);
    await insertarCaso(h.dataSource, otra, {
      registradoEn: enLima('2031-03-05'), fechaRegistro: '2031-03-05', estado: EstadoReclamo.EN_ATENCION, venceEl: '2031-04-16',
    });
    await h.app.get(ReconstruirCifrasUseCase).execute({ entidadIds: [propia.id, otra.id] });
    const cuenta = async (rol: 'oficial' | 'responsable_titular' | 'titular_entidad' | 'coordinador', entidadId: string | null) => {
      const s = await createTestStaff(h.dataSource, { rol, entidadId });
      const sesion = await signIn(h, s.email, s.password);
      expect(sesion.status).toBe(200);
      return { sesion, id: s.id };
    };
    const o = await cuenta('oficial', propia.id);
    oficial = o.sesion;
    oficialId = o.id;
    otroOficial = (await cuenta('oficial', propia.id)).sesion;
    responsable = (await cuenta('responsable_titular', propia.id)).sesion;
    titular = (await cuenta('titular_entidad', propia.id)).sesion;
    responsableOtra = (await cuenta('responsable_titular', otra.id)).sesion;
    coordinador = (await cuenta('coordinador', null)).sesion;
    // The worker's processor, on this file's own queue prefix; started by the first test once it has seen a request wait.
    const processor = new ExportacionesProcessor(h.app.get(GenerarExportacionUseCase), h.app.get(BarrerExportacionesUseCase));
    worker = new Worker(QueueName.EXPORTACIONES, (job: Job) => processor.process(job), { connection: cola.connection, prefix: cola.prefix, autorun: false });
    await cola.events.waitUntilReady();
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await cola.events.close();
    await cola.queue.obliterate({ force: true });
    await cola.queue.close();
    await h?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const estado = async (id: string, cookie = oficial.cookie): Promise<Json> => (await api(h, 'GET', `/api/v1/exportaciones/${id}`, { cookie })).body;

  it('an officer asks for 21 months in XLSX: it waits, the worker writes it with progress, and the page links a workbook whose rows are the rollup', async () => {
    const pedido = { tipo: 'cifras_detalle', formato: 'xlsx', desde: '2029-07-01', hasta: '2031-03-31' };
    const r = await api(h, 'POST', '/api/v1/exportaciones', { cookie: oficial.cookie, csrf: oficial.csrfToken, body: pedido });
    expect(r.status).toBe(202);
    const id = String(r.body.id);
    expect(r.headers.get('location')).toBe(`/api/v1/exportaciones/${id}`);
    expect(r.body).toMatchObject({
      estado: 'pendiente',
      progreso: 0,
      tipo: 'cifras_detalle',
      formato: 'xlsx',
      parametros: { desde: '2029-07-01', hasta: '2031-03-31', filtros: {} },
      archivo: null,
      enlaces: { pagina: `/exportaciones/${id}`, estado: `/api/v1/exportaciones/${id}`, archivo: null },
    });
    // A second click while it waits is the same export, not a second file.
    const otraVez = await api(h, 'POST', '/api/v1/exportaciones', { cookie: oficial.cookie, csrf: oficial.csrfToken, body: pedido });
    expect([otraVez.status, otraVez.body.id]).toEqual([202, id]);
    expect(await cola.queue.getJobCounts('waiting')).toEqual({ waiting: 1 });

    // Waiting: the page shows the queue, a progress bar at 0 and reloads itself, with a way to stop that.
    const enCola = await getPage(h, `/exportaciones/${id}`, oficial.cookie);
    expect(enCola.status).toBe(200);
    expect(enCola.html).toContain('<meta http-equiv="refresh" content="5">');
    expect(enCola.html).toContain('<progress id="avance" max="100" value="0">0 %</progress>');
    expect(enCola.html).toContain('<h2 id="estado-titulo">En cola</h2>');
    const sinRefresco = await getPage(h, hrefDe(enCola.html, /Detener la actualización automática/), oficial.cookie);
    expect(sinRefresco.html).not.toContain('http-equiv="refresh"');
    expect(sinRefresco.html).toContain('<progress id="avance"');

    // Halfway: each time the worker writes its progress, the page is read as a person would see it then.
    const repo = h.app.get(ExportacionRepository);
    const avanzar = repo.avanzar.bind(repo);
    const avances: Array<{ filasEscritas: number; filasTotal: number; progreso: number; pagina: string }> = [];
    const espia = jest.spyOn(repo, 'avanzar').mockImplementation(async (exportacionId, p) => {
      await avanzar(exportacionId, p);
      if (exportacionId === id) avances.push({ ...p, pagina: (await getPage(h, `/exportaciones/${id}`, oficial.cookie)).html });
    });
    const vistos: string[] = [];
    void worker.run();
    try {
      await waitFor('la exportación lista', async () => {
        const e = await estado(id);
        vistos.push(`${e.estado} ${e.progreso}`);
        return e.estado === 'lista';
      }, 90_000, 50);
    } finally {
      espia.mockRestore();
    }
    const [{ total }]: Array<{ total: number }> = await h.dataSource.query(
      `SELECT count(*)::int AS total FROM cifra_diaria WHERE entidad_id = $1 AND dia BETWEEN '2029-07-01' AND '2031-03-31'`,
      [propia.id],
    );
    expect(total).toBeGreaterThan(filasMasivas);
    expect(avances.map(({ filasEscritas, progreso }) => [filasEscritas, progreso])).toEqual([
      [0, 0],
      [AVANCE_CADA_FILAS, Math.floor((AVANCE_CADA_FILAS * 100) / total)],
    ]);
    expect(avances[0].filasTotal).toBe(total);
    const aMitad = avances[1].pagina;
    expect(aMitad).toContain('<h2 id="estado-titulo">Generándose</h2>');
    expect(aMitad).toContain(`<progress id="avance" max="100" value="${avances[1].progreso}">`);
    expect(aMitad).toContain(`${AVANCE_CADA_FILAS.toLocaleString('es-PE')} de ${total.toLocaleString('es-PE')} filas`);
    expect(aMitad).toContain('http-equiv="refresh"');
    // What the poll saw: waiting first, ready last, progress never going back.
    expect(vistos[0]).toBe('pendiente 0');
    expect(vistos[vistos.length - 1]).toBe('lista 100');
    const progresos = vistos.filter((v) => v.startsWith('en_proceso')).map((v) => Number(v.split(' ')[1]));
    expect(progresos).toEqual([...progresos].sort((a, b) => a - b));

    // Ready: no more reloading, and the download link, which is followed.
    const lista = await estado(id);
    expect(lista).toMatchObject({ estado: 'lista', progreso: 100, filasEscritas: total, filasTotal: total, intentos: 1 });
    expect(lista.expiraEn).toBe(new Date(new Date(lista.terminadoEn).getTime() + 7 * 24 * 3600 * 1000).toISOString());
    const nombre = `cifras-detalle-${propia.codigo.toLowerCase()}-2029-07-01-2031-03-31.xlsx`;
    expect(lista.archivo).toMatchObject({ nombre, tipoMime: XLSX });
    const pagina = await getPage(h, `/exportaciones/${id}`, oficial.cookie);
    expect(pagina.html).not.toContain('http-equiv="refresh"');
    expect(pagina.html).not.toContain('<progress');
    const href = hrefDe(pagina.html, new RegExp(`Descargar ${nombre.replace(/\./g, '\\.')}`));
    expect(href).toBe(lista.enlaces.archivo);
    const descarga = await fetch(`${h.baseUrl}${href}`, { headers: { cookie: oficial.cookie } });
    expect(descarga.status).toBe(200);
    expect(descarga.headers.get('content-type')).toBe(XLSX);
    expect(descarga.headers.get('content-disposition')).toBe(`attachment; filename="${nombre}"`);
    const bytes = await descarga.arrayBuffer();
    expect(bytes.byteLength).toBe(lista.archivo.bytes);

    // The workbook: the summary's sheets, then the detail; its rows are the rollup's rows, in order, labelled.
    const libro = new ExcelJS.Workbook();
    await libro.xlsx.load(bytes);
    expect(libro.worksheets.map((w) => w.name)).toEqual(['Resumen', 'Por mes', 'Por aspecto', 'Por unidad', 'Por sede', 'Detalle']);
    const detalle = libro.getWorksheet('Detalle')!;
    expect(detalle.rowCount).toBe(total + 1);
    expect((detalle.getRow(1).values as unknown[]).slice(1)).toEqual([...COLUMNAS_DETALLE]);
    const rollup: Array<{ dia: string; canal: string; aspecto: string; sede: string; recibidos: number; notificados: number }> = await h.dataSource.query(
      `SELECT c.dia::text AS dia, c.canal, c.aspecto, coalesce(s.nombre, 'Sin registrar') AS sede, c.recibidos, c.notificados
         FROM cifra_diaria c LEFT JOIN sede s ON s.id = c.sede_id
        WHERE c.entidad_id = $1 AND c.dia BETWEEN '2029-07-01' AND '2031-03-31'
        ORDER BY c.dia, c.canal, c.aspecto, c.sede_id, c.unidad_id, c.servicio_id, c.tema_id`,
      [propia.id],
    );
    const col = (nombreColumna: string) => COLUMNAS_DETALLE.indexOf(nombreColumna) + 1;
    const canal = { virtual: 'Libro virtual', fisico: 'Libro físico' } as Record<string, string>;
    const leidas = rollup.map((_, i) => {
      const fila = detalle.getRow(i + 2);
      return {
        dia: (fila.getCell(1).value as Date).toISOString().slice(0, 10),
        canal: fila.getCell(col('Canal')).value,
        sede: fila.getCell(col('Sede')).value,
        recibidos: fila.getCell(col('Recibidos')).value,
        notificados: fila.getCell(col('Notificados')).value,
      };
    });
    expect(leidas).toEqual(rollup.map((r) => ({ dia: r.dia, canal: canal[r.canal], sede: r.sede, recibidos: r.recibidos, notificados: r.notificados })));
    // The summary sheet and the detail were read in one snapshot: they add up.
    let recibidosResumen: unknown;
    libro.getWorksheet('Resumen')!.eachRow((row) => {
      if (row.getCell(1).value === 'Reclamos recibidos') recibidosResumen = row.getCell(2).value;
    });
    expect(recibidosResumen).toBe(rollup.reduce((a, r) => a + r.recibidos, 0));
    // The seeded cases A to J were all filed between 20 January and 31 March 2031.
    expect(recibidosResumen).toBe(filasMasivas + 9);
  });

  it('March with a filter, as CSV: one header, labelled rows in Spanish, the file named by entity and period', async () => {
    const r = await api(h, 'POST', '/api/v1/exportaciones', {
      cookie: oficial.cookie,
      csrf: oficial.csrfToken,
      body: { tipo: 'cifras_detalle', formato: 'csv', desde: '2031-03-01', hasta: '2031-03-31', filtros: { sedeId: propia.sedes.S2 } },
    });
    expect(r.status).toBe(202);
    const lista = await waitForLista(String(r.body.id));
    const csv = await fetch(`${h.baseUrl}${lista.enlaces.archivo}`, { headers: { cookie: oficial.cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="cifras-detalle-${propia.codigo.toLowerCase()}-2031-03-01-2031-03-31.csv"`);
    const bytes = Buffer.from(await csv.arrayBuffer());
    // UTF-8 with a BOM, so Excel reads the accents.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lineas = bytes.subarray(3).toString('utf8').split('\r\n').filter((l) => l !== '');
    expect(lineas[0]).toBe(COLUMNAS_DETALLE.join(','));
    const dias: Array<{ dia: string }> = await h.dataSource.query(
      `SELECT dia::text AS dia FROM cifra_diaria WHERE entidad_id = $1 AND sede_id = $2 AND dia BETWEEN '2031-03-01' AND '2031-03-31' ORDER BY dia`,
      [propia.id, propia.sedes.S2],
    );
    expect(lineas.slice(1).map((l) => l.slice(0, 10))).toEqual(dias.map((d) => d.dia));
    // G: filed on 12 March by the physical book, información, Sede Norte, Oficina de Trámite; notified 28 March in 12 business days.
    expect(lineas[1]).toMatch(/^2031-03-12,Libro físico,Información,Sede Norte,Oficina de Trámite,Sin registrar,Sin registrar,1,0,/);
    expect(lineas[lineas.length - 1]).toMatch(/^2031-03-28,Libro físico,Información,Sede Norte,Oficina de Trámite,Sin registrar,Sin registrar,0,1,1,1,12,.*,12$/);
    const pagina = await getPage(h, `/exportaciones/${String(r.body.id)}`, oficial.cookie);
    expect(pagina.html).toContain('<li>Sede: Sede Norte</li>');
  });

  it('without JavaScript: the /cifras form asks for it (303 to its page), and the list of recent exports links to it', async () => {
    const cifras = await getPage(h, '/cifras?desde=2031-03-01&hasta=2031-03-31&canal=fisico', oficial.cookie);
    expect(cifras.status).toBe(200);
    const form = /<form method="post" action="\/cifras\/exportaciones"[\s\S]*?<\/form>/.exec(cifras.html)?.[0] ?? '';
    const ocultos = Object.fromEntries([...html(form).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
    expect(ocultos).toEqual({ _csrf: oficial.csrfToken, tipo: 'cifras_detalle', canal: 'fisico', desde: '2031-03-01', hasta: '2031-03-31' });
    const enviado = await postForm(h, '/cifras/exportaciones', { ...ocultos, formato: 'csv' }, oficial.cookie);
    expect(enviado.status).toBe(303);
    expect(enviado.location).toMatch(/^\/exportaciones\/[0-9a-f-]{36}$/);
    const id = enviado.location!.split('/').pop()!;
    await waitForLista(id);
    const despues = await getPage(h, '/cifras?desde=2031-03-01&hasta=2031-03-31', oficial.cookie);
    const fila = new RegExp(
      `<li>\\s*<a href="/exportaciones/${id}">Pedida el [^<]+</a>[^]*?Del <time datetime="2031-03-01">01/03/2031</time> al <time datetime="2031-03-31">31/03/2031</time>, con filtros · CSV</span>\\s*<span class="sub"><strong>Lista para descargar</strong> · <a href="(/exportaciones/${id}/archivo)">`,
    ).exec(despues.html);
    expect(fila).not.toBeNull();
    expect((await getPage(h, `/exportaciones/${id}`, oficial.cookie)).status).toBe(200);
    const archivo = await fetch(`${h.baseUrl}${fila![1]}`, { headers: { cookie: oficial.cookie } });
    expect(archivo.status).toBe(200);
    const [{ n }]: Array<{ n: number }> = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM cifra_diaria WHERE entidad_id = $1 AND canal = 'fisico' AND dia BETWEEN '2031-03-01' AND '2031-03-31'`,
      [propia.id],
    );
    expect((await archivo.text()).split('\r\n').filter((l) => l !== '')).toHaveLength(n + 1);
    // The page's "back" link goes to the same period and filter.
    const volver = hrefDe((await getPage(h, `/exportaciones/${id}`, oficial.cookie)).html, /Volver a las cifras de ese periodo/);
    expect(volver).toBe('/cifras?desde=2031-03-01&hasta=2031-03-31&canal=fisico');
    expect((await getPage(h, volver, oficial.cookie)).status).toBe(200);
  });

  it('only who asked and the responsables of the same entity see it; anyone else, and a made-up id, get 404; coordinators 403', async () => {
    const r = await api(h, 'POST', '/api/v1/exportaciones', {
      cookie: oficial.cookie,
      csrf: oficial.csrfToken,
      body: { tipo: 'cifras_detalle', formato: 'csv', desde: '2031-01-01', hasta: '2031-01-31' },
    });
    const id = String(r.body.id);
    await waitForLista(id);
    const rutas = [`/api/v1/exportaciones/${id}`, `/exportaciones/${id}`, `/exportaciones/${id}/archivo`];
    // The responsable sees and downloads it, and the page says whose it is.
    for (const ruta of rutas) expect((await getPage(h, ruta, responsable.cookie)).status).toBe(200);
    expect((await getPage(h, `/exportaciones/${id}`, responsable.cookie)).html).toMatch(/, por Persona de prueba \(oficial\)/);
    for (const ajeno of [otroOficial, titular, responsableOtra]) {
      for (const ruta of rutas) {
        const p = await getPage(h, ruta, ajeno.cookie);
        expect([ruta, p.status]).toEqual([ruta, 404]);
        expect(p.html).not.toContain('cifras-detalle');
      }
      expect((await api(h, 'GET', `/api/v1/exportaciones/${id}`, { cookie: ajeno.cookie })).body).toMatchObject({ codigo: 'EXPORTACION_NOT_FOUND' });
    }
    for (const inventado of ['00000000-0000-4000-8000-000000000000', 'no-es-un-id']) {
      expect((await api(h, 'GET', `/api/v1/exportaciones/${inventado}`, { cookie: oficial.cookie })).status).toBe(404);
      expect((await getPage(h, `/exportaciones/${inventado}/archivo`, oficial.cookie)).status).toBe(404);
    }
    // Their own lists never show it.
    expect((await api(h, 'GET', '/api/v1/exportaciones', { cookie: responsableOtra.cookie })).body.exportaciones).toEqual([]);
    const suyas = (await api(h, 'GET', '/api/v1/exportaciones', { cookie: oficial.cookie })).body.exportaciones as Json[];
    expect(suyas.map((x) => String(x.id))).toContain(id);
    expect((await api(h, 'GET', `/api/v1/exportaciones/${id}`, { cookie: coordinador.cookie })).status).toBe(403);
    expect((await api(h, 'POST', '/api/v1/exportaciones', { cookie: coordinador.cookie, csrf: coordinador.csrfToken, body: { tipo: 'cifras_detalle', formato: 'csv', desde: '2031-01-01', hasta: '2031-01-31' } })).status).toBe(403);
    expect((await getPage(h, `/exportaciones/${id}`)).status).toBe(303);
  });

  it('bad input: a Spanish 422 naming each field, nothing stored; no CSRF token: 403', async () => {
    const antes = await contarDe(oficialId);
    const malo = await api(h, 'POST', '/api/v1/exportaciones', {
      cookie: oficial.cookie,
      csrf: oficial.csrfToken,
      body: { tipo: 'cifras_detalle', formato: 'pdf', desde: '2031-04-01', hasta: '2031-03-01', filtros: { sedeId: otra.sedes.S1, canal: 'fax' } },
    });
    expect(malo.status).toBe(422);
    expect(malo.body.errores).toEqual([
      { campo: 'formato', mensaje: 'elija csv o xlsx' },
      { campo: 'filtros.canal', mensaje: 'elija virtual o fisico' },
      { campo: 'hasta', mensaje: 'la fecha final no puede ser anterior a la inicial' },
    ]);
    // Another entity's sede is refused as if it did not exist.
    const ajena = await api(h, 'POST', '/api/v1/exportaciones', {
      cookie: oficial.cookie,
      csrf: oficial.csrfToken,
      body: { tipo: 'cifras_detalle', formato: 'csv', desde: '2031-03-01', hasta: '2031-03-31', filtros: { sedeId: otra.sedes.S1 } },
    });
    expect([ajena.status, ajena.body.errores]).toEqual([422, [{ campo: 'filtros.sedeId', mensaje: 'elija una sede de su entidad' }]]);
    const extra = await api(h, 'POST', '/api/v1/exportaciones', {
      cookie: oficial.cookie,
      csrf: oficial.csrfToken,
      body: { tipo: 'cifras_detalle', formato: 'csv', desde: '2031-03-01', hasta: '2031-03-31', prioridad: 'alta' },
    });
    expect([extra.status, extra.body.errores]).toEqual([422, [{ campo: 'prioridad', mensaje: 'este campo no forma parte del formulario' }]]);
    const sinToken = await api(h, 'POST', '/api/v1/exportaciones', { cookie: oficial.cookie, body: { tipo: 'cifras_detalle', formato: 'csv', desde: '2031-03-01', hasta: '2031-03-31' } });
    expect(sinToken.status).toBe(403);
    // The page form without a format: the /cifras page again, the summary naming the field and linking to it.
    const pagina = await postForm(h, '/cifras/exportaciones', { _csrf: oficial.csrfToken, tipo: 'cifras_detalle', desde: '2031-03-01', hasta: '2031-03-31' }, oficial.cookie);
    expect(pagina.status).toBe(422);
    expect(pagina.html).toContain('<a href="#x-formato">Formato: elija el formato: csv o xlsx</a>');
    expect(pagina.html).toContain('id="x-formato"');
    expect(await contarDe(oficialId)).toBe(antes);
  });

  async function contarDe(usuarioId: string): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await h.dataSource.query(`SELECT count(*)::int AS n FROM exportacion WHERE solicitado_por = $1`, [usuarioId]);
    return n;
  }

  async function waitForLista(id: string): Promise<Json> {
    let ultimo: Json = {};
    await waitFor(`la exportación ${id} lista`, async () => {
      ultimo = await estado(id);
      if (ultimo.estado === 'fallida') throw new Error(`falló: ${String(ultimo.motivoFalla)}`);
      return ultimo.estado === 'lista';
    }, 60_000, 100);
    return ultimo;
  }
});
