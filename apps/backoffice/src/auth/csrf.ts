import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where a page form carries the token; the JSON API sends it in the header instead. */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The anti-CSRF token of a session: an HMAC of the session's secret, so it needs no storage,
 * changes with every session, and cannot be computed by a page on another site (which can
 * neither read the HTTP-only cookie nor knows the server's secret).
 */
export function csrfTokenFor(secret: string, sessionToken: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionToken}`).digest('base64url');
}

export function isValidCsrfToken(secret: string, sessionToken: string, candidate: unknown): boolean {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 100) return false;
  const expected = Buffer.from(csrfTokenFor(secret, sessionToken));
  const given = Buffer.from(candidate);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** The request headers a browser sets itself, which a page on another site cannot forge. */
export interface OriginHeaders {
  'sec-fetch-site'?: string | string[];
  origin?: string | string[];
  host?: string | string[];
}

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * Whether a request was sent by a page of another site (login CSRF: a foreign page that signs the
 * victim in to the attacker's account, whose later actions the attacker then reads). There is no
 * session yet to bind a token to, so the browser's own headers decide: `Sec-Fetch-Site` when sent
 * (only `same-origin`, or `none` for a typed address, pass), otherwise `Origin` (this site's
 * configured origin or the Host the request was sent to). Neither header (curl, a script, a very
 * old browser) is not a cross-site browser request and passes.
 */
export function isCrossSiteRequest(headers: OriginHeaders, ownOrigin: string): boolean {
  const site = first(headers['sec-fetch-site']);
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = first(headers.origin);
  if (origin === undefined) return false;
  if (origin === ownOrigin) return false;
  try {
    return new URL(origin).host !== first(headers.host);
  } catch {
    return true; // `Origin: null` (a sandboxed frame, a redirect across sites) and anything unparsable
  }
}
