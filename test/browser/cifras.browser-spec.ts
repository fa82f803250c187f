import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { ReconstruirCifrasUseCase } from '@app/medicion';
import { BackofficeHarness, createTestStaff, startBackofficeApp, TestStaff } from '../support/backoffice-harness';
import { documentScrollWidth, expectNoSeriousAxeViolations, launchBrowser, newPhoneContext, PHONE_WIDTH } from '../support/browser';
import { crearEntidadCifras, enLima, sembrarCasosCifras } from '../support/cifras-fixture';

jest.setTimeout(180_000);

const DESKTOP = { width: 1280, height: 900 };
const SCREENSHOTS = '/tmp/cifras';

async function signInAt(page: Page, baseUrl: string, staff: TestStaff): Promise<void> {
  await page.goto(`${baseUrl}/ingresar`);
  await page.getByLabel('Correo institucional').fill(staff.email);
  await page.getByLabel('Contraseña').fill(staff.password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL(/\/inicio$/);
}

describe('the figures page in a real browser: a 360 px phone and a desktop, charts drawn, axe', () => {
  let backoffice: BackofficeHarness;
  let browser: Browser;
  let titular: TestStaff;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    backoffice = await startBackofficeApp(enLima('2031-04-20'));
    browser = await launchBrowser();
    const entidad = await crearEntidadCifras(backoffice.dataSource, 'CFB');
    await sembrarCasosCifras(backoffice.dataSource, entidad);
    await backoffice.app.get(ReconstruirCifrasUseCase).execute({ entidadIds: [entidad.id] });
    titular = await createTestStaff(backoffice.dataSource, { rol: 'titular_entidad', entidadId: entidad.id });
  });
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await browser?.close();
    await backoffice?.close();
  });

  async function chartsAreDrawn(page: Page, maxWidth: number): Promise<void> {
    for (const name of [
      'Reclamos recibidos y notificados en el plazo legal, por mes',
      'Respuestas notificadas dentro y fuera del plazo legal',
      'Reclamos recibidos por aspecto',
      'Reclamos recibidos por unidad orgánica',
      'Reclamos recibidos por sede',
    ]) {
      const chart = page.getByRole('img', { name, exact: true });
      await chart.waitFor();
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      expect(box?.width).toBeLessThanOrEqual(maxWidth);
      // Bars are there: Vega draws each as a path in a rect mark group.
      expect(await chart.locator('.mark-rect path').count()).toBeGreaterThan(0);
    }
  }

  async function axeClean(page: Page): Promise<void> {
    await expectNoSeriousAxeViolations(page);
    // The charts themselves: no violation of any impact inside them.
    const charts = await new AxeBuilder({ page }).include('figure.chart-box').analyze();
    expect(charts.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }

  it('on a phone, the titular goes from the header to the figures, picks March, and reads charts and tables without sideways scrolling', async () => {
    const context = await newPhoneContext(browser, { javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInAt(page, backoffice.baseUrl, titular);
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Cifras' }).click();
    await page.getByRole('heading', { level: 1, name: /^Cifras de / }).waitFor();
    await page.getByLabel('Desde').fill('2031-03-01');
    await page.getByLabel('Hasta (incluido)').fill('2031-03-31');
    await page.getByRole('button', { name: 'Ver cifras' }).click();
    await page.waitForURL(/desde=2031-03-01/);
    expect(await page.locator('dt:has-text("Reclamos recibidos") + dd').innerText()).toBe('7');
    await chartsAreDrawn(page, PHONE_WIDTH);
    expect(await page.getByRole('table', { name: 'Por unidad orgánica: los números del gráfico' }).innerText()).toContain('Oficina de Trámite');
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    // axe runs as a script in the page: the same page in a phone with JavaScript on (the page itself has none).
    const conScript = await newPhoneContext(browser);
    contexts.push(conScript);
    await conScript.addCookies(await context.cookies());
    const misma = await conScript.newPage();
    await misma.goto(page.url());
    await chartsAreDrawn(misma, PHONE_WIDTH);
    await axeClean(misma);
    await misma.screenshot({ path: `${SCREENSHOTS}-telefono.png`, fullPage: true });
  });

  it('on a desktop, each chart sits beside its table, and the XLSX downloads', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'es-PE', timezoneId: 'America/Lima', acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInAt(page, backoffice.baseUrl, titular);
    await page.goto(`${backoffice.baseUrl}/cifras?desde=2031-01-01&hasta=2031-04-30`);
    await chartsAreDrawn(page, DESKTOP.width);
    const chart = await page.getByRole('img', { name: 'Reclamos recibidos por aspecto' }).boundingBox();
    const table = await page.getByRole('table', { name: 'Por aspecto: los números del gráfico' }).boundingBox();
    expect(table!.x).toBeGreaterThan(chart!.x + chart!.width - 1);
    await axeClean(page);
    await page.screenshot({ path: `${SCREENSHOTS}-escritorio.png`, fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Descargar en Excel (XLSX)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^cifras-cfb.*-2031-01-01-2031-04-30\.xlsx$/);
  });
});
