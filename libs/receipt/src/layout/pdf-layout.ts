import PDFDocument from 'pdfkit';
import { fontRuns, primaryFace, type FontFace, type FontWeight } from '../fonts/noto-fonts';
import { printableText } from '../fonts/printable-text';

/*
 * The look every PDF for the citizen shares (the constancia de registro, the answer): A4, the
 * same type scale and colours, the same header, section titles, label/value rows and footer.
 * Every string is drawn through `write`, which picks the font of each stretch of text.
 */

export type Doc = PDFKit.PDFDocument;
type TextOptions = PDFKit.Mixins.TextOptions;

export const COLOR = {
  text: '#1f2933',
  muted: '#52606d',
  accent: '#a4161a',
  link: '#0b4f8a',
  boxFill: '#f3f4f6',
  boxBorder: '#d5d9e0',
} as const;

export interface TextStyle {
  weight: FontWeight;
  size: number;
  color: string;
}

export const TYPE = {
  kicker: { weight: 'bold', size: 8.5, color: COLOR.accent },
  entity: { weight: 'bold', size: 13, color: COLOR.text },
  title: { weight: 'bold', size: 19, color: COLOR.text },
  lead: { weight: 'regular', size: 9.5, color: COLOR.muted },
  section: { weight: 'bold', size: 11, color: COLOR.accent },
  label: { weight: 'regular', size: 9, color: COLOR.muted },
  value: { weight: 'regular', size: 10, color: COLOR.text },
  small: { weight: 'regular', size: 9.5, color: COLOR.text },
  date: { weight: 'bold', size: 14, color: COLOR.text },
  link: { weight: 'regular', size: 9.5, color: COLOR.link },
  detail: { weight: 'regular', size: 8.5, color: COLOR.muted },
  caption: { weight: 'regular', size: 7.5, color: COLOR.muted },
  footer: { weight: 'regular', size: 7.5, color: COLOR.muted },
} as const satisfies Record<string, TextStyle>;

/** The rule both documents cite: D.S. N° 007-2020-PCM sets how public entities handle reclamos. */
export const NORMA = 'D.S. N° 007-2020-PCM';

const PAGE = { top: 48, side: 56, bottom: 84 } as const;
const LABEL_WIDTH = 140;
const LINE_GAP = 1.5;

/** What the PDF's Info dictionary says about it. */
export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  /** A fixed instant of the record (registration, notification), never "now": the same data renders the same bytes. */
  creationDate: Date;
}

/**
 * Opens an A4 document in the shared look; `done` resolves with the bytes after `doc.end()`.
 * `compress: false` leaves page streams readable, for tests.
 */
export function openPdf(metadata: PdfMetadata, compress: boolean): { doc: Doc; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.side, right: PAGE.side },
    compress,
    pdfVersion: '1.7',
    lang: 'es-PE',
    displayTitle: true,
    // Footers carry "Página i de n", so they are drawn once every page exists.
    bufferPages: true,
    // No standard font: every string is drawn in an embedded one (see `write`).
    font: '',
    info: {
      Title: metadata.title,
      Author: metadata.author,
      Subject: metadata.subject,
      Keywords: metadata.keywords,
      Creator: 'Libro de Reclamaciones',
      CreationDate: metadata.creationDate,
    },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

