import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { QueueName } from '@app/platform/queue';
import { ColasVigiladas, NOMBRES_DE_COLAS } from '../../apps/backoffice/src/admin/colas-vigiladas';
import { BackofficeHarness, createTestStaff, startBackofficeApp, TEST_PASSWORD } from '../support/backoffice-harness';
import { createTestEntidad, uniqueCode } from '../support/db';
import { documentScrollWidth, expectNoAxeViolations, launchBrowser, PHONE_WIDTH } from '../support/browser';

jest.setTimeout(180_000);

const DESKTOP = { width: 1366, height: 768 };
const SCREENSHOTS = '/tmp/admin';
/** A recipient of this file's own (the page shows it masked: n****…e@pruebas.gob.pe). */
const DESTINATARIO = `nadie.${randomUUID().slice(0, 6)}e@pruebas.gob.pe`;

async function signInAt(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/ingresar`);
  await page.getByLabel('Correo institucional').fill(email);
  await page.getByLabel('Contraseña').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL(/\/inicio$/);
}

describe('the staff, failed-messages and queues pages in a real browser (1366 × 768 and 360 px), axe with no violations at all', () => {
  let h: BackofficeHarness;
  let browser: Browser;
  let colas: Queue[];
  const contexts: BrowserContext[] = [];
  const url = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/1');
  const connection = { host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 0) };
  const prefix = `navegador-colas-${randomUUID().slice(0, 8)}`;
  let responsableEmail: string;
  let adminEmail: string;

  async function open(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'es-PE', timezoneId: 'America/Lima' });
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    colas = NOMBRES_DE_COLAS.map((nombre) => new Queue(nombre, { prefix, connection }));
    h = await startBackofficeApp(new Date(), { overrides: [{ provide: ColasVigiladas, useValue: new ColasVigiladas(colas) }] });
    browser = await launchBrowser();
    const entidad = await createTestEntidad(h.dataSource, uniqueCode('NAV'));
    responsableEmail = (await createTestStaff(h.dataSource, { rol: 'responsable_titular', entidadId: entidad.id })).email;
    adminEmail = (await createTestStaff(h.dataSource, { rol: 'administrador', entidadId: null })).email;
    await createTestStaff(h.dataSource, { rol: 'oficial', entidadId: entidad.id });
    await createTestStaff(h.dataSource, { rol: 'responsable_alterno', entidadId: entidad.id });
    // Dated far ahead so it is on the list's first page, whatever else the table holds; removed after.
    await h.dataSource.query(
      `INSERT INTO outbox (entidad_id, tipo, destinatario, datos, estado, intentos, ultimo_error, updated_at)
       VALUES ($1, 'invitacion_personal', $2, '{}'::jsonb, 'fallido', 8,
               '550 5.1.1 <' || $2 || '>: Recipient address rejected: User unknown', clock_timestamp() + interval '200 years')`,
      [entidad.id, DESTINATARIO],
    );
    // One failed job and a few waiting ones, so the queues page shows its failed table too.
    const exportaciones = colas.find((q) => q.name === QueueName.EXPORTACIONES)!;
    const events = new QueueEvents(QueueName.EXPORTACIONES, { prefix, connection });
    await events.waitUntilReady();
    const worker = new Worker(QueueName.EXPORTACIONES, () => Promise.reject(new Error('El disco está lleno')), { prefix, connection });
    const job = await exportaciones.add('exportar', { exportacionId: randomUUID() }, { attempts: 1 });
    await expect(job.waitUntilFinished(events)).rejects.toThrow();
    await worker.close();
    await events.close();
    await colas.find((q) => q.name === QueueName.NOTIFICATIONS)!.add('enviar', { outboxId: randomUUID() });
  });
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await browser?.close();
    await Promise.all(colas.map((q) => q.obliterate({ force: true }).then(() => q.close())));
    await h?.dataSource.query(`DELETE FROM outbox WHERE destinatario = $1`, [DESTINATARIO]);
    await h?.close();
  });

  it('a responsable opens «Personal» from the menu, sends an invitation with an error first, all with no axe violation', async () => {
    const page = await open(DESKTOP);
    await signInAt(page, h.baseUrl, responsableEmail);
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Personal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Personal de la entidad' }).waitFor();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-personal.png`, fullPage: true });

    await page.getByLabel('Correo institucional').fill('no es un correo');
    await page.getByRole('button', { name: 'Enviar la invitación' }).click();
    await page.getByRole('alert').filter({ hasText: 'Revise estos datos' }).waitFor();
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-personal-error.png`, fullPage: true });

    await page.getByLabel('Correo institucional').fill(`nueva.${randomUUID().slice(0, 6)}@pruebas.gob.pe`);
    await page.getByLabel('Nombres y apellidos').fill('Nueva Oficial');
    await page.getByLabel('Rol').selectOption('oficial');
    await page.getByRole('button', { name: 'Enviar la invitación' }).click();
    await page.getByRole('status').filter({ hasText: 'Se envió la invitación' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Nueva Oficial' }).innerText()).toContain('Invitación pendiente');
    await expectNoAxeViolations(page);
  });

  it('an administrator opens «Mensajes fallidos» and «Colas» from the menu, resends and retries, with no axe violation', async () => {
    const page = await open(DESKTOP);
    await signInAt(page, h.baseUrl, adminEmail);
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Mensajes fallidos' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mensajes fallidos' }).waitFor();
    const fila = page.getByRole('row').filter({ hasText: /n\*+e@pruebas\.gob\.pe/ }).first();
    expect(await fila.innerText()).toContain('esa dirección de correo no existe');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-mensajes.png`, fullPage: true });
    await fila.getByRole('button', { name: /^Reenviar/ }).click();
    await page.getByRole('status').filter({ hasText: 'volvió a la cola de envío' }).waitFor();
    await expectNoAxeViolations(page);

    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Colas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Colas de trabajo' }).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'exportaciones' }).first().innerText()).toMatch(/\b1\b/);
    expect(await page.getByText('El disco está lleno').count()).toBe(1);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-colas.png`, fullPage: true });
    await page.getByRole('button', { name: /^Reintentar/ }).click();
    await page.getByRole('status').filter({ hasText: 'El trabajo volvió a la cola.' }).waitFor();
    await expectNoAxeViolations(page);
  });

  it('the three pages fit a 360 px phone (their tables scroll inside their own region)', async () => {
    const page = await open({ width: PHONE_WIDTH, height: 740 });
    await signInAt(page, h.baseUrl, adminEmail);
    for (const path of ['/admin/mensajes', '/admin/colas']) {
      await page.goto(`${h.baseUrl}${path}`);
      expect({ path, width: await documentScrollWidth(page) }).toEqual({ path, width: PHONE_WIDTH });
      await expectNoAxeViolations(page);
    }
    await page.screenshot({ path: `${SCREENSHOTS}-colas-360.png`, fullPage: true });
    const phone = await open({ width: PHONE_WIDTH, height: 740 });
    await signInAt(phone, h.baseUrl, responsableEmail);
    await phone.goto(`${h.baseUrl}/personal`);
    expect(await documentScrollWidth(phone)).toBe(PHONE_WIDTH);
    await expectNoAxeViolations(phone);
    await phone.screenshot({ path: `${SCREENSHOTS}-personal-360.png`, fullPage: true });
  });
});
