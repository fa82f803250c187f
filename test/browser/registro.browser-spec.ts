import { readFile } from 'node:fs/promises';
import PDFDocument from 'pdfkit';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { ASPECTO_LABELS, Aspecto } from '@app/domain';
import { DOCUMENT_TYPE_LABELS, DocumentType } from '@app/domain/documents';
import fixture from '../fixtures/reclamo-ejemplo.json';
import {
  documentScrollWidth,
  expectNoSeriousAxeViolations,
  launchBrowser,
  newPhoneContext,
  PHONE_WIDTH,
} from '../support/browser';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, filingRowCounts, uniqueCode } from '../support/db';

jest.setTimeout(120_000);

/** The fields of the example filing a person types in (the entity comes from the page's address). */
interface Hoja {
  tipoDocumento: DocumentType;
  numeroDocumento: string;
  nombres: string;
  apellidos: string;
  email?: string;
  telefono?: string;
  notificacionEmail: boolean;
  ubigeo?: string;
  direccion?: string;
  sedeId: string;
  servicioId: string;
  unidadId?: string;
  fechaHechos: string;
  aspecto: Aspecto;
  descripcion: string;
  pedido: string;
}
const hoja = fixture as unknown as Hoja;

/**
 * Filed on Monday 23 November 2026 (10:00 in Lima): the 30 business days run from Tuesday
 * 24 November, across the 8, 9 and 25 December and 1 January holidays, to this Friday.
 */
const FILED_AT = new Date('2026-11-23T15:00:00Z');
const DUE_DATE = 'viernes, 8 de enero de 2027';
const CODE = /^MINEDU-2026-\d{6}$/;
const SCREENSHOTS = '/tmp/browser';
/** Line boxes the receipt's code takes (one client rect per line of its text). */
const CODE_LINE_COUNT = `(() => {
  const range = document.createRange();
  range.selectNodeContents(document.getElementById('codigo'));
  return range.getClientRects().length;
})()`;

/** What the person sees in the sede and servicio lists: the seeded names of the fixture's ids. */
interface CatalogueNames {
  sede: string;
  servicio: string;
  unidad?: string;
}

/** A small, real PDF (a photo of a document would do as well): what a citizen attaches. */
function smallPdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A6', info: { Title: 'Boleta de atención' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(12).text('Boleta de atención N° 000123 - Sede Central');
    doc.end();
  });
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(await documentScrollWidth(page)).toBeLessThanOrEqual(PHONE_WIDTH);
}