export function left(doc: Doc): number {
  return doc.page.margins.left;
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Starts a new page unless `height` points still fit, so a block never splits. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function useFace(doc: Doc, face: FontFace, type: TextStyle): void {
  // pdfkit 0.20 takes a fontkit font as the source (its typings, 0.17, say only paths and
  // buffers); the faces are parsed once per process instead of once per document.
  doc
    .font(face.font as unknown as PDFKit.Mixins.PDFFontSource, face.key)
    .fontSize(type.size)
    .fillColor(type.color);
}

/** A piece of a paragraph in one style; with `link`, it is an underlined link to that address. */
export interface Span {
  text: string;
  type: TextStyle;
  link?: string;
}

/**
 * Draws one paragraph made of spans at an absolute position and returns the y below it. Each span
 * is split into runs by font (Latin, Cyrillic, Chinese, Japanese, Korean…) drawn one after the
 * other as pdfkit's continued text, so the paragraph wraps as one. The style is applied right
 * before each run, because a page break in between resets the fill colour.
 */
export function write(doc: Doc, spans: Span[], x: number, y: number, options: TextOptions = {}): number {
  const pieces = spans.flatMap((span) => {
    const runs = fontRuns(printableText(span.text), span.type.weight);
    return runs.map((run) => ({ run, span }));
  });
  if (pieces.length === 0) pieces.push({ run: { text: '', face: primaryFace(spans[0]?.type.weight ?? 'regular') }, span: spans[0] ?? { text: '', type: TYPE.value } });
  pieces.forEach(({ run, span }, i) => {
    useFace(doc, run.face, span.type);
    const runOptions: TextOptions = {
      lineGap: LINE_GAP,
      ...options,
      continued: i < pieces.length - 1,
      // pdfkit carries a continued run's options into the next unless they are set: null ends a link.
      link: span.link ?? null,
      underline: span.link !== undefined,
    };
    if (i === 0) doc.text(run.text, x, y, runOptions);
    else doc.text(run.text, runOptions);
  });
  const below = doc.y;
  doc.x = left(doc);
  return below;
}

/** Draws `text` in one style at an absolute position and returns the y below it. */
export function put(doc: Doc, text: string, type: TextStyle, x: number, y: number, options: TextOptions = {}): number {
  return write(doc, [{ text, type }], x, y, options);
}

/** Width of `text` on one line, font by font. */
export function widthOf(doc: Doc, text: string, type: TextStyle): number {
  return fontRuns(printableText(text), type.weight).reduce((sum, run) => {
    useFace(doc, run.face, type);
    return sum + doc.widthOfString(run.text);
  }, 0);
}

/**
 * Height of `text` wrapped in `width`. pdfkit measures one font at a time: in one font the
 * measure is exact; text in several fonts is estimated from its runs' widths and the tallest
 * face's line, which is what a block needs to decide whether it fits on the page.
 */
export function measure(doc: Doc, text: string, type: TextStyle, width: number): number {
  const runs = fontRuns(printableText(text), type.weight);
  if (runs.length <= 1) {
    useFace(doc, runs[0]?.face ?? primaryFace(type.weight), type);
    return doc.heightOfString(runs[0]?.text ?? '', { width, lineGap: LINE_GAP });
  }
  let lineHeight = 0;
  let lines = 0;
  let lineWidth = 0;
  for (const run of runs) {
    useFace(doc, run.face, type);
    lineHeight = Math.max(lineHeight, doc.currentLineHeight(true) + LINE_GAP);
    run.text.split('\n').forEach((part, i) => {
      if (i > 0) {
        lines += Math.max(1, Math.ceil(lineWidth / width));
        lineWidth = 0;
      }
      lineWidth += doc.widthOfString(part);
    });
  }
  lines += Math.max(1, Math.ceil(lineWidth / width));
  return lines * lineHeight;
}

/** Largest size up to `type.size` (and not under 10) at which `text` fits on one line of `width`. */
export function fitted(doc: Doc, text: string, type: TextStyle, width: number): TextStyle {
  const natural = widthOf(doc, text, type);
  return natural <= width ? type : { ...type, size: Math.max(10, Math.floor((type.size * width) / natural)) };
}

/** `text` trimmed and, past `max` characters, cut with an ellipsis. */
export function clamp(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1).trimEnd()}…`;
}

/** The book and entity, a rule, the document's title and one lead paragraph. */
export function drawHeader(doc: Doc, header: { entidadCodigo: string; entidadNombre: string; title: string; lead: string }): void {
  const x = left(doc);
  const width = contentWidth(doc);
  let y = put(doc, `LIBRO DE RECLAMACIONES · ${header.entidadCodigo}`, TYPE.kicker, x, doc.y, {
    width,
    characterSpacing: 0.8,
  });
  y = put(doc, header.entidadNombre, TYPE.entity, x, y + 3, { width });
  doc.moveTo(x, y + 5).lineTo(x + width, y + 5).lineWidth(1.2).strokeColor(COLOR.accent).stroke();

  y = put(doc, header.title, TYPE.title, x, y + 16, { width });
  y = put(doc, header.lead, TYPE.lead, x, y + 3, { width });
  doc.y = y + 12;
}

/** "Consulte … en <address> con …": one paragraph where only the tracking address is a link. */
export function drawSeguimientoLink(doc: Doc, intro: string, url: string, outro: string): void {
  const x = left(doc);
  const width = contentWidth(doc);
  ensureSpace(doc, 2 * measure(doc, intro, TYPE.small, width));
  const y = write(
    doc,
    [
      { text: intro, type: TYPE.small },
      { text: url, type: TYPE.link, link: url },
      { text: outro, type: TYPE.small },
    ],
    x,
    doc.y,
    { width },
  );
  doc.y = y + 14;
}

export function drawSectionTitle(doc: Doc, title: string): void {
  const x = left(doc);
  const width = contentWidth(doc);
  ensureSpace(doc, 40); // a title never ends a page alone
  const y = put(doc, title, TYPE.section, x, doc.y, { width });
  doc.moveTo(x, y + 1).lineTo(x + width, y + 1).lineWidth(0.5).strokeColor(COLOR.boxBorder).stroke();
  doc.y = y + 6;
}

/** A label/value row; the value wraps in its own column. */
export function drawField(doc: Doc, label: string, value: string): void {
  const x = left(doc);
  const labelWidth = LABEL_WIDTH - 10;
  const valueWidth = contentWidth(doc) - LABEL_WIDTH;
  ensureSpace(doc, Math.max(measure(doc, value, TYPE.value, valueWidth), measure(doc, label, TYPE.label, labelWidth)));
  const top = doc.y;
  const labelBottom = put(doc, label, TYPE.label, x, top + 1, { width: labelWidth });
  const valueBottom = put(doc, value, TYPE.value, x + LABEL_WIDTH, top, { width: valueWidth });
  doc.y = Math.max(labelBottom, valueBottom) + 3;
}

/** On every page: the personal data notice (Ley 29733) and "<código> · Página i de n". */
export function drawFooters(doc: Doc, codigo: string): void {
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
    put(doc, `${codigo} · Página ${i - start + 1} de ${count}`, TYPE.footer, x, y + 3, { width, align: 'right' });

    doc.page.margins.bottom = bottomMargin;
  }
}
