import ExcelJS from 'exceljs';
import { ReconstruirCifrasUseCase } from '@app/medicion';
import { api, BackofficeHarness, createTestStaff, getPage, signIn, SignedIn, startBackofficeApp } from '../support/backoffice-harness';
import { crearEntidadCifras, EntidadCifras, enLima, insertarCaso, sembrarCasosCifras } from '../support/cifras-fixture';
import { EstadoReclamo } from '@app/domain';

const MARZO = 'desde=2031-03-01&hasta=2031-03-31';

describe('The figures page, its API and exports, as their readers use them (real app, DB and Redis)', () => {
  let h: BackofficeHarness;
  let propia: EntidadCifras;
  let otra: EntidadCifras;
  let responsable: SignedIn;
  let titular: SignedIn;
  let responsableOtra: SignedIn;
  let coordinador: SignedIn;

  beforeAll(async () => {
    h = await startBackofficeApp(enLima('2031-04-20'));
    propia = await crearEntidadCifras(h.dataSource, 'CFE');
    otra = await crearEntidadCifras(h.dataSource, 'CFO');
    await h.dataSource.query(`UPDATE unidad_organica SET nombre = 'Mesa de la otra entidad' WHERE id = $1`, [otra.unidades.U2]);
    await sembrarCasosCifras(h.dataSource, propia);
    await insertarCaso(h.dataSource, otra, {
      registradoEn: enLima('2031-03-05'), fechaRegistro: '2031-03-05', estado: EstadoReclamo.EN_ATENCION, venceEl: '2031-04-16', unidad: 'U2',
    });
    await h.app.get(ReconstruirCifrasUseCase).execute({ entidadIds: [propia.id, otra.id] });
    const cuenta = async (rol: 'responsable_titular' | 'titular_entidad' | 'coordinador', entidadId: string | null) => {
      const s = await createTestStaff(h.dataSource, { rol, entidadId });
      return signIn(h, s.email, s.password);
    };
    responsable = await cuenta('responsable_titular', propia.id);
    titular = await cuenta('titular_entidad', propia.id);
    responsableOtra = await cuenta('responsable_titular', otra.id);
    coordinador = await cuenta('coordinador', null);
    for (const s of [responsable, titular, responsableOtra, coordinador]) expect(s.status).toBe(200);
  });
  afterAll(async () => {
    await h.close();
  });

  it('the responsable reads March: figures, five charts drawn on the server with their tables, export links', async () => {
    const page = await getPage(h, `/cifras?${MARZO}`, responsable.cookie);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<a href="/cifras">Cifras</a>');
    const kpi = (dt: string) => new RegExp(`<dt>${dt}</dt><dd>([^<]+)`).exec(page.html)?.[1].trim();
    expect(kpi('Reclamos recibidos')).toBe('7');
    expect(kpi('Respuestas notificadas')).toBe('4');
    expect(kpi('Notificadas en el plazo legal \\(30 días hábiles\\)')).toBe('75 %');
    expect(page.html.match(/<svg role="img" aria-labelledby="g-[a-z-]+-titulo" aria-describedby="g-[a-z-]+-desc"/g)).toHaveLength(5);
    expect(page.html).toContain('<title id="g-tendencia-titulo">Reclamos recibidos y notificados en el plazo legal, por mes</title>');
    // The unidad chart and its table name the entity's own unidades.
    expect(page.html).toContain('<th scope="row">Oficina de Trámite</th><td class="num">1</td><td class="num">1</td>');
    // Handlebars escapes "=" in attributes; the browser reads it back as is.
    expect(page.html.replace(/&#x3D;/g, '=')).toContain('href="/api/v1/cifras.xlsx?desde=2031-03-01&amp;hasta=2031-03-31"');
    // The titular reads the same page.
    expect((await getPage(h, `/cifras?${MARZO}`, titular.cookie)).status).toBe(200);
  });

  it("another entity's staff see only their own figures, even when asking for this entity's sede", async () => {
    const page = await getPage(h, `/cifras?${MARZO}&sedeId=${propia.sedes.S2}`, responsableOtra.cookie);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('Oficina de Trámite');
    expect(/<dt>Reclamos recibidos<\/dt><dd>([^<]+)/.exec(page.html)?.[1].trim()).toBe('0');
    const propias = await api(h, 'GET', `/api/v1/cifras?${MARZO}`, { cookie: responsableOtra.cookie });
    expect(propias.body).toMatchObject({ entidad: { id: otra.id }, resumen: { recibidos: 1 }, ahora: { abiertos: 1, vencidos: 1 } });
  });

  it('a coordinator gets 403 on the entity page and API (aggregates only)', async () => {
    const page = await getPage(h, '/cifras', coordinador.cookie);
    expect(page.status).toBe(403);
    expect(page.html).not.toContain('Reclamos recibidos');
    expect((await api(h, 'GET', '/api/v1/cifras', { cookie: coordinador.cookie })).status).toBe(403);
    expect((await getPage(h, '/cifras')).status).toBe(303);
  });

  it('the JSON API gives the same figures; a reversed range is a 422 naming the field', async () => {
    const r = await api(h, 'GET', `/api/v1/cifras?${MARZO}&aspecto=informacion`, { cookie: responsable.cookie });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ periodo: { desde: '2031-03-01', hasta: '2031-03-31' }, filtros: { aspecto: 'informacion' }, resumen: { recibidos: 1, notificados: 1 } });
    const malo = await api(h, 'GET', '/api/v1/cifras?desde=2031-04-01&hasta=2031-03-01', { cookie: responsable.cookie });
    expect(malo.status).toBe(422);
    const pagina = await getPage(h, '/cifras?desde=2031-04-01&hasta=2031-03-01', responsable.cookie);
    expect(pagina.status).toBe(422);
    expect(pagina.html).toContain('Hasta: la fecha final no puede ser anterior a la inicial');
  });

  it('exports the same figures as CSV and as an XLSX workbook that opens and reads back', async () => {
    const csv = await fetch(`${h.baseUrl}/api/v1/cifras.csv?${MARZO}`, { headers: { cookie: responsable.cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain(`cifras-${propia.codigo.toLowerCase()}-2031-03-01-2031-03-31.csv`);
    const texto = await csv.text();
    expect(texto).toContain('Resumen,Reclamos recibidos,Valor,7\r\n');
    expect(texto).toContain('Por unidad,Oficina de Trámite,Recibidos,1\r\n');

    const xlsx = await fetch(`${h.baseUrl}/api/v1/cifras.xlsx?${MARZO}`, { headers: { cookie: responsable.cookie } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const libro = new ExcelJS.Workbook();
    await libro.xlsx.load(await xlsx.arrayBuffer());
    expect(libro.worksheets.map((w) => w.name)).toEqual(['Resumen', 'Por mes', 'Por aspecto', 'Por unidad', 'Por sede']);
    const resumen = libro.getWorksheet('Resumen');
    const valor = (indicador: string) => {
      let v: unknown;
      resumen?.eachRow((row) => {
        if (row.getCell(1).value === indicador) v = row.getCell(2).value;
      });
      return v;
    };
    expect(valor('Reclamos recibidos')).toBe(7);
    expect(valor('% notificadas en el plazo legal')).toBe(75);
    expect(valor('Días hábiles hasta la notificación (mediana)')).toBe(11);
    expect(libro.getWorksheet('Por mes')?.getRow(2).values).toEqual([undefined, '2031-03', 7, 4, 3]);
  });
});
