import { readFile } from 'node:fs/promises';
import { Browser, BrowserContext } from 'playwright-core';
import { RequestSubsanacionUseCase } from '@app/atencion';
import { EstadoReclamo } from '@app/domain';
import { insertReclamo, insertStaff } from '../support/atencion-factory';
import { BackofficeHarness, startBackofficeApp } from '../support/backoffice-harness';
import { documentScrollWidth, expectNoSeriousAxeViolations, launchBrowser, newPhoneContext, PHONE_WIDTH } from '../support/browser';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, uniqueCode } from '../support/db';
import { Mensajeria } from '../support/mensajeria';

const SCREENSHOTS = '/tmp/browser';
const DOCUMENTO = '40271593';

/** The citizen reads the entity's answer on a 360-px phone, with and without JavaScript. */
describe('seguimiento (browser): the answer on a phone', () => {
  let browser: Browser;
  let citizen: CitizenHarness;
  let backoffice: BackofficeHarness;
  let mensajeria: Mensajeria;
  const contexts: BrowserContext[] = [];
  /** One notified reclamo per run (with and without JavaScript): a survey is answered once per reclamo. */
  const codigos = new Map<boolean, string>();
  let observado: string;

  beforeAll(async () => {
    const now = new Date();
    [citizen, backoffice, browser, mensajeria] = await Promise.all([startCitizenApp(now), startBackofficeApp(now), launchBrowser(), Mensajeria.start()]);
    const entidad = await createTestEntidad(backoffice.dataSource, uniqueCode('SEGB'));
    const responsable = await insertStaff(backoffice.dataSource, 'responsable_titular', entidad.id);
    for (const javaScriptEnabled of [true, false]) {
      const reclamo = await insertReclamo(backoffice.dataSource, entidad, {
        estado: EstadoReclamo.RESPONDIDO,
        asignadoA: responsable.id,
        respuesta: 'aprobada',
        numeroDocumento: DOCUMENTO,
      });
      await mensajeria.notificarPorCorreo({ actor: responsable, entidadId: entidad.id, reclamoId: reclamo.id });
      codigos.set(javaScriptEnabled, reclamo.codigo);
    }
    const pendiente = await insertReclamo(backoffice.dataSource, entidad, { estado: EstadoReclamo.EN_ATENCION, asignadoA: responsable.id, numeroDocumento: DOCUMENTO });
    await backoffice.app
      .get(RequestSubsanacionUseCase)
      .execute({ actor: responsable, entidadId: entidad.id, reclamoId: pendiente.id, motivo: 'Indique la fecha y la hora en que acudió a la sede.' });
    observado = pendiente.codigo;
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await Promise.all([citizen?.close(), backoffice?.close(), mensajeria?.close()]);
  });

  it.each([true, false])('reads the answer, downloads its PDF and rates the service (JavaScript %s); with JavaScript, no sideways scroll and axe clean', async (javaScriptEnabled) => {
    const context = await newPhoneContext(browser, { javaScriptEnabled });
    contexts.push(context);
    const page = await context.newPage();
    const codigo = codigos.get(javaScriptEnabled)!;
    await page.goto(`${citizen.baseUrl}/seguimiento?codigo=${codigo}`);
    await page.getByLabel('Número de documento').fill(DOCUMENTO);
    await page.getByRole('button', { name: 'Consultar' }).click();
    const respuesta = page.getByRole('region', { name: 'Respuesta de la entidad' });
    await respuesta.waitFor();
    expect(await respuesta.innerText()).toMatch(/Notificada el .+ por correo electrónico/);
    expect(await respuesta.getByRole('listitem').allInnerTexts()).toEqual(['Las medidas adoptadas.']);
    // The answer's PDF: a form button, so it downloads with or without JavaScript.
    const [descarga] = await Promise.all([page.waitForEvent('download'), respuesta.getByRole('button', { name: 'Descargar la respuesta (PDF)' }).click()]);
    expect(descarga.suggestedFilename()).toBe(`respuesta-${codigo}.pdf`);
    expect(descarga.url()).not.toContain(DOCUMENTO);
    expect((await readFile(await descarga.path())).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Measuring and axe run scripts in the page, so they run where the page allows it; the HTML is the same.
    if (javaScriptEnabled) {
      expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
      await expectNoSeriousAxeViolations(page);
    }
    await page.screenshot({ path: `${SCREENSHOTS}-seguimiento-respuesta-${javaScriptEnabled ? 'js' : 'sin-js'}.png`, fullPage: true });

    // The survey: sent empty, every question says what is missing; answered, thanks.
    await page.getByRole('link', { name: 'Califique la atención de su reclamo' }).click();
    await page.waitForURL(/\/encuesta\?/);
    if (javaScriptEnabled) {
      expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
      await expectNoSeriousAxeViolations(page);
    }
    await page.getByRole('button', { name: 'Enviar respuestas' }).click();
    const resumen = page.getByRole('alert');
    await resumen.waitFor();
    expect(await resumen.getByRole('listitem').count()).toBe(5);
    if (javaScriptEnabled) await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-encuesta-errores-${javaScriptEnabled ? 'js' : 'sin-js'}.png`, fullPage: true });
    for (const campo of ['¿Qué tan satisfecho está, en general, con la atención de su reclamo?', '¿Qué tan satisfecho está con la rapidez de la respuesta?', '¿Qué tan clara fue la respuesta?', '¿Cómo califica el trato y la confianza que le inspiró la entidad?']) {
      await page.getByRole('group', { name: campo }).getByLabel('4 – Satisfecho').check();
    }
    await page.getByRole('group', { name: '¿Se resolvió el problema que motivó su reclamo?' }).getByLabel('Sí').check();
    await page.getByRole('button', { name: 'Enviar respuestas' }).click();
    await page.getByRole('heading', { name: 'Gracias por responder' }).waitFor();
    if (javaScriptEnabled) await expectNoSeriousAxeViolations(page);

    // Back on tracking, the receipt is one tap away.
    await page.getByRole('link', { name: 'Volver al seguimiento de su reclamo' }).click();
    await page.getByLabel('Número de documento').fill(DOCUMENTO);
    await page.getByRole('button', { name: 'Consultar' }).click();
    await page.getByRole('link', { name: 'Ver la constancia de registro de este reclamo' }).click();
    await page.waitForURL(new RegExp(`/reclamos/${codigo}/constancia\\?t=`));
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBeTruthy();
  });

  it('shows an observado reclamo what is missing and until when; no sideways scroll, axe clean', async () => {
    const context = await newPhoneContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${citizen.baseUrl}/seguimiento?codigo=${observado}`);
    await page.getByLabel('Número de documento').fill(DOCUMENTO);
    await page.getByRole('button', { name: 'Consultar' }).click();
    const pedido = page.getByRole('region', { name: 'La entidad le pide completar su reclamo' });
    await pedido.waitFor();
    expect(await pedido.innerText()).toContain('Indique la fecha y la hora en que acudió a la sede.');
    expect(await pedido.innerText()).toMatch(/Tiene hasta el .+, 23:59 \(hora de Lima\)/);
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-seguimiento-observado.png`, fullPage: true });
  });
});
