import { Browser, BrowserContext } from 'playwright-core';
import { RequestSubsanacionUseCase } from '@app/atencion';
import { EstadoReclamo } from '@app/domain';
import { ReceiptTokens } from '@app/reclamos';
import { StaffUser } from '@app/staff';
import { insertReclamo, insertStaff } from '../support/atencion-factory';
import { BackofficeHarness, startBackofficeApp } from '../support/backoffice-harness';
import { documentScrollWidth, expectNoSeriousAxeViolations, launchBrowser, newPhoneContext, PHONE_WIDTH } from '../support/browser';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, uniqueCode } from '../support/db';

const SCREENSHOTS = '/tmp/browser';
const DOCUMENTO = '40271593';
const PEDIDO = 'Indique la fecha y la hora en que acudió a la sede, y el número de su ticket.';
const MINIMAL_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** The citizen answers a request for missing information on a 360-px phone, with and without JavaScript. */
describe('subsanación (browser): answering on a phone', () => {
  let browser: Browser;
  let citizen: CitizenHarness;
  let backoffice: BackofficeHarness;
  let entidad: { id: string; codigo: string };
  let responsable: StaffUser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const now = new Date();
    [citizen, backoffice, browser] = await Promise.all([startCitizenApp(now), startBackofficeApp(now), launchBrowser()]);
    entidad = await createTestEntidad(backoffice.dataSource, uniqueCode('SUBB'));
    responsable = await insertStaff(backoffice.dataSource, 'responsable_titular', entidad.id);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await Promise.all([citizen?.close(), backoffice?.close()]);
  });

  async function observado(): Promise<{ id: string; codigo: string }> {
    const reclamo = await insertReclamo(backoffice.dataSource, entidad, { estado: EstadoReclamo.EN_ATENCION, asignadoA: responsable.id, numeroDocumento: DOCUMENTO });
    await backoffice.app.get(RequestSubsanacionUseCase).execute({ actor: responsable, entidadId: entidad.id, reclamoId: reclamo.id, motivo: PEDIDO });
    return reclamo;
  }

  it.each([true, false])('from the e-mail link: an empty reply says what is missing, a full one is received (JavaScript %s)', async (javaScriptEnabled) => {
    const reclamo = await observado();
    const [evento]: Array<{ id: string }> = await backoffice.dataSource.query(
      `SELECT id::text AS id FROM reclamo_evento WHERE reclamo_id = $1 AND estado_nuevo = 'observado'`,
      [reclamo.id],
    );
    const token = citizen.app.get(ReceiptTokens).tokenForSubsanacion(reclamo.codigo, evento.id);
    const context = await newPhoneContext(browser, { javaScriptEnabled });
    contexts.push(context);
    const page = await context.newPage();
    const sufijo = javaScriptEnabled ? 'js' : 'sin-js';

    await page.goto(`${citizen.baseUrl}/subsanacion?${new URLSearchParams({ codigo: reclamo.codigo, token }).toString()}`);
    const pedido = page.getByRole('region', { name: 'Lo que la entidad le pide' });
    expect(await pedido.innerText()).toContain(PEDIDO);
    expect(await pedido.innerText()).toMatch(/Tiene hasta el .+ de \d{4}, 23:59 \(hora de Lima\)/);
    if (javaScriptEnabled) {
      expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
      await expectNoSeriousAxeViolations(page);
    }
    await page.screenshot({ path: `${SCREENSHOTS}-subsanacion-${sufijo}.png`, fullPage: true });

    // Sent empty: the summary names the field, and with JavaScript it takes the focus.
    await page.getByRole('button', { name: 'Enviar la información' }).click();
    const resumen = page.getByRole('alert');
    await resumen.waitFor();
    expect(await resumen.innerText()).toContain('La información que le pidieron: escriba la información que la entidad le pidió');
    if (javaScriptEnabled) {
      await page.waitForFunction("document.activeElement && document.activeElement.id === 'error-summary'");
      await expectNoSeriousAxeViolations(page);
    }
    await page.screenshot({ path: `${SCREENSHOTS}-subsanacion-error-${sufijo}.png`, fullPage: true });

    await page.getByLabel('La información que le pidieron').fill('Acudí el 18 de noviembre a las 9:30; mi ticket fue el A-214.');
    await page.getByLabel('Archivos de respaldo').setInputFiles({ name: 'ticket.pdf', mimeType: 'application/pdf', buffer: MINIMAL_PDF });
    await page.getByRole('button', { name: 'Enviar la información' }).click();
    await page.getByRole('heading', { name: 'Recibimos su información' }).waitFor();
    expect(await page.getByRole('status').innerText()).toContain('(1 archivo)');
    if (javaScriptEnabled) await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-subsanacion-enviada-${sufijo}.png`, fullPage: true });

    const [row]: Array<{ estado: string; adjuntos: number }> = await backoffice.dataSource.query(
      `SELECT estado, (SELECT count(*)::int FROM adjunto WHERE reclamo_id = r.id AND tipo = 'subsanacion') AS adjuntos FROM reclamo r WHERE id = $1`,
      [reclamo.id],
    );
    expect(row).toEqual({ estado: 'en_atencion', adjuntos: 1 });

    // The same link again says it was answered.
    const otraVez = await page.goto(`${citizen.baseUrl}/subsanacion?${new URLSearchParams({ codigo: reclamo.codigo, token }).toString()}`);
    expect(otraVez?.status()).toBe(409);
    expect(await page.getByRole('status').innerText()).toContain('Usted ya respondió esta solicitud');
  });

  it('from the tracking page, after code and document; no sideways scroll, axe clean', async () => {
    const reclamo = await observado();
    const context = await newPhoneContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${citizen.baseUrl}/seguimiento?codigo=${reclamo.codigo}`);
    await page.getByLabel('Número de documento').fill(DOCUMENTO);
    await page.getByRole('button', { name: 'Consultar' }).click();
    const formulario = page.getByRole('form', { name: 'Responder en línea' });
    await formulario.waitFor();
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-seguimiento-subsanacion.png`, fullPage: true });
    await formulario.getByLabel('La información que le pidieron').fill('Acudí el 18 de noviembre a las 9:30; mi ticket fue el A-214.');
    await formulario.getByRole('button', { name: 'Enviar la información' }).click();
    await page.getByRole('heading', { name: 'Recibimos su información' }).waitFor();

    // Back on tracking: the reply is in the timeline, and the request is gone.
    await page.getByRole('link', { name: 'Seguir su reclamo' }).click();
    await page.getByLabel('Número de documento').fill(DOCUMENTO);
    await page.getByRole('button', { name: 'Consultar' }).click();
    await page.getByRole('heading', { name: 'Historial' }).waitFor();
    expect(await page.locator('.timeline').innerText()).toContain('Usted envió la información que pidió la entidad.');
    expect(await page.getByRole('region', { name: 'La entidad le pide completar su reclamo' }).count()).toBe(0);
  });
});
