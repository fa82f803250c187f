import { Readable } from 'node:stream';
import { DomainError } from '@app/domain';
import { AttachmentStorage } from './attachment-storage';
import { ALLOWED_TYPES_DESCRIPTION, detectAcceptedType, SNIFF_BYTES } from './attachment-type';
import { AttachmentTooLargeError } from './local-directory.storage';

export const MAX_TOTAL_ATTACHMENT_BYTES = 20 * 1024 * 1024;

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
  let total = 0;
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        fields[part.fieldname] = typeof part.value === 'string' ? part.value : JSON.stringify(part.value ?? '');
        continue;
      }
      const { head, rest, ended } = await sniff(part.file);
      // An empty file input in a form without JavaScript sends an empty part: not an attachment.
      if (ended && head.length === 0) continue;
      const type = detectAcceptedType(head, part.filename);
      if (!type) {
        rest.destroy();
        throw new DomainError('ATTACHMENT_TYPE_NOT_ALLOWED', `El archivo «${part.filename}» no es de un tipo permitido.`, [
          { campo: 'adjuntos', mensaje: `«${part.filename}» no es de un tipo permitido; se aceptan ${ALLOWED_TYPES_DESCRIPTION}` },
        ]);
      }
      const stored = await storage.save(rest, MAX_TOTAL_ATTACHMENT_BYTES - total);
      attachments.push({ ...stored, nombreOriginal: part.filename || 'adjunto', tipoMime: type.mime });
      total += stored.bytes;
      if (part.file.truncated) throw new AttachmentTooLargeError();
    }
  } catch (error) {
    await discardAttachments(attachments, storage);
    throw asSpanishUploadError(error);
  }
  return { fields, attachments };
}

export async function discardAttachments(attachments: Array<{ clave: string }>, storage: AttachmentStorage): Promise<void> {
  await Promise.all(attachments.map((a) => storage.remove(a.clave)));
}

/** @fastify/multipart's own limit errors become the same Spanish 413 as ours. */
function asSpanishUploadError(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
    return new AttachmentTooLargeError();
  }
  return error;
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
