// Reads a PDF from stdin with pdf.js and prints its pages' text and its Info dictionary as JSON.
// Run by pdf-text.ts in a child process (see there why).
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const document = await getDocument({
  data: new Uint8Array(Buffer.concat(chunks)),
  isEvalSupported: false,
  useSystemFonts: false,
  disableFontFace: true,
  verbosity: 0,
}).promise;
const pages = [];
for (let n = 1; n <= document.numPages; n++) {
  const content = await (await document.getPage(n)).getTextContent();
  pages.push(content.items.filter((item) => 'str' in item).map((item) => item.str + (item.hasEOL ? '\n' : '')).join(''));
}
const { info } = await document.getMetadata();
await document.destroy();
process.stdout.write(JSON.stringify({ pages, info }));
