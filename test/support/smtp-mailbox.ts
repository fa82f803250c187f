import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  to: string[];
  raw: Buffer;
}

/**
 * A real SMTP server inside the test process (smtp-server): it keeps what it accepted, can be
 * stopped and started again on the same port, refuses chosen recipients at RCPT with a 550, and
 * can hold its final reply to DATA (the "250 accepted" a sender waits for).
 *
 * A held message is accepted only if its sender is still connected when it is released: a sender
 * killed before the 250 never handed the message over, as with a real MTA.
 */
export class SmtpMailbox {
  readonly received: ReceivedMail[] = [];
  readonly rejected = new Set<string>();
  private server: SMTPServer | null = null;
  private holding = false;
  private readonly held: Array<() => void> = [];
  port = 0;

  async start(port = this.port): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 30 * 1024 * 1024,
      onRcptTo: (address, _session, callback) => {
        if (this.rejected.has(address.address.toLowerCase())) {
          const error = new Error('5.1.1 Buzón inexistente') as Error & { responseCode: number };
          error.responseCode = 550;
          callback(error);
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          const accept = (): void => {
            const match = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw.toString('latin1'));
            this.received.push({ messageId: match?.[1] ?? '', to: session.envelope.rcptTo.map((r) => r.address), raw });
            callback();
          };
          if (this.holding) this.held.push(accept);
          else accept();
        });
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
  }

  /** Closes the listener and drops open connections at once (a server that went down). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    const connections = (server as unknown as { connections: Set<{ close(): void }> }).connections;
    for (const connection of connections ?? []) connection.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** From now on, messages wait for `release()` before being accepted. */
  hold(): void {
    this.holding = true;
  }

  get heldCount(): number {
    return this.held.length;
  }

  /** Drops the held messages without accepting them (their senders are gone). */
  discardHeld(): void {
    this.held.length = 0;
    this.holding = false;
  }

  countByMessageId(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const mail of this.received) counts.set(mail.messageId, (counts.get(mail.messageId) ?? 0) + 1);
    return counts;
  }
}

/** The Subject header, unfolded and with its RFC 2047 encoded words decoded. */
export function subjectOf(mail: ReceivedMail): string {
  const head = mail.raw.toString('latin1').split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  const raw = /^Subject:\s*(.*)$/im.exec(head)?.[1] ?? '';
  return raw
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

/** Attachments' file names and types, read from the MIME part headers. */
export function attachmentsOf(mail: ReceivedMail): Array<{ contentType: string; filename: string }> {
  const text = mail.raw.toString('latin1');
  const parts: Array<{ contentType: string; filename: string }> = [];
  for (const match of text.matchAll(/Content-Type:\s*([^;\r\n]+)(?:(?!\r?\n\r?\n)[^])*?Content-Disposition:\s*attachment;\s*filename="?([^"\r\n]+)"?/gi)) {
    parts.push({ contentType: match[1].trim().toLowerCase(), filename: match[2] });
  }
  return parts;
}

/** A body part decoded from its Content-Transfer-Encoding (quoted-printable, base64 or as is), as UTF-8. */
function decodePart(headers: string, body: string): string {
  const encoding = /^Content-Transfer-Encoding:\s*([^\s;]+)/im.exec(headers)?.[1]?.toLowerCase() ?? '7bit';
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9a-f]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return Buffer.from(body, 'latin1').toString('utf8');
}

/** The decoded text of the message's first `text/plain` (or `text/html`) part, with CRLF as LF. */
export function bodyOf(mail: ReceivedMail, type: 'text/plain' | 'text/html' = 'text/plain'): string {
  const raw = mail.raw.toString('latin1');
  for (const part of raw.split(/\r?\n--[^\r\n]+\r?\n/)) {
    const split = /\r?\n\r?\n/.exec(part);
    if (!split) continue;
    const headers = part.slice(0, split.index).replace(/\r?\n[ \t]+/g, ' ');
    if (!new RegExp(`^Content-Type:\\s*${type.replace('/', '\\/')}`, 'im').test(headers)) continue;
    const body = part.slice(split.index + split[0].length).replace(/\r?\n--[^\r\n]*--\s*$/, '');
    return decodePart(headers, body).replace(/\r\n/g, '\n');
  }
  return '';
}
