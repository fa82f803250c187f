import { Readable } from 'node:stream';
import { DomainError, EntradaRechazadaError, FieldError, revisarTexto, ValidationFailedError } from '@app/domain';
import { AttachmentStorage } from './attachment-storage';
import { ALLOWED_TYPES_DESCRIPTION, detectAcceptedTypeOf, SNIFF_BYTES } from './attachment-type';
import { AttachmentTooLargeError } from './local-directory.storage';

export const MAX_TOTAL_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/**
 * Files per form [design]: the domain sets 20 MB in total and no count; ten keeps a hoja readable
 * for the officer and bounds the parts a request may open. The multipart parser is set to it too.
 */
export const MAX_ATTACHMENT_FILES = 10;

/** A multipart part as @fastify/multipart yields it (only what we use). */
export type IncomingPart =
  | { type: 'field'; fieldname: string; value: unknown }
  | { type: 'file'; fieldname: string; filename: string; file: Readable & { truncated?: boolean } };

export interface ReceivedAttachment {
  clave: string;
  bytes: number;
  sha256: string;
  nombreOriginal: string;
  tipoMime: string;
}

export interface ReceivedForm {
  fields: Record<string, string>;
  attachments: ReceivedAttachment[];
}

/** What a form sent, read whole, with the parts that were refused and why (files and texts alike). */
export interface ReadingWithRefusals {
  form: ReceivedForm;
  /** One message per refused part; empty when everything was accepted. */
  errores: FieldError[];
  /** The refusal's code, for the status: a file of a type not allowed, the 20 MB budget, or any other input. */
  codigo: 'VALIDATION_FAILED' | 'ATTACHMENT_TYPE_NOT_ALLOWED' | 'ATTACHMENT_TOO_LARGE' | null;
}

/**
 * Reads a multipart filing as it streams in: fields into a map, each file checked by its
 * first bytes and written to storage while the running total is kept under 20 MB.
 * Nothing is held whole in memory; on any refusal every file already stored is removed.
 */
export async function receiveMultipart(parts: AsyncIterable<IncomingPart>, storage: AttachmentStorage): Promise<ReceivedForm> {
  const { form, errores, codigo } = await receiveMultipartKeepingAccepted(parts, storage, MAX_TOTAL_ATTACHMENT_BYTES);
  if (codigo === null) return form;
  await discardAttachments(form.attachments, storage);
  if (codigo === 'ATTACHMENT_TOO_LARGE') throw new AttachmentTooLargeError();
  if (codigo === 'ATTACHMENT_TYPE_NOT_ALLOWED') {
    throw new DomainError('ATTACHMENT_TYPE_NOT_ALLOWED', 'Uno de los archivos no es de un tipo permitido.', errores);
  }
  throw new EntradaRechazadaError(errores, form.fields);
}

/**
 * The same reading, for a form that keeps what it accepted across an error (the hoja keeps the
 * person's files while they correct the rest): a refused file or text does not stop the reading,
 * so every field comes back, and the files accepted stay stored and are the caller's to keep or
 * discard. `budget` is what is left of the 20 MB once the files already kept are counted.
 * Throws only on an unexpected failure (storage, the connection), after removing what it stored.
 */
