import { NotifyRespuestaUseCase, RequestSubsanacionUseCase } from '@app/atencion';
import { limaDateOf } from '@app/calendar';
import { EstadoReclamo } from '@app/domain';
import { StaffUser } from '@app/staff';
import { insertReclamo, insertStaff } from '../support/atencion-factory';
import { BackofficeHarness, Json, startBackofficeApp } from '../support/backoffice-harness';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, uniqueCode } from '../support/db';
import { Mensajeria } from '../support/mensajeria';

/**
 * The answer on the citizen's tracking (API and page): only once notified, only to the holder of
 * the code and the filer's document, with its notification date and whether it was on time.
 */
describe('seguimiento: the answer, once notified', () => {
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
    entidad = await createTestEntidad(backoffice.dataSource, uniqueCode('SEGR'));
    responsable = await insertStaff(backoffice.dataSource, 'responsable_titular', entidad.id);
  });
  afterAll(async () => {
    await Promise.all([citizen?.close(), backoffice?.close(), mensajeria?.close()]);
  });

  const track = (codigo: string, documento: string) => fetch(`${citizen.baseUrl}/api/v1/reclamos/${codigo}?documento=${documento}`);
  const lookupPage = (codigo: string, documento: string) =>
    fetch(`${citizen.baseUrl}/seguimiento`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({ codigo, documento }).toString(),
    });

  it('shows nothing of the answer before it is notified, and all of it after, to the holder of code and document only', async () => {
    const reclamo = await insertReclamo(backoffice.dataSource, entidad, {
      estado: EstadoReclamo.RESPONDIDO,
      asignadoA: responsable.id,
      respuesta: 'aprobada',
      numeroDocumento: DOCUMENTO,
    });

    // Approved but not yet notified: the state says so in plain words, and no answer is shown.
    const antes = (await (await track(reclamo.codigo, DOCUMENTO)).json()) as Json;
    expect(antes).toMatchObject({ estado: 'respondido', estadoEtiqueta: 'Respuesta lista, por enviarse', respuesta: null });

    // «Notificar» pressed: on its way to the citizen's mail server, not yet an answer they have.
    await backoffice.app.get(NotifyRespuestaUseCase).execute({ actor: responsable, entidadId: entidad.id, reclamoId: reclamo.id });
    const enCurso = (await (await track(reclamo.codigo, DOCUMENTO)).json()) as Json;
    expect(enCurso).toMatchObject({ estado: 'notificacion_en_curso', estadoEtiqueta: 'Respuesta lista, enviándose a su correo', respuesta: null });
    const [envio] = await mensajeria.enviar([reclamo.id], 'respuesta');
    expect(envio.resultado).toMatchObject({ estado: 'enviado' });
    const [{ enviado_en }]: Array<{ enviado_en: Date }> = await backoffice.dataSource.query(`SELECT enviado_en FROM outbox WHERE id = $1`, [envio.outboxId]);
    const hoy = limaDateOf(enviado_en);

    const response = await track(reclamo.codigo, DOCUMENTO);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Json;
    expect(body).toMatchObject({
      estado: 'notificado',
      estadoEtiqueta: 'Respondido',
      respuesta: {
        hechos: 'Los hechos del caso.',
        analisis: 'El análisis del caso.',
        medidasAdoptadas: ['Las medidas adoptadas.'],
        notificadaEl: hoy,
        medio: 'email',
        medioEtiqueta: 'correo electrónico',
        dentroDelPlazo: hoy <= String(body.vence),
      },
    });

    // Another document: the same 404 as an unknown code, and none of the answer.
    const ajeno = await track(reclamo.codigo, OTRO);
    expect(ajeno.status).toBe(404);
    expect(await ajeno.text()).not.toContain('Los hechos del caso.');
  });

  it('shows the answer on the tracking page, and its link to the receipt opens it', async () => {
    const reclamo = await insertReclamo(backoffice.dataSource, entidad, {
      estado: EstadoReclamo.RESPONDIDO,
      asignadoA: responsable.id,
      respuesta: 'aprobada',
      numeroDocumento: DOCUMENTO,
    });
    await mensajeria.notificarPorCorreo({ actor: responsable, entidadId: entidad.id, reclamoId: reclamo.id });

    const page = await lookupPage(reclamo.codigo, DOCUMENTO);
    expect(page.status).toBe(200);
    const html = await page.text();
    for (const text of ['Respuesta de la entidad', 'Los hechos del caso.', 'El análisis del caso.', 'Las medidas adoptadas.', 'correo electrónico']) {
      expect(html).toContain(text);
    }
    expect(html).toMatch(/dentro del plazo legal|fuera del plazo legal/);

    const href = /<a href="([^"]+)">Ver la constancia de registro de este reclamo<\/a>/.exec(html)?.[1]?.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(href).toMatch(new RegExp(`^/reclamos/${reclamo.codigo}/constancia\\?t=`));
    const constancia = await fetch(`${citizen.baseUrl}${href}`, { headers: { accept: 'text/html' } });
    expect(constancia.status).toBe(200);
    expect(await constancia.text()).toContain(reclamo.codigo);

    const ajeno = await lookupPage(reclamo.codigo, OTRO);
    expect(ajeno.status).toBe(404);
    expect(await ajeno.text()).not.toContain('Los hechos del caso.');
  });

  it('shows an observado reclamo what is missing and until when, and after that day how to file again', async () => {
    const reclamo = await insertReclamo(backoffice.dataSource, entidad, { estado: EstadoReclamo.EN_ATENCION, asignadoA: responsable.id, numeroDocumento: DOCUMENTO });
    const pedido = 'Indique la fecha y la hora en que acudió a la sede.';
    const { subsanacionVence } = await backoffice.app
      .get(RequestSubsanacionUseCase)
      .execute({ actor: responsable, entidadId: entidad.id, reclamoId: reclamo.id, motivo: pedido });

    const body = (await (await track(reclamo.codigo, DOCUMENTO)).json()) as Json;
    expect(body).toMatchObject({ estado: 'observado', subsanacion: { pedido, venceEl: subsanacionVence, vencida: false } });
    expect(String(body.subsanacion.dondeResponder)).toContain('mesa de partes');
    const html = await (await lookupPage(reclamo.codigo, DOCUMENTO)).text();
    expect(html).toContain('La entidad le pide completar su reclamo');
    expect(html).toContain(pedido);
    // The deadline as a Lima date and time, whether the clock pauses, and the form to answer online.
    expect(html).toMatch(/Tiene hasta el <strong>\p{L}+ \d{1,2} de \p{L}+ de \d{4}, 23:59 \(hora de Lima\)<\/strong>/u);
    expect(html).toContain('sigue corriendo');
    expect(html).toContain('Responder en línea');

    // Another document: the same 404, and not the request.
    const ajeno = await track(reclamo.codigo, OTRO);
    expect(ajeno.status).toBe(404);
    expect(await ajeno.text()).not.toContain(pedido);

    // The day after the window: it says so, and links to the entity's book to file again.
    const antes = citizen.clock.now();
    citizen.clock.set(new Date(Date.parse(`${subsanacionVence}T12:00:00-05:00`) + 86_400_000));
    try {
      expect(((await (await track(reclamo.codigo, DOCUMENTO)).json()) as Json).subsanacion).toMatchObject({ vencida: true });
      const vencida = await (await lookupPage(reclamo.codigo, DOCUMENTO)).text();
      expect(vencida).toContain('El plazo para completarlo venció');
      const libro = /href="(\/e\/[A-Z0-9]+)"/.exec(vencida)?.[1];
      expect(libro).toBe(`/e/${entidad.codigo}`);
      const pagina = await fetch(`${citizen.baseUrl}${libro}`, { headers: { accept: 'text/html' } });
      expect(pagina.status).toBe(200);
      // Read to the end: an unread body keeps its connection busy and the app would not close.
      expect(await pagina.text()).toContain(entidad.codigo);
    } finally {
      citizen.clock.set(antes);
    }
  });
});
