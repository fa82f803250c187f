import AxeBuilder from '@axe-core/playwright';
import { mkdir } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { documentScrollWidth, launchBrowser, newPhoneContext, PHONE_WIDTH } from '../support/browser';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, filingRowCounts, uniqueCode } from '../support/db';

jest.setTimeout(180_000);

const SCREENSHOTS = '/tmp/browser';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe on the page as it is now: no violation at all, whatever its impact. */
async function expectAxeClean(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect({ url: page.url(), violations: found }).toEqual({ url: page.url(), violations: [] });
}

/**
 * axe runs as a script in the page, which a context without JavaScript cannot do: the same document
 * (the page's HTML as it is now, scripts taken out so it stays the no-JavaScript page) is checked in a
 * phone with JavaScript on, at the same address, so its stylesheet applies.
 */
async function expectAxeCleanWithoutScripts(page: Page, conScript: BrowserContext): Promise<void> {
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  const copia = await conScript.newPage();
  try {
    await copia.route('**/*.js', (route) => route.abort());
    await copia.goto(page.url().replace(/#.*$/, ''), { waitUntil: 'commit' }).catch(() => undefined);
    await copia.setContent(html, { waitUntil: 'load' });
    await expectAxeClean(copia);
  } finally {
    await copia.close();
  }
}

async function expectFitsThePhone(page: Page): Promise<void> {
  expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
}

/**
 * Issue #13 as a newcomer on a 360 px phone does it, with JavaScript and without: finds «educacion»,
 * picks Miraflores (Lima) in three questions, sees the whole name, and files.
 */
describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
])('ubicar on a phone %s', (modo, javaScriptEnabled) => {
  let h: CitizenHarness;
  let browser: Browser;
  let context: BrowserContext;
  /** Where axe runs for the pages without JavaScript. */
  let conScript: BrowserContext;
  let page: Page;
  const axe = (p: Page): Promise<void> => (javaScriptEnabled ? expectAxeClean(p) : expectAxeCleanWithoutScripts(p, conScript));
  let propia: { id: string; codigo: string; sedeId: string; unidadId: string; servicioId: string };
  const sufijo = javaScriptEnabled ? 'js' : 'sin-js';

  beforeAll(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    h = await startCitizenApp(new Date('2026-11-23T15:00:00Z'));
    propia = await createTestEntidad(h.dataSource, uniqueCode('UBN'));
    browser = await launchBrowser();
    context = await newPhoneContext(browser, { javaScriptEnabled });
    conScript = await newPhoneContext(browser);
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
  });
  afterAll(async () => {
    await context.close();
    await conScript.close();
    await browser.close();
    await h.close();
  });

  it('finds «educacion» typed without accent, counts the results and follows the link to the book', async () => {
    await page.goto(`${h.baseUrl}/`);
    await page.getByLabel('Busque la entidad por su nombre o siglas').fill('educacion');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.waitForURL(/\?q=educacion/);
    await expect(page.locator('.conteo').textContent()).resolves.toMatch(/^Mostrando \d+ de \d+ entidades$/);
    const primera = page.locator('.entity-list a').first();
    await expect(primera.locator('.entity-name').textContent()).resolves.toBe('Ministerio de Educación');
    await axe(page);
    await expectFitsThePhone(page);
    await page.screenshot({ path: `${SCREENSHOTS}/ubicar-busqueda-${sufijo}.png`, fullPage: true });

    // The result leads to «Antes de empezar», and its button to the hoja.
    await primera.click();
    await page.waitForURL(/\/e\/MINEDU\/antes-de-empezar$/);
    await page.getByRole('link', { name: 'Empezar mi reclamo' }).click();
    await page.waitForURL(/\/e\/MINEDU$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Ministerio de Educación');
  });

  it('browses by kind and departamento without typing', async () => {
    await page.goto(`${h.baseUrl}/`);
    await page.getByText('Ver por tipo de entidad o departamento').click();
    await page.getByLabel('Tipo de entidad').selectOption({ label: 'Ministerio' });
    await page.getByLabel('Departamento').selectOption({ label: 'Lima' });
    await page.getByRole('button', { name: 'Ver entidades' }).click();
    await page.waitForURL(/tipo=ministerio/);
    await expect(page.locator('.entity-list .entity-name', { hasText: 'Ministerio de Educación' }).count()).resolves.toBe(1);
    await axe(page);
    await page.screenshot({ path: `${SCREENSHOTS}/ubicar-explorar-${sufijo}.png`, fullPage: true });
  });

  it('asks the address only for a postal answer, as departamento → provincia → distrito, spelling the choice out', async () => {
    await page.goto(`${h.baseUrl}/e/${propia.codigo}`);
    const departamento = page.getByLabel('Departamento', { exact: true });
    // Not asked until the person says the answer goes by post.
    await expect(departamento.isVisible()).resolves.toBe(false);
    await page.getByLabel('Sí, acepto que me notifiquen la respuesta por correo electrónico').check();
    await expect(departamento.isVisible()).resolves.toBe(false);
    await page.getByLabel('No, envíenla a mi dirección').check();
    await expect(departamento.isVisible()).resolves.toBe(true);

    await page.getByLabel('Nombres', { exact: true }).fill('Rosa Ñañez');
    await page.getByLabel('Número de documento', { exact: true }).fill('45.871.236-9');
    await departamento.selectOption({ label: 'Lima' });
    if (!javaScriptEnabled) await page.getByRole('button', { name: 'Ver las provincias del departamento' }).click();
    await page.getByLabel('Provincia', { exact: true }).selectOption({ label: 'Lima' });
    if (!javaScriptEnabled) await page.getByRole('button', { name: 'Ver los distritos de la provincia' }).click();
    // Two «Miraflores» in the country; this list has only Lima's.
    await page.getByLabel('Distrito', { exact: true }).selectOption({ label: 'Miraflores' });
    if (javaScriptEnabled) {
      await expect(page.locator('#ubigeo-elegido').textContent()).resolves.toBe('Eligió: Miraflores, provincia de Lima, departamento de Lima');
      await expect(page.getByRole('button', { name: 'Ver las provincias del departamento' }).count()).resolves.toBe(0);
    } else {
      // The round trips kept what was typed.
      await expect(page.getByLabel('Nombres', { exact: true }).inputValue()).resolves.toBe('Rosa Ñañez');
      await expect(page.getByLabel('Número de documento', { exact: true }).inputValue()).resolves.toBe('45.871.236-9');
      await expect(page.getByLabel('No, envíenla a mi dirección').isChecked()).resolves.toBe(true);
    }
    await page.getByLabel('Dirección', { exact: true }).fill('Av. José Larco 1234, dpto. 501');
    await axe(page);
    await expectFitsThePhone(page);
    await page.locator('#direccion-postal').screenshot({ path: `${SCREENSHOTS}/ubicar-direccion-${sufijo}.png` });
  });

  it('files with the district and the document as typed, and shows the choice back after an error', async () => {
    const antes = await filingRowCounts(h.dataSource, propia.id);
    // Left out on purpose: what happened, so the hoja comes back with every answer kept.
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('#error-summary').isVisible()).resolves.toBe(true);
    await expect(page.locator('#ubigeo-elegido').textContent()).resolves.toBe('Eligió: Miraflores, provincia de Lima, departamento de Lima');
    await expect(page.getByLabel('Número de documento', { exact: true }).inputValue()).resolves.toBe('45.871.236-9');
    await expect(page.getByLabel('Departamento', { exact: true }).isVisible()).resolves.toBe(true);
    await axe(page);
    await page.screenshot({ path: `${SCREENSHOTS}/ubicar-error-${sufijo}.png`, fullPage: true });
    expect(await filingRowCounts(h.dataSource, propia.id)).toEqual(antes);

    await page.getByLabel('Tipo de documento', { exact: true }).selectOption({ label: 'DNI' });
    await page.getByLabel('Apellidos', { exact: true }).fill('Quispe Huamán');
    await page.getByLabel('Teléfono (uno de los dos es obligatorio)').fill('+51 987 654 321');
    await page.getByLabel('Sede', { exact: true }).selectOption({ label: 'sede principal' });
    await page.getByLabel('Servicio o trámite', { exact: true }).selectOption({ label: 'servicio principal' });
    await page.getByLabel('Día', { exact: true }).fill('16');
    await page.getByLabel('Mes', { exact: true }).fill('11');
    await page.getByLabel('Año', { exact: true }).fill('2026');
    await page.getByLabel('Tiempo de espera o de atención', { exact: false }).first().check();
    await page.getByLabel('Cuéntenos qué sucedió').fill(`Esperé más de tres horas en la sede sin que me atendieran ni me informaran. ${randomUUID()}`);
    await page.getByLabel('¿Qué solicita a la entidad?').fill('Que me atiendan a la hora de la cita.');
    // «Continuar» to the review step, then «Enviar reclamo» there (the legally binding step).
    await page.getByRole('button', { name: 'Continuar' }).click();
    await page.getByRole('button', { name: 'Enviar reclamo' }).click();
    await page.waitForURL(/\/constancia\?t=/);
    const [row]: Array<{ ubigeo: string; numero_documento: string; telefono: string }> = await h.dataSource.query(
      `SELECT p.ubigeo, p.numero_documento, p.telefono FROM reclamo_persona p JOIN reclamo r ON r.id = p.reclamo_id
        WHERE r.entidad_id = $1 ORDER BY r.registrado_en DESC LIMIT 1`,
      [propia.id],
    );
    expect(row).toEqual({ ubigeo: '150122', numero_documento: '45871236', telefono: '987654321' });
  });

  it(`(${modo}) leaves the address folded away when the answer goes by e-mail`, async () => {
    await page.goto(`${h.baseUrl}/e/${propia.codigo}`);
    await page.getByLabel('Sí, acepto que me notifiquen la respuesta por correo electrónico').check();
    await expect(page.locator('#direccion-postal').isVisible()).resolves.toBe(false);
    await axe(page);
  });
});
