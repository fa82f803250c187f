import { toBuffer as qrToBuffer, type QRCodeToBufferOptions } from 'qrcode';
import {
  clamp,
  COLOR,
  contentWidth,
  drawField,
  drawFooters,
  drawHeader,
  drawSectionTitle,
  drawSeguimientoLink,
  ensureSpace,
  fitted,
  left,
  measure,
  NORMA,
  openPdf,
  put,
  TYPE,
  type Doc,
} from './layout/pdf-layout';
import {
  formatBytes,
  formatCalendarDate,
  formatDiasHabiles,
  formatLimaDate,
  formatLimaTime,
  limaIsoDateOf,
} from './receipt-format';
import type { ReceiptAdjunto, ReceiptView } from './receipt-view';

export interface RenderReceiptOptions {
  /** Deflate page streams (default true). Tests turn it off to read the text. */
  compress?: boolean;
}

/** D.S. N° 007-2020-PCM: the legal maximum; an entity may promise less, never more. */
const PLAZO_MAXIMO_LEGAL = 30;

// The receipt is a one-page proof of registration, not the record: long texts are cut.
const RESUMEN_MAX_CHARS = 420;
const PEDIDO_MAX_CHARS = 300;
const SHA256_SHOWN_CHARS = 16;

const QR_SIZE = 112;

/** Renders the "constancia de registro" of a reclamo as an A4 PDF (one page unless many attachments). */
export async function renderReceiptPdf(view: ReceiptView, options: RenderReceiptOptions = {}): Promise<Buffer> {
  assertPrintable(view);
  const qrPng = await renderQrPng(view.seguimientoUrl);

  const { doc, done } = openPdf(
    {
      title: `Constancia de registro de reclamo ${view.codigo}`,
      author: view.entidadNombre,
      subject: `Reclamo ${view.codigo} - Libro de Reclamaciones de ${view.entidadNombre}`,
      keywords: `${view.codigo}, ${view.entidadCodigo}, libro de reclamaciones, constancia de registro`,
      // The registration instant, not "now": re-issuing a receipt yields the same bytes.
      creationDate: view.registradoEn,
    },
    options.compress ?? true,
  );

  drawHeader(doc, {
    entidadCodigo: view.entidadCodigo,
    entidadNombre: view.entidadNombre,
    title: 'Constancia de registro de reclamo',
    lead:
      `Su reclamo quedó registrado en el Libro de Reclamaciones de ${view.entidadNombre}. ` +
      'Conserve esta constancia: con el código puede consultar su estado.',
  });
  drawSummary(doc, view, qrPng);
  drawSeguimientoLink(doc, 'Consulte el estado de su reclamo en ', view.seguimientoUrl, ` con el código ${view.codigo} y su número de documento.`);
  drawReclamante(doc, view);
  drawReclamo(doc, view);
  drawAdjuntos(doc, view.adjuntos);
  drawFooters(doc, view.codigo);

  doc.end();
  return done;
}

function assertPrintable(view: ReceiptView): void {
  const plazo = view.plazoDiasHabiles;
  if (!Number.isInteger(plazo) || plazo < 1 || plazo > PLAZO_MAXIMO_LEGAL) {
    throw new RangeError(`plazoDiasHabiles must be an integer from 1 to ${PLAZO_MAXIMO_LEGAL}, got ${plazo}`);
  }
  if (Number.isNaN(view.registradoEn.getTime())) throw new RangeError('registradoEn is not a valid date');
  const url = new URL(view.seguimientoUrl); // throws on a relative URL: a printed QR must stand alone
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RangeError(`seguimientoUrl must be http(s), got ${url.protocol}`);
  }
}

async function renderQrPng(url: string): Promise<Buffer> {
  // colorType 0 (grayscale, no alpha) is a pngjs option the typings omit; without it
  // the PNG is RGBA and pdfkit embeds a second image, a useless soft mask.
  const options: QRCodeToBufferOptions & { rendererOpts: { colorType: number } } = {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 2,
    width: 360,
    rendererOpts: { colorType: 0 },
  };
  return qrToBuffer(url, options);
}

