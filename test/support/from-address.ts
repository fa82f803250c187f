import { randomBytes } from 'node:crypto';
import { request } from 'node:http';

export interface AddressedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * A loopback address of its own (127.x.y.z, drawn at random): on Linux the whole 127.0.0.0/8 is
 * the loopback, so a test can connect *from* it and be a client no other test file or earlier run
 * shares, with no X-Forwarded-For (which the app no longer believes) and no trusted proxy.
 */
export function randomLoopbackAddress(): string {
  const [a, b, c] = randomBytes(3);
  return `127.${a}.${b}.${Math.max(2, c)}`;
}

/**
 * Sends one HTTP request from `localAddress` (node:http, because fetch cannot choose the source
 * address). A FormData body is encoded as fetch would (multipart, with its boundary).
 */
export async function sendFrom(
  localAddress: string,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | FormData } = {},
): Promise<AddressedResponse> {
  const headers: Record<string, string> = { ...options.headers };
  let body: Buffer | undefined;
  if (options.body instanceof FormData) {
    const encoded = new Response(options.body);
    body = Buffer.from(await encoded.arrayBuffer());
    headers['content-type'] = encoded.headers.get('content-type') ?? 'multipart/form-data';
  } else if (options.body !== undefined) {
    body = Buffer.from(options.body);
  }
  if (body) headers['content-length'] = String(body.length);
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: options.method ?? 'GET', headers, localAddress, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
