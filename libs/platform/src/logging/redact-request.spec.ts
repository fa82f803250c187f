import { redactSerializedRequest, withoutSecretsInUrl } from './redact-request';

describe('request logs without secrets', () => {
  it('hides the token of an e-mailed link, wherever it sits in the query', () => {
    expect(withoutSecretsInUrl('/restablecer?token=abcDEF_123-xyz')).toBe('/restablecer?token=[oculto]');
    expect(withoutSecretsInUrl('/invitacion?a=1&token=abc&b=2')).toBe('/invitacion?a=1&token=[oculto]&b=2');
    expect(withoutSecretsInUrl('/inicio')).toBe('/inicio');
  });

  it('hides the anti-CSRF header without touching the request itself', () => {
    const headers = { 'x-csrf-token': 'secreto', accept: 'application/json' };
    const logged = redactSerializedRequest({ url: '/api/v1/sesion?token=x', query: { token: 'x', a: '1' }, headers });
    expect(logged).toEqual({
      url: '/api/v1/sesion?token=[oculto]',
      query: { token: '[oculto]', a: '1' },
      headers: { 'x-csrf-token': '[oculto]', accept: 'application/json' },
    });
    expect(headers['x-csrf-token']).toBe('secreto');
  });
});
