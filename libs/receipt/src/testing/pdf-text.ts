import { execFile } from 'node:child_process';
import { join } from 'node:path';

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

/**
 * Extracts the text and metadata of `pdf`. Rejects when pdf.js cannot parse it.
 *
 * pdf.js runs in a child process: it is an ES module that loads parts of itself lazily, and under
 * Jest (VM modules) those late imports can outlive the test file that started them and break the
 * next file in the same worker ("import after the environment has been torn down"). A process per
 * read costs about a tenth of a second and shares nothing.
 */
export async function readPdf(pdf: Buffer): Promise<PdfReadBack> {
  const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [join(__dirname, 'pdf-text.child.mjs')],
      { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } },
      (error: Error | null, out: string) => (error ? reject(error) : resolve({ stdout: out })),
    );
    child.stdin?.end(pdf);
  });
  const { pages, info } = JSON.parse(stdout) as { pages: string[]; info: Record<string, unknown> };
  return { pages, text: pages.join('\n\n'), info };
}

/** Joins wrapped lines back into one paragraph and collapses runs of spaces. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}
