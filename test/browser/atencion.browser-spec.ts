import { Browser, BrowserContext, Page } from 'playwright-core';
import fixture from '../fixtures/reclamo-ejemplo.json';
import { BackofficeHarness, startBackofficeApp } from '../support/backoffice-harness';
import { documentScrollWidth, expectNoSeriousAxeViolations, launchBrowser } from '../support/browser';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';

jest.setTimeout(180_000);

const PASSWORD = 'Reclamos2026!';
/** Monday 23 November 2026, 10:00 in Lima: filed and handled the same day. */
const NOW = new Date('2026-11-23T15:00:00Z');
const TABLET = { width: 768, height: 1024 };
const SCREENSHOTS = '/tmp/bo';

/** A tablet in portrait, as staff use at a sede's counter. */
function newTabletContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: TABLET, deviceScaleFactor: 1, hasTouch: true, locale: 'es-PE', timezoneId: 'America/Lima' });
}

async function signInAt(page: Page, baseUrl: string, email: string, options: { axe?: boolean } = {}): Promise<void> {
  await page.goto(`${baseUrl}/ingresar`);
  if (options.axe) await expectNoSeriousAxeViolations(page);
  await page.getByLabel('Correo institucional').fill(email);
  await page.getByLabel('Contraseña').fill(PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL(/\/inicio$/);
}

/** The value of a term in the reclamo's status summary. */
function statusValue(page: Page, term: string) {
  return page
    .locator('.case-status .summary > div')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) })
    .locator('dd');
}

async function expectNotice(page: Page, text: string): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).waitFor();
}

