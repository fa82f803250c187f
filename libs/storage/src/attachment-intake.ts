import { Readable } from 'node:stream';
import { DomainError, EntradaRechazadaError, FieldError, revisarTexto, ValidationFailedError } from '@app/domain';
import { AttachmentStorage } from './attachment-storage';
import { ALLOWED_TYPES_DESCRIPTION, detectAcceptedType, SNIFF_BYTES } from './attachment-type';
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

/**
 * Reads a multipart filing as it streams in: fields into a map, each file checked by its
 * first bytes and written to storage while the running total is kept under 20 MB.
 * Nothing is held whole in memory; on any error every file already stored is removed.
 */
export async function receiveMultipart(parts: AsyncIterable<IncomingPart>, storage: AttachmentStorage): Promise<ReceivedForm> {
  const fields: Record<string, string> = {};
  const attachments: ReceivedAttachment[] = [];
  // Refused texts are gathered, not thrown at once, so the whole form is read and a page can show
  // it again with everything the person wrote (EntradaRechazadaError carries the fields).
  const refused: FieldError[] = [];
  let total = 0;
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        const raw = typeof part.value === 'string' ? part.value : JSON.stringify(part.value ?? '');
        const { texto, problema } = revisarTexto(raw);
        if (problema) refused.push({ campo: part.fieldname, mensaje: problema });
        fields[part.fieldname] = texto;
        continue;
      }
      const nombre = revisarTexto(part.filename ?? '');
      const { head, rest, ended } = await sniff(part.file);
      if (ended && head.length === 0) {
        // A file input left empty in a form without JavaScript sends a part with no name and no bytes:
        // not an attachment. A named file with no bytes is one the person meant to send; say so.
        if (nombre.texto === '') continue;
        throw new ValidationFailedError([{ campo: 'adjuntos', mensaje: `«${nombre.texto}» está vacío (0 bytes); adjúntelo de nuevo o quítelo` }]);
      }
      if (nombre.problema) {
        await drain(rest);
        refused.push({ campo: 'adjuntos', mensaje: `el nombre del archivo «${nombre.texto}» ${nombre.problema}; cámbielo antes de adjuntarlo` });
        continue;
      }
      const type = detectAcceptedType(head, nombre.texto);
      if (!type) {
        rest.destroy();
        throw new DomainError('ATTACHMENT_TYPE_NOT_ALLOWED', `El archivo «${nombre.texto}» no es de un tipo permitido.`, [
          { campo: 'adjuntos', mensaje: `«${nombre.texto}» no es de un tipo permitido; se aceptan ${ALLOWED_TYPES_DESCRIPTION}` },
        ]);
      }
      const stored = await storage.save(rest, MAX_TOTAL_ATTACHMENT_BYTES - total);
      attachments.push({ ...stored, nombreOriginal: nombre.texto || 'adjunto', tipoMime: type.mime });
      total += stored.bytes;
      if (part.file.truncated) throw new AttachmentTooLargeError();
    }
    if (refused.length > 0) throw new EntradaRechazadaError(refused, fields);
  } catch (error) {
    await discardAttachments(attachments, storage);
    throw asSpanishUploadError(error);
  }
  return { fields, attachments };
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
