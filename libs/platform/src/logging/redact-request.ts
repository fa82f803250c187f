/**
 * E-mailed links carry single-use secrets in the query (`/restablecer?token=…`), and the citizen's
 * API takes the filer's document number there (`/api/v1/reclamos/<código>?documento=…`): a request
 * log must never hold them (Ley 29733: logs carry codes and ids, not personal data), nor the
 * anti-CSRF header. Applied to pino-http's serialized request.
 */
const SECRET_QUERY = /([?&](?:token|documento)=)[^&#]*/gi;
const SECRET_QUERY_KEYS = ['token', 'documento'];
const SECRET_HEADERS = ['x-csrf-token'];

export function withoutSecretsInUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[oculto]');
}

export function redactSerializedRequest<T extends { url?: unknown; headers?: unknown; query?: unknown }>(req: T): T {
  const copy = { ...req };
  if (typeof copy.url === 'string') copy.url = withoutSecretsInUrl(copy.url);
  if (copy.query && typeof copy.query === 'object') {
    const query = { ...(copy.query as Record<string, unknown>) };
    for (const key of SECRET_QUERY_KEYS) if (key in query) query[key] = '[oculto]';
    copy.query = query;
  }
  if (copy.headers && typeof copy.headers === 'object') {
    const headers = { ...(copy.headers as Record<string, unknown>) };
    for (const name of SECRET_HEADERS) if (name in headers) headers[name] = '[oculto]';
    copy.headers = headers;
  }
  return copy;
}
