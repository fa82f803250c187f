import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

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

type Answer = { id: number; pages: string[]; info: Record<string, unknown> } | { id: number; error: string };

/**
 * pdf.js runs in a child process: it is an ES module that loads parts of itself lazily, and under
 * Jest (VM modules) those late imports can outlive the test file that started them and break the
 * next file in the same worker ("import after the environment has been torn down"). One child per
 * test file (this module is loaded once per file), started on first use and unreferenced, so it
 * never keeps a test process alive; it ends when its stdin closes.
 */
class PdfReader {
  private child: ChildProcessWithoutNullStreams | null = null;
  private readonly pending = new Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>();
  private nextId = 1;

  read(pdf: Buffer): Promise<Answer> {
    const child = this.child ?? this.start();
    const id = this.nextId++;
    return new Promise<Answer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      child.stdin.write(JSON.stringify({ id, pdf: pdf.toString('base64') }) + '\n');
    });
  }

  private start(): ChildProcessWithoutNullStreams {
    const child = spawn(process.execPath, [join(__dirname, 'pdf-text.child.mjs')], { env: { ...process.env, NODE_OPTIONS: '' } });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const answer = JSON.parse(line) as Answer;
      this.pending.get(answer.id)?.resolve(answer);
      this.pending.delete(answer.id);
    });
    child.on('exit', (code) => {
      for (const { reject } of this.pending.values()) reject(new Error(`pdf.js terminó (código ${code})`));
      this.pending.clear();
      this.child = null;
    });
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr] as unknown as Array<{ unref?: () => void }>) stream.unref?.();
    this.child = child;
    return child;
  }
}

const reader = new PdfReader();

/** Extracts the text and metadata of `pdf`. Rejects when pdf.js cannot parse it. */
export async function readPdf(pdf: Buffer): Promise<PdfReadBack> {
  const answer = await reader.read(pdf);
  if ('error' in answer) throw new Error(answer.error);
  return { pages: answer.pages, text: answer.pages.join('\n\n'), info: answer.info };
}

/** Joins wrapped lines back into one paragraph and collapses runs of spaces. */
export function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}
