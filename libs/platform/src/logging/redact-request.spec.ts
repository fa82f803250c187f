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

  it('hides the document number of the citizen API, in the address and in the parsed query', () => {
    expect(withoutSecretsInUrl('/api/v1/reclamos/MINEDU-2026-000123/respuesta.pdf?documento=45871236')).toBe(
      '/api/v1/reclamos/MINEDU-2026-000123/respuesta.pdf?documento=[oculto]',
    );
    const logged = redactSerializedRequest({ url: '/api/v1/reclamos/X?documento=45871236', query: { documento: '45871236' } });
    expect(logged).toEqual({ url: '/api/v1/reclamos/X?documento=[oculto]', query: { documento: '[oculto]' } });
  });
});
