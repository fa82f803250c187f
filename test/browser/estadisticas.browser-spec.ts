import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { EstadoReclamo } from '@app/domain';
import { PublicarDatosAbiertosUseCase, ReconstruirCifrasUseCase } from '@app/medicion';
import { documentScrollWidth, launchBrowser, newPhoneContext, PHONE_WIDTH } from '../support/browser';
import { crearEntidadCifras, EntidadCifras, enLima, insertarCaso, sembrarCasosCifras } from '../support/cifras-fixture';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';

jest.setTimeout(180_000);

const SCREENSHOTS = '/tmp/estadisticas';
const CHARTS = [
  'Reclamos recibidos y notificados en el plazo legal, por mes',
  'Respuestas notificadas dentro y fuera del plazo legal',
  'Reclamos recibidos por aspecto',
  'Reclamos recibidos por canal',
];

describe('the public figures in a real browser: a 360 px phone without JavaScript, charts drawn, axe', () => {
  let citizen: CitizenHarness;
  let browser: Browser;
  let entidad: EntidadCifras;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    citizen = await startCitizenApp(enLima('2031-04-20'));
    browser = await launchBrowser();
    entidad = await crearEntidadCifras(citizen.dataSource, 'ESB');
    await sembrarCasosCifras(citizen.dataSource, entidad);
    // Enough March filings for figures of 5 and more beside the withheld ones.
    for (let i = 0; i < 9; i += 1) {
      await insertarCaso(citizen.dataSource, entidad, {
        registradoEn: enLima('2031-03-04'), fechaRegistro: '2031-03-04', venceEl: '2031-04-15', estado: EstadoReclamo.EN_ATENCION, aspecto: 'acceso',
      });
    }
    await citizen.app.get(ReconstruirCifrasUseCase).execute({ entidadIds: [entidad.id] });
    await citizen.app.get(PublicarDatosAbiertosUseCase).execute();
  });
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await browser?.close();
    await citizen?.close();
  });

  async function chartsAreDrawn(page: Page): Promise<void> {
    for (const name of CHARTS) {
      const chart = page.getByRole('img', { name, exact: true });
      await chart.waitFor();
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(100);
      expect(box?.width).toBeLessThanOrEqual(PHONE_WIDTH);
      // An SVG drawn on the server (JavaScript is off).
      expect(await chart.locator('xpath=self::*[local-name()="svg"]').count()).toBe(1);
    }
    // The trend and the aspects have bars (Vega draws each as a path in a rect mark group).
    expect(await page.getByRole('img', { name: CHARTS[0] }).locator('.mark-rect path').count()).toBeGreaterThan(0);
  }

  /** axe, every WCAG 2.1 A/AA rule, any impact: none. */
  async function axeClean(page: Page): Promise<void> {
    await page.waitForLoadState('load');
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }

  it('on a phone without JavaScript, a person goes from the home page to the country, picks March, follows an entity, and opens the open data', async () => {
    const context = await newPhoneContext(browser, { javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${citizen.baseUrl}/`);
    await page.screenshot({ path: `${SCREENSHOTS}-inicio-telefono.png`, fullPage: true });
    await page.getByRole('main').getByRole('link', { name: 'estadísticas de reclamos' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reclamos ante las entidades del Estado' }).waitFor();
    await page.getByLabel('Desde').fill('2031-03-01');
    await page.getByLabel('Hasta (incluido)').fill('2031-03-31');
    await page.getByRole('button', { name: 'Ver estadísticas' }).click();
    await page.waitForURL(/desde=2031-03-01/);
    await chartsAreDrawn(page);
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await page.screenshot({ path: `${SCREENSHOTS}-nacional-telefono.png`, fullPage: true });

    await page.getByRole('table', { name: 'Entidades en el periodo' }).getByRole('link', { name: `Entidad de prueba ${entidad.codigo}`, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Reclamos ante / }).waitFor();
    expect(page.url()).toContain(`/estadisticas/entidades/${entidad.codigo}?desde=2031-03-01&hasta=2031-03-31`);
    await chartsAreDrawn(page);
    const aspectos = await page.getByRole('table', { name: 'Por aspecto: los números del gráfico' }).innerText();
    expect(aspectos).toContain('Acceso al bien o servicio\t9');
    expect(aspectos).toContain('<5');
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await page.screenshot({ path: `${SCREENSHOTS}-entidad-telefono.png`, fullPage: true });

    await page.getByRole('contentinfo').getByRole('link', { name: 'Datos abiertos' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reclamos por entidad, mes, aspecto y canal' }).waitFor();
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await page.screenshot({ path: `${SCREENSHOTS}-datos-abiertos-telefono.png`, fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Descargar reclamos-por-entidad\.csv/ }).click()]);
    expect(download.suggestedFilename()).toBe('reclamos-por-entidad.csv');
  });

  it('the three pages are axe-clean with JavaScript on (axe runs as a script)', async () => {
    const context = await newPhoneContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    for (const path of ['/estadisticas?desde=2031-03-01&hasta=2031-03-31', `/estadisticas/entidades/${entidad.codigo}?desde=2031-03-01&hasta=2031-03-31`, '/datos-abiertos']) {
      await page.goto(`${citizen.baseUrl}${path}`);
      await axeClean(page);
    }
    await page.goto(`${citizen.baseUrl}/estadisticas?desde=2031-03-05`);
    await page.getByRole('alert').waitFor();
    await axeClean(page);
    await page.screenshot({ path: `${SCREENSHOTS}-error-telefono.png`, fullPage: true });
  });
});