describe('handling a reclamo in the back-office, in a real browser on a 768 px tablet', () => {
  let citizen: CitizenHarness;
  let backoffice: BackofficeHarness;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function openTablet(): Promise<Page> {
    const context = await newTabletContext(browser);
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    citizen = await startCitizenApp(NOW);
    backoffice = await startBackofficeApp(NOW);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await browser?.close();
    await backoffice?.close();
    await citizen?.close();
  });

  it('files for MINEDU, then the responsable assigns, the officer drafts, the responsable approves, responds and notifies by e-mail', async () => {
    // 1. A citizen files through the citizen app's API.
    const filed = await fetch(`${citizen.baseUrl}/api/v1/reclamos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(fixture),
    });
    expect(filed.status).toBe(201);
    const { codigo } = (await filed.json()) as { codigo: string };
    expect(codigo).toMatch(/^MINEDU-2026-\d{6}$/);
    const [{ nombre: oficialNombre }]: Array<{ nombre: string }> = await backoffice.dataSource.query(
      `SELECT nombre FROM usuario WHERE email = 'oficial1@minedu.demo.gob.pe'`,
    );

    // 2. The responsable signs in and finds it in the inbox by its code.
    const responsable = await openTablet();
    await signInAt(responsable, backoffice.baseUrl, 'responsable@minedu.demo.gob.pe', { axe: true });
    await responsable.getByRole('link', { name: 'Bandeja de reclamos' }).click();
    await responsable.waitForURL(/\/bandeja$/);
    await responsable.getByRole('heading', { level: 1, name: 'Bandeja de reclamos' }).waitFor();
    await expectNoSeriousAxeViolations(responsable);
    await responsable.getByLabel('Buscar por código, nombre o número de documento').fill(codigo);
    await responsable.getByRole('button', { name: 'Aplicar filtros' }).click();
    await responsable.waitForURL(/\/bandeja\?q=/);
    const row = responsable.locator('table.cases tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('Registrado');
    expect(await row.innerText()).toContain('08/01/2027'); // due date: 30 business days from the day after filing
    expect(await row.innerText()).toContain('Quedan 30 días hábiles');
    expect(await documentScrollWidth(responsable)).toBeLessThanOrEqual(TABLET.width);
    await expectNoSeriousAxeViolations(responsable);
    // The whole inbox (chart and a longer table) for the screenshot.
    await responsable.goto(`${backoffice.baseUrl}/bandeja`);
    await responsable.screenshot({ path: `${SCREENSHOTS}-bandeja.png`, fullPage: true });
    await responsable.screenshot({ path: `${SCREENSHOTS}-bandeja-top.png` });
    await responsable.locator('.table-scroll').screenshot({ path: `${SCREENSHOTS}-bandeja-tabla.png` });
    await responsable.goto(`${backoffice.baseUrl}/bandeja?q=${codigo}`);
    await responsable.getByRole('link', { name: codigo }).click();
    await responsable.waitForURL(/\/casos\/[0-9a-f-]{36}$/);
    const reclamoUrl = responsable.url();
    await responsable.getByRole('heading', { level: 1, name: `Reclamo ${codigo}` }).waitFor();
    await expectNoSeriousAxeViolations(responsable);
    await responsable.screenshot({ path: `${SCREENSHOTS}-caso-registrado.png` });
    await responsable.locator('.case-actions').screenshot({ path: `${SCREENSHOTS}-caso-acciones.png` });

    // 3. Assigns it to oficial1.
    await responsable.getByLabel('Oficial (opcional)').selectOption({ label: oficialNombre });
    await responsable.getByRole('button', { name: 'Asignar', exact: true }).click();
    await expectNotice(responsable, 'El caso quedó asignado.');
    expect(await statusValue(responsable, 'Estado').innerText()).toBe('En atención');
    expect(await statusValue(responsable, 'Asignado a').innerText()).toContain(oficialNombre);

    // 4. The officer signs in on another tablet and drafts the response.
    const oficial = await openTablet();
    await signInAt(oficial, backoffice.baseUrl, 'oficial1@minedu.demo.gob.pe');
    // Found by its code: oficial1 is a seeded account other files assign reclamos to, so the first page of
    // the inbox (sorted by due date) may hold only theirs.
    await oficial.goto(`${backoffice.baseUrl}/bandeja?q=${codigo}`);
    await oficial.getByRole('link', { name: codigo }).click();
    await oficial.waitForURL(reclamoUrl);
    // Officers never approve, annul or re-assign.
    expect(await oficial.getByRole('button', { name: 'Asignar', exact: true }).count()).toBe(0);
    expect(await oficial.getByRole('button', { name: 'Anular' }).count()).toBe(0);
    await oficial.getByLabel('Hechos').fill('La ciudadana esperó más de tres horas en la Sede Central sin que se le informara de la demora.');
    await oficial.getByLabel('Análisis').fill('La ventanilla no contaba con personal de reemplazo ni avisó del tiempo de espera.');
    await oficial.getByLabel('Medidas adoptadas').fill('Se entregó el certificado y se dispuso informar los tiempos de espera en la ventanilla.');
    await oficial.getByRole('button', { name: 'Guardar la respuesta' }).click();
    await expectNotice(oficial, 'Se guardó la respuesta.');
    await oficial.getByText('Pendiente de aprobación del responsable').waitFor();
    expect(await oficial.getByRole('button', { name: 'Aprobar la respuesta' }).count()).toBe(0);

    // 5. The responsable approves, marks it respondido and notifies it by e-mail.
    await responsable.goto(reclamoUrl);
    await responsable.getByRole('button', { name: 'Aprobar la respuesta' }).click();
    await expectNotice(responsable, 'La respuesta quedó aprobada.');
    await responsable.getByRole('button', { name: 'Marcar respondido' }).click();
    await expectNotice(responsable, 'El caso quedó como respondido');
    expect(await statusValue(responsable, 'Estado').innerText()).toBe('Respondido (por notificar)');
    expect(await responsable.locator('.case-actions').innerText()).toContain(fixture.email);
    await responsable.getByRole('button', { name: 'Notificar por correo electrónico' }).click();
    await expectNotice(responsable, 'La respuesta quedó notificada.');
    expect(await statusValue(responsable, 'Estado').innerText()).toBe('Respuesta notificada');
    expect(await responsable.locator('#respuesta-titulo + p').innerText()).toContain('Aprobada');
    const timeline = await responsable.locator('.timeline').innerText();
    for (const step of ['Asignado → En atención', 'Respuesta redactada', 'Respuesta aprobada', 'Marcado como respondido', 'Respuesta notificada']) {
      expect(timeline).toContain(step);
    }
    expect(await documentScrollWidth(responsable)).toBeLessThanOrEqual(TABLET.width);
    await expectNoSeriousAxeViolations(responsable);
    await responsable.screenshot({ path: `${SCREENSHOTS}-caso.png`, fullPage: true });

    // The e-mail is queued in the outbox with the notification, for the worker to send.
    const outbox: Array<{ tipo: string; destinatario: string }> = await backoffice.dataSource.query(
      `SELECT o.tipo, o.destinatario FROM outbox o JOIN reclamo r ON r.id = o.reclamo_id WHERE r.codigo = $1 AND o.tipo = 'respuesta'`,
      [codigo],
    );
    expect(outbox).toEqual([{ tipo: 'respuesta', destinatario: fixture.email }]);

    // 6. The responsable archives the notified reclamo: it is closed, no action is left, and the timeline keeps every step in order.
    await responsable.getByLabel('Motivo (opcional)').fill('Respuesta notificada al ciudadano; se cierra el caso.');
    await responsable.getByRole('button', { name: 'Archivar', exact: true }).click();
    await expectNotice(responsable, 'El caso fue archivado.');
    expect(await statusValue(responsable, 'Estado').innerText()).toBe('Archivado');
    expect(await responsable.getByRole('button', { name: 'Archivar', exact: true }).count()).toBe(0);
    expect(await responsable.getByRole('button', { name: 'Notificar por correo electrónico' }).count()).toBe(0);
    const finalTimeline = await responsable.locator('.timeline').innerText();
    const steps = [
      'Reclamo registrado',
      'Asignado → En atención',
      'Respuesta redactada',
      'Respuesta aprobada',
      'Marcado como respondido',
      'Respuesta notificada',
      'Archivado',
    ];
    const positions = steps.map((step) => finalTimeline.indexOf(step));
    expect(positions.every((p) => p >= 0)).toBe(true);
    // Oldest or newest first, the steps read in one direction.
    const ascending = [...positions].sort((a, b) => a - b);
    expect([ascending, [...ascending].reverse()]).toContainEqual(positions);
    expect(finalTimeline).toContain('Respuesta notificada al ciudadano; se cierra el caso.');
    expect(await documentScrollWidth(responsable)).toBeLessThanOrEqual(TABLET.width);
    await expectNoSeriousAxeViolations(responsable);
    await responsable.screenshot({ path: `${SCREENSHOTS}-caso-archivado.png`, fullPage: true });
  });
});
