import { Browser, BrowserContext, Page } from 'playwright-core';
import { ASPECTO_LABELS, Aspecto } from '@app/domain';
import { docxInAnotherOrder, iphoneHeicHead } from '@app/storage/testing';
import fixture from '../fixtures/reclamo-ejemplo.json';
import { documentScrollWidth, expectNoSeriousAxeViolations, launchBrowser, newPhoneContext, PHONE_WIDTH } from '../support/browser';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, filingRowCounts, uniqueCode } from '../support/db';

// The step-by-step flows post the hoja five times and run axe on each page: room for a busy 2-core machine.
jest.setTimeout(240_000);

const SCREENSHOTS = '/tmp/browser-hoja';
type Entidad = { id: string; codigo: string; sedeId: string; unidadId: string; servicioId: string };

/**
 * The hoja's new steps on a 360 px phone, with JavaScript and without: «Antes de empezar», the date in
 * three boxes with its messages, files kept across an error, «Revise su reclamo» and «Cambiar», the
 * character count, and the Quechua labels. Each page is checked with axe and photographed.
 */
describe('the hoja, step by step, on a phone', () => {
  let h: CitizenHarness;
  let browser: Browser;
  let propia: Entidad;
  let names: { sede: string; servicio: string };
  const contexts: BrowserContext[] = [];

  async function openPhone(javaScriptEnabled: boolean): Promise<Page> {
    const context = await newPhoneContext(browser, { javaScriptEnabled });
    contexts.push(context);
    return context.newPage();
  }

  /**
   * No sideways scroll, axe, a screenshot. axe runs as a script, so a page seen without JavaScript is
   * checked as a copy: the same HTML at the same address in a page with scripts on for axe only, the
   * app's own script blocked so the DOM stays the one a browser without JavaScript shows.
   */
  async function checkPage(page: Page, shot: string, js: boolean): Promise<void> {
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await page.screenshot({ path: `${SCREENSHOTS}-${shot}.png`, fullPage: true });
    if (js) return expectNoSeriousAxeViolations(page);
    const html = await page.content();
    const address = page.url().split('#')[0];
    const copy = await openPhone(true);
    await copy.route('**/static/enhance.js', (route) => route.abort());
    await copy.route(address, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await copy.goto(address);
    await expectNoSeriousAxeViolations(copy);
  }

  /** Waits, a little at a time, until `read` gives what is expected (no script evaluated in the page: its CSP forbids it). */
  async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 5000): Promise<void> {
    const until = Date.now() + timeoutMs;
    let last = await read();
    while (last !== expected && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      last = await read();
    }
    expect(last).toBe(expected);
  }

  /** Everything but the date and the files, as a person types it. */
  async function fillAnswers(page: Page, overrides: { nombres?: string } = {}): Promise<void> {
    await page.getByLabel('Tipo de documento', { exact: true }).selectOption('DNI');
    await page.getByLabel('Número de documento', { exact: true }).fill(fixture.numeroDocumento);
    await page.getByLabel('Nombres', { exact: true }).fill(overrides.nombres ?? fixture.nombres);
    await page.getByLabel('Apellidos', { exact: true }).fill(fixture.apellidos);
    await page.getByLabel('Correo electrónico (uno de los dos es obligatorio)').fill(fixture.email);
    await page.getByLabel('Sí, acepto que me notifiquen la respuesta por correo electrónico').check();
    await page.getByLabel('Sede', { exact: true }).selectOption({ label: names.sede });
    await page.getByLabel('Servicio o trámite', { exact: true }).selectOption({ label: names.servicio });
    await page.getByLabel(ASPECTO_LABELS[fixture.aspecto as Aspecto], { exact: true }).check();
    await page.getByLabel('Cuéntenos qué sucedió').fill(fixture.descripcion);
    await page.getByLabel('¿Qué solicita a la entidad?').fill(fixture.pedido);
  }

  beforeAll(async () => {
    h = await startCitizenApp(new Date('2026-11-23T15:00:00Z'));
    browser = await launchBrowser();
    propia = await createTestEntidad(h.dataSource, uniqueCode('BHJ'));
    const [sede] = await h.dataSource.query(`SELECT nombre FROM sede WHERE id = $1`, [propia.sedeId]);
    const [servicio] = await h.dataSource.query(`SELECT nombre FROM servicio WHERE id = $1`, [propia.servicioId]);
    names = { sede: sede.nombre, servicio: servicio.nombre };
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it.each([true, false])('«Antes de empezar» says what is and is not a reclamo, and starts the hoja (JavaScript %s)', async (js) => {
    const page = await openPhone(js);
    await page.goto(`${h.baseUrl}/e/${propia.codigo}/antes-de-empezar`);
    await page.getByRole('heading', { level: 1, name: 'Antes de empezar' }).waitFor();
    expect(await page.getByRole('link', { name: 'Presentar una denuncia' }).getAttribute('href')).toBe('https://denuncias.servicios.gob.pe/');
    expect(await page.getByText('30 días hábiles').count()).toBeGreaterThan(0);
    await checkPage(page, `antes-${js ? 'js' : 'nojs'}`, js);
    await page.getByRole('link', { name: 'Empezar mi reclamo' }).click();
    await page.waitForURL(new RegExp(`/e/${propia.codigo}$`));
    await page.getByRole('button', { name: 'Continuar' }).waitFor();
  });

  it.each([true, false])(
    'without a month, names it; keeps the files across the error; reviews, changes and files (JavaScript %s)',
    async (js) => {
      const page = await openPhone(js);
      await page.goto(`${h.baseUrl}/e/${propia.codigo}`);
      await fillAnswers(page);
      await page.getByLabel('Día', { exact: true }).fill('16');
      await page.getByLabel('Año', { exact: true }).fill('2026');
      await page.getByLabel('Archivos de respaldo (opcional)').setInputFiles([
        { name: 'foto-ventanilla.heic', mimeType: 'image/heic', buffer: iphoneHeicHead() },
        { name: 'informe.docx', mimeType: 'application/octet-stream', buffer: docxInAnotherOrder() },
      ]);
      const before = await filingRowCounts(h.dataSource, propia.id);
      await page.getByRole('button', { name: 'Continuar' }).click();

      const summary = page.locator('#error-summary');
      await summary.waitFor();
      const link = summary.getByRole('link', { name: 'Fecha de los hechos: falta el mes de la fecha' });
      expect(await link.getAttribute('href')).toBe('#fechaHechos-mes');
      expect(await page.locator('#fechaHechos-error').innerText()).toContain('Falta el mes de la fecha');
      expect(await page.getByLabel('Mes', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByLabel('Día', { exact: true }).inputValue()).toBe('16');
      // The files came back listed: nothing to attach again.
      const kept = page.locator('#adjuntos-guardados');
      expect(await kept.innerText()).toContain('foto-ventanilla.heic');
      expect(await kept.innerText()).toContain('informe.docx');
      await checkPage(page, `error-fecha-${js ? 'js' : 'nojs'}`, js);

      // The summary's link is followed to the box to correct.
      await link.click();
      if (js) await page.waitForFunction("document.activeElement && document.activeElement.id === 'fechaHechos-mes'");
      else expect(page.url()).toContain('#fechaHechos-mes');
      await page.getByLabel('Mes', { exact: true }).fill('11');
      await page.getByRole('button', { name: 'Quitar foto-ventanilla.heic' }).click();
      await page.getByText('Quitamos «foto-ventanilla.heic» de su reclamo.').waitFor();
      await page.getByRole('button', { name: 'Continuar' }).click();

      await page.getByRole('heading', { level: 1, name: 'Revise su reclamo' }).waitFor();
      expect(await page.locator('body').innerText()).toContain('16 de noviembre de 2026');
      expect(await page.locator('body').innerText()).toContain('informe.docx');
      expect(await page.locator('body').innerText()).not.toContain('foto-ventanilla.heic');
      await checkPage(page, `revisar-${js ? 'js' : 'nojs'}`, js);

      // «Cambiar» the facts' section: back to the form at the right place, everything kept.
      await page.getByRole('button', { name: 'Cambiar Dónde y cuándo ocurrió' }).click();
      await page.getByRole('button', { name: 'Continuar' }).waitFor();
      expect(page.url()).toMatch(/#sedeId$/);
      expect(await page.getByLabel('Nombres', { exact: true }).inputValue()).toBe(fixture.nombres);
      expect(await page.getByLabel('Mes', { exact: true }).inputValue()).toBe('11');
      expect(await page.locator('#adjuntos-guardados').innerText()).toContain('informe.docx');
      await page.getByLabel('Día', { exact: true }).fill('17');
      await page.getByRole('button', { name: 'Continuar' }).click();
      await page.getByRole('heading', { level: 1, name: 'Revise su reclamo' }).waitFor();
      expect(await page.locator('body').innerText()).toContain('17 de noviembre de 2026');
      expect(await filingRowCounts(h.dataSource, propia.id)).toEqual(before);

      await page.getByRole('button', { name: 'Enviar reclamo' }).click();
      await page.getByRole('heading', { level: 1, name: 'Su reclamo fue registrado' }).waitFor();
      expect(await page.locator('body').innerText()).toContain('informe.docx');
      const after = await filingRowCounts(h.dataSource, propia.id);
      expect({ reclamo: after.reclamo - before.reclamo, adjunto: after.adjunto - before.adjunto }).toEqual({ reclamo: 1, adjunto: 1 });
    },
  );

  it('counts the characters of a long text as it is typed, and announces the count politely', async () => {
    const page = await openPhone(true);
    await page.goto(`${h.baseUrl}/e/${propia.codigo}`);
    const descripcion = page.getByLabel('Cuéntenos qué sucedió');
    await descripcion.fill('Esperé tres horas');
    const count = page.locator('#descripcion ~ .char-count');
    expect(await count.innerText()).toBe('Lleva 17 caracteres; escriba al menos 30.');
    // Said to screen readers once typing pauses, in a polite live region.
    const live = page.locator('#descripcion ~ [aria-live="polite"]');
    await eventually(() => live.textContent(), 'Lleva 17 caracteres; escriba al menos 30.');
    await descripcion.fill(fixture.descripcion);
    expect(await count.innerText()).toBe(`Lleva ${[...fixture.descripcion].length} de 5000 caracteres.`);
    await checkPage(page, 'contador', true);
  });

  it.each([true, false])('shows the hoja and the tracking page with Quechua labels, chosen from the header (JavaScript %s)', async (js) => {
    const page = await openPhone(js);
    await page.goto(`${h.baseUrl}/e/${propia.codigo}`);
    await page.getByRole('navigation', { name: 'Idioma' }).getByRole('link', { name: 'Runasimi' }).click();
    await page.getByLabel('Sutiykikuna', { exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('qu');
    expect(await page.getByRole('button', { name: 'Qatipay' }).count()).toBe(1);
    await checkPage(page, `quechua-hoja-${js ? 'js' : 'nojs'}`, js);
    // Remembered: the tracking page opens in Quechua too.
    await page.getByRole('link', { name: 'Reclamoyta qatipay' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reclamoykiq qatipaynin' }).waitFor();
    await checkPage(page, `quechua-seguimiento-${js ? 'js' : 'nojs'}`, js);
    await page.getByRole('navigation', { name: 'Simi' }).getByRole('link', { name: 'Castellano' }).click();
    await page.getByRole('heading', { level: 1, name: 'Seguimiento de su reclamo' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
  });
});
