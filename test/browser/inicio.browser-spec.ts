import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { EstadoReclamo } from '@app/domain';
import { insertReclamo } from '../support/atencion-factory';
import { BackofficeHarness, createTestStaff, startBackofficeApp, TestStaff } from '../support/backoffice-harness';
import { documentScrollWidth, launchBrowser, newPhoneContext, PHONE_WIDTH } from '../support/browser';
import { createTestEntidad, uniqueCode } from '../support/db';

jest.setTimeout(180_000);

/** Monday 23 November 2026, 10:00 in Lima. */
const NOW = new Date('2026-11-23T15:00:00Z');
const SCREENSHOTS = '/tmp/inicio';
const E = EstadoReclamo;

async function signInAt(page: Page, baseUrl: string, staff: TestStaff): Promise<void> {
  await page.goto(`${baseUrl}/ingresar`);
  await page.getByLabel('Correo institucional').fill(staff.email);
  await page.getByLabel('Contraseña').fill(staff.password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL(/\/inicio$/);
}

/**
 * No axe violation of any impact (WCAG 2.1 A and AA, and axe's best practices). axe runs as a script in
 * the page, so it runs in a phone with JavaScript on, on the page a phone without JavaScript was shown.
 */
async function axeClean(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('the three role homes on a 360 px phone, without JavaScript, in a real browser', () => {
  let backoffice: BackofficeHarness;
  let browser: Browser;
  let oficial: TestStaff;
  let responsable: TestStaff;
  let titular: TestStaff;
  const casos: Record<string, { id: string; codigo: string }> = {};
  const contexts: BrowserContext[] = [];

  async function openPhone(javaScriptEnabled: boolean): Promise<Page> {
    const context = await newPhoneContext(browser, { javaScriptEnabled });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return page;
  }

  /** The same home in a phone with JavaScript on: axe-clean, no sideways scrolling, and the screenshots to look at. */
  async function revisar(staff: TestStaff, nombre: string): Promise<Page> {
    const page = await openPhone(true);
    await signInAt(page, backoffice.baseUrl, staff);
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await axeClean(page);
    await page.screenshot({ path: `${SCREENSHOTS}-${nombre}.png`, fullPage: true });
    await page.screenshot({ path: `${SCREENSHOTS}-${nombre}-arriba.png` });
    return page;
  }

  beforeAll(async () => {
    [backoffice, browser] = await Promise.all([startBackofficeApp(NOW), launchBrowser()]);
    const entidad = await createTestEntidad(backoffice.dataSource, uniqueCode('INB'));
    oficial = await createTestStaff(backoffice.dataSource, { rol: 'oficial', entidadId: entidad.id });
    responsable = await createTestStaff(backoffice.dataSource, { rol: 'responsable_titular', entidadId: entidad.id });
    titular = await createTestStaff(backoffice.dataSource, { rol: 'titular_entidad', entidadId: entidad.id });
    await backoffice.dataSource.query(`UPDATE usuario SET nombre = 'Carmen Rojas Villanueva' WHERE id = $1`, [oficial.id]);
    const caso = (fechaRegistro: string, estado: EstadoReclamo, extra: Parameters<typeof insertReclamo>[2] = {}) =>
      insertReclamo(backoffice.dataSource, entidad, { fechaRegistro, estado, ...extra });
    casos.vencido = await caso('2026-09-01', E.EN_ATENCION, { asignadoA: oficial.id });
    casos.manana = await caso('2026-10-13', E.OBSERVADO, { asignadoA: oficial.id });
    casos.fallida = await caso('2026-10-14', E.NOTIFICACION_FALLIDA, { asignadoA: oficial.id, respuesta: 'aprobada' });
    casos.holgado = await caso('2026-11-02', E.EN_ATENCION, { asignadoA: oficial.id });
    casos.registrado = await caso('2026-11-20', E.REGISTRADO);
    casos.borrador = await caso('2026-10-19', E.EN_ATENCION, { asignadoA: oficial.id, respuesta: 'pendiente_aprobacion' });
    await backoffice.dataSource.query(`UPDATE reclamo SET unidad_id = $2 WHERE entidad_id = $1 AND estado <> 'registrado'`, [entidad.id, entidad.unidadId]);
  });
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await browser?.close();
    await backoffice?.close();
  });

  it('the officer lands on their cases, soonest due first, and opens the overdue one', async () => {
    const page = await openPhone(false);
    await signInAt(page, backoffice.baseUrl, oficial);
    await page.getByRole('heading', { level: 2, name: 'Sus casos abiertos' }).waitFor();
    const codigos = await page.locator('ol.casos .case-code').allInnerTexts();
    expect(codigos).toEqual([casos.vencido, casos.manana, casos.fallida, casos.borrador, casos.holgado].map((c) => c.codigo));
    expect(await page.getByRole('link', { name: '1 vencido' }).getAttribute('href')).toBe('/bandeja?vencidos=true');
    expect(await page.locator('li.caso.late').innerText()).toMatch(/Vencido hace \d+ días hábiles/);
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await revisar(oficial, 'oficial');

    await page.getByRole('link', { name: casos.vencido.codigo }).click();
    await page.getByRole('heading', { level: 1, name: `Reclamo ${casos.vencido.codigo}` }).waitFor();
  });

  it('the responsable lands on what needs action and follows a count to the bandeja with the same cases', async () => {
    const page = await openPhone(false);
    await signInAt(page, backoffice.baseUrl, responsable);
    await page.getByRole('heading', { level: 2, name: 'Lo que necesita su acción' }).waitFor();
    const grupo = (titulo: RegExp) => page.getByRole('region', { name: titulo });
    expect(await grupo(/^Por asignar/).locator('.case-code').allInnerTexts()).toEqual([casos.registrado.codigo]);
    expect(await grupo(/^Respuestas por aprobar/).locator('.case-code').allInnerTexts()).toEqual([casos.borrador.codigo]);
    expect(await grupo(/^Respuestas por notificar/).locator('.case-code').allInnerTexts()).toEqual([casos.fallida.codigo]);
    expect(await grupo(/^Vencidos/).locator('.case-code').allInnerTexts()).toEqual([casos.vencido.codigo]);
    expect(await grupo(/^Vencidos/).innerText()).toContain('unidad_organica principal · Carmen Rojas Villanueva');
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    const conJs = await revisar(responsable, 'responsable');

    await page.locator('ul.conteos').getByRole('link', { name: /Respuestas por aprobar/ }).click();
    await page.waitForURL(/\/bandeja\?pendiente=aprobacion$/);
    await page.getByRole('heading', { level: 2, name: '1 caso con estos filtros' }).waitFor();
    expect(await page.locator('table.cases tbody .case-code').allInnerTexts()).toEqual([casos.borrador.codigo]);
    expect(await page.getByLabel('Pendiente de').inputValue()).toBe('aprobacion');
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    // The bandeja with its new filter, as checked with JavaScript on.
    await conJs.goto(page.url());
    await axeClean(conJs);
    await conJs.screenshot({ path: `${SCREENSHOTS}-bandeja-pendiente.png` });
  });

  it('the titular lands on the figures and the escalations, and reads an overdue case', async () => {
    const page = await openPhone(false);
    await signInAt(page, backoffice.baseUrl, titular);
    await page.getByRole('heading', { level: 2, name: 'Cifras de la entidad' }).waitFor();
    await page.getByRole('table', { name: 'Este mes y en lo que va del año' }).waitFor();
    const escalamientos = page.getByRole('region', { name: 'Escalamientos: casos con el plazo vencido' });
    expect(await escalamientos.locator('.case-code').allInnerTexts()).toEqual([casos.vencido.codigo]);
    expect(await escalamientos.innerText()).toContain('unidad_organica principal · Carmen Rojas Villanueva');
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await revisar(titular, 'titular');

    await escalamientos.getByRole('link', { name: casos.vencido.codigo }).click();
    await page.getByRole('heading', { level: 1, name: `Reclamo ${casos.vencido.codigo}` }).waitFor();
    // The titular reads: no form acts on the case.
    expect(await page.locator(`form[action^="/casos/${casos.vencido.id}/"]`).count()).toBe(0);
  });
});