/** The code, when it was registered and when it must be answered, with the QR beside them. */
function drawSummary(doc: Doc, view: ReceiptView, qrPng: Buffer): void {
  const x = left(doc);
  const width = contentWidth(doc);
  const pad = 14;
  const qrColumn = QR_SIZE + pad;
  const textWidth = width - 2 * pad - qrColumn;

  const registrado = `Registrado el ${formatLimaDate(view.registradoEn)} a las ${formatLimaTime(view.registradoEn)} (hora de Lima).`;
  // When the caller counts the reclamo on another Lima day (e.g. filed on a non-working
  // day), say so instead of printing two dates that seem to disagree.
  const considerado =
    view.fechaLima === limaIsoDateOf(view.registradoEn)
      ? undefined
      : `Fecha de presentación considerada: ${formatCalendarDate(view.fechaLima)}.`;
  const plazo = formatDiasHabiles(view.plazoDiasHabiles);
  const norma =
    view.plazoDiasHabiles === PLAZO_MAXIMO_LEGAL
      ? `Plazo máximo de respuesta: ${plazo} (${NORMA}).`
      : `Plazo de respuesta de la entidad: ${plazo}; el plazo máximo legal es de ` +
        `${formatDiasHabiles(PLAZO_MAXIMO_LEGAL)} (${NORMA}).`;
  const vence = formatCalendarDate(view.vence);
  const codeType = fitted(doc, view.codigo, { weight: 'bold', size: 26, color: COLOR.text }, textWidth);
  const venceType = fitted(doc, vence, TYPE.date, textWidth);

  // Measure first: the box is painted before the text that sits on it.
  const codeBlock =
    12 +
    codeType.size +
    9 +
    measure(doc, registrado, TYPE.small, textWidth) +
    (considerado ? measure(doc, considerado, TYPE.small, textWidth) : 0);
  const dueBlock = 12 + venceType.size + 4 + measure(doc, norma, TYPE.small, textWidth);
  const height = Math.max(pad + codeBlock + 20 + dueBlock + pad, pad + QR_SIZE + 14 + pad);

  ensureSpace(doc, height);
  const top = doc.y;
  doc.roundedRect(x, top, width, height, 6).lineWidth(0.8).fillAndStroke(COLOR.boxFill, COLOR.boxBorder);

  const tx = x + pad;
  let y = put(doc, 'Código de reclamo', TYPE.label, tx, top + pad, { width: textWidth });
  put(doc, view.codigo, codeType, tx, y + 1, { width: textWidth, lineBreak: false });
  // Noto Sans descends further than Helvetica did: 8 pt keep the code off the line below.
  y = put(doc, registrado, TYPE.small, tx, y + 1 + codeType.size + 8, { width: textWidth });
  if (considerado) y = put(doc, considerado, TYPE.small, tx, y, { width: textWidth });

  y += 9;
  doc.moveTo(tx, y).lineTo(tx + textWidth, y).lineWidth(0.5).strokeColor(COLOR.boxBorder).stroke();
  doc.rect(tx, y + 9, 3, dueBlock + 2).fill(COLOR.accent);
  const dx = tx + 10;
  const dw = textWidth - 10;
  y = put(doc, 'La entidad debe responderle a más tardar el', TYPE.label, dx, y + 10, { width: dw });
  put(doc, vence, venceType, dx, y + 1, { width: dw, lineBreak: false });
  put(doc, norma, TYPE.small, dx, y + 1 + venceType.size + 4, { width: dw });

  // A white tile keeps the QR's quiet zone white on the grey box.
  const qx = x + width - pad - QR_SIZE;
  const qy = top + pad;
  doc.roundedRect(qx - 2, qy - 2, QR_SIZE + 4, QR_SIZE + 4, 3).fill('#ffffff');
  doc.image(qrPng, qx, qy, { width: QR_SIZE, height: QR_SIZE });
  doc.link(qx, qy, QR_SIZE, QR_SIZE, view.seguimientoUrl);
  put(doc, 'Escanee para ver el estado', TYPE.caption, qx - 4, qy + QR_SIZE + 5, {
    width: QR_SIZE + 8,
    align: 'center',
  });

  doc.y = top + height + 10;
}

