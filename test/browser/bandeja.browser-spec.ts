import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { EstadoReclamo } from '@app/domain';
import { insertReclamo } from '../support/atencion-factory';
import { BackofficeHarness, createTestStaff, startBackofficeApp } from '../support/backoffice-harness';
import { documentScrollWidth, launchBrowser, newPhoneContext, PHONE_WIDTH } from '../support/browser';
import { createTestEntidad, uniqueCode } from '../support/db';

jest.setTimeout(180_000);

const PASSWORD = 'Reclamos2026!';
/** Monday 23 November 2026, 10:00 in Lima. */
const NOW = new Date('2026-11-23T15:00:00Z');
/** The most common office laptop screen. */
const DESKTOP = { width: 1366, height: 768 };
const SCREENSHOTS = '/tmp/bandeja';

/** Every axe violation of WCAG 2.1 A/AA, whatever its impact: the issue asks for none. */
async function expectNoAxeViolations(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect({ url: page.url(), violations: found }).toEqual({ url: page.url(), violations: [] });
}

/** Whether the focused element is the first case's link (a string expression: the test tsconfig has no DOM lib). */
const FOCUS_ON_FIRST_CASE = `document.activeElement === document.querySelector('table.cases tbody a.case-code')`;

/**
 * The inbox and the case page at 1366×768 (issue 13): the first case in the first screen and a few Tab
 * stops in, sorting by clicking a header, the e-mail preview beside the answer, «Aprobar y notificar»,
 * axe with no violation at all. Screenshots in /tmp/bandeja-*.png.
 */
