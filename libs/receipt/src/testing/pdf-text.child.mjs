// Reads PDFs with pdf.js for pdf-text.ts (see there why in a child process). One request per line
// on stdin, `{"id":n,"pdf":"<base64>"}`; one answer per line on stdout, `{"id":n,"pages":[…],"info":{…}}`
// or `{"id":n,"error":"…"}`. Ends when stdin closes (the test process ended).
import { createInterface } from 'node:readline';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

async function read(bytes) {
  const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages = [];
    for (let n = 1; n <= document.numPages; n++) {
      const content = await (await document.getPage(n)).getTextContent();
      pages.push(content.items.filter((item) => 'str' in item).map((item) => item.str + (item.hasEOL ? '\n' : '')).join(''));
    }
    const { info } = await document.getMetadata();
    return { pages, info };
  } finally {
    await document.destroy();
  }
}

for await (const line of createInterface({ input: process.stdin })) {
  if (!line) continue;
  const { id, pdf } = JSON.parse(line);
  try {
    process.stdout.write(JSON.stringify({ id, ...(await read(Buffer.from(pdf, 'base64'))) }) + '\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({ id, error: error instanceof Error ? error.message : String(error) }) + '\n');
  }
}
