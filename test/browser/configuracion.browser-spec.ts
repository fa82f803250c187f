import { Browser, BrowserContext, Page } from 'playwright-core';
import { BackofficeHarness, startBackofficeApp } from '../support/backoffice-harness';
import { documentScrollWidth, expectNoSeriousAxeViolations, launchBrowser } from '../support/browser';

jest.setTimeout(180_000);

const PASSWORD = 'Reclamos2026!';
/** Monday 23 November 2026, 10:00 in Lima. */
const NOW = new Date('2026-11-23T15:00:00Z');
const TABLET = { width: 768, height: 1024 };
const SCREENSHOTS = '/tmp/cfg';

async function signInAt(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/ingresar`);
  await page.getByLabel('Correo institucional').fill(email);
  await page.getByLabel('Contraseña').fill(PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL(/\/inicio$/);
}

describe('the calendar and settings pages in a real browser on a 768 px tablet', () => {
  let backoffice: BackofficeHarness;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function openTablet(): Promise<Page> {
    const context = await browser.newContext({ viewport: TABLET, deviceScaleFactor: 1, hasTouch: true, locale: 'es-PE', timezoneId: 'America/Lima' });
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    backoffice = await startBackofficeApp(NOW);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await browser?.close();
    await backoffice?.close();
  });

  it('the responsable reaches both pages from the header, computes a plazo and opens a catalogue, with no serious axe violations', async () => {
    const page = await openTablet();
    await signInAt(page, backoffice.baseUrl, 'responsable@minedu.demo.gob.pe');
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Calendario' }).click();
    await page.getByRole('heading', { level: 1, name: /Calendario de días no laborables 2026/ }).waitFor();
    await page.getByLabel('Fecha de registro', { exact: true }).fill('2026-12-04');
    await page.getByLabel('Días hábiles', { exact: true }).fill('3');
    await page.getByRole('button', { name: 'Calcular' }).click();
    await page.getByRole('status').filter({ hasText: 'Vence el' }).waitFor();
    expect(await page.getByRole('status').innerText()).toContain('Inmaculada Concepción');
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(TABLET.width);
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-calendario-responsable.png`, fullPage: true });

    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Configuración' }).click();
    await page.getByRole('heading', { level: 1, name: 'Configuración de la entidad' }).waitFor();
    await page.locator('details#sedes > summary').click();
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(TABLET.width);
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-configuracion-responsable.png`, fullPage: true });

    // A wrong list of thresholds: the error summary names the field, and nothing is saved.
    await page.getByLabel(/^Recordatorios/).fill('1, 2');
    await page.getByRole('button', { name: 'Guardar los ajustes' }).click();
    await page.getByRole('alert').filter({ hasText: 'Revise este dato' }).waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-configuracion-error.png` });
  });

  it('the administrator opens the calendar (with the recompute preview) and an entity chosen from the list, with no serious axe violations', async () => {
    const page = await openTablet();
    await signInAt(page, backoffice.baseUrl, 'administrador@plataforma.demo.gob.pe');
    await page.getByRole('link', { name: 'Calendario de días no laborables' }).click();
    await page.getByRole('heading', { level: 2, name: 'Recalcular los plazos de los casos abiertos' }).waitFor();
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(TABLET.width);
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-calendario-administrador.png`, fullPage: true });

    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Configuración' }).click();
    await page.getByRole('heading', { level: 1, name: 'Configuración de una entidad' }).waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.getByRole('link', { name: /Ministerio de Educación/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Configuración de la entidad' }).waitFor();
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(TABLET.width);
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-configuracion-administrador.png`, fullPage: true });
  });
});
