import { FastifyRequest } from 'fastify';
import { DomainError, ValidationFailedError } from '@app/domain';
import { StaffSession } from '@app/staff';
import { AttachmentStorage, IncomingPart, MAX_TOTAL_ATTACHMENT_BYTES, ReceivedAttachment, receiveMultipart } from '@app/storage';
import { CSRF_FIELD } from '../auth/csrf';
import { csrfLeftToFields, SessionGuard } from '../auth/session';

/** Room for the text fields on top of the scan's 20 MB. */
const FIELDS_ALLOWANCE_BYTES = 1024 * 1024;

export interface ScanUpload {
  fields: Record<string, string>;
  /** The one file of field `campo`, checked by content and already stored; the caller removes it if the action fails. */
  escaneo?: ReceivedAttachment;
}

/**
 * Reads a form that carries one scanned paper (field `campo`) as it streams in, with the same
 * storage helpers as the citizen's filing: content sniffing, the 20 MB limit, and every stored
 * file removed on error. A page form's anti-CSRF token must be its first part, so nothing is
 * stored for a forged request. A request that is not multipart gives its parsed body and no scan.
 */
export async function readScanUpload(
  request: FastifyRequest,
  storage: AttachmentStorage,
  csrf: { guard: SessionGuard; session: StaffSession },
  campo: string,
): Promise<ScanUpload> {
  if (!request.isMultipart()) {
    const body = request.body ?? {};
    if (typeof body !== 'object' || Array.isArray(body)) throw new DomainError('VALIDATION_FAILED', 'El cuerpo de la solicitud debe ser un objeto.');
    return { fields: body as Record<string, string> };
  }
  if (Number(request.headers['content-length'] ?? 0) > MAX_TOTAL_ATTACHMENT_BYTES + FIELDS_ALLOWANCE_BYTES) throw tooLarge(campo);
  const parts = request.parts() as AsyncIterable<IncomingPart>;
  try {
    const form = await receiveMultipart(onlyScanOf(parts, campo, csrfLeftToFields(request) ? csrf : null), storage);
    return { fields: form.fields, escaneo: form.attachments[0] };
  } catch (error) {
    throw renamedField(error, campo);
  }
}

/** Lets through the form's fields and at most one file, in `campo`; checks the `_csrf` field first when the guard left it to us. */
async function* onlyScanOf(
  parts: AsyncIterable<IncomingPart>,
  campo: string,
  csrf: { guard: SessionGuard; session: StaffSession } | null,
): AsyncGenerator<IncomingPart> {
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
      if (part.fieldname !== campo) throw new ValidationFailedError([{ campo: part.fieldname, mensaje: 'este formulario no recibe archivos en este campo' }]);
      if (files > 1) throw new ValidationFailedError([{ campo, mensaje: 'adjunte un solo archivo' }]);
    }
    yield part;
  }
  if (!tokenChecked) csrf!.guard.assertFormToken(csrf!.session, undefined);
}

function tooLarge(campo: string): DomainError {
  return new DomainError('ATTACHMENT_TOO_LARGE', 'El archivo supera el máximo de 20 MB.', [{ campo, mensaje: 'el archivo supera el máximo de 20 MB' }]);
}

/** The storage helpers name the citizen form's field ('adjuntos'); here the file has its own field. */
function renamedField(error: unknown, campo: string): unknown {
  if (!(error instanceof DomainError)) return error;
  if (error.code === 'ATTACHMENT_TOO_LARGE') return tooLarge(campo);
  if (!error.errores.some((e) => e.campo === 'adjuntos')) return error;
  return new DomainError(
    error.code,
    error.message,
    error.errores.map((e) => (e.campo === 'adjuntos' ? { ...e, campo } : e)),
  );
}
