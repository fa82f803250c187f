import { randomBytes } from 'node:crypto';
import { EnvironmentError, validateEnvironment, weakSecretReason } from './environment';

/** The message validateEnvironment stops with, or null when it accepts the variables. */
function refusalOf(raw: Record<string, unknown>): string | null {
  try {
    validateEnvironment(raw);
    return null;
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    return error.message;
  }
}

describe('environment', () => {
  it('needs nothing else set to run locally in development', () => {
    const env = validateEnvironment({ NODE_ENV: 'development' });
    expect(env.CITIZEN_PORT).toBe(3000);
    expect(env.BACKOFFICE_PORT).toBe(3001);
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\//);
  });

  it('converts numbers and booleans from strings', () => {
    const env = validateEnvironment({ NODE_ENV: 'development', CITIZEN_PORT: '4000', THROTTLE_ENABLED: 'false' });
    expect(env.CITIZEN_PORT).toBe(4000);
    expect(env.THROTTLE_ENABLED).toBe(false);
  });

  it('lists every bad variable at once', () => {
    expect(() => validateEnvironment({ CITIZEN_PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(
      EnvironmentError,
    );
    try {
      validateEnvironment({ CITIZEN_PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('CITIZEN_PORT');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('LOG_LEVEL');
    }
  });

  it('refuses the development session secret in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
  });

  describe('SESSION_SECRET in production: 32 random bytes or the process does not start', () => {
    it.each([
      ['one character', 'x'],
      ['31 random bytes in hex (62 characters)', randomBytes(31).toString('hex')],
      ['31 random bytes in base64url (42 characters)', randomBytes(31).toString('base64url')],
      ['a long run of one character', 'a'.repeat(80)],
      ['a long run of two characters', 'ab'.repeat(40)],
      ['the development secret with something appended', 'desarrollo-local-cambie-este-secreto-en-produccion-0123456789-otro'],
    ])('refuses %s, naming the variable in Spanish', (_, secret) => {
      expect(refusalOf({ NODE_ENV: 'production', SESSION_SECRET: secret })).toMatch(/SESSION_SECRET: en producción .*(32 bytes|aleatorio|desarrollo)/);
    });

    it.each([
      ['32 random bytes in hex', randomBytes(32).toString('hex')],
      ['32 random bytes in base64', randomBytes(32).toString('base64')],
      ['48 random bytes in base64url', randomBytes(48).toString('base64url')],
    ])('accepts %s', (_, secret) => {
      expect(weakSecretReason(secret)).toBeNull();
      expect(validateEnvironment({ NODE_ENV: 'production', SESSION_SECRET: secret }).SESSION_SECRET).toBe(secret);
    });

    it('development and test keep accepting the local default', () => {
      expect(refusalOf({ NODE_ENV: 'development' })).toBeNull();
      expect(refusalOf({ NODE_ENV: 'test' })).toBeNull();
    });
  });

  describe('NODE_ENV unset fails closed', () => {
    it('is production, so the default secret stops start-up with a hint to set NODE_ENV for local work', () => {
      const message = refusalOf({});
      expect(message).toMatch(/SESSION_SECRET/);
      expect(message).toMatch(/NODE_ENV no está definido.*NODE_ENV=development/);
      expect(refusalOf({ NODE_ENV: '' })).toMatch(/SESSION_SECRET/);
    });

    it('with a strong secret it starts, as production', () => {
      const env = validateEnvironment({ SESSION_SECRET: randomBytes(32).toString('base64url') });
      expect(env.NODE_ENV).toBe('production');
    });

    it('refuses an unknown value in Spanish', () => {
      expect(refusalOf({ NODE_ENV: 'prod', SESSION_SECRET: randomBytes(32).toString('hex') })).toMatch(/NODE_ENV debe ser development, test o production/);
    });
  });

  describe('TRUSTED_PROXIES', () => {
    it('is empty by default: no proxy is believed', () => {
      expect(validateEnvironment({ NODE_ENV: 'test' }).TRUSTED_PROXIES).toEqual([]);
    });

    it('takes a comma-separated list of IPs and CIDRs, IPv4 and IPv6', () => {
      const env = validateEnvironment({ NODE_ENV: 'test', TRUSTED_PROXIES: ' 10.0.0.5, 10.1.0.0/16,::1,fd00::/8 ' });
      expect(env.TRUSTED_PROXIES).toEqual(['10.0.0.5', '10.1.0.0/16', '::1', 'fd00::/8']);
    });

    it.each(['*', 'true', 'todos', '10.0.0.0/33', '300.1.1.1', '10.0.0.1/8/8', 'loopback'])('refuses «%s» with a Spanish message', (value) => {
      expect(refusalOf({ NODE_ENV: 'test', TRUSTED_PROXIES: value })).toMatch(/TRUSTED_PROXIES: «.+» no es una IP o un CIDR/);
    });
  });

  describe('DATABASE_REPLICA_URL', () => {
    it('is optional: unset, there is no replica', () => {
      expect(validateEnvironment({ NODE_ENV: 'development' }).DATABASE_REPLICA_URL).toBeUndefined();
      expect(validateEnvironment({ NODE_ENV: 'development', DATABASE_REPLICA_URL: '' }).DATABASE_REPLICA_URL).toBeUndefined();
    });

    it('takes a postgres:// URL of another server', () => {
      const env = validateEnvironment({ NODE_ENV: 'development', DATABASE_REPLICA_URL: 'postgresql://lector:cl%40ve@replica.interna:5432/reclamos' });
      expect(env.DATABASE_REPLICA_URL).toBe('postgresql://lector:cl%40ve@replica.interna:5432/reclamos');
    });

    it.each([
      ['another scheme', 'mysql://replica/reclamos', /DATABASE_REPLICA_URL debe ser una URL postgres/],
      ['a slash in the password, unencoded', 'postgres://lector:a/b@replica:5432/reclamos', /DATABASE_REPLICA_URL: no es una URL válida/],
      ['a port that is not a number', 'postgres://replica:cinco/reclamos', /DATABASE_REPLICA_URL: no es una URL válida/],
      ['no host', 'postgres:///reclamos', /DATABASE_REPLICA_URL: le falta el servidor/],
      ['no database', 'postgres://replica:5432', /DATABASE_REPLICA_URL: le falta el nombre de la base/],
      ['the primary itself', 'postgres://postgres:postgres@127.0.0.1:5432/reclamos', /DATABASE_REPLICA_URL: es la misma que DATABASE_URL/],
    ])('refuses %s, naming the variable', (_, url, message) => {
      expect(refusalOf({ NODE_ENV: 'development', DATABASE_REPLICA_URL: url })).toMatch(message);
    });
  });
});
