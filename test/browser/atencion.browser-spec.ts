import { Browser, BrowserContext, Page } from 'playwright-core';
import fixture from '../fixtures/reclamo-ejemplo.json';
import { BackofficeHarness, createTestStaff, startBackofficeApp } from '../support/backoffice-harness';
import { documentScrollWidth, expectNoSeriousAxeViolations, launchBrowser } from '../support/browser';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { NotifyRespuestaUseCase } from '@app/atencion';
import { limaDateOf } from '@app/calendar';
import { EstadoReclamo } from '@app/domain';
import { formatIsoDate } from '@app/platform/http';
import { insertReclamo } from '../support/atencion-factory';
import { createTestEntidad, uniqueCode } from '../support/db';
import { Mensajeria } from '../support/mensajeria';
import { SMALL_PDF } from '../support/scan-upload';

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
  let mensajeria: Mensajeria;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function openTablet(): Promise<Page> {
    const context = await newTabletContext(browser);
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    [citizen, backoffice, mensajeria, browser] = await Promise.all([startCitizenApp(NOW), startBackofficeApp(NOW), Mensajeria.start(), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await browser?.close();
    await backoffice?.close();
    await citizen?.close();
    await mensajeria?.close();
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
    // The filters fold under the list (issue 13): open them first.
    await responsable.getByText('Buscar, filtrar y ordenar').click();
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
    expect(await oficial.getByRole('button', { name: /aprobar/i }).count()).toBe(0);

    // 5. The responsable approves, marks it respondido and notifies it by e-mail, one step at a time
    // («Aprobar y notificar» in one step has its own test: aprobar-y-notificar.e2e-spec, bandeja.browser-spec).
    await responsable.goto(reclamoUrl);
    await responsable.getByRole('button', { name: 'Solo aprobar', exact: true }).click();
    await expectNotice(responsable, 'La respuesta quedó aprobada.');
    await responsable.getByRole('button', { name: 'Solo marcar respondido', exact: true }).click();
    await expectNotice(responsable, 'El caso quedó como respondido');
    expect(await statusValue(responsable, 'Estado').innerText()).toBe('Respondido (por notificar)');
    expect(await responsable.locator('.case-actions').innerText()).toContain(fixture.email);
    await responsable.getByRole('button', { name: 'Notificar por correo electrónico' }).click();
    // Pressed: on its way, not notified; nothing closes the case until the citizen's server accepts it.
    await expectNotice(responsable, 'La respuesta se está enviando por correo.');
    expect(await statusValue(responsable, 'Estado').innerText()).toBe('Notificación en curso (correo por confirmar)');
    expect(await responsable.getByRole('button', { name: 'Archivar', exact: true }).count()).toBe(0);
    expect(await responsable.getByRole('button', { name: 'Notificar por correo electrónico' }).count()).toBe(0);
    await expectNoSeriousAxeViolations(responsable);
    // The worker's send: accepted by a real SMTP server; the case is notified on that day.
    const [{ id: reclamoId }]: Array<{ id: string }> = await backoffice.dataSource.query(`SELECT id FROM reclamo WHERE codigo = $1`, [codigo]);
    const notificadoEl = await mensajeria.enviar([reclamoId], 'respuesta').then(async ([envio]) => {
      expect(envio.resultado).toMatchObject({ estado: 'enviado' });
      const [{ enviado_en }]: Array<{ enviado_en: Date }> = await backoffice.dataSource.query(`SELECT enviado_en FROM outbox WHERE id = $1`, [envio.outboxId]);
      return limaDateOf(enviado_en);
    });
    await responsable.reload();
    expect(await statusValue(responsable, 'Estado').innerText()).toBe('Respuesta notificada');
    expect(await responsable.locator('.summary div').filter({ hasText: 'Notificado el' }).locator('dd').innerText()).toBe(formatIsoDate(notificadoEl));
    expect(await responsable.locator('#respuesta-titulo + p').innerText()).toContain('Aprobada');
    const timeline = await responsable.locator('.timeline').innerText();
    for (const step of ['Asignado → En atención', 'Respuesta redactada', 'Respuesta aprobada', 'Marcado como respondido', 'Respuesta notificada']) {
      expect(timeline).toContain(step);
    }
    expect(await documentScrollWidth(responsable)).toBeLessThanOrEqual(TABLET.width);
    await expectNoSeriousAxeViolations(responsable);
    await responsable.screenshot({ path: `${SCREENSHOTS}-caso.png`, fullPage: true });

    // One e-mail, to the citizen, sent.
    const outbox: Array<{ tipo: string; destinatario: string; estado: string }> = await backoffice.dataSource.query(
      `SELECT o.tipo, o.destinatario, o.estado FROM outbox o JOIN reclamo r ON r.id = o.reclamo_id WHERE r.codigo = $1 AND o.tipo = 'respuesta'`,
      [codigo],
    );
    expect(outbox).toEqual([{ tipo: 'respuesta', destinatario: fixture.email, estado: 'enviado' }]);

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
      'Notificación por correo iniciada',
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

  it('an answer whose e-mail was refused: the inbox and the case say so at once, and the responsable notifies it by post', async () => {
    const entidad = await createTestEntidad(backoffice.dataSource, uniqueCode('NFB'));
    const responsableCuenta = await createTestStaff(backoffice.dataSource, { rol: 'responsable_titular', entidadId: entidad.id });
    const actor = { id: responsableCuenta.id, email: responsableCuenta.email, nombre: responsableCuenta.nombre, rol: 'responsable_titular' as const, entidadId: entidad.id };
    const email = `buzon.inexistente.${uniqueCode('x').toLowerCase()}@example.pe`;
    const reclamo = await insertReclamo(backoffice.dataSource, entidad, { estado: EstadoReclamo.RESPONDIDO, respuesta: 'aprobada', asignadoA: actor.id, email });
    await backoffice.app.get(NotifyRespuestaUseCase).execute({ actor, entidadId: entidad.id, reclamoId: reclamo.id });
    mensajeria.mailbox.rejected.add(email);
    expect((await mensajeria.enviar([reclamo.id], 'respuesta')).map((e) => e.resultado)).toEqual([{ error: expect.stringContaining('rechazó') }]);

    const page = await openTablet();
    await page.goto(`${backoffice.baseUrl}/ingresar`);
    await page.getByLabel('Correo institucional').fill(responsableCuenta.email);
    await page.getByLabel('Contraseña').fill(responsableCuenta.password);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.waitForURL(/\/inicio$/);
    await page.goto(`${backoffice.baseUrl}/bandeja`);
    await page.getByRole('alert').filter({ hasText: 'Una respuesta no llegó al correo del ciudadano' }).waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-bandeja-notificacion-fallida.png`, fullPage: true });
    await page.getByRole('link', { name: 'Ver y notificar por otro medio' }).click();
    await page.getByRole('link', { name: reclamo.codigo }).click();
    expect(await statusValue(page, 'Estado').innerText()).toBe('Notificación fallida (notificar por otro medio)');
    expect(await page.getByRole('alert').innerText()).toContain('no fue aceptado');
    expect(await page.locator('.timeline').innerText()).toContain('El correo con la respuesta no fue aceptado');

    await page.getByLabel('Envío postal').check();
    await page.getByLabel('Fecha de entrega').fill('2026-11-23');
    await page.getByLabel('Constancia de la entrega escaneada').setInputFiles({ name: 'cargo.pdf', mimeType: 'application/pdf', buffer: SMALL_PDF });
    await page.getByRole('button', { name: 'Registrar la notificación' }).click();
    await expectNotice(page, 'La respuesta quedó notificada.');
    expect(await statusValue(page, 'Estado').innerText()).toBe('Respuesta notificada');
    expect(await page.locator('.summary div').filter({ hasText: 'Notificado el' }).locator('dd').innerText()).toBe(formatIsoDate('2026-11-23'));
    expect(await documentScrollWidth(page)).toBeLessThanOrEqual(TABLET.width);
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-caso-notificado-postal.png`, fullPage: true });
  });
});
