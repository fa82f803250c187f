import { renderRespuestaPdf } from './render-respuesta-pdf';
import type { RespuestaView } from './respuesta-view';
import { flat, readPdf } from './testing';

function aView(overrides: Partial<RespuestaView> = {}): RespuestaView {
  return {
    codigo: 'MINEDU-2026-000123',
    entidadNombre: 'Ministerio de Educación',
    entidadCodigo: 'MINEDU',
    reclamante: 'María Ñahui Quispe',
    registradoEn: new Date('2026-05-13T04:30:15Z'),
    resumen: 'Esperé más de tres horas en ventanilla y nadie me atendió.',
    hechos: 'El 11 de mayo la ventanilla 3 atendió con un solo servidor.',
    analisis: 'La demora se debió a la falta de personal en el turno de la tarde.',
    medidasAdoptadas: ['Se asignó un segundo servidor por la tarde.', 'Se publicó el horario de atención.'],
    notificadaEl: '2026-06-10',
    medio: 'correo electrónico',
    vence: '2026-06-24',
    dentroDelPlazo: true,
    seguimientoUrl: 'https://reclamos.gob.pe/seguimiento?codigo=MINEDU-2026-000123',
    ...overrides,
  };
}

async function render(overrides: Partial<RespuestaView> = {}): Promise<{ pdf: Buffer; text: string; pages: string[]; info: Record<string, unknown> }> {
  const pdf = await renderRespuestaPdf(aView(overrides), { compress: false });
  return { pdf, ...(await readPdf(pdf)) };
}

describe('renderRespuestaPdf', () => {
  it('prints the entity, the code, the reclamo and the answer', async () => {
    const { text } = await render();
    for (const expected of [
      'LIBRO DE RECLAMACIONES · MINEDU',
      'Ministerio de Educación',
      'Respuesta a su reclamo',
      'MINEDU-2026-000123',
      'martes, 12 de mayo de 2026 a las 23:30:15 (hora de Lima)',
      'María Ñahui Quispe',
      'Esperé más de tres horas en ventanilla y nadie me atendió.',
      'El 11 de mayo la ventanilla 3 atendió con un solo servidor.',
      'La demora se debió a la falta de personal en el turno de la tarde.',
      'Se asignó un segundo servidor por la tarde.',
      'Se publicó el horario de atención.',
    ]) {
      expect(flat(text)).toContain(expected);
    }
  });

  it('prints when and how it was notified, and that it was within the term', async () => {
    const { text } = await render();
    expect(flat(text)).toContain('miércoles, 10 de junio de 2026');
    expect(flat(text)).toContain('Correo electrónico');
    expect(flat(text)).toContain('Dentro del plazo: la respuesta debía notificarse a más tardar el miércoles, 24 de junio de 2026.');
  });

  it('says so when the answer came after the due date', async () => {
    const { text } = await render({ notificadaEl: '2026-06-30', dentroDelPlazo: false });
    expect(flat(text)).toContain('Fuera del plazo: la respuesta debía notificarse a más tardar el miércoles, 24 de junio de 2026.');
  });

  it('cites the legal source and the tracking address, as a link', async () => {
    const { text, pdf } = await render();
    expect(flat(text)).toContain('D.S. N° 007-2020-PCM');
    // The address may wrap after its '?'.
    expect(text.replace(/\s/g, '')).toContain('https://reclamos.gob.pe/seguimiento?codigo=MINEDU-2026-000123');
    expect(pdf.toString('latin1')).toContain('/URI (https://reclamos.gob.pe/seguimiento?codigo=MINEDU-2026-000123)');
  });

  it.each([
    ['Spanish', 'Niña Ñusta Pérez', 'Atendimos su pedido: ¿por qué tardó? «Falta de personal».', 'Se capacitó al personal en atención al ciudadano.'],
    ['Quechua and Aymara', 'Juan Ch’ullunkʼu Mamani', 'Ñuqaqa «allinllam» kani; jumax kunjamäsktasa? Wawanakaxa ukankiwa.', 'Qillqa wasipi yanapaqkunata churarqanchik.'],
    ['Chinese, Japanese and Korean', '王小明', '窗口只有一名工作人员。窓口で三時間待ちました。창구에서 세 시간 기다렸습니다.', '增加了一名工作人员。'],
    ['Cyrillic', 'Иван Петров', 'В окне работал один сотрудник.', 'Назначен второй сотрудник.'],
  ])('prints a %s answer exactly as typed', async (_, reclamante, analisis, medida) => {
    const { text } = await render({ reclamante, resumen: analisis, analisis, medidasAdoptadas: [medida] });
    expect(flat(text)).toContain(reclamante);
    expect(flat(text)).toContain(analisis);
    expect(flat(text)).toContain(medida);
  });

  it('prints a long answer whole, over several pages, each with its footer', async () => {
    const analisis = Array.from({ length: 120 }, (_, i) => `Párrafo ${i + 1} del análisis de la entidad.`).join(' ');
    const { pages } = await render({ analisis });
    expect(pages.length).toBeGreaterThan(1);
    expect(flat(pages.join(' '))).toContain('Párrafo 120 del análisis de la entidad.');
    pages.forEach((page, i) => expect(page).toContain(`MINEDU-2026-000123 · Página ${i + 1} de ${pages.length}`));
  });

  it('sets title, author and the notification day as metadata, and renders the same bytes twice', async () => {
    const { info } = await render();
    expect(info.Title).toBe('Respuesta al reclamo MINEDU-2026-000123');
    expect(info.Author).toBe('Ministerio de Educación');
    expect(info.CreationDate).toBe('D:20260610050000Z');
    const [a, b] = await Promise.all([renderRespuestaPdf(aView()), renderRespuestaPdf(aView())]);
    expect(a.equals(b)).toBe(true);
  });

  it('rejects an answer without measures, a relative tracking URL and an impossible date', async () => {
    await expect(renderRespuestaPdf(aView({ medidasAdoptadas: [] }))).rejects.toThrow(RangeError);
    await expect(renderRespuestaPdf(aView({ seguimientoUrl: '/seguimiento' }))).rejects.toThrow();
    await expect(renderRespuestaPdf(aView({ notificadaEl: '2026-02-30' }))).rejects.toThrow(/Fecha inexistente/);
  });
});