/** The definition of a term in a <dl class="summary">, by the term's exact text ("Registrado" is a term and a state). */
function summaryValue(page: Page, term: string) {
  const exactly = new RegExp(`^\\s*${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  return page
    .locator('.summary > div')
    .filter({ has: page.locator('dt', { hasText: exactly }) })
    .locator('dd');
}

/** Fills the hoja the way a person does: by the labels and the options they read. */
async function fillHoja(page: Page, names: CatalogueNames, data: Hoja, attachment?: Buffer): Promise<void> {
  await page.getByLabel('Tipo de documento', { exact: true }).selectOption({ label: DOCUMENT_TYPE_LABELS[data.tipoDocumento] });
  await page.getByLabel('Número de documento', { exact: true }).fill(data.numeroDocumento);
  await page.getByLabel('Nombres', { exact: true }).fill(data.nombres);
  await page.getByLabel('Apellidos', { exact: true }).fill(data.apellidos);
  if (data.email) await page.getByLabel('Correo electrónico (uno de los dos es obligatorio)').fill(data.email);
  if (data.telefono) await page.getByLabel('Teléfono (uno de los dos es obligatorio)').fill(data.telefono);

  await page
    .getByLabel(data.notificacionEmail ? 'Sí, acepto que me notifiquen la respuesta por correo electrónico' : 'No, envíenla a mi dirección')
    .check();
  // The address is asked only when the answer goes by post (ubicar.browser-spec.ts walks its three questions).
  if (!data.notificacionEmail && data.ubigeo) {
    await page.getByLabel('Departamento', { exact: true }).selectOption(data.ubigeo.slice(0, 2));
    await page.getByLabel('Provincia', { exact: true }).selectOption(data.ubigeo.slice(0, 4));
    await page.getByLabel('Distrito', { exact: true }).selectOption(data.ubigeo);
  }
  if (!data.notificacionEmail && data.direccion) await page.getByLabel('Dirección', { exact: true }).fill(data.direccion);

  await page.getByLabel('Sede', { exact: true }).selectOption({ label: names.sede });
  await page.getByLabel('Servicio o trámite', { exact: true }).selectOption({ label: names.servicio });
  if (names.unidad) await page.getByLabel('Área o unidad que lo atendió (opcional)').selectOption({ label: names.unidad });
  // The date in three boxes, as a person says it: día, mes, año.
  const [anio, mes, dia] = data.fechaHechos.split('-');
  await page.getByLabel('Día', { exact: true }).fill(String(Number(dia)));
  await page.getByLabel('Mes', { exact: true }).fill(String(Number(mes)));
  await page.getByLabel('Año', { exact: true }).fill(anio);

  await page.getByLabel(ASPECTO_LABELS[data.aspecto], { exact: true }).check();
  await page.getByLabel('Cuéntenos qué sucedió').fill(data.descripcion);
  await page.getByLabel('¿Qué solicita a la entidad?').fill(data.pedido);
  if (attachment) {
    await page
      .getByLabel('Archivos de respaldo (opcional)')
      .setInputFiles({ name: 'boleta-de-atencion.pdf', mimeType: 'application/pdf', buffer: attachment });
  }

  // Filing for oneself, as an adult: the defaults, which the person leaves as they are.
  expect(await page.getByLabel('No, presento por mí').isChecked()).toBe(true);
  expect(await page.getByLabel('No', { exact: true }).isChecked()).toBe(true);
}

/** «Continuar» to the review, then «Enviar reclamo» there (the legally binding step). */
async function submitHoja(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.getByRole('heading', { level: 1, name: 'Revise su reclamo' }).waitFor();
  await page.getByRole('button', { name: 'Enviar reclamo' }).click();
}

/** «Continuar» on a hoja that has errors: the form comes back. */
async function continueHoja(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Continuar' }).click();
}

/** From a search result to the entity's hoja, through «Antes de empezar». */
async function openEntityFromResults(page: Page): Promise<void> {
  await page.getByRole('link', { name: /Ministerio de Educación.*MINEDU/ }).click();
  await page.waitForURL(/\/e\/MINEDU\/antes-de-empezar$/);
  await page.getByRole('link', { name: 'Empezar mi reclamo' }).click();
  await page.waitForURL(/\/e\/MINEDU$/);
}

/** Receipt page: returns the code after checking what the citizen must read there. */
async function readReceipt(page: Page, names: CatalogueNames): Promise<string> {
  await page.waitForURL(/\/reclamos\/MINEDU-\d{4}-\d{6}\/constancia\?t=/);
  await page.getByRole('heading', { level: 1, name: 'Su reclamo fue registrado' }).waitFor();
  const codigo = (await page.locator('#codigo').innerText()).trim();
  expect(codigo).toMatch(CODE);
  // The code is copied by hand: on a phone it must read on one line, not broken inside the number.
  expect(await page.evaluate<number>(CODE_LINE_COUNT)).toBe(1);
  expect(await page.title()).toBe(`Reclamo registrado: ${codigo}`);
  expect(await summaryValue(page, 'Plazo máximo de respuesta').innerText()).toContain('30 días hábiles');
  expect(await summaryValue(page, 'Plazo máximo de respuesta').innerText()).toContain(DUE_DATE);
  expect(await summaryValue(page, 'Entidad').innerText()).toBe('Ministerio de Educación');
  expect(await summaryValue(page, 'Sede').innerText()).toBe(names.sede);
  expect(await summaryValue(page, 'Presentado por').innerText()).toContain(`${hoja.nombres} ${hoja.apellidos}`);
  // The document number is masked on the receipt: only its last digits show.
  expect(await summaryValue(page, 'Presentado por').innerText()).not.toContain(hoja.numeroDocumento);
  return codigo;
}

async function downloadConstancia(page: Page, codigo: string): Promise<void> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Descargar constancia (PDF)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`constancia-${codigo}.pdf`);
  const pdf = await readFile(await download.path());
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(1000);
}

/** From the receipt's link to the tracking result for that code and the filer's document. */
async function trackFromReceipt(page: Page, codigo: string, options: { axe: boolean }): Promise<void> {
  await page.getByRole('link', { name: 'la página de seguimiento' }).click();
  await page.waitForURL(/\/seguimiento\?codigo=/);
  const codeInput = page.getByLabel('Código del reclamo');
  expect(await codeInput.inputValue()).toBe(codigo); // carried over from the link
  await expectNoSidewaysScroll(page);
  if (options.axe) await expectNoSeriousAxeViolations(page);

  await page.getByLabel('Número de documento').fill(hoja.numeroDocumento);
  await page.getByRole('button', { name: 'Consultar' }).click();
  await page.getByRole('heading', { name: `Reclamo ${codigo}` }).waitFor();
  expect(await summaryValue(page, 'Entidad').innerText()).toBe('Ministerio de Educación');
  expect(await summaryValue(page, 'Estado').innerText()).toBe('Registrado');
  expect(await summaryValue(page, 'Fecha máxima de respuesta').innerText()).toContain(DUE_DATE);
  // The document was posted, never put in the address.
  expect(page.url()).not.toContain(hoja.numeroDocumento);
  await expectNoSidewaysScroll(page);
}

describe('filing a reclamo in a real browser, on a 360 px phone', () => {
  let h: CitizenHarness;
  let browser: Browser;
  let names: CatalogueNames;
  let attachment: Buffer;
  const contexts: BrowserContext[] = [];

  async function openPhone(javaScriptEnabled = true): Promise<Page> {
    const context = await newPhoneContext(browser, { javaScriptEnabled });
    contexts.push(context);
    return context.newPage();
  }

  const nameOf = async (table: 'sede' | 'servicio' | 'unidad_organica', id: string): Promise<string> => {
    const rows: Array<{ nombre: string }> = await h.dataSource.query(`SELECT nombre FROM ${table} WHERE id = $1`, [id]);
    expect(rows).toHaveLength(1);
    return rows[0].nombre;
  };

  beforeAll(async () => {
    h = await startCitizenApp(FILED_AT);
    browser = await launchBrowser();
    attachment = await smallPdf();
    names = {
      sede: await nameOf('sede', hoja.sedeId),
      servicio: await nameOf('servicio', hoja.servicioId),
      unidad: hoja.unidadId ? await nameOf('unidad_organica', hoja.unidadId) : undefined,
    };
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('finds the entity, files with an attachment, downloads the constancia and tracks the case (JavaScript on)', async () => {
    const page = await openPhone();
    await page.goto(`${h.baseUrl}/`);
    await expectNoSidewaysScroll(page);
    await expectNoSeriousAxeViolations(page);

    await page.getByLabel('Busque la entidad por su nombre o siglas').fill('educación');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.getByRole('heading', { name: 'Resultados para «educación»' }).waitFor();
    await openEntityFromResults(page);
    await page.getByRole('heading', { level: 1, name: 'Ministerio de Educación' }).waitFor();
    expect(await page.locator('.deadline-box').first().innerText()).toContain('Plazo máximo de respuesta: 30 días hábiles');
    await page.screenshot({ path: `${SCREENSHOTS}-form-top.png` });

    // With JavaScript, follow-up questions appear only for the answer that needs them.
    const ruc = page.getByLabel('RUC de la empresa (opcional)');
    expect(await ruc.isVisible()).toBe(false);
    await page.getByLabel('Sí, en nombre de una empresa').check();
    await ruc.waitFor({ state: 'visible' });
    await page.getByLabel('No, presento por mí').check();
    await ruc.waitFor({ state: 'hidden' });

    await expectNoSidewaysScroll(page);
    await expectNoSeriousAxeViolations(page);

    await fillHoja(page, names, hoja, attachment);
    await submitHoja(page);

    const codigo = await readReceipt(page, names);
    expect(await summaryValue(page, 'Archivos adjuntos').innerText()).toContain('boleta-de-atencion.pdf');
    await expectNoSidewaysScroll(page);
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-receipt.png`, fullPage: true });

    await downloadConstancia(page, codigo);
    await trackFromReceipt(page, codigo, { axe: true });
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-tracking.png`, fullPage: true });
  });

  it('files the same reclamo with JavaScript disabled: a follow-up block shows once its answer is chosen, and the form works', async () => {
    const page = await openPhone(false);
    await page.goto(`${h.baseUrl}/?q=${encodeURIComponent('educación')}`);
    await openEntityFromResults(page);

    const followUps = [
      'Tipo de documento de la persona representada (opcional)',
      'RUC de la empresa (opcional)',
      'Razón social de la empresa (opcional)',
      'Número de documento del padre, madre o apoderado (opcional)',
    ];
    for (const label of followUps) {
      expect({ label, visible: await page.getByLabel(label).isVisible() }).toEqual({ label, visible: false });
    }
    // Without a script, the checked answer itself shows its block (CSS), and hides it again.
    await page.getByLabel('Sí, en nombre de una empresa').check();
    expect(await page.getByLabel('RUC de la empresa (opcional)').isVisible()).toBe(true);
    await page.getByLabel('No, presento por mí').check();
    expect(await page.getByLabel('RUC de la empresa (opcional)').isVisible()).toBe(false);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SCREENSHOTS}-form-nojs.png`, fullPage: true });

    await fillHoja(page, names, hoja, attachment);
    await submitHoja(page);

    const codigo = await readReceipt(page, names);
    await expectNoSidewaysScroll(page);
    await downloadConstancia(page, codigo);
    await trackFromReceipt(page, codigo, { axe: false });
  });

  it('points at each error from a summary, marks the fields invalid and keeps what was typed', async () => {
    // An entity of this test's own: "nothing was stored" is counted on it, while other files file into MINEDU.
    const propia = await createTestEntidad(h.dataSource, uniqueCode('BRW'));
    const suya: Hoja = { ...hoja, sedeId: propia.sedeId, servicioId: propia.servicioId, unidadId: propia.unidadId };
    const suyos: CatalogueNames = {
      sede: await nameOf('sede', propia.sedeId),
      servicio: await nameOf('servicio', propia.servicioId),
      unidad: await nameOf('unidad_organica', propia.unidadId),
    };
    const page = await openPhone();
    await page.goto(`${h.baseUrl}/e/${propia.codigo}`);
    await fillHoja(page, suyos, { ...suya, numeroDocumento: '1234567', descripcion: 'Corto' });
    const before = await filingRowCounts(h.dataSource, propia.id);
    await continueHoja(page);

    const summary = page.locator('#error-summary');
    await summary.waitFor();
    expect(await page.title()).toMatch(/^Revise los datos/);
    expect(await summary.getByRole('heading').innerText()).toBe('No pudimos registrar su reclamo: revise estos 2 datos');
    // The summary takes focus, so a screen reader announces it at once.
    await page.waitForFunction("document.activeElement && document.activeElement.id === 'error-summary'");

    const docLink = summary.getByRole('link', { name: /^Número de documento:/ });
    const descLink = summary.getByRole('link', { name: /^Cuéntenos qué sucedió:/ });
    expect(await docLink.getAttribute('href')).toBe('#numeroDocumento');
    expect(await descLink.getAttribute('href')).toBe('#descripcion');

    const numero = page.getByLabel('Número de documento', { exact: true });
    const descripcion = page.getByLabel('Cuéntenos qué sucedió');
    expect(await numero.getAttribute('aria-invalid')).toBe('true');
    expect(await descripcion.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#numeroDocumento-error').innerText()).toMatch(/8 dígitos/);
    expect((await numero.getAttribute('aria-describedby'))?.split(/\s+/)).toContain('numeroDocumento-error');
    expect((await descripcion.getAttribute('aria-describedby'))?.split(/\s+/)).toContain('descripcion-error');
    // Fields without errors are not marked.
    expect(await page.getByLabel('Nombres', { exact: true }).getAttribute('aria-invalid')).toBeNull();

    // What the person typed is still there (files aside: browsers never refill a file input).
    expect(await numero.inputValue()).toBe('1234567');
    expect(await descripcion.inputValue()).toBe('Corto');
    expect(await page.getByLabel('Nombres', { exact: true }).inputValue()).toBe(hoja.nombres);
    expect(await page.getByLabel('¿Qué solicita a la entidad?').inputValue()).toBe(hoja.pedido);
    expect(await page.getByLabel('Sede', { exact: true }).inputValue()).toBe(suya.sedeId);
    expect(await page.getByLabel('Año', { exact: true }).inputValue()).toBe(hoja.fechaHechos.slice(0, 4));
    expect(await page.getByLabel(ASPECTO_LABELS[hoja.aspecto], { exact: true }).isChecked()).toBe(true);

    // Nothing was stored.
    expect(await filingRowCounts(h.dataSource, propia.id)).toEqual(before);

    await expectNoSidewaysScroll(page);
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: `${SCREENSHOTS}-form-errors.png` });

    // Following a summary link lands in the field itself.
    await descLink.click();
    await page.waitForFunction("document.activeElement && document.activeElement.id === 'descripcion'");
    await docLink.click();
    await page.waitForFunction("document.activeElement && document.activeElement.id === 'numeroDocumento'");
  });

  it('tracking: asks for both data when they are missing, and says so accessibly', async () => {
    const page = await openPhone();
    await page.goto(`${h.baseUrl}/seguimiento`);
    await expectNoSeriousAxeViolations(page);
    await page.getByRole('button', { name: 'Consultar' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    expect(await summary.getByRole('link', { name: /^Código del reclamo:/ }).getAttribute('href')).toBe('#codigo');
    expect(await summary.getByRole('link', { name: /^Número de documento:/ }).getAttribute('href')).toBe('#documento');
    expect(await page.getByLabel('Código del reclamo').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Número de documento').getAttribute('aria-invalid')).toBe('true');
    await expectNoSidewaysScroll(page);
    await expectNoSeriousAxeViolations(page);
  });
});
