import { FastifyReply } from 'fastify';

/**
 * Sends `pdf` as a download named `filename` (letters, digits, '-' and '.': a reclamo code is).
 * Never cached: the citizen's PDFs carry personal data.
 */
export function sendPdfAttachment(reply: FastifyReply, filename: string, pdf: Buffer): FastifyReply {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'private, no-store')
    .send(pdf);
}
