import { FastifyRequest } from 'fastify';
import { DomainError, EntradaRechazadaError, FieldError, revisarTexto, ValidationFailedError } from '@app/domain';
import { StaffSession } from '@app/staff';
import { IncomingPart } from '@app/storage';
import { MAX_BYTES_IMPORTACION } from '@app/tramos';
import { CSRF_FIELD } from '../auth/csrf';
import { csrfLeftToFields, SessionGuard } from '../auth/session';

export const CAMPO_ARCHIVO = 'archivo';

export interface CsvUpload {
  fields: Record<string, string>;
  /** Null when the form came without a file (an empty file input sends a nameless, empty part). */
  archivo: { nombre: string; bytes: Buffer } | null;
}

const demasiadoGrande = () =>
  new DomainError('ATTACHMENT_TOO_LARGE', 'El archivo supera los 5 MB.', [{ campo: CAMPO_ARCHIVO, mensaje: 'el archivo supera los 5 MB; divídalo en partes de hasta 10.000 filas' }]);

/**
 * Reads the entity import's form (`multipart/form-data`, one CSV in `archivo`) into memory, at most
 * 5 MB: a CSV is read whole anyway, and the bound is checked as the bytes arrive. A page form's
 * anti-CSRF token must come before the file (routes marked @CsrfInMultipartFields). Text fields and the
 * file's name follow the platform's text rule (NFC, refused control characters named); the file's
 * content is the import's to check, row by row.
 */
export async function readCsvUpload(request: FastifyRequest, csrf: { guard: SessionGuard; session: StaffSession }): Promise<CsvUpload> {
  if (!request.isMultipart()) {
    throw new ValidationFailedError([{ campo: CAMPO_ARCHIVO, mensaje: 'envíe el archivo CSV como multipart/form-data, en el campo «archivo»' }]);
  }
  if (Number(request.headers['content-length'] ?? 0) > MAX_BYTES_IMPORTACION + 64 * 1024) throw demasiadoGrande();
  let tokenChecked = !csrfLeftToFields(request);
  const fields: Record<string, string> = {};
  const refused: FieldError[] = [];
  let archivo: CsvUpload['archivo'] = null;
  for await (const part of request.parts() as AsyncIterable<IncomingPart>) {
    if (part.type === 'field' && part.fieldname === CSRF_FIELD) {
      if (!tokenChecked) csrf.guard.assertFormToken(csrf.session, part.value);
      tokenChecked = true;
      continue;
    }
    if (!tokenChecked) csrf.guard.assertFormToken(csrf.session, undefined);
    if (part.type === 'field') {
      const { texto, problema } = revisarTexto(typeof part.value === 'string' ? part.value : JSON.stringify(part.value ?? ''));
      if (problema) refused.push({ campo: part.fieldname, mensaje: problema });
      fields[part.fieldname] = texto;
      continue;
    }
    if (part.fieldname !== CAMPO_ARCHIVO) {
      await drain(part.file);
      throw new ValidationFailedError([{ campo: part.fieldname, mensaje: `este formulario recibe un solo archivo, en el campo «${CAMPO_ARCHIVO}»` }]);
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > MAX_BYTES_IMPORTACION) {
        part.file.destroy();
        throw demasiadoGrande();
      }
      chunks.push(chunk);
    }
    const nombre = revisarTexto(part.filename ?? '');
    if (bytes === 0 && nombre.texto === '') continue;
    if (archivo !== null) throw new ValidationFailedError([{ campo: CAMPO_ARCHIVO, mensaje: 'envíe un solo archivo CSV' }]);
    if (nombre.problema) refused.push({ campo: CAMPO_ARCHIVO, mensaje: `el nombre del archivo ${nombre.problema}` });
    if (bytes === 0) throw new ValidationFailedError([{ campo: CAMPO_ARCHIVO, mensaje: `«${nombre.texto}» está vacío (0 bytes)` }]);
    archivo = { nombre: nombre.texto || 'archivo.csv', bytes: Buffer.concat(chunks) };
  }
  if (!tokenChecked) csrf.guard.assertFormToken(csrf.session, undefined);
  if (refused.length > 0) throw new EntradaRechazadaError(refused, fields);
  return { fields, archivo };
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const chunk of stream) void chunk;
}