function drawReclamante(doc: Doc, view: ReceiptView): void {
  const { ciudadano } = view;
  drawSectionTitle(doc, 'Datos del reclamante');
  drawField(doc, 'Nombre', ciudadano.nombreCompleto);
  drawField(doc, 'Documento', `${ciudadano.tipoDocumento} N° ${ciudadano.numeroDocumentoEnmascarado}`);
  drawField(
    doc,
    'Notificación de la respuesta',
    view.notificacionPorCorreo
      ? 'Por correo electrónico (usted lo autorizó).'
      : 'En el domicilio que consignó (no autorizó la notificación por correo electrónico).',
  );
  doc.y += 10;
}

function drawReclamo(doc: Doc, view: ReceiptView): void {
  drawSectionTitle(doc, 'Datos del reclamo');
  const canal =
    view.canal === 'virtual'
      ? 'Libro de Reclamaciones virtual'
      : `Libro de Reclamaciones físico${view.numeroHoja ? `, hoja N° ${view.numeroHoja}` : ''}`;
  drawField(doc, 'Canal', canal);
  drawField(doc, 'Aspecto', view.aspecto);
  drawField(doc, 'Fecha de los hechos', view.fechaHechos ? formatCalendarDate(view.fechaHechos) : 'No indicada');
  if (view.sede) drawField(doc, 'Sede', view.sede);
  if (view.unidad) drawField(doc, 'Unidad orgánica', view.unidad);
  if (view.servicio) drawField(doc, 'Servicio', view.servicio);
  drawField(doc, 'Lo sucedido', clamp(view.resumen, RESUMEN_MAX_CHARS));
  if (view.pedido) drawField(doc, 'Lo que solicita', clamp(view.pedido, PEDIDO_MAX_CHARS));
  doc.y += 10;
}

function drawAdjuntos(doc: Doc, adjuntos: ReceiptAdjunto[]): void {
  drawSectionTitle(doc, adjuntos.length === 0 ? 'Archivos adjuntos' : `Archivos adjuntos (${adjuntos.length})`);
  const x = left(doc);
  const width = contentWidth(doc);
  if (adjuntos.length === 0) {
    doc.y = put(doc, 'No adjuntó archivos.', TYPE.value, x, doc.y, { width });
    return;
  }
  // Two columns of 10 + 8.5 pt rows: compact enough for a dozen files on the first page.
  const columnGap = 16;
  const columnWidth = (width - columnGap) / 2;
  for (let i = 0; i < adjuntos.length; i += 2) {
    const row = adjuntos.slice(i, i + 2);
    const height = Math.max(...row.map((a, j) => measure(doc, `${i + j + 1}. ${a.nombre}`, TYPE.value, columnWidth))) + 13;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      drawSectionTitle(doc, 'Archivos adjuntos (continuación)');
    }
    const top = doc.y;
    row.forEach((adjunto, j) => {
      const cx = x + j * (columnWidth + columnGap);
      const y = put(doc, `${i + j + 1}. ${adjunto.nombre}`, TYPE.value, cx, top, { width: columnWidth });
      const detail = `${formatBytes(adjunto.bytes)} · SHA-256: ${adjunto.sha256.slice(0, SHA256_SHOWN_CHARS)}…`;
      put(doc, detail, TYPE.detail, cx + 11, y, { width: columnWidth - 11 });
    });
    doc.y = top + height + 4;
  }
}
