import Redis from 'ioredis';
import type { CitizenHarness } from '../support/citizen-harness';
import fixture from '../fixtures/reclamo-ejemplo.json';

/**
 * Anti-abuse: per-IP limits on filing and on tracking, counted in Redis.
 * Configuration is read when the app's modules load, so this file sets the limits
 * first and loads the harness afterwards.
 */
describe('per-IP rate limits', () => {
  let h: CitizenHarness;
  const saved = { ...process.env };

  beforeAll(async () => {
    process.env.THROTTLE_ENABLED = 'true';
    process.env.THROTTLE_TRACKING_PER_MINUTE = '3';
    process.env.THROTTLE_FILINGS_PER_MINUTE = '2';
    jest.resetModules();
    const { startCitizenApp } = await import('../support/citizen-harness');
    h = await startCitizenApp(new Date('2026-11-23T15:00:00Z'));
    // Counters are per IP and live in Redis: start from a clean slate for this run.
    // Keys look like {<hash of the tracker>:<throttler name>}:hits|blocked.
    const redis = new Redis(process.env.REDIS_URL!);
    const existing = [...(await redis.keys('{*:tracking}:*')), ...(await redis.keys('{*:filing}:*'))];
    if (existing.length > 0) await redis.del(...existing);
    await redis.quit();
  });
  afterAll(async () => {
    await h.close();
    process.env = saved;
  });

  it('answers 429 in Spanish after the tracking limit, and not before', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await fetch(`${h.baseUrl}/api/v1/reclamos/MINEDU-2026-999999?documento=12345678`)).status);
    }
    expect(statuses.slice(0, 3)).toEqual([404, 404, 404]);
    const limited = await fetch(`${h.baseUrl}/api/v1/reclamos/MINEDU-2026-999999?documento=12345678`);
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { mensaje: string }).mensaje).toMatch(/demasiadas solicitudes/i);
  });

  it('limits filings separately from tracking', async () => {
    const post = () =>
      fetch(`${h.baseUrl}/api/v1/reclamos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fixture),
      });
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(429);
  });

  it('does not limit the entity search or the health check', async () => {
    for (let i = 0; i < 6; i++) expect((await fetch(`${h.baseUrl}/api/v1/entidades?q=edu`)).status).toBe(200);
    expect((await fetch(`${h.baseUrl}/health`)).status).toBe(200);
  });
});
