import { Browser, BrowserContext } from 'playwright-core';
import { ESTADO_CIUDADANO_LABELS, EstadoReclamo } from '@app/domain';
import { insertReclamo } from '../support/atencion-factory';
import { documentScrollWidth, expectNoSeriousAxeViolations, launchBrowser, newPhoneContext, PHONE_WIDTH } from '../support/browser';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, uniqueCode } from '../support/db';

jest.setTimeout(180_000);

const DOCUMENTO = '41577302';
const SCREENSHOTS = '/tmp/ciudadano-estado';

/**
 * The tracking page in every state of the lifecycle, on a 360-px phone, as the citizen reaches it
 * (code in the link, document typed, «Consultar»), with JavaScript and without: the state in the
 * citizen's words, no sideways scroll and no serious axe violation (measured where scripts run).
 */
describe('seguimiento (browser): every state reads in plain words on a phone', () => {
  let browser: Browser;
  let citizen: CitizenHarness;
  const contexts: BrowserContext[] = [];
  const codigos = new Map<EstadoReclamo, string>();

  beforeAll(async () => {
    [citizen, browser] = await Promise.all([startCitizenApp(new Date()), launchBrowser()]);
    const entidad = await createTestEntidad(citizen.dataSource, uniqueCode('SEGE'));
    for (const estado of Object.values(EstadoReclamo)) {
      const reclamo = await insertReclamo(citizen.dataSource, entidad, {
        estado,
        numeroDocumento: DOCUMENTO,
        subsanacionVence: estado === EstadoReclamo.OBSERVADO ? '2099-12-31' : null,
      });
      codigos.set(estado, reclamo.codigo);
    }
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await citizen?.close();
  });

  it.each([true, false])('JavaScript %s', async (javaScriptEnabled) => {
    const context = await newPhoneContext(browser, { javaScriptEnabled });
    contexts.push(context);
    const page = await context.newPage();
    for (const [estado, codigo] of codigos) {
      await page.goto(`${citizen.baseUrl}/seguimiento?codigo=${codigo}`);
      await page.getByLabel('Número de documento').fill(DOCUMENTO);
      await page.getByRole('button', { name: 'Consultar' }).click();
      await page.getByText(ESTADO_CIUDADANO_LABELS[estado], { exact: true }).first().waitFor();
      const text = await page.locator('main').innerText();
      // The office's terms stay in the back-office.
      expect({ estado, porNotificar: text.includes('(por notificar)'), correoPorConfirmar: text.includes('correo por confirmar') }).toEqual({
        estado,
        porNotificar: false,
        correoPorConfirmar: false,
      });
      if (javaScriptEnabled) {
        expect({ estado, cabe: (await documentScrollWidth(page)) <= PHONE_WIDTH }).toEqual({ estado, cabe: true });
        await expectNoSeriousAxeViolations(page);
        await page.screenshot({ path: `${SCREENSHOTS}-${estado}.png`, fullPage: true });
      }
    }
  });
});
