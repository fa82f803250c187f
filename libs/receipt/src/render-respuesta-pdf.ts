import {
  clamp,
  contentWidth,
  drawField,
  drawFooters,
  drawHeader,
  drawSectionTitle,
  drawSeguimientoLink,
  ensureSpace,
  left,
  measure,
  NORMA,
  openPdf,
  put,
  TYPE,
  type Doc,
} from './layout/pdf-layout';
import { formatCalendarDate, formatLimaDate, formatLimaTime } from './receipt-format';
import type { RespuestaView } from './respuesta-view';

export interface RenderRespuestaOptions {
  /** Deflate page streams (default true). */
  compress?: boolean;
}

// The citizen's account is context here, not the record: the answer is printed whole.
const RESUMEN_MAX_CHARS = 600;
const BULLET_INDENT = 12;

/**
 * Renders the entity's notified answer to a reclamo as an A4 PDF, in the constancia's look:
 * the reclamo (code, date, the citizen's account), the answer (hechos, análisis, medidas
 * adoptadas), when and how it was notified and whether within the term, the legal source and
 * the tracking address. Long answers flow onto more pages. Throws RangeError on a view that
 * cannot be an answer (no measures, a relative tracking URL, an impossible date).
 */
export async function renderRespuestaPdf(view: RespuestaView, options: RenderRespuestaOptions = {}): Promise<Buffer> {
  assertPrintable(view);
  const { doc, done } = openPdf(
    {
      title: `Respuesta al reclamo ${view.codigo}`,
      author: view.entidadNombre,
      subject: `Respuesta de ${view.entidadNombre} al reclamo ${view.codigo} - Libro de Reclamaciones`,
      keywords: `${view.codigo}, ${view.entidadCodigo}, libro de reclamaciones, respuesta`,
      // The notification day (Lima midnight), not "now": the same answer yields the same bytes.
      creationDate: new Date(`${view.notificadaEl}T00:00:00-05:00`),
    },
    options.compress ?? true,
  );

  drawHeader(doc, {
    entidadCodigo: view.entidadCodigo,
    entidadNombre: view.entidadNombre,
    title: 'Respuesta a su reclamo',
    lead:
      `${view.entidadNombre} respondió su reclamo ${view.codigo}. Este documento reproduce la respuesta ` +
      'que se le notificó; consérvelo junto con la constancia de registro.',
  });
  drawReclamo(doc, view);
  drawNotificacion(doc, view);
  drawRespuesta(doc, view);
  drawBaseLegal(doc);
  drawSeguimientoLink(doc, 'Vea esta respuesta y el estado de su reclamo en ', view.seguimientoUrl, ` con el código ${view.codigo} y su número de documento.`);
  drawFooters(doc, view.codigo);

  doc.end();
  return done;
}

function assertPrintable(view: RespuestaView): void {
  if (Number.isNaN(view.registradoEn.getTime())) throw new RangeError('registradoEn is not a valid date');
  if (view.medidasAdoptadas.length === 0) throw new RangeError('an answer states at least one measure adopted');
  const url = new URL(view.seguimientoUrl); // throws on a relative URL: a printed address must stand alone
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RangeError(`seguimientoUrl must be http(s), got ${url.protocol}`);
  }
  // Both throw on anything but a real YYYY-MM-DD date.
  formatCalendarDate(view.notificadaEl);
  formatCalendarDate(view.vence);
}

function drawReclamo(doc: Doc, view: RespuestaView): void {
  drawSectionTitle(doc, 'Su reclamo');
  drawField(doc, 'Código', view.codigo);
  drawField(doc, 'Registrado el', `${formatLimaDate(view.registradoEn)} a las ${formatLimaTime(view.registradoEn)} (hora de Lima)`);
  drawField(doc, 'Reclamante', view.reclamante);
  drawField(doc, 'Lo sucedido', clamp(view.resumen, RESUMEN_MAX_CHARS));
  doc.y += 10;
}

function drawNotificacion(doc: Doc, view: RespuestaView): void {
  drawSectionTitle(doc, 'Notificación de la respuesta');
  drawField(doc, 'Notificada el', formatCalendarDate(view.notificadaEl));
  drawField(doc, 'Medio', capitalized(view.medio));
  const vence = formatCalendarDate(view.vence);
  drawField(
    doc,
    'Plazo',
    view.dentroDelPlazo
      ? `Dentro del plazo: la respuesta debía notificarse a más tardar el ${vence}.`
      : `Fuera del plazo: la respuesta debía notificarse a más tardar el ${vence}.`,
  );
  doc.y += 10;
}

function drawRespuesta(doc: Doc, view: RespuestaView): void {
  drawSectionTitle(doc, 'Respuesta de la entidad');
  drawParagraph(doc, 'Hechos', view.hechos);
  drawParagraph(doc, 'Análisis', view.analisis);
  drawSubheading(doc, 'Medidas adoptadas');
  const x = left(doc);
  const width = contentWidth(doc) - BULLET_INDENT;
  for (const medida of view.medidasAdoptadas) {
    ensureSpace(doc, Math.min(measure(doc, medida, TYPE.value, width), 60));
    const top = doc.y;
    put(doc, '•', TYPE.value, x + 2, top);
    doc.y = put(doc, medida, TYPE.value, x + BULLET_INDENT, top, { width }) + 3;
  }
  doc.y += 10;
}

/** A subheading and its text, which may run onto the next pages. */
function drawParagraph(doc: Doc, heading: string, text: string): void {
  drawSubheading(doc, heading);
  doc.y = put(doc, text, TYPE.value, left(doc), doc.y, { width: contentWidth(doc) }) + 8;
}

function drawSubheading(doc: Doc, heading: string): void {
  ensureSpace(doc, 36); // a subheading never ends a page alone
  doc.y = put(doc, heading, { ...TYPE.value, weight: 'bold' }, left(doc), doc.y, { width: contentWidth(doc) }) + 2;
}

function drawBaseLegal(doc: Doc): void {
  drawSectionTitle(doc, 'Base legal');
  doc.y =
    put(
      doc,
      `${NORMA}, que regula la gestión de reclamos en las entidades de la Administración Pública, y la ` +
        'Norma Técnica N° 001-2021-PCM-SGP: la entidad responde en un plazo máximo de 30 días hábiles.',
      TYPE.small,
      left(doc),
      doc.y,
      { width: contentWidth(doc) },
    ) + 12;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
