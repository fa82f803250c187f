import { QueryFailedError } from 'typeorm';
import { errorForLog, redactSerializedRequest, redactSerializedResponse, withoutSecretsInUrl } from './redact-request';

describe('request logs without secrets or personal data', () => {
  it('hides the value of every query parameter outside the allow-list, wherever it sits', () => {
    expect(withoutSecretsInUrl('/restablecer?token=abcDEF_123-xyz')).toBe('/restablecer?token=[oculto]');
    expect(withoutSecretsInUrl('/invitacion?a=1&token=abc&b=2')).toBe('/invitacion?a=[oculto]&token=[oculto]&b=[oculto]');
    expect(withoutSecretsInUrl('/api/v1/reclamos/MINEDU-2026-000001?documento=45871236')).toBe('/api/v1/reclamos/MINEDU-2026-000001?documento=[oculto]');
    expect(withoutSecretsInUrl('/reclamos/MINEDU-2026-000001/constancia?t=AbC')).toBe('/reclamos/MINEDU-2026-000001/constancia?t=[oculto]');
    expect(withoutSecretsInUrl('/bandeja?q=Mar%C3%ADa+Quispe&estado=registrado&pagina=2')).toBe('/bandeja?q=[oculto]&estado=registrado&pagina=2');
    expect(withoutSecretsInUrl('/x?email=a%40b.pe&nombres=Ana&telefono=987654321&DOCUMENTO=1')).toBe(
      '/x?email=[oculto]&nombres=[oculto]&telefono=[oculto]&DOCUMENTO=[oculto]',
    );
    expect(withoutSecretsInUrl('/x?documento')).toBe('/x?documento=[oculto]');
    expect(withoutSecretsInUrl('/inicio')).toBe('/inicio');
    expect(withoutSecretsInUrl('/x?t=secreto#frag')).toBe('/x?t=[oculto]');
  });

  it('hides the anti-CSRF header, cookies and the query of a Referer, without touching the request itself', () => {
    const headers = { 'x-csrf-token': 'secreto', accept: 'application/json', referer: 'http://localhost/constancia?t=abc', cookie: 'sesion=x' };
    const logged = redactSerializedRequest({ url: '/api/v1/sesion?token=x&pagina=1', query: { token: 'x', pagina: '1' }, headers, body: { email: 'a@b.pe' } });
    expect(logged).toEqual({
      url: '/api/v1/sesion?token=[oculto]&pagina=1',
      query: { token: '[oculto]', pagina: '1' },
      headers: { 'x-csrf-token': '[oculto]', accept: 'application/json', referer: 'http://localhost/constancia?t=[oculto]', cookie: '[oculto]' },
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

  it('hides the token in a redirect Location and the cookies a response sets', () => {
    expect(redactSerializedResponse({ statusCode: 303, headers: { location: '/reclamos/X-2026-000001/constancia?t=abc', 'set-cookie': 'sesion=1' } })).toEqual({
      statusCode: 303,
      headers: { location: '/reclamos/X-2026-000001/constancia?t=[oculto]', 'set-cookie': '[oculto]' },
    });
  });
});

describe('error logs without SQL parameters', () => {
  it('keeps the SQLSTATE code, constraint and table of a QueryFailedError, never its parameters, query detail or row', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "uq_persona_email"'), {
      code: '23505',
      constraint: 'uq_persona_email',
      table: 'persona_reclamo',
      detail: 'Key (email)=(maria.quispe@correo.pe) already exists.',
      parameters: ['María', 'Quispe', '45871236', 'maria.quispe@correo.pe', '987654321', 'Av. Los Olivos 123'],
    });
    const error = new QueryFailedError('INSERT INTO persona_reclamo (nombres, apellidos, numero_documento, email) VALUES ($1, $2, $3, $4)', ['María', 'Quispe', '45871236', 'maria.quispe@correo.pe', '987654321', 'Av. Los Olivos 123'], driverError);
    const logged = errorForLog(error);
    expect(logged).toMatchObject({ type: 'QueryFailedError', code: '23505', constraint: 'uq_persona_email', table: 'persona_reclamo' });
    const text = JSON.stringify(logged);
    for (const datum of ['María', 'Quispe', '45871236', 'maria.quispe@correo.pe', '987654321', 'Olivos', 'VALUES']) expect(text).not.toContain(datum);
  });

  it('masks the value PostgreSQL quotes in a message and e-mail addresses anywhere', () => {
    const logged = errorForLog(new Error('invalid input syntax for type uuid: "45871236-ana@correo.pe"')) as { message: string };
    expect(logged.message).toBe('invalid input syntax for type uuid: "[oculto]"');
    expect((errorForLog(new Error('550 5.1.1 <ana.perez@correo.pe>: Recipient address rejected')) as { message: string }).message).not.toContain('ana.perez');
  });
});

describe('error logs through pino', () => {
  it('cleans what pino\'s standard serializer made of the error, and cleans an already clean error to itself', () => {
    const error = new QueryFailedError('SELECT $1', ['45871236'], Object.assign(new Error('boom'), { code: '22P02', detail: 'Failing row contains (45871236).' }));
    const standard = { type: 'QueryFailedError', message: error.message, stack: error.stack, query: error.query, parameters: error.parameters, driverError: error.driverError };
    const logged = errorForLog(standard);
    expect(JSON.stringify(logged)).not.toContain('45871236');
    expect(logged).toMatchObject({ type: 'QueryFailedError', code: '22P02' });
    expect(errorForLog(logged)).toEqual(logged);
  });
});
