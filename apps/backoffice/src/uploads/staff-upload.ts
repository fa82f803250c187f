import { FastifyRequest } from 'fastify';
import { DomainError, ValidationFailedError } from '@app/domain';
import { StaffSession } from '@app/staff';
import { AttachmentStorage, IncomingPart, MAX_TOTAL_ATTACHMENT_BYTES, ReceivedAttachment, receiveMultipart } from '@app/storage';
import { CSRF_FIELD } from '../auth/csrf';
import { csrfLeftToFields, SessionGuard } from '../auth/session';

/** Room for the text fields on top of the files' 20 MB. */
const FIELDS_ALLOWANCE_BYTES = 1024 * 1024;

/** What one staff form takes in files, and how its refusals read. */
export interface ReglasDeArchivos {
  /** The one field the files come in. */
  campo: string;
  maxArchivos: number;
  /** Said under `campo` when more files come. */
  demasiadosArchivos: string;
  /** Over the 20 MB budget: the error's message, and what is said under `campo`. */
  demasiadoGrande: { message: string; mensaje: string };
}

/**
 * Reads a staff form that carries files (scans of paper, evidence) as it streams in, with the same
 * storage helpers as the citizen's filing: content sniffing, the 20 MB limit, and every stored file
 * removed on error. A page form's anti-CSRF token must come before any file, so nothing is stored
 * for a forged request. A request that is not multipart gives its parsed body and no files.
 */
export async function readStaffUpload(
  request: FastifyRequest,
  storage: AttachmentStorage,
  csrf: { guard: SessionGuard; session: StaffSession },
  reglas: ReglasDeArchivos,
): Promise<{ fields: Record<string, string>; archivos: ReceivedAttachment[] }> {
  if (!request.isMultipart()) {
    const body = request.body ?? {};
    if (typeof body !== 'object' || Array.isArray(body)) throw new DomainError('VALIDATION_FAILED', 'El cuerpo de la solicitud debe ser un objeto.');
    return { fields: body as Record<string, string>, archivos: [] };
  }
  if (Number(request.headers['content-length'] ?? 0) > MAX_TOTAL_ATTACHMENT_BYTES + FIELDS_ALLOWANCE_BYTES) throw tooLarge(reglas);
  const parts = request.parts() as AsyncIterable<IncomingPart>;
  try {
    const form = await receiveMultipart(filesOf(parts, reglas, csrfLeftToFields(request) ? csrf : null), storage);
    return { fields: form.fields, archivos: form.attachments };
  } catch (error) {
    throw renamedField(error, reglas);
  }
}

/** Lets through the form's fields and at most `maxArchivos` files, in `campo`; checks the `_csrf` field first when the guard left it to us. */
async function* filesOf(
  parts: AsyncIterable<IncomingPart>,
  reglas: ReglasDeArchivos,
  csrf: { guard: SessionGuard; session: StaffSession } | null,
): AsyncGenerator<IncomingPart> {
  const { campo } = reglas;
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
      if (files > reglas.maxArchivos) throw new ValidationFailedError([{ campo, mensaje: reglas.demasiadosArchivos }]);
    }
    yield part;
  }
  if (!tokenChecked) csrf!.guard.assertFormToken(csrf!.session, undefined);
}

function tooLarge({ campo, demasiadoGrande }: ReglasDeArchivos): DomainError {
  return new DomainError('ATTACHMENT_TOO_LARGE', demasiadoGrande.message, [{ campo, mensaje: demasiadoGrande.mensaje }]);
}

/** The storage helpers name the citizen form's field ('adjuntos'); here the files have the form's own field. */
function renamedField(error: unknown, reglas: ReglasDeArchivos): unknown {
  if (!(error instanceof DomainError)) return error;
  if (error.code === 'ATTACHMENT_TOO_LARGE') return tooLarge(reglas);
  if (!error.errores.some((e) => e.campo === 'adjuntos')) return error;
  return new DomainError(error.code, error.message, error.errores.map((e) => (e.campo === 'adjuntos' ? { ...e, campo: reglas.campo } : e)));
}
