import { csrfTokenFor, isStateChanging, isValidCsrfToken } from './csrf';

const SECRET = 'secreto-de-prueba-0123456789-0123456789';
const SESSION = 'A'.repeat(43);

describe('CSRF token bound to the session', () => {
  it('accepts the token of this session', () => {
    expect(isValidCsrfToken(SECRET, SESSION, csrfTokenFor(SECRET, SESSION))).toBe(true);
  });

  it('refuses a missing, empty, foreign or forged token', () => {
    expect(isValidCsrfToken(SECRET, SESSION, undefined)).toBe(false);
    expect(isValidCsrfToken(SECRET, SESSION, '')).toBe(false);
    expect(isValidCsrfToken(SECRET, SESSION, csrfTokenFor(SECRET, 'B'.repeat(43)))).toBe(false);
    expect(isValidCsrfToken(SECRET, SESSION, csrfTokenFor('otro-secreto', SESSION))).toBe(false);
    expect(isValidCsrfToken(SECRET, SESSION, ['array'])).toBe(false);
  });

  it('differs per session and is stable within one', () => {
    expect(csrfTokenFor(SECRET, SESSION)).toBe(csrfTokenFor(SECRET, SESSION));
    expect(csrfTokenFor(SECRET, SESSION)).not.toBe(csrfTokenFor(SECRET, 'C'.repeat(43)));
  });

  it('treats only GET, HEAD and OPTIONS as safe', () => {
    expect(['GET', 'head', 'OPTIONS'].map(isStateChanging)).toEqual([false, false, false]);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].map(isStateChanging)).toEqual([true, true, true, true]);
  });
});