describe('Bandeja and case page on a 1366×768 desktop, in a real browser', () => {
  let h: BackofficeHarness;
  let browser: Browser;
  let entidad: { id: string; codigo: string };
  let email: string;
  let pendiente: { id: string; codigo: string };
  const contexts: BrowserContext[] = [];

  async function open(): Promise<Page> {
    const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1, locale: 'es-PE', timezoneId: 'America/Lima' });
    contexts.push(context);
    return context.newPage();
  }

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${h.baseUrl}/ingresar`);
    await page.getByLabel('Correo institucional').fill(email);
    await page.getByLabel('Contraseña').fill(PASSWORD);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.waitForURL(/\/inicio$/);
  }

  beforeAll(async () => {
    [h, browser] = await Promise.all([startBackofficeApp(NOW), launchBrowser()]);
    entidad = await createTestEntidad(h.dataSource, uniqueCode('BBR'));
    email = (await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: entidad.id, password: PASSWORD })).email;
    const oficial = await createTestStaff(h.dataSource, { rol: 'oficial', entidadId: entidad.id });
    // A full first page (25 rows) and more, on several dates and states, one answer waiting for approval.
    const fechas = ['2026-10-20', '2026-11-02', '2026-11-10', '2026-11-16', '2026-11-20'];
    const estados = [EstadoReclamo.REGISTRADO, EstadoReclamo.EN_ATENCION, EstadoReclamo.OBSERVADO, EstadoReclamo.NOTIFICADO];
    for (let i = 0; i < 30; i++) {
      await insertReclamo(h.dataSource, entidad, { fechaRegistro: fechas[i % 5], estado: estados[i % 4], asignadoA: i % 2 ? oficial.id : null });
    }
    pendiente = await insertReclamo(h.dataSource, entidad, {
      estado: EstadoReclamo.EN_ATENCION,
      respuesta: 'pendiente_aprobacion',
      asignadoA: oficial.id,
      email: 'rosa.mamani@example.pe',
      textosRespuesta: {
        hechos: 'El 16 de noviembre la ciudadana esperó tres horas en la sede central sin que se le informara de la demora.',
        analisis: 'La ventanilla no tenía personal de reemplazo y el sistema de turnos no mostraba el tiempo de espera.',
        medidas: 'Se asignó personal de reemplazo en horas punta.\nEl sistema de turnos muestra ahora el tiempo estimado.',
      },
    });
  });
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await browser?.close();
    await h?.close();
  });

  it('the inbox: the first case in the first screen and three Tab stops in; headers sort; no axe violation', async () => {
    const page = await open();
    await signIn(page);
    await page.goto(`${h.baseUrl}/bandeja`);
    await page.getByRole('heading', { level: 1, name: 'Bandeja de reclamos' }).waitFor();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-top.png` });
    await page.screenshot({ path: `${SCREENSHOTS}-completa.png`, fullPage: true });

    // The first case row is entirely inside the first 1366×768 screen.
    const primera = page.locator('table.cases tbody tr').first();
    const box = await primera.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(DESKTOP.height);
    console.log(`bandeja 1366×768: first case row from ${Math.round(box!.y)} to ${Math.round(box!.y + box!.height)} px`);
    // The per-state chart comes after the list.
    const grafico = await page.getByRole('heading', { level: 2, name: 'Casos por estado' }).boundingBox();
    expect(grafico!.y).toBeGreaterThan(box!.y);

    // Keyboard: «Saltar al contenido», «Saltar a la lista de casos», Enter, Tab: the first case.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Saltar a la lista de casos');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<boolean>(FOCUS_ON_FIRST_CASE)).toBe(true);
    // Without the skip links, by Tab alone (for the report; bounded so it never loops).
    await page.goto(`${h.baseUrl}/bandeja`);
    let tabs = 0;
    while (tabs < 60 && !(await page.evaluate<boolean>(FOCUS_ON_FIRST_CASE))) {
      await page.keyboard.press('Tab');
      tabs++;
    }
    expect(tabs).toBeLessThan(25);
    console.log(`bandeja: first case after ${tabs} Tab stops by Tab alone, 3 with the skip link`);

    // Sorting by clicking a header: ascending, then descending, aria-sort says which.
    const codigos = () => page.locator('table.cases tbody a.case-code').allInnerTexts();
    await page.getByRole('link', { name: /^Código/ }).click();
    await page.waitForURL(/orden=codigo&dir=asc/);
    const asc = await codigos();
    expect(asc).toEqual([...asc].sort());
    expect(await page.getByRole('columnheader', { name: /^Código/ }).getAttribute('aria-sort')).toBe('ascending');
    await page.getByRole('link', { name: /^Código/ }).click();
    await page.waitForURL(/orden=codigo&dir=desc/);
    const desc = await codigos();
    expect(desc).toEqual([...desc].sort().reverse());
    expect(desc[0] > asc[0]).toBe(true);
    expect(await page.getByRole('columnheader', { name: /^Código/ }).getAttribute('aria-sort')).toBe('descending');
    await page.getByRole('link', { name: /^Vence y plazo/ }).click();
    await page.waitForURL(/orden=vence&dir=asc/);
    const tiempos = page.locator('table.cases tbody td.due time');
    const vence: string[] = [];
    for (let i = 0; i < (await tiempos.count()); i++) vence.push((await tiempos.nth(i).getAttribute('datetime')) ?? '');
    expect(vence).toEqual([...vence].sort());
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-orden-vence.png` });

    // The filters, folded: open them, filter, and the sort stays.
    await page.getByRole('link', { name: /^Estado/ }).click();
    await page.waitForURL(/orden=estado&dir=asc/);
    await page.getByText('Buscar, filtrar y ordenar').click();
    await page.getByLabel('Estado (opcional)').selectOption({ label: 'En atención' });
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.waitForURL(/estado=en_atencion/);
    expect(page.url()).toContain('orden=estado');
    expect(await page.getByRole('heading', { level: 2, name: /casos con estos filtros/ }).innerText()).toBe('9 casos con estos filtros');
    await expectNoAxeViolations(page);
  });

  it('the inbox on a 360 px phone: no sideways scroll of the page, no axe violation', async () => {
    const context = await newPhoneContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${h.baseUrl}/bandeja`);
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-telefono.png` });
  });

  it('the case page: the answer with its approval and the e-mail preview together; «Aprobar y notificar»', async () => {
    const page = await open();
    await signIn(page);
    await page.goto(`${h.baseUrl}/casos/${pendiente.id}`);
    await page.getByRole('heading', { level: 1, name: `Reclamo ${pendiente.codigo}` }).waitFor();
    await expectNoAxeViolations(page);
    const preview = page.locator('#vista-previa-correo');
    expect(await preview.isVisible()).toBe(true);
    expect(await preview.innerText()).toContain('El sistema de turnos muestra ahora el tiempo estimado.');
    // The answer is shown as the e-mail that carries it, and the button sits right under it (the issue measured ~800 px).
    const texto = await preview.boundingBox();
    const boton = page.getByRole('button', { name: 'Aprobar y notificar', exact: true });
    const botonBox = await boton.boundingBox();
    const distancia = Math.round(botonBox!.y - (texto!.y + texto!.height));
    console.log(`caso 1366×768: answer heading at ${Math.round((await page.locator('#respuesta-titulo').boundingBox())!.y)} px; «Aprobar y notificar» ${distancia} px below the end of the answer's text`);
    expect(distancia).toBeGreaterThan(0);
    expect(distancia).toBeLessThan(120);
    await page.screenshot({ path: `${SCREENSHOTS}-caso.png` });
    await page.screenshot({ path: `${SCREENSHOTS}-caso-completa.png`, fullPage: true });

    await boton.click();
    await page.getByRole('status').filter({ hasText: 'La respuesta quedó aprobada y se está enviando por correo.' }).waitFor();
    expect(await page.locator('.case-status .summary strong').first().innerText()).toBe('Notificación en curso (correo por confirmar)');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-caso-enviado.png` });
  });
});
