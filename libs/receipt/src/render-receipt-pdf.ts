import PDFDocument from 'pdfkit';
import { toBuffer as qrToBuffer, type QRCodeToBufferOptions } from 'qrcode';
import {
  formatBytes,
  formatCalendarDate,
  formatDiasHabiles,
  formatLimaDate,
  formatLimaTime,
  limaIsoDateOf,
} from './receipt-format';
import type { ReceiptAdjunto, ReceiptView } from './receipt-view';
import { toWinAnsi } from './win-ansi';

export interface RenderReceiptOptions {
  /** Deflate page streams (default true). Tests turn it off to read the text. */
  compress?: boolean;
}

/** D.S. N° 007-2020-PCM: the legal maximum; an entity may promise less, never more. */
const PLAZO_MAXIMO_LEGAL = 30;
const NORMA = 'D.S. N° 007-2020-PCM';

// The receipt is a one-page proof of registration, not the record: long texts are cut.
const RESUMEN_MAX_CHARS = 420;
const PEDIDO_MAX_CHARS = 300;
const SHA256_SHOWN_CHARS = 16;

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

const COLOR = {
  text: '#1f2933',
  muted: '#52606d',
  accent: '#a4161a',
  link: '#0b4f8a',
  boxFill: '#f3f4f6',
  boxBorder: '#d5d9e0',
} as const;

interface TextStyle {
  font: string;
  size: number;
  color: string;
}

const TYPE = {
  kicker: { font: BOLD, size: 8.5, color: COLOR.accent },
  entity: { font: BOLD, size: 13, color: COLOR.text },
  title: { font: BOLD, size: 19, color: COLOR.text },
  lead: { font: REGULAR, size: 9.5, color: COLOR.muted },
  section: { font: BOLD, size: 11, color: COLOR.accent },
  label: { font: REGULAR, size: 9, color: COLOR.muted },
  value: { font: REGULAR, size: 10, color: COLOR.text },
  small: { font: REGULAR, size: 9.5, color: COLOR.text },
  date: { font: BOLD, size: 14, color: COLOR.text },
  link: { font: REGULAR, size: 9.5, color: COLOR.link },
  detail: { font: REGULAR, size: 8.5, color: COLOR.muted },
  caption: { font: REGULAR, size: 7.5, color: COLOR.muted },
  footer: { font: REGULAR, size: 7.5, color: COLOR.muted },
} as const satisfies Record<string, TextStyle>;

const PAGE = { top: 48, side: 56, bottom: 84 } as const;
const LABEL_WIDTH = 140;
const QR_SIZE = 112;
const LINE_GAP = 1.5;

type Doc = PDFKit.PDFDocument;
type TextOptions = PDFKit.Mixins.TextOptions;

/** Renders the "constancia de registro" of a reclamo as an A4 PDF (one page unless many attachments). */
export async function renderReceiptPdf(view: ReceiptView, options: RenderReceiptOptions = {}): Promise<Buffer> {
  assertPrintable(view);
  const qrPng = await renderQrPng(view.seguimientoUrl);

  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.side, right: PAGE.side },
    compress: options.compress ?? true,
    pdfVersion: '1.7',
    lang: 'es-PE',
    displayTitle: true,
    // Footers carry "Página i de n", so they are drawn once every page exists.
    bufferPages: true,
    font: REGULAR,
    info: {
      Title: `Constancia de registro de reclamo ${view.codigo}`,
      Author: view.entidadNombre,
      Subject: `Reclamo ${view.codigo} - Libro de Reclamaciones de ${view.entidadNombre}`,
      Keywords: `${view.codigo}, ${view.entidadCodigo}, libro de reclamaciones, constancia de registro`,
      Creator: 'Libro de Reclamaciones',
      // The registration instant, not "now": re-issuing a receipt yields the same bytes.
      CreationDate: view.registradoEn,
    },
  });
  const done = collect(doc);

  drawHeader(doc, view);
  drawSummary(doc, view, qrPng);
  drawSeguimiento(doc, view);
  drawReclamante(doc, view);
  drawReclamo(doc, view);
  drawAdjuntos(doc, view.adjuntos);
  drawFooters(doc, view);

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

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

// ---- layout helpers ------------------------------------------------------------------

function left(doc: Doc): number {
  return doc.page.margins.left;
}

function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Starts a new page unless `height` points still fit, so a block never splits. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function apply(doc: Doc, type: TextStyle): void {
  doc.font(type.font).fontSize(type.size).fillColor(type.color);
}

/**
 * Draws text at an absolute position and returns the y below it. The style is applied
 * here, right before drawing, because a page break in between resets the fill colour.
 * Every drawn string passes `toWinAnsi`.
 */
function put(doc: Doc, text: string, type: TextStyle, x: number, y: number, options: TextOptions = {}): number {
  apply(doc, type);
  doc.text(toWinAnsi(text), x, y, { lineGap: LINE_GAP, ...options });
  const below = doc.y;
  doc.x = left(doc);
  return below;
}

function measure(doc: Doc, text: string, type: TextStyle, width: number): number {
  apply(doc, type);
  return doc.heightOfString(toWinAnsi(text), { width, lineGap: LINE_GAP });
}

