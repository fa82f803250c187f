import { csrfTokenFor, isCrossSiteRequest, isStateChanging, isValidCsrfToken } from './csrf';

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

describe('sign-in from another site (login CSRF)', () => {
  const OWN = 'https://backoffice.reclamos.gob.pe';

  it('passes a same-origin form, a typed address and clients that send neither header', () => {
    expect(isCrossSiteRequest({ 'sec-fetch-site': 'same-origin', origin: OWN }, OWN)).toBe(false);
    expect(isCrossSiteRequest({ 'sec-fetch-site': 'none' }, OWN)).toBe(false);
    expect(isCrossSiteRequest({ origin: OWN }, OWN)).toBe(false);
    expect(isCrossSiteRequest({ origin: 'http://127.0.0.1:3001', host: '127.0.0.1:3001' }, OWN)).toBe(false);
    expect(isCrossSiteRequest({}, OWN)).toBe(false);
  });

  it('refuses another site, a sibling subdomain and an opaque origin', () => {
    expect(isCrossSiteRequest({ 'sec-fetch-site': 'cross-site', origin: 'https://atacante.example' }, OWN)).toBe(true);
    expect(isCrossSiteRequest({ 'sec-fetch-site': 'same-site', origin: 'https://otro.reclamos.gob.pe' }, OWN)).toBe(true);
    expect(isCrossSiteRequest({ origin: 'https://atacante.example', host: 'backoffice.reclamos.gob.pe' }, OWN)).toBe(true);
    expect(isCrossSiteRequest({ origin: 'null', host: 'backoffice.reclamos.gob.pe' }, OWN)).toBe(true);
  });
});
