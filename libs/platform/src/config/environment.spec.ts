import { EnvironmentError, validateEnvironment } from './environment';

describe('environment', () => {
  it('needs nothing set to run locally', () => {
    const env = validateEnvironment({});
    expect(env.CITIZEN_PORT).toBe(3000);
    expect(env.BACKOFFICE_PORT).toBe(3001);
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\//);
  });

  it('converts numbers and booleans from strings', () => {
    const env = validateEnvironment({ CITIZEN_PORT: '4000', THROTTLE_ENABLED: 'false' });
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
});