/** Largest size up to `type.size` at which `text` fits on one line of `width`. */
function fitted(doc: Doc, text: string, type: TextStyle, width: number): TextStyle {
  apply(doc, type);
  const natural = doc.widthOfString(toWinAnsi(text));
  return natural <= width ? type : { ...type, size: Math.max(10, Math.floor((type.size * width) / natural)) };
}

function clamp(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1).trimEnd()}…`;
}

// ---- blocks --------------------------------------------------------------------------

function drawHeader(doc: Doc, view: ReceiptView): void {
  const x = left(doc);
  const width = contentWidth(doc);
  let y = put(doc, `LIBRO DE RECLAMACIONES · ${view.entidadCodigo}`, TYPE.kicker, x, doc.y, {
    width,
    characterSpacing: 0.8,
  });
  y = put(doc, view.entidadNombre, TYPE.entity, x, y + 3, { width });
  doc.moveTo(x, y + 5).lineTo(x + width, y + 5).lineWidth(1.2).strokeColor(COLOR.accent).stroke();

  y = put(doc, 'Constancia de registro de reclamo', TYPE.title, x, y + 16, { width });
  y = put(
    doc,
    `Su reclamo quedó registrado en el Libro de Reclamaciones de ${view.entidadNombre}. ` +
      'Conserve esta constancia: con el código puede consultar su estado.',
    TYPE.lead,
    x,
    y + 3,
    { width },
  );
  doc.y = y + 12;
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
  const codeType = fitted(doc, view.codigo, { font: BOLD, size: 26, color: COLOR.text }, textWidth);
  const venceType = fitted(doc, vence, TYPE.date, textWidth);

  // Measure first: the box is painted before the text that sits on it.
  const codeBlock =
    12 +
    codeType.size +
    6 +
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
  y = put(doc, registrado, TYPE.small, tx, y + 1 + codeType.size + 5, { width: textWidth });
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

function drawSeguimiento(doc: Doc, view: ReceiptView): void {
  const x = left(doc);
  const width = contentWidth(doc);
  const intro = 'Consulte el estado de su reclamo en ';
  const outro = ` con el código ${view.codigo} y su número de documento.`;
  ensureSpace(doc, 2 * measure(doc, intro, TYPE.small, width));
  // One paragraph in three runs, so only the address is a link.
  apply(doc, TYPE.small);
  doc.text(toWinAnsi(intro), x, doc.y, { width, lineGap: LINE_GAP, continued: true });
  apply(doc, TYPE.link);
  doc.text(toWinAnsi(view.seguimientoUrl), { link: view.seguimientoUrl, underline: true, continued: true });
  apply(doc, TYPE.small);
  doc.text(toWinAnsi(outro), { link: undefined, underline: false });
  doc.x = x;
  doc.y += 14;
}

function drawSectionTitle(doc: Doc, title: string): void {
  const x = left(doc);
  const width = contentWidth(doc);
  ensureSpace(doc, 40); // a title never ends a page alone
  const y = put(doc, title, TYPE.section, x, doc.y, { width });
  doc.moveTo(x, y + 1).lineTo(x + width, y + 1).lineWidth(0.5).strokeColor(COLOR.boxBorder).stroke();
  doc.y = y + 6;
}

/** A label/value row; the value wraps in its own column. */
function drawField(doc: Doc, label: string, value: string): void {
  const x = left(doc);
  const labelWidth = LABEL_WIDTH - 10;
  const valueWidth = contentWidth(doc) - LABEL_WIDTH;
  ensureSpace(doc, Math.max(measure(doc, value, TYPE.value, valueWidth), measure(doc, label, TYPE.label, labelWidth)));
  const top = doc.y;
  const labelBottom = put(doc, label, TYPE.label, x, top + 1, { width: labelWidth });
  const valueBottom = put(doc, value, TYPE.value, x + LABEL_WIDTH, top, { width: valueWidth });
  doc.y = Math.max(labelBottom, valueBottom) + 3;
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
  drawField(doc, 'Fecha de los hechos', formatCalendarDate(view.fechaHechos));
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

function drawFooters(doc: Doc, view: ReceiptView): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const x = left(doc);
    const width = contentWidth(doc);
    // Writing inside the bottom margin would make pdfkit open a new page.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;

    const top = doc.page.height - bottomMargin + 16;
    doc.moveTo(x, top).lineTo(x + width, top).lineWidth(0.5).strokeColor(COLOR.boxBorder).stroke();
    const y = put(
      doc,
      'Protección de datos personales: sus datos se tratan conforme a la Ley N° 29733, Ley de Protección de ' +
        'Datos Personales, y su reglamento. Se usan solo para atender este reclamo y solo los ve el personal ' +
        'que lo tramita.',
      TYPE.footer,
      x,
      top + 6,
      { width },
    );
    put(doc, `${view.codigo} · Página ${i - start + 1} de ${count}`, TYPE.footer, x, y + 3, { width, align: 'right' });

    doc.page.margins.bottom = bottomMargin;
  }
}
