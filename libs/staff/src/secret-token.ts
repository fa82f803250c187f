import { createHash, randomBytes } from 'node:crypto';

/** A 256-bit random secret, URL-safe: session ids and e-mailed tokens. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps instead of the secret itself. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** A secret as the browser or an e-mail link carries it (43 base64url characters); anything else is not looked up. */
export function looksLikeSecretToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}
