import { renderReceiptPdf } from './render-receipt-pdf';
import type { ReceiptView } from './receipt-view';
import { flat, readPdf } from './testing';

function count(haystack: string, pattern: RegExp): number {
  return haystack.match(pattern)?.length ?? 0;
}

function aView(overrides: Partial<ReceiptView> = {}): ReceiptView {
  return {
    codigo: 'MINEDU-2026-000123',
    entidadNombre: 'Ministerio de Educación',
    entidadCodigo: 'MINEDU',
    // 23:30:15 on 12 May in Lima is already 13 May in UTC.
    registradoEn: new Date('2026-05-13T04:30:15Z'),
    fechaLima: '2026-05-12',
    vence: '2026-06-24',
    plazoDiasHabiles: 30,
    fechaHechos: '2026-05-11',
    aspecto: 'Tiempo de espera o de atención',
    sede: 'Sede central',
    unidad: 'Oficina de Atención al Ciudadano',
    servicio: 'Certificado de estudios',
    resumen: 'Esperé más de tres horas en ventanilla y nadie me atendió.',
    pedido: 'Que me entreguen el certificado esta semana.',
    canal: 'virtual',
    ciudadano: { nombreCompleto: 'María Ñahui Quispe', tipoDocumento: 'DNI', numeroDocumentoEnmascarado: '*****678' },
    notificacionPorCorreo: true,
    adjuntos: [
      { nombre: 'foto-ventanilla.jpg', bytes: 1_245_184, sha256: '3f2a9c1b0d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeef' },
    ],
    seguimientoUrl: 'https://reclamos.gob.pe/seguimiento?codigo=MINEDU-2026-000123',
    ...overrides,
  };
}

async function render(overrides: Partial<ReceiptView> = {}): Promise<{ pdf: Buffer; raw: string; text: string; info: Record<string, unknown> }> {
  const pdf = await renderReceiptPdf(aView(overrides), { compress: false });
  const { text, info } = await readPdf(pdf);
  return { pdf, raw: pdf.toString('latin1'), text, info };
}

