import { FastifyRequest } from 'fastify';
import { DomainError, ValidationFailedError } from '@app/domain';
import { StaffSession } from '@app/staff';
import { AttachmentStorage, IncomingPart, MAX_TOTAL_ATTACHMENT_BYTES, ReceivedAttachment, receiveMultipart } from '@app/storage';
import { CSRF_FIELD } from '../auth/csrf';
import { csrfLeftToFields, SessionGuard } from '../auth/session';

const CAMPO = 'evidencias';
const FIELDS_ALLOWANCE_BYTES = 1024 * 1024;
const MAX_ARCHIVOS = 10;

export interface EvidenceUpload {
  fields: Record<string, string>;
  /** Checked by content and stored under the 20 MB budget; the caller removes them if the action fails. */
  evidencias: ReceivedAttachment[];
}

/**
 * Reads a progress update's form: its fields and up to ten evidence files (field `evidencias`),
 * as readScanUpload does for one scan: the same storage helpers (content sniffing, 20 MB in all,
 * every stored file removed on error) and a page form's `_csrf` checked first, before any file is
 * stored. A request that is not multipart gives its parsed body and no files.
 */
export async function readEvidenceUpload(
  request: FastifyRequest,
  storage: AttachmentStorage,
  csrf: { guard: SessionGuard; session: StaffSession },
): Promise<EvidenceUpload> {
  if (!request.isMultipart()) {
    const body = request.body ?? {};
    if (typeof body !== 'object' || Array.isArray(body)) throw new DomainError('VALIDATION_FAILED', 'El cuerpo de la solicitud debe ser un objeto.');
    return { fields: body as Record<string, string>, evidencias: [] };
  }
  if (Number(request.headers['content-length'] ?? 0) > MAX_TOTAL_ATTACHMENT_BYTES + FIELDS_ALLOWANCE_BYTES) throw tooLarge();
  const parts = request.parts() as AsyncIterable<IncomingPart>;
  try {
    const form = await receiveMultipart(evidenceOf(parts, csrfLeftToFields(request) ? csrf : null), storage);
    return { fields: form.fields, evidencias: form.attachments };
  } catch (error) {
    throw renamed(error);
  }
}

async function* evidenceOf(parts: AsyncIterable<IncomingPart>, csrf: { guard: SessionGuard; session: StaffSession } | null): AsyncGenerator<IncomingPart> {
  let tokenChecked = csrf === null;
  let files = 0;
  for await (const part of parts) {
    if (part.type === 'field' && part.fieldname === CSRF_FIELD) {
      if (!tokenChecked) csrf!.guard.assertFormToken(csrf!.session, part.value);
      tokenChecked = true;
      continue;
    }
    if (!tokenChecked) csrf!.guard.assertFormToken(csrf!.session, undefined);
    if (part.type === 'file') {
      files += 1;
      if (part.fieldname !== CAMPO) throw new ValidationFailedError([{ campo: part.fieldname, mensaje: 'este formulario no recibe archivos en este campo' }]);
      if (files > MAX_ARCHIVOS) throw new ValidationFailedError([{ campo: CAMPO, mensaje: `adjunte como máximo ${MAX_ARCHIVOS} archivos` }]);
    }
    yield part;
  }
  if (!tokenChecked) csrf!.guard.assertFormToken(csrf!.session, undefined);
}

function tooLarge(): DomainError {
  return new DomainError('ATTACHMENT_TOO_LARGE', 'Las evidencias superan el máximo de 20 MB en total.', [
    { campo: CAMPO, mensaje: 'las evidencias superan el máximo de 20 MB en total' },
  ]);
}

/** The storage helpers name the citizen form's field ('adjuntos'); here the files are 'evidencias'. */
function renamed(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  if (error.code === 'ATTACHMENT_TOO_LARGE') return tooLarge();
  if (!error.errores.some((e) => e.campo === 'adjuntos')) return error;
  return new DomainError(error.code, error.message, error.errores.map((e) => (e.campo === 'adjuntos' ? { ...e, campo: CAMPO } : e)));
}
