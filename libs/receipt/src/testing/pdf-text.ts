/*
 * Reads a PDF back the way a viewer does (pdf.js), so tests check what a citizen can select and
 * copy, not how pdfkit happened to encode it. For tests only: pdfjs-dist is a devDependency, and
 * tsconfig.build.json leaves this folder out of the build.
 */

export interface PdfReadBack {
  /** Every page's text in drawing order; a line break where pdf.js sees one. */
  pages: string[];
  /** The pages' text joined with a blank line. */
  text: string;
  /** The Info dictionary (Title, Author, Subject, Keywords, CreationDate…). */
  info: Record<string, unknown>;
}

interface TextItem {
  str: string;
  hasEOL: boolean;
}

interface PdfJs {
  getDocument(source: { data: Uint8Array; isEvalSupported: boolean; useSystemFonts: boolean; disableFontFace: boolean; verbosity: number }): {
    promise: Promise<{
      numPages: number;
      getPage(n: number): Promise<{ getTextContent(): Promise<{ items: Array<TextItem | object> }> }>;
      getMetadata(): Promise<{ info: object }>;
      destroy(): Promise<void>;
    }>;
  };
}

// pdf.js ships as an ES module only; TypeScript, compiling to CommonJS here, would turn a plain
// import() into require(), which cannot load it. Jest runs with VM modules on (see test.sh).
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a constant body: the one way to keep a real import()
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** Extracts the text and metadata of `pdf`. Rejects when pdf.js cannot parse it. */
export async function readPdf(pdf: Buffer): Promise<PdfReadBack> {
  const pdfjs = (await importEsm('pdfjs-dist/legacy/build/pdf.mjs')) as PdfJs;
  // pdf.js may detach the buffer it is given: hand it a copy.
  const document = await pdfjs.getDocument({
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const content = await (await document.getPage(n)).getTextContent();
      pages.push(
        content.items
          .filter((item): item is TextItem => 'str' in item)
          .map((item) => item.str + (item.hasEOL ? '\n' : ''))
          .join(''),
      );
    }
    const { info } = await document.getMetadata();
    return { pages, text: pages.join('\n\n'), info: info as Record<string, unknown> };
  } finally {
    await document.destroy();
  }
}

/** Joins wrapped lines back into one paragraph and collapses runs of spaces. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}
