import { EstadoReclamo } from '@app/domain';
import { ReceiptTokens } from '@app/reclamos';
import { flat, readPdf } from '@app/receipt/testing';
import { StaffUser } from '@app/staff';
import { insertReclamo, insertStaff, ReclamoOptions } from '../support/atencion-factory';
import { BackofficeHarness, startBackofficeApp } from '../support/backoffice-harness';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, uniqueCode } from '../support/db';
import { Mensajeria } from '../support/mensajeria';

/**
 * The PDF of the entity's answer (API and the tracking page's button): only once notified, only
 * to the holder of the code and the filer's document, printing every character as typed.
 */
describe('seguimiento: the answer as a PDF', () => {
  let citizen: CitizenHarness;
  let backoffice: BackofficeHarness;
  let mensajeria: Mensajeria;
  let responsable: StaffUser;
  let entidad: { id: string; codigo: string };
  const DOCUMENTO = '40271593';
  const OTRO = '09999999';

  beforeAll(async () => {
    const now = new Date();
    [citizen, backoffice, mensajeria] = await Promise.all([startCitizenApp(now), startBackofficeApp(now), Mensajeria.start()]);
    entidad = await createTestEntidad(backoffice.dataSource, uniqueCode('SEGP'));
    responsable = await insertStaff(backoffice.dataSource, 'responsable_titular', entidad.id);
  });
  afterAll(async () => {
    await Promise.all([citizen?.close(), backoffice?.close(), mensajeria?.close()]);
  });

  /** A reclamo whose approved answer was notified (by e-mail, accepted by the test's SMTP server today). */
  async function notificado(options: ReclamoOptions = {}): Promise<{ id: string; codigo: string }> {
    const reclamo = await insertReclamo(backoffice.dataSource, entidad, {
      estado: EstadoReclamo.RESPONDIDO,
      asignadoA: responsable.id,
      respuesta: 'aprobada',
      numeroDocumento: DOCUMENTO,
      ...options,
    });
    await mensajeria.notificarPorCorreo({ actor: responsable, entidadId: entidad.id, reclamoId: reclamo.id });
    return reclamo;
  }

  const apiPdf = (codigo: string, documento: string) =>
    fetch(`${citizen.baseUrl}/api/v1/reclamos/${encodeURIComponent(codigo)}/respuesta.pdf?documento=${encodeURIComponent(documento)}`);

  async function pdfOf(response: Response): Promise<string> {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    return flat((await readPdf(Buffer.from(await response.arrayBuffer()))).text);
  }

  it.each([
    {
      muestra: 'Spanish',
      nombres: 'Niña Ñusta',
      apellidos: 'Pérez Güemes',
      descripcion: '¿Por qué esperé tres horas? Nadie me atendió en la «ventanilla 3».',
      hechos: 'El 11 de noviembre la ventanilla 3 atendió con un solo servidor.',
      analisis: 'La demora se debió a la falta de personal en el turno de la tarde.',
      medida: 'Se asignó un segundo servidor por la tarde.',
    },
    {
      muestra: 'Quechua and Aymara',
      nombres: 'Juan Ch’ullunkʼu',
      apellidos: 'Mamani Quispe',
      descripcion: 'Ñuqaqa «allinllam» kani; kimsa pachata suyarqani.',
      hechos: 'Jumax kunjamäsktasa? Wawanakaxa ukankiwa.',
      analisis: 'Qillqa wasipi huk llamkaqlla karqan.',
      medida: 'Iskay kaq llamkaqta churarqanchik.',
    },
    {
      muestra: 'Chinese, Japanese and Korean',
      nombres: '王小明',
      apellidos: '김민준',
      descripcion: '我在窗口等了三个小时。窓口で三時間待ちました。',
      hechos: '窗口只有一名工作人员。',
      analisis: '창구에서 세 시간 기다렸습니다. 山田さくらさんも待ちました。',
      medida: '增加了一名工作人员。',
    },
    {
      muestra: 'Cyrillic',
      nombres: 'Иван',
      apellidos: 'Петров',
      descripcion: 'Ждал три часа у окна, никто не помог.',
      hechos: 'В окне работал один сотрудник.',
      analisis: 'Не хватало персонала во второй половине дня.',
      medida: 'Назначен второй сотрудник.',
    },
  ])('prints a $muestra reclamo exactly as typed, in the answer PDF and in the constancia', async (sample) => {
    const reclamo = await notificado({
      nombres: sample.nombres,
      apellidos: sample.apellidos,
      descripcion: sample.descripcion,
      textosRespuesta: { hechos: sample.hechos, analisis: sample.analisis, medidas: sample.medida },
    });

    const response = await apiPdf(reclamo.codigo, DOCUMENTO);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="respuesta-${reclamo.codigo}.pdf"`);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const text = await pdfOf(response);
    for (const typed of [`${sample.nombres} ${sample.apellidos}`, sample.descripcion, sample.hechos, sample.analisis, sample.medida]) {
      expect(text).toContain(typed);
    }
    for (const printed of ['Respuesta a su reclamo', reclamo.codigo, 'D.S. N° 007-2020-PCM', 'Correo electrónico', 'Dentro del plazo']) {
      expect(text).toContain(printed);
    }
    expect(text.replace(/\s/g, '')).toContain(`/seguimiento?codigo=${reclamo.codigo}`);

    const token = citizen.app.get(ReceiptTokens).tokenFor(reclamo.codigo);
    const constancia = await pdfOf(await fetch(`${citizen.baseUrl}/reclamos/${reclamo.codigo}/constancia.pdf?t=${token}`));
    expect(constancia).toContain(`${sample.nombres} ${sample.apellidos}`);
    expect(constancia).toContain(sample.descripcion);
  });

  it('answers a wrong document and an unknown code with the same 404, and no PDF', async () => {
    const reclamo = await notificado();
    const ajeno = await apiPdf(reclamo.codigo, OTRO);
    // Well-formed, of the same entity and year, and stored nowhere.
    const [, anio, correlativo] = /-(\d{4})-(\d+)$/.exec(reclamo.codigo)!;
    const desconocido = await apiPdf(`${entidad.codigo}-${anio}-${String((Number(correlativo) % 999_999) + 1).padStart(6, '0')}`, DOCUMENTO);
    expect([ajeno.status, desconocido.status]).toEqual([404, 404]);
    const [cuerpoAjeno, cuerpoDesconocido] = [await ajeno.text(), await desconocido.text()];
    expect(cuerpoAjeno).toBe(cuerpoDesconocido);
    expect(JSON.parse(cuerpoAjeno)).toMatchObject({ statusCode: 404, codigo: 'RECLAMO_NOT_FOUND' });
    // The same body as tracking itself gives.
    expect(await (await fetch(`${citizen.baseUrl}/api/v1/reclamos/${reclamo.codigo}?documento=${OTRO}`)).text()).toBe(cuerpoAjeno);
  });

  it('has no PDF before the answer is notified, even once approved', async () => {
    const reclamo = await insertReclamo(backoffice.dataSource, entidad, {
      estado: EstadoReclamo.RESPONDIDO,
      asignadoA: responsable.id,
      respuesta: 'aprobada',
      numeroDocumento: DOCUMENTO,
    });
    const response = await apiPdf(reclamo.codigo, DOCUMENTO);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.text()).not.toContain('Los hechos del caso.');
  });

  it('downloads the PDF from the tracking page as a browser submits its form, the document only in the body', async () => {
    const reclamo = await notificado({ nombres: '山田', apellidos: 'さくら' });
    const page = await fetch(`${citizen.baseUrl}/seguimiento`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({ codigo: reclamo.codigo, documento: DOCUMENTO }).toString(),
    });
    expect(page.status).toBe(200);
    const html = await page.text();

    // Follow what the page renders: the form whose button downloads the answer, its action and its fields.
    const form = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].find(([, , inner]) => inner.includes('Descargar la respuesta (PDF)'));
    expect(form).toBeDefined();
    const [, attributes, inner] = form!;
    const attribute = (source: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(source)?.[1];
    expect(attribute(attributes, 'method')).toBe('post');
    const action = attribute(attributes, 'action')!;
    expect(action).not.toContain(DOCUMENTO);
    expect(html).not.toMatch(new RegExp(`(href|action|src)="[^"]*${DOCUMENTO}`));
    const fields = new URLSearchParams();
    for (const [input] of inner.matchAll(/<input\b[^>]*>/g)) {
      fields.append(attribute(input, 'name')!, (attribute(input, 'value') ?? '').replace(/&#x3D;/g, '=').replace(/&amp;/g, '&'));
    }
    expect([...fields.keys()].sort()).toEqual(['codigo', 'documento']);

    const download = await fetch(new URL(action, citizen.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: fields.toString(),
    });
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="respuesta-${reclamo.codigo}.pdf"`);
    const text = await pdfOf(download);
    expect(text).toContain('山田 さくら');
    expect(text).toContain('Los hechos del caso.');

    // The same route with another document: the tracking page's 404, no PDF.
    fields.set('documento', OTRO);
    const ajeno = await fetch(new URL(action, citizen.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: fields.toString(),
    });
    expect(ajeno.status).toBe(404);
    expect(ajeno.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await ajeno.text()).toContain('No encontramos un reclamo con ese código y ese número de documento.');
  });
});
