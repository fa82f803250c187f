import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { BackofficeHarness, createTestStaff, startBackofficeApp, TEST_PASSWORD } from '../support/backoffice-harness';
import { documentScrollWidth, expectNoSeriousAxeViolations, launchBrowser, newPhoneContext, PHONE_WIDTH } from '../support/browser';
import { csvDe, filasValidas } from '../support/registro';

jest.setTimeout(180_000);

const NOW = new Date('2026-11-23T15:00:00Z');
const SCREENSHOTS = '/tmp/registro';

async function signInAt(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/ingresar`);
  await page.getByLabel('Correo institucional').fill(email);
  await page.getByLabel('Contraseña').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  // A coordinator's home is the console (/inicio sends them on to it).
  await page.waitForURL(/\/(inicio|consola)$/);
}

/** Fits the phone and has no serious axe violation; then the screenshot to look at. */
async function revisar(page: Page, nombre: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}-${nombre}.png`, fullPage: true });
  expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
  await expectNoSeriousAxeViolations(page);
}

describe('the entity registry in a real browser on a 360 px phone: the CSV import and the entity page', () => {
  let backoffice: BackofficeHarness;
  let browser: Browser;
  let coordinadorEmail: string;
  const contexts: BrowserContext[] = [];

  async function openPhone(): Promise<Page> {
    const context = await newPhoneContext(browser);
    contexts.push(context);
    context.setDefaultTimeout(20_000);
    return context.newPage();
  }

  beforeAll(async () => {
    backoffice = await startBackofficeApp(NOW);
    browser = await launchBrowser();
    coordinadorEmail = (await createTestStaff(backoffice.dataSource, { rol: 'coordinador', entidadId: null })).email;
  });
  afterAll(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await browser?.close();
    await backoffice?.close();
  });

  it('the coordinator reviews a bad file (problems by row and column), then imports a good one', async () => {
    const filas = await filasValidas(backoffice.dataSource, 6, 3, 'BR');
    const malo = join(tmpdir(), `entidades-malo-${process.pid}.csv`);
    const bueno = join(tmpdir(), `entidades-${process.pid}.csv`);
    writeFileSync(malo, csvDe([filas[0], { ...filas[1], ruc: '20131370999' }, { ...filas[2], ubigeo: '999999' }], { sep: ';', bom: true }));
    writeFileSync(bueno, csvDe(filas, { sep: ';', bom: true }));

    const page = await openPhone();
    await signInAt(page, backoffice.baseUrl, coordinadorEmail);
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Entidades' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registro de entidades' }).waitFor();
    await revisar(page, 'lista');

    await page.getByRole('link', { name: 'Importar entidades desde un archivo CSV' }).click();
    await page.getByRole('heading', { level: 1, name: 'Importar entidades desde un archivo CSV' }).waitFor();
    await revisar(page, 'importar');

    await page.getByLabel('Archivo CSV').setInputFiles(malo);
    await page.getByRole('button', { name: 'Enviar el archivo' }).click();
    await page.getByRole('heading', { level: 2, name: 'El archivo tiene problemas' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('2 problemas en 2 filas. No se guardó nada.');
    expect(await page.locator('table.problemas tbody tr').count()).toBe(2);
    await revisar(page, 'importar-problemas');

    await page.getByRole('link', { name: 'Enviar otro archivo' }).click();
    await page.getByLabel('Archivo CSV').setInputFiles(bueno);
    await page.getByRole('button', { name: 'Enviar el archivo' }).click();
    await page.getByRole('heading', { level: 2, name: 'El archivo no tiene problemas' }).waitFor();
    await revisar(page, 'importar-listo');
    await page.getByRole('button', { name: 'Importar las 3 entidades' }).click();
    await page.getByRole('heading', { level: 2, name: 'Importación terminada' }).waitFor();
    await revisar(page, 'importar-hecho');
    await page.getByRole('link', { name: 'Ver el registro de entidades' }).click();
    await page.getByLabel('Nombre o código').fill(filas[0].codigo);
    await page.getByRole('button', { name: 'Aplicar filtros' }).click();
    await page.getByRole('link', { name: filas[0].nombre }).waitFor();
  });

  it('the coordinator opens an entity, enters its oficio (a mistake named first) and invites its titular', async () => {
    const [fila] = await filasValidas(backoffice.dataSource, 6, 1, 'BE');
    await backoffice.dataSource.query(
      `INSERT INTO entidad (codigo, nombre, ruc, tipo, nivel_gobierno, sector, ubigeo, tramo_id) VALUES ($1, $2, $3, 'municipalidad_distrital', 'local', $4, $5, 4)`,
      [fila.codigo, fila.nombre, fila.ruc, fila.sector, fila.ubigeo],
    );
    const page = await openPhone();
    await signInAt(page, backoffice.baseUrl, coordinadorEmail);
    await page.goto(`${backoffice.baseUrl}/entidades?q=${fila.codigo}`);
    await page.getByRole('link', { name: fila.nombre }).click();
    await page.getByRole('heading', { level: 1, name: fila.nombre }).waitFor();
    await revisar(page, 'entidad');

    await page.getByLabel('Número del oficio').fill('Oficio N° 045-2021-PRUEBA/SG');
    await page.getByLabel('Fecha del oficio').fill('2021-03-15');
    await page.getByLabel('Nombres y apellidos del titular').fill('Rosa Elena Quispe Mamani');
    await page.getByLabel('Correo institucional del titular').fill('rosa.quispe');
    await page.getByRole('button', { name: 'Registrar el oficio' }).click();
    await page.getByRole('alert').filter({ hasText: 'Revise este dato' }).waitFor();
    await revisar(page, 'entidad-error');
    await page.getByLabel('Correo institucional del titular').fill(`rquispe.${fila.codigo.toLowerCase()}@pruebas.gob.pe`);
    await page.getByRole('button', { name: 'Registrar el oficio' }).click();
    await page.getByRole('status').filter({ hasText: 'Se registró el oficio de designación' }).waitFor();
    await page.getByRole('button', { name: 'Invitar a Rosa Elena Quispe Mamani a crear su cuenta' }).click();
    await page.getByRole('status').filter({ hasText: 'Se envió la invitación al responsable titular' }).waitFor();
    expect(await page.locator('#responsables').innerText()).toContain('Invitado: aún no activa su cuenta');
    await page.locator('details#editar > summary').click();
    await revisar(page, 'entidad-invitado');
  });

  it('the coordinator opens a tramo to edit it from the registry; a wrong date is named, nothing saved', async () => {
    const page = await openPhone();
    await signInAt(page, backoffice.baseUrl, coordinadorEmail);
    await page.goto(`${backoffice.baseUrl}/entidades`);
    await page.getByRole('link', { name: 'Editar el Tramo 1', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Editar el Tramo 1' }).waitFor();
    await revisar(page, 'tramo');
    await page.getByLabel('Fecha límite', { exact: true }).fill('2020-01-01');
    await page.getByRole('button', { name: 'Guardar el tramo' }).click();
    await page.getByRole('alert').filter({ hasText: 'Revise este dato' }).waitFor();
    await revisar(page, 'tramo-error');
    const [{ limite }]: Array<{ limite: string }> = await backoffice.dataSource.query(`SELECT to_char(fecha_limite, 'YYYY-MM-DD') AS limite FROM tramo WHERE id = 1`);
    expect(limite).toBe('2021-07-31');
  });
});
