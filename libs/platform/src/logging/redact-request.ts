/**
 * E-mailed links carry single-use secrets in the query (`/restablecer?token=…`); a request log
 * must never hold them, nor the anti-CSRF header. Applied to pino-http's serialized request.
 */
const SECRET_QUERY = /([?&](?:token)=)[^&#]*/gi;
const SECRET_HEADERS = ['x-csrf-token'];

export function withoutSecretsInUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[oculto]');
}

export function redactSerializedRequest<T extends { url?: unknown; headers?: unknown; query?: unknown }>(req: T): T {
  const copy = { ...req };
  if (typeof copy.url === 'string') copy.url = withoutSecretsInUrl(copy.url);
  if (copy.query && typeof copy.query === 'object' && 'token' in copy.query) copy.query = { ...copy.query, token: '[oculto]' };
  if (copy.headers && typeof copy.headers === 'object') {
    const headers = { ...(copy.headers as Record<string, unknown>) };
    for (const name of SECRET_HEADERS) if (name in headers) headers[name] = '[oculto]';
    copy.headers = headers;
  }
  return copy;
}
