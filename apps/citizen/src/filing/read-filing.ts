import { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import {
  AttachmentStorage,
  AttachmentTooLargeError,
  IncomingPart,
  MAX_TOTAL_ATTACHMENT_BYTES,
  ReadingWithRefusals,
  ReceivedForm,
  receiveMultipart,
  receiveMultipartKeepingAccepted,
} from '@app/storage';
import { DomainError } from '@app/domain';

/** Room for the text fields on top of the attachments' 20 MB. */
const FIELDS_ALLOWANCE_BYTES = 1024 * 1024;

/**
 * Reads a filing from the HTML form (urlencoded or multipart) or the API (JSON or multipart)
 * into plain fields plus stored attachments. An upload whose declared size is already
 * over the limit is refused before a byte of it is read.
 */
export async function readFiling(request: FastifyRequest, storage: AttachmentStorage): Promise<ReceivedForm> {
  if (!request.isMultipart()) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (typeof body !== 'object' || Array.isArray(body)) {
      throw new DomainError('VALIDATION_FAILED', 'Envíe los datos del reclamo como un objeto JSON.');
    }
    return { fields: body as Record<string, string>, attachments: [] };
  }
  refuseDeclaredOversize(request);
  return receiveMultipart(request.parts() as AsyncIterable<IncomingPart>, storage);
}

/**
 * The hoja's page reads its form whole even when a file or a text is refused: the refusals come back
 * with every field and the files accepted (stored, now the page's to keep while the person corrects
 * the rest). A body declared over the limit is still refused before a byte of it is read.
 */
export async function readHojaForm(request: FastifyRequest, storage: AttachmentStorage): Promise<ReadingWithRefusals> {
  if (!request.isMultipart()) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const fields = typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, string>) : {};
    return { form: { fields, attachments: [] }, errores: [], codigo: null };
  }
  refuseDeclaredOversize(request);
  return receiveMultipartKeepingAccepted(request.parts() as AsyncIterable<IncomingPart>, storage, MAX_TOTAL_ATTACHMENT_BYTES);
}

function refuseDeclaredOversize(request: FastifyRequest): void {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_TOTAL_ATTACHMENT_BYTES + FIELDS_ALLOWANCE_BYTES) throw new AttachmentTooLargeError();
}

/** Fingerprint of a filing, so a reused idempotency key with different content is caught. */
export function fingerprintOf(form: ReceivedForm, extra: Record<string, unknown> = {}): string {
  const { claveEnvio: _ignored, ...fields } = form.fields;
  const canonical = JSON.stringify({
    fields: Object.fromEntries(Object.entries({ ...fields, ...extra }).sort(([a], [b]) => a.localeCompare(b))),
    files: form.attachments.map((a) => a.sha256),
  });
  return createHash('sha256').update(canonical).digest('hex');
}
