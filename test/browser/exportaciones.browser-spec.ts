import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlmacenExportaciones, ExportacionesQueue, GenerarExportacionUseCase, ReconstruirCifrasUseCase } from '@app/medicion';
import { LocalDirectoryStorage } from '@app/storage';
import { BackofficeHarness, createTestStaff, startBackofficeApp, TestStaff } from '../support/backoffice-harness';
import { documentScrollWidth, launchBrowser, newPhoneContext, PHONE_WIDTH } from '../support/browser';
import { crearEntidadCifras, enLima, sembrarCasosCifras } from '../support/cifras-fixture';
import { colaDeExportaciones } from '../support/exportaciones-fixture';

jest.setTimeout(180_000);

const SCREENSHOTS = '/tmp/exportaciones';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function signInAt(page: Page, baseUrl: string, staff: TestStaff): Promise<void> {
  await page.goto(`${baseUrl}/ingresar`);
  await page.getByLabel('Correo institucional').fill(staff.email);
  await page.getByLabel('Contraseña').fill(staff.password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL(/\/inicio$/);
}

/**
 * Every WCAG 2.x A/AA violation of any impact: a stricter check than the suite's gate (expectNoSeriousAxeViolations,
 * serious and critical ones of the same rules). `excepto`: rules left out, each with its reason where it is called;
 * `solo`: the part of the page to check.
 */
async function sinViolaciones(page: Page, { excepto = [], solo }: { excepto?: string[]; solo?: string } = {}): Promise<void> {
  await page.waitForLoadState('load');
  let axe = new AxeBuilder({ page }).withTags(WCAG).disableRules(excepto);
  if (solo) axe = axe.include(solo);
  const r = await axe.analyze();
  expect(r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('the export in a real browser: asked for from /cifras on a 360 px phone without JavaScript, its progress page, the download; axe', () => {
  const cola = colaDeExportaciones('exportaciones-browser');
  let h: BackofficeHarness;
  let browser: Browser;
  let oficial: TestStaff;
  let dir: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'exportaciones-browser-'));
    // No worker takes this file's queue: the export waits until the test runs the worker's use case itself.
    h = await startBackofficeApp(enLima('2031-04-20'), {
      overrides: [
        { provide: ExportacionesQueue, useValue: new ExportacionesQueue(cola.queue) },
        { provide: AlmacenExportaciones, useValue: new LocalDirectoryStorage(dir) },
      ],
    });
    browser = await launchBrowser();
    const entidad = await crearEntidadCifras(h.dataSource, 'EXB');
    await sembrarCasosCifras(h.dataSource, entidad);
    await h.app.get(ReconstruirCifrasUseCase).execute({ entidadIds: [entidad.id] });
    oficial = await createTestStaff(h.dataSource, { rol: 'oficial', entidadId: entidad.id });
  });
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await browser?.close();
    await h?.close();
    await cola.events.close();
    await cola.queue.obliterate({ force: true });
    await cola.queue.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('on a phone without JavaScript: /cifras → «Generar el detalle» → the progress page, which reloads itself until it is ready; then the download', async () => {
    const context = await newPhoneContext(browser, { javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInAt(page, h.baseUrl, oficial);
    await page.goto(`${h.baseUrl}/cifras?desde=2031-03-01&hasta=2031-03-31`);
    const seccion = page.getByRole('region', { name: 'Exportar el detalle' });
    await seccion.getByText('Aún no ha pedido exportaciones del detalle.').waitFor();
    await seccion.getByLabel('CSV: solo el detalle, en una tabla').check();
    await seccion.getByRole('button', { name: 'Generar el detalle' }).click();
    await page.waitForURL(/\/exportaciones\/[0-9a-f-]{36}$/);
    const url = page.url();
    const id = url.split('/').pop()!;
    await page.getByRole('heading', { level: 2, name: 'En cola' }).waitFor();
    const avance = page.getByRole('progressbar', { name: 'Avance' });
    expect(await avance.getAttribute('value')).toBe('0');
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);

    // It reloads itself (a meta refresh: no JavaScript), and says how to stop that before the progress bar.
    const recarga = page.waitForRequest((r) => r.url() === url && r.isNavigationRequest(), { timeout: 15_000 });
    await page.getByRole('link', { name: 'Detener la actualización automática' }).waitFor();
    const html = await page.content();
    expect(html.indexOf('Detener la actualización automática')).toBeLessThan(html.indexOf('<progress'));
    await recarga;
    await page.getByRole('heading', { level: 2, name: 'En cola' }).waitFor();

    // Meanwhile the worker writes it; the next reload shows the download.
    await h.app.get(GenerarExportacionUseCase).execute({ exportacionId: id, ultimoIntento: true });
    await page.getByRole('heading', { level: 2, name: 'Lista para descargar' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('progressbar').count()).toBe(0);
    const boton = page.getByRole('link', { name: /^Descargar cifras-detalle-exb.*-2031-03-01-2031-03-31\.csv$/ });
    const [descarga] = await Promise.all([page.waitForEvent('download'), boton.click()]);
    expect(descarga.suggestedFilename()).toMatch(/^cifras-detalle-exb.*-2031-03-01-2031-03-31\.csv$/);
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await page.screenshot({ path: `${SCREENSHOTS}-lista-telefono.png`, fullPage: true });

    // Back on /cifras, the list shows it ready, with its link.
    await page.goto(`${h.baseUrl}/cifras?desde=2031-03-01&hasta=2031-03-31`);
    const fila = seccion.getByRole('listitem').filter({ hasText: 'Lista para descargar' });
    expect(await fila.getByRole('link').first().getAttribute('href')).toBe(`/exportaciones/${id}`);
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await seccion.screenshot({ path: `${SCREENSHOTS}-cifras-telefono.png` });
  });

  it('axe finds nothing on the pages, on a phone (scripts on for axe only): waiting, stopped, ready, and /cifras with its list', async () => {
    const context = await newPhoneContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signInAt(page, h.baseUrl, oficial);
    await page.goto(`${h.baseUrl}/cifras?desde=2031-01-01&hasta=2031-03-31`);
    await page.getByRole('region', { name: 'Exportar el detalle' }).getByRole('button', { name: 'Generar el detalle' }).click();
    await page.waitForURL(/\/exportaciones\/[0-9a-f-]{36}$/);
    const url = page.url();
    const id = url.split('/').pop()!;
    // The page reloads itself every few seconds: later loads are answered 204 (the browser keeps the page), so axe reads a page that stays.
    await page.route(url, (route) => route.fulfill({ status: 204 }));
    // axe's meta-refresh rule flags any self-reload under 20 hours; WCAG 2.2.1 is met by the link that turns it off before the
    // progress bar (checked above, and below: the stopped page passes every rule, meta-refresh included).
    await sinViolaciones(page, { excepto: ['meta-refresh'] });
    await page.screenshot({ path: `${SCREENSHOTS}-en-cola-telefono.png`, fullPage: true });
    await page.unroute(url);
    await page.getByRole('link', { name: 'Detener la actualización automática' }).click();
    await page.waitForURL(/actualizar=no$/);
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
    await sinViolaciones(page);
    await page.getByRole('link', { name: 'Ver el avance ahora y seguir actualizando' }).click();
    await page.waitForURL(url);
    await page.route(url, (route) => route.fulfill({ status: 204 }));

    await h.app.get(GenerarExportacionUseCase).execute({ exportacionId: id, ultimoIntento: true });
    await page.unroute(url);
    await page.goto(url);
    await page.getByRole('heading', { level: 2, name: 'Lista para descargar' }).waitFor();
    await sinViolaciones(page);
    await page.goto(`${h.baseUrl}/cifras?desde=2031-01-01&hasta=2031-03-31`);
    await page.getByRole('region', { name: 'Exportar el detalle' }).getByRole('listitem').first().waitFor();
    // The section this feature adds (form and list), every impact; the whole /cifras page is cifras.browser-spec.ts's, with its charts.
    await sinViolaciones(page, { solo: '#exportar' });
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
  });
});
