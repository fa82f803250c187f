import { AttachmentStorage, StoredObject } from '@app/storage';
import { BackofficeHarness, sessionCookieOf } from './backoffice-harness';

/** A real one-page PDF (catalogue, pages, page, cross-reference table), as a scanner would give it, only smaller. */
export const SMALL_PDF = ((): Buffer => {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
})();

/** A Windows executable's first bytes, named like a scan. */
export const RENAMED_EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(200)]);

export type MultipartEntry = [name: string, value: string] | [name: string, file: Buffer, fileName: string, type: string];

/** Posts a multipart form in the order given (a page form's `_csrf` comes first), as a browser would. */
export async function postMultipart(
  h: BackofficeHarness,
  path: string,
  entries: MultipartEntry[],
  options: { cookie: string; csrfHeader?: string; accept?: string },
): Promise<{ status: number; text: string; location: string | null; cookie: string | null }> {
  const form = new FormData();
  for (const entry of entries) {
    if (entry.length === 2) form.append(entry[0], entry[1]);
    else form.append(entry[0], new Blob([new Uint8Array(entry[1])], { type: entry[3] }), entry[2]);
  }
  const headers: Record<string, string> = { cookie: options.cookie, accept: options.accept ?? 'text/html' };
  if (options.csrfHeader) headers['x-csrf-token'] = options.csrfHeader;
  const response = await fetch(`${h.baseUrl}${path}`, { method: 'POST', headers, body: form, redirect: 'manual' });
  return { status: response.status, text: await response.text(), location: response.headers.get('location'), cookie: sessionCookieOf(response) };
}

/** Records every object the app stores from now on, to check afterwards which of them still exist. */
export function watchStorage(storage: AttachmentStorage): { saved: StoredObject[]; stillThere: () => Promise<string[]>; stop: () => void } {
  const saved: StoredObject[] = [];
  const original = storage.save.bind(storage);
  const spy = jest.spyOn(storage, 'save').mockImplementation(async (source, maxBytes) => {
    const stored = await original(source, maxBytes);
    saved.push(stored);
    return stored;
  });
  return {
    saved,
    stillThere: async () => {
      const present: string[] = [];
      for (const s of saved) if (await exists(storage, s.clave)) present.push(s.clave);
      return present;
    },
    stop: () => spy.mockRestore(),
  };
}

async function exists(storage: AttachmentStorage, clave: string): Promise<boolean> {
  const stream = await storage.open(clave);
  return new Promise((resolve) => {
    stream.once('error', () => resolve(false));
    stream.once('readable', () => {
      stream.destroy();
      resolve(true);
    });
  });
}