describe('renderReceiptPdf', () => {
  it('produces a one-page A4 PDF', async () => {
    const { pdf, raw } = await render();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(raw.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(count(raw, /\/Type \/Page\n/g)).toBe(1);
    expect(raw).toContain('/MediaBox [0 0 595.28 841.89]');
  });

  it('prints the title, the book, the entity and the code', async () => {
    const { text } = await render();
    expect(text).toContain('Constancia de registro de reclamo');
    expect(text).toContain('LIBRO DE RECLAMACIONES · MINEDU');
    expect(text).toContain('Ministerio de Educación');
    expect(text).toContain('MINEDU-2026-000123');
  });

  it('prints the registration date and time in Lima, in Spanish', async () => {
    const { text } = await render();
    expect(text).toContain('Registrado el martes, 12 de mayo de 2026 a las 23:30:15 (hora de Lima).');
    expect(text).not.toContain('Fecha de presentación considerada');
  });

  it('prints the due date in words and the legal maximum', async () => {
    const { text } = await render();
    expect(text).toContain('miércoles, 24 de junio de 2026');
    expect(text).toContain('Plazo máximo de respuesta: 30 días hábiles (D.S. N° 007-2020-PCM).');
  });

  it('states a shorter entity deadline next to the legal maximum', async () => {
    const { text } = await render({ plazoDiasHabiles: 20 });
    expect(flat(text)).toContain('Plazo de respuesta de la entidad: 20 días hábiles; el plazo máximo legal es de 30 días');
  });

  it('says which day counts when the caller dates the reclamo on another Lima day', async () => {
    const { text } = await render({ registradoEn: new Date('2026-05-16T15:00:00Z'), fechaLima: '2026-05-18' });
    expect(text).toContain('Registrado el sábado, 16 de mayo de 2026 a las 10:00:00 (hora de Lima).');
    expect(text).toContain('Fecha de presentación considerada: lunes, 18 de mayo de 2026.');
  });

  it('prints accents, ñ and ° as typed', async () => {
    const { text } = await render();
    expect(text).toContain('María Ñahui Quispe');
    expect(text).toContain('DNI N° *****678');
    expect(text).toContain('Oficina de Atención al Ciudadano');
  });

  it.each([
    ['Quechua and Aymara spelling', 'Juan Ch’ullunkʼu Quispe Mamani', 'Ñuqaqa «allinllam» kani; jumax kunjamäsktasa? Wawanakaxa ukankiwa.'],
    ['a Chinese name', '王小明', '我在窗口等了三个小时。'],
    ['a Korean and a Japanese name', '김민준 / 山田さくら', '窓口で三時間待ちました。창구에서 세 시간 기다렸습니다.'],
    ['a Cyrillic name', 'Иван Петров', 'Ждал три часа у окна, никто не помог.'],
  ])('prints %s exactly as typed, in the name and in the summary', async (_, nombreCompleto, resumen) => {
    const { text } = await render({ ciudadano: { nombreCompleto, tipoDocumento: 'Carné de extranjería', numeroDocumentoEnmascarado: '******345' }, resumen });
    expect(flat(text)).toContain(nombreCompleto);
    expect(flat(text)).toContain(resumen);
  });

  it('prints a character no font has as the replacement character, and the rest as typed', async () => {
    const { text } = await render({ resumen: 'Pésimo trato 😡 en ventanilla.' });
    expect(text).toContain('Pésimo trato \uFFFD en ventanilla.');
  });

  it('embeds its fonts as subsets, never a standard font', async () => {
    const { raw } = await render({ ciudadano: { nombreCompleto: '王小明', tipoDocumento: 'Pasaporte', numeroDocumentoEnmascarado: '****5678' } });
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
    const fonts = Array.from(raw.matchAll(/\/BaseFont \/([A-Z]{6})\+([\w-]+)/g), (m) => m[2]);
    expect(fonts).toEqual(expect.arrayContaining(['NotoSans-Regular', 'NotoSans-Bold']));
    expect(fonts.some((name) => name.startsWith('NotoSansSC'))).toBe(true);
  });

  it('prints the summary, the request, the classification and the channel', async () => {
    const { text } = await render();
    expect(text).toContain('Esperé más de tres horas en ventanilla y nadie me atendió.');
    expect(text).toContain('Que me entreguen el certificado esta semana.');
    expect(text).toContain('Tiempo de espera o de atención');
    expect(text).toContain('Oficina de Atención al Ciudadano');
    expect(text).toContain('Libro de Reclamaciones virtual');
    expect(text).toContain('Por correo electrónico (usted lo autorizó).');
  });

  it('prints the date of the facts, in words', async () => {
    const { text } = await render();
    expect(flat(text)).toMatch(/Fecha de los hechos\s*lunes, 11 de mayo de 2026/);
  });

  it('prints the physical sheet number and postal notification', async () => {
    const { text } = await render({ canal: 'fisico', numeroHoja: '000045', notificacionPorCorreo: false });
    expect(text).toContain('Libro de Reclamaciones físico, hoja N° 000045');
    expect(text).toContain('En el domicilio que consignó');
  });

  it('leaves out optional rows that are missing', async () => {
    const { text } = await render({ sede: undefined, unidad: undefined, servicio: undefined, pedido: undefined });
    expect(text).not.toContain('Unidad orgánica');
    expect(text).not.toContain('Lo que solicita');
  });

  it('lists attachments with size and a short SHA-256', async () => {
    const { text } = await render();
    expect(text).toContain('Archivos adjuntos (1)');
    expect(text).toContain('1. foto-ventanilla.jpg');
    expect(text).toContain('1.2 MB · SHA-256: 3f2a9c1b0d4e5f60…');
    expect(text).not.toContain('3f2a9c1b0d4e5f607');
  });

  it('says so when there are no attachments', async () => {
    const { text } = await render({ adjuntos: [] });
    expect(text).toContain('No adjuntó archivos.');
  });

  it('embeds exactly one image, the QR, linked to the tracking page', async () => {
    const { raw, text } = await render();
    expect(count(raw, /\/Subtype \/Image/g)).toBe(1);
    expect(count(raw, / Do\n/g)).toBe(1);
    expect(raw).not.toContain('/SMask');
    expect(raw).toContain('/URI (https://reclamos.gob.pe/seguimiento?codigo=MINEDU-2026-000123)');
    expect(text).toContain('Consulte el estado de su reclamo en ');
    expect(text).toContain('https://reclamos.gob.pe/seguimiento?codigo=MINEDU-2026-000123');
  });

  it('prints the personal data footer and the page number', async () => {
    const { text } = await render();
    expect(text).toMatch(/Ley N° 29733, Ley de Protección de/);
    expect(text).toContain('MINEDU-2026-000123 · Página 1 de 1');
  });

  it('sets title, author, subject, language and the registration instant as metadata', async () => {
    const { raw, info } = await render();
    expect(info.Title).toBe('Constancia de registro de reclamo MINEDU-2026-000123');
    expect(info.Author).toBe('Ministerio de Educación');
    expect(info.Subject).toContain('Reclamo MINEDU-2026-000123');
    expect(info.CreationDate).toBe('D:20260513043015Z');
    expect(raw).toContain('/Lang (es-PE)');
    expect(raw).toContain('/DisplayDocTitle true');
  });

  it('renders the same bytes for the same reclamo', async () => {
    const [a, b] = await Promise.all([renderReceiptPdf(aView()), renderReceiptPdf(aView())]);
    expect(a.equals(b)).toBe(true);
  });

  it('compresses by default, and the compressed PDF still reads back', async () => {
    const pdf = await renderReceiptPdf(aView());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).not.toContain('MINEDU-2026-000123 · Página');
    expect((await readPdf(pdf)).text).toContain('MINEDU-2026-000123 · Página 1 de 1');
    expect(pdf.length).toBeLessThan((await render()).pdf.length);
  });

  it('stays small: the fonts are subsets of the glyphs used', async () => {
    expect((await renderReceiptPdf(aView())).length).toBeLessThan(40_000);
    const cjk = await renderReceiptPdf(aView({ ciudadano: { nombreCompleto: '王小明 김민준 Иван', tipoDocumento: 'Pasaporte', numeroDocumentoEnmascarado: '****5678' } }));
    expect(cjk.length).toBeLessThan(80_000);
  });

  it('moves many attachments to a second page, with its footer and a continued heading', async () => {
    const adjuntos = Array.from({ length: 16 }, (_, i) => ({
      nombre: `evidencia-${i + 1}.pdf`,
      bytes: 200_000,
      sha256: 'ab'.repeat(32),
    }));
    const { raw, text } = await render({ adjuntos, resumen: 'x '.repeat(200) });
    expect(count(raw, /\/Type \/Page\n/g)).toBe(2);
    expect(text).toContain('Archivos adjuntos (continuación)');
    expect(text).toContain('16. evidencia-16.pdf');
    expect(text).toContain('Página 1 de 2');
    expect(text).toContain('Página 2 de 2');
  });

  it('cuts a long summary so the receipt stays a receipt', async () => {
    const { text } = await render({ resumen: 'palabra '.repeat(200) });
    expect(text).toContain('…');
    expect(count(text, /palabra/g)).toBeLessThan(60);
  });

  it.each([0, 31, 2.5])('rejects plazoDiasHabiles %p', async (plazoDiasHabiles) => {
    await expect(renderReceiptPdf(aView({ plazoDiasHabiles }))).rejects.toThrow(RangeError);
  });

  it('rejects a relative tracking URL, which a printed QR could not open', async () => {
    await expect(renderReceiptPdf(aView({ seguimientoUrl: '/seguimiento?codigo=X' }))).rejects.toThrow();
  });

  it('rejects an impossible due date', async () => {
    await expect(renderReceiptPdf(aView({ vence: '2026-02-30' }))).rejects.toThrow(/Fecha inexistente/);
  });
});
