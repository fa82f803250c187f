import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { EstadoReclamo } from '@app/domain';
import { insertReclamo } from '../support/atencion-factory';
import { BackofficeHarness, createTestStaff, startBackofficeApp, TestStaff } from '../support/backoffice-harness';
import { documentScrollWidth, expectNoSeriousAxeViolations, launchBrowser, newPhoneContext, PHONE_WIDTH } from '../support/browser';
import { createTestEntidad, uniqueCode } from '../support/db';

jest.setTimeout(180_000);

const SCREENSHOTS = '/tmp/retencion';

async function signInAt(page: Page, baseUrl: string, staff: TestStaff): Promise<void> {
  await page.goto(`${baseUrl}/ingresar`);
  await page.getByLabel('Correo institucional').fill(staff.email);
  await page.getByLabel('Contraseña').fill(staff.password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL(/\/(inicio|consola)$/);
}

/** Every axe violation of any impact, WCAG 2.1 A and AA: the pages of this issue start with none. */
async function expectNoAxeViolations(page: Page): Promise<void> {
  await expectNoSeriousAxeViolations(page);
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/**
 * The pages carry no script: their forms are plain posts (the e2e test sends them as a browser without JavaScript
 * does). Here JavaScript stays on because axe runs as a script in the page.
 */
describe('data protection pages on a 360 px phone: the access request and the retention setting', () => {
  let h: BackofficeHarness;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let admin: TestStaff;
  let responsable: TestStaff;
  let codigos: string[];
  const dni = `4${String((Date.now() + 7) % 10_000_000).padStart(7, '0')}`;

  async function phone(): Promise<Page> {
    const context = await newPhoneContext(browser);
    contexts.push(context);
    // A step that cannot happen fails in 30 s naming itself, not at the test's timeout.
    context.setDefaultTimeout(30_000);
    return context.newPage();
  }

  beforeAll(async () => {
    h = await startBackofficeApp(new Date('2026-11-23T15:00:00Z'));
    browser = await launchBrowser();
    const e1 = await createTestEntidad(h.dataSource, uniqueCode('RTX'));
    const e2 = await createTestEntidad(h.dataSource, uniqueCode('RTY'));
    admin = await createTestStaff(h.dataSource, { rol: 'administrador', entidadId: null });
    responsable = await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: e1.id });
    const persona = { numeroDocumento: dni, nombres: 'Juana Isabel', apellidos: 'Ccori Apaza', email: 'juana.ccori@example.pe' };
    codigos = [
      (await insertReclamo(h.dataSource, e1, { ...persona, estado: EstadoReclamo.EN_ATENCION })).codigo,
      (await insertReclamo(h.dataSource, e2, { ...persona })).codigo,
    ];
  });
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await browser?.close();
    await h?.close();
  });

  it('the administrator follows the home link, asks by document and reads every case; a wrong number is named', async () => {
    const page = await phone();
    await signInAt(page, h.baseUrl, admin);
    await page.goto(`${h.baseUrl}/inicio`);
    await page.getByRole('link', { name: 'Datos de una persona' }).click();
    await page.getByRole('heading', { level: 1, name: 'Solicitud de acceso a datos personales' }).waitFor();
    await page.getByLabel('Número de documento').fill('12');
    await page.getByLabel('Tipo de documento').selectOption('DNI');
    await page.getByRole('button', { name: 'Buscar los datos de la persona' }).click();
    await page.locator('.error-message').first().waitFor();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-acceso-error.png`, fullPage: true });

    await page.getByLabel('Número de documento').fill(dni);
    await page.getByRole('button', { name: 'Buscar los datos de la persona' }).click();
    await page.getByRole('heading', { level: 1, name: 'Datos de una persona' }).waitFor();
    for (const codigo of codigos) await page.getByRole('heading', { level: 3, name: new RegExp(codigo) }).waitFor();
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-acceso-resultado.png`, fullPage: true });
  });

  it('the responsable sets the retention period: below the floor the field is named, above it saved', async () => {
    const page = await phone();
    await signInAt(page, h.baseUrl, responsable);
    await page.goto(`${h.baseUrl}/configuracion`);
    const campo = page.getByLabel('Conservación de datos personales (meses)');
    expect(await campo.inputValue()).toBe('24');
    await campo.fill('12');
    await page.getByRole('button', { name: 'Guardar los ajustes' }).click();
    await page.getByText('no puede ser menor que 24 meses').first().waitFor();
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
    await expectNoAxeViolations(page);
    await page.locator('#ajustes').screenshot({ path: `${SCREENSHOTS}-configuracion-error.png` });

    await page.getByLabel('Conservación de datos personales (meses)').fill('60');
    await page.getByRole('button', { name: 'Guardar los ajustes' }).click();
    await page.getByRole('status').filter({ hasText: 'Se guardaron los ajustes' }).waitFor();
    expect(await page.getByLabel('Conservación de datos personales (meses)').inputValue()).toBe('60');
  });
});
