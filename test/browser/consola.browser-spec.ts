import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { EstadoReclamo } from '@app/domain';
import { ReconstruirCifrasUseCase } from '@app/medicion';
import { BackofficeHarness, createTestStaff, startBackofficeApp, TestStaff } from '../support/backoffice-harness';
import { documentScrollWidth, expectNoSeriousAxeViolations, launchBrowser, newPhoneContext, PHONE_WIDTH } from '../support/browser';
import { EntidadCifras, enLima, insertarCaso } from '../support/cifras-fixture';
import { crearTramoDePrueba, cuentaActiva, entidadEnTramo, registrarDesignacion } from '../support/consola-fixture';

jest.setTimeout(240_000);

const DESKTOP = { width: 1280, height: 900 };
const SCREENSHOTS = '/tmp/consola';

describe("the coordinators' console in a real browser: a 360 px phone without JavaScript and a desktop, charts drawn, axe", () => {
  let backoffice: BackofficeHarness;
  let browser: Browser;
  let coordinador: TestStaff;
  let tramo: number;
  let implementada: EntidadCifras;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    backoffice = await startBackofficeApp(enLima('2031-04-20'));
    browser = await launchBrowser();
    const ds = backoffice.dataSource;
    tramo = await crearTramoDePrueba(ds, {
      nombre: 'Tramo de prueba del navegador: organismos públicos',
      fechaInicio: '2031-01-01',
      fechaLimite: '2031-03-31',
      descripcion: 'Entidades de prueba para la consola.',
    });
    implementada = await entidadEnTramo(ds, tramo, 'CBI');
    await registrarDesignacion(ds, implementada.id, '2031-01-10');
    await cuentaActiva(ds, implementada.id, 'responsable_titular', enLima('2031-01-15'));
    await cuentaActiva(ds, implementada.id, 'responsable_alterno', enLima('2031-01-20'));
    await cuentaActiva(ds, implementada.id, 'oficial', enLima('2031-01-25'));
    for (let i = 0; i < 10; i += 1) {
      await insertarCaso(ds, implementada, {
        registradoEn: enLima('2031-03-03'), fechaRegistro: '2031-03-03', estado: EstadoReclamo.NOTIFICADO, venceEl: '2031-04-14',
        notificadoEl: i < 8 ? '2031-03-17' : '2031-03-24',
        movimientos: [{ de: EstadoReclamo.RESPONDIDO, a: EstadoReclamo.NOTIFICADO, en: enLima('2031-03-17') }],
      });
    }
    const enProceso = await entidadEnTramo(ds, tramo, 'CBP');
    await registrarDesignacion(ds, enProceso.id, '2031-02-01');
    await entidadEnTramo(ds, tramo, 'CBN');
    await backoffice.app.get(ReconstruirCifrasUseCase).execute({ entidadIds: [implementada.id] });
    coordinador = await createTestStaff(ds, { rol: 'coordinador', entidadId: null });
  });
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await browser?.close();
    await backoffice?.close();
  });

  async function signInAt(page: Page): Promise<void> {
    await page.goto(`${backoffice.baseUrl}/ingresar`);
    await page.getByLabel('Correo institucional').fill(coordinador.email);
    await page.getByLabel('Contraseña').fill(coordinador.password);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    // The coordinator's landing is the console.
    await page.waitForURL(/\/consola$/);
  }

  async function chartsAreDrawn(page: Page, names: readonly string[], maxWidth: number): Promise<void> {
    for (const name of names) {
      const chart = page.getByRole('img', { name, exact: true });
      await chart.waitFor();
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      expect(box?.width).toBeLessThanOrEqual(maxWidth);
      // The image is the SVG itself, drawn on the server (no canvas, no script).
      expect(await chart.locator('xpath=self::*[local-name()="svg"]').count()).toBe(1);
      expect(await chart.locator('.mark-rect path, .mark-line path, .mark-rule line').count()).toBeGreaterThan(0);
    }
  }

  /** axe runs as a script in the page: the same address in a phone with JavaScript on (the pages need none). */
  async function axeClean(context: BrowserContext, url: string, charts: readonly string[], screenshot: string): Promise<void> {
    const conScript = await newPhoneContext(browser);
    contexts.push(conScript);
    await conScript.addCookies(await context.cookies());
    const page = await conScript.newPage();
    await page.goto(url);
    await chartsAreDrawn(page, charts, PHONE_WIDTH);
    await expectNoSeriousAxeViolations(page);
    if (charts.length > 0) {
      const inCharts = await new AxeBuilder({ page }).include('figure.chart-box').analyze();
      expect(inCharts.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await page.screenshot({ path: `${SCREENSHOTS}-${screenshot}.png`, fullPage: true });
    await conScript.close();
  }

  it('on a phone without JavaScript, the coordinator goes from the console to the tramos, a tramo, an entity and the ranking', async () => {
    const context = await newPhoneContext(browser, { javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await signInAt(page);
    await page.getByRole('heading', { level: 1, name: 'Consola de implementación' }).waitFor();
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await axeClean(context, page.url(), [], 'telefono-inicio');

    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Tramos' }).click();
    await page.getByRole('heading', { level: 1, name: 'Adopción por tramo' }).waitFor();
    const tramosCharts = ['Entidades por estado de adopción en cada tramo', 'Adopción en el tiempo por tramo: % de entidades implementadas'];
    await chartsAreDrawn(page, tramosCharts, PHONE_WIDTH);
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await axeClean(context, page.url(), tramosCharts, 'telefono-tramos');

    // Earlier runs left tramos of the same name: this run's is the one with its number.
    await page.locator(`a[href="/tramos/${tramo}"]`).first().click();
    await page.getByRole('heading', { level: 1, name: 'Tramo de prueba del navegador: organismos públicos' }).waitFor();
    const tramoChart = [`Adopción en el tiempo: entidades implementadas en el Tramo ${tramo}`];
    await chartsAreDrawn(page, tramoChart, PHONE_WIDTH);
    // The deadline passed with two entities not implemented: both listed as late, with what they miss.
    const atrasadas = page.getByRole('table', { name: /Pasaron la fecha límite sin estar implementadas/ });
    expect(await atrasadas.locator('tbody tr').count()).toBe(2);
    expect(await atrasadas.innerText()).toContain('Cuentas de los responsables activas');
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await axeClean(context, page.url(), tramoChart, 'telefono-tramo');

    await page.getByRole('table', { name: /entidades activas, por código/ }).getByRole('link', { name: `Entidad de prueba ${implementada.codigo}` }).click();
    await page.getByRole('heading', { level: 1, name: `Entidad de prueba ${implementada.codigo}` }).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: 'Adopción: Implementado' }).count()).toBe(1);
    await page.getByRole('textbox', { name: /^Periodo/ }).fill('2031-03');
    await page.getByRole('button', { name: 'Ver cumplimiento' }).click();
    await page.waitForURL(/periodo=2031-03/);
    expect(await page.locator('dt:has-text("Respuestas notificadas") + dd').innerText()).toBe('10');
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await axeClean(context, page.url(), [], 'telefono-entidad');

    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Ranking' }).click();
    await page.getByRole('textbox', { name: /^Periodo/ }).fill('2031-03');
    await page.getByRole('combobox', { name: /^Tramo/ }).selectOption(String(tramo));
    await page.getByRole('button', { name: 'Ver ranking' }).click();
    await page.waitForURL(/tramo=/);
    const ranking = page.getByRole('table', { name: /Entidades con al menos 10 respuestas notificadas/ });
    expect(await ranking.locator('tbody tr').count()).toBe(1);
    expect(await ranking.innerText()).toContain(implementada.codigo);
    const rankingChart = ['Distribución de las entidades según su % de respuestas en el plazo legal'];
    await chartsAreDrawn(page, rankingChart, PHONE_WIDTH);
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await axeClean(context, page.url(), rankingChart, 'telefono-ranking');
  });

  it('on a desktop, each chart sits beside its table, and the exports download', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'es-PE', timezoneId: 'America/Lima', acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await signInAt(page);
    await page.goto(`${backoffice.baseUrl}/tramos`);
    const chart = await page.getByRole('img', { name: 'Entidades por estado de adopción en cada tramo' }).boundingBox();
    const table = await page.getByRole('table', { name: 'Entidades por estado: los números del gráfico' }).boundingBox();
    expect(table!.x).toBeGreaterThan(chart!.x + chart!.width - 1);
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-escritorio-tramos.png`, fullPage: true });
    await page.goto(`${backoffice.baseUrl}/tramos/${tramo}`);
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-escritorio-tramo.png`, fullPage: true });
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Descargar en Excel (XLSX)' }).click()]);
    expect(xlsx.suggestedFilename()).toBe(`tramo-${tramo}-2031-04-20.xlsx`);
    await page.goto(`${backoffice.baseUrl}/ranking?periodo=2031-03&tramo=${tramo}`);
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-escritorio-ranking.png`, fullPage: true });
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Descargar en CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe('ranking-2031-03.csv');
  });
});
