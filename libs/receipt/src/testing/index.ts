export { flat, readPdf, type PdfReadBack } from './pdf-text';
