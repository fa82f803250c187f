import { Browser, BrowserContext } from 'playwright-core';
import { NotifyRespuestaUseCase } from '@app/atencion';
import { EstadoReclamo } from '@app/domain';
import { insertReclamo, insertStaff } from '../support/atencion-factory';
import { BackofficeHarness, startBackofficeApp } from '../support/backoffice-harness';
import { documentScrollWidth, expectNoSeriousAxeViolations, launchBrowser, newPhoneContext, PHONE_WIDTH } from '../support/browser';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, uniqueCode } from '../support/db';

const SCREENSHOTS = '/tmp/browser';
const DOCUMENTO = '40271593';

/** The citizen reads the entity's answer on a 360-px phone, with and without JavaScript. */
describe('seguimiento (browser): the answer on a phone', () => {
  let browser: Browser;
  let citizen: CitizenHarness;
  let backoffice: BackofficeHarness;
  const contexts: BrowserContext[] = [];
  let codigo: string;

  beforeAll(async () => {
    const now = new Date();
    [citizen, backoffice, browser] = await Promise.all([startCitizenApp(now), startBackofficeApp(now), launchBrowser()]);
    const entidad = await createTestEntidad(backoffice.dataSource, uniqueCode('SEGB'));
    const responsable = await insertStaff(backoffice.dataSource, 'responsable_titular', entidad.id);
    const reclamo = await insertReclamo(backoffice.dataSource, entidad, {
      estado: EstadoReclamo.RESPONDIDO,
      asignadoA: responsable.id,
      respuesta: 'aprobada',
      numeroDocumento: DOCUMENTO,
    });
    await backoffice.app.get(NotifyRespuestaUseCase).execute({ actor: responsable, entidadId: entidad.id, reclamoId: reclamo.id });
    codigo = reclamo.codigo;
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await Promise.all([citizen?.close(), backoffice?.close()]);
  });

  it.each([true, false])('shows the answer, its date and the measures (JavaScript %s); with JavaScript, no sideways scroll and axe clean', async (javaScriptEnabled) => {
    const context = await newPhoneContext(browser, { javaScriptEnabled });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${citizen.baseUrl}/seguimiento?codigo=${codigo}`);
    await page.getByLabel('Número de documento').fill(DOCUMENTO);
    await page.getByRole('button', { name: 'Consultar' }).click();
    const respuesta = page.getByRole('region', { name: 'Respuesta de la entidad' });
    await respuesta.waitFor();
    expect(await respuesta.innerText()).toMatch(/Notificada el .+ por correo electrónico/);
    expect(await respuesta.getByRole('listitem').allInnerTexts()).toEqual(['Las medidas adoptadas.']);
    // Measuring and axe run scripts in the page, so they run where the page allows it; the HTML is the same.
    if (javaScriptEnabled) {
      expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
      await expectNoSeriousAxeViolations(page);
    }
    await page.screenshot({ path: `${SCREENSHOTS}-seguimiento-respuesta-${javaScriptEnabled ? 'js' : 'sin-js'}.png`, fullPage: true });

    // The receipt, one tap away.
    await page.getByRole('link', { name: 'Ver la constancia de registro de este reclamo' }).click();
    await page.waitForURL(new RegExp(`/reclamos/${codigo}/constancia\\?t=`));
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBeTruthy();
  });
});