export async function receiveMultipartKeepingAccepted(
  parts: AsyncIterable<IncomingPart>,
  storage: AttachmentStorage,
  budget: number,
): Promise<ReadingWithRefusals> {
  const fields: Record<string, string> = {};
  const attachments: ReceivedAttachment[] = [];
  // Refused texts and files are gathered, not thrown at once, so the whole form is read and a page can
  // show it again with everything the person wrote.
  const refused: FieldError[] = [];
  let codigo: ReadingWithRefusals['codigo'] = null;
  const refuse = (error: FieldError, code: NonNullable<ReadingWithRefusals['codigo']>) => {
    refused.push(error);
    if (codigo === null || codigo === 'VALIDATION_FAILED') codigo = code;
  };
  let total = 0;
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        const raw = typeof part.value === 'string' ? part.value : JSON.stringify(part.value ?? '');
        const { texto, problema } = revisarTexto(raw);
        if (problema) refuse({ campo: part.fieldname, mensaje: problema }, 'VALIDATION_FAILED');
        fields[part.fieldname] = texto;
        continue;
      }
      const nombre = revisarTexto(part.filename ?? '');
      const { head, rest, ended } = await sniff(part.file);
      if (ended && head.length === 0) {
        // A file input left empty in a form without JavaScript sends a part with no name and no bytes:
        // not an attachment. A named file with no bytes is one the person meant to send; say so.
        if (nombre.texto !== '') refuse({ campo: 'adjuntos', mensaje: `«${nombre.texto}» está vacío (0 bytes); adjúntelo de nuevo o elija otro archivo` }, 'VALIDATION_FAILED');
        continue;
      }
      if (nombre.problema) {
        await drain(rest);
        refuse({ campo: 'adjuntos', mensaje: `el nombre del archivo «${nombre.texto}» ${nombre.problema}; cámbielo antes de adjuntarlo` }, 'VALIDATION_FAILED');
        continue;
      }
      const type = detectAcceptedTypeOf(head, rest);
      if (!type.accepted) {
        await drain(type.stream);
        refuse(
          { campo: 'adjuntos', mensaje: `«${nombre.texto}» no es de un tipo permitido; adjunte ${ALLOWED_TYPES_DESCRIPTION}` },
          'ATTACHMENT_TYPE_NOT_ALLOWED',
        );
        continue;
      }
      let stored;
      try {
        stored = await storage.save(type.stream, budget - total);
      } catch (error) {
        if (!(asSpanishUploadError(error) instanceof AttachmentTooLargeError)) throw error;
        // The rest of the request is not read: past the budget, the parser stops where it is.
        refuse({ campo: 'adjuntos', mensaje: `«${nombre.texto}» no cabe: los archivos superan los 20 MB en total; adjunte archivos más livianos` }, 'ATTACHMENT_TOO_LARGE');
        break;
      }
      const decided = type.decide();
      if (!decided) {
        await storage.remove(stored.clave);
        refuse(
          { campo: 'adjuntos', mensaje: `«${nombre.texto}» no es de un tipo permitido; adjunte ${ALLOWED_TYPES_DESCRIPTION}` },
          'ATTACHMENT_TYPE_NOT_ALLOWED',
        );
        continue;
      }
      attachments.push({ ...stored, nombreOriginal: nombre.texto || 'adjunto', tipoMime: decided.mime });
      total += stored.bytes;
      if (part.file.truncated) {
        refuse({ campo: 'adjuntos', mensaje: 'los archivos superan los 20 MB en total; adjunte archivos más livianos' }, 'ATTACHMENT_TOO_LARGE');
        break;
      }
    }
  } catch (error) {
    const spanish = asSpanishUploadError(error);
    if (spanish instanceof DomainError && spanish.errores.length > 0) {
      for (const e of spanish.errores) refuse(e, spanish.code === 'ATTACHMENT_TOO_LARGE' ? 'ATTACHMENT_TOO_LARGE' : 'VALIDATION_FAILED');
    } else {
      await discardAttachments(attachments, storage);
      throw spanish;
    }
  }
  return { form: { fields, attachments }, errores: refused, codigo };
}

export async function discardAttachments(attachments: Array<{ clave: string }>, storage: AttachmentStorage): Promise<void> {
  await Promise.all(attachments.map((a) => storage.remove(a.clave)));
}

/** @fastify/multipart's own limit errors become Spanish ones that name the limit reached. */
function asSpanishUploadError(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return new AttachmentTooLargeError();
  if (code === 'FST_FILES_LIMIT') {
    return new ValidationFailedError([{ campo: 'adjuntos', mensaje: `adjunte como máximo ${MAX_ATTACHMENT_FILES} archivos` }]);
  }
  return error;
}

/** Reads a file part to its end without keeping it, so the parser moves on to the next part. */
async function drain(stream: Readable): Promise<void> {
  for await (const chunk of stream) void chunk;
}

/** Reads up to SNIFF_BYTES from a stream and gives back a stream that still yields every byte. */
async function sniff(stream: Readable): Promise<{ head: Buffer; rest: Readable; ended: boolean }> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* all(): AsyncGenerator<Buffer> {
    yield head;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, rest: Readable.from(all()), ended };
}
