import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { CitizenHarness } from '../support/citizen-harness';
import fixture from '../fixtures/reclamo-ejemplo.json';

/**
 * Anti-abuse: per-IP limits on filing and on tracking, counted in Redis.
 * Configuration is read when the app's modules load, so this file sets the limits
 * first and loads the harness afterwards.
 *
 * Counters are per client address and live in the Redis every test file shares. The app trusts the
 * proxy's X-Forwarded-For (as behind the load balancer), so this file's requests come from an
 * address of its own, drawn at random for each run from 10.0.0.0/8: no counter of another run or
 * file is ever read, and none needs deleting.
 */
const [a, b, c] = randomBytes(3);
const CLIENT = { 'x-forwarded-for': `10.${a}.${b}.${c}` };

describe('per-IP rate limits', () => {
  let h: CitizenHarness;
  const saved = { ...process.env };

  beforeAll(async () => {
    process.env.THROTTLE_ENABLED = 'true';
    process.env.THROTTLE_TRACKING_PER_MINUTE = '3';
    process.env.THROTTLE_FILINGS_PER_MINUTE = '2';
    jest.resetModules();
    const { startCitizenApp } = await import('../support/citizen-harness');
    const { REDIS_CLIENT } = await import('@app/platform/redis');
    const { waitFor } = await import('../support/wait-for');
    h = await startCitizenApp(new Date('2026-11-23T15:00:00Z'));
    // The app listens before its Redis client has connected, and counts nothing until it has (the
    // limiter fails open by design): on a busy machine the first requests would go uncounted.
    const redis = h.app.get<symbol, Redis>(REDIS_CLIENT);
    await waitFor('el cliente Redis del limitador', () => redis.status === 'ready', 10_000, 20);
  });
  afterAll(async () => {
    await h.close();
    process.env = saved;
  });

  it('answers 429 in Spanish after the tracking limit, and not before', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await fetch(`${h.baseUrl}/api/v1/reclamos/MINEDU-2026-999999?documento=12345678`, { headers: CLIENT })).status);
    }
    expect(statuses.slice(0, 3)).toEqual([404, 404, 404]);
    const limited = await fetch(`${h.baseUrl}/api/v1/reclamos/MINEDU-2026-999999?documento=12345678`, { headers: CLIENT });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { mensaje: string }).mensaje).toMatch(/demasiadas solicitudes/i);
    // Per address: another client is not limited by this one's requests.
    const otro = { 'x-forwarded-for': `10.${a}.${b}.${c ^ 1}` };
    expect((await fetch(`${h.baseUrl}/api/v1/reclamos/MINEDU-2026-999999?documento=12345678`, { headers: otro })).status).toBe(404);
  });

  it('limits filings separately from tracking', async () => {
    const post = () =>
      fetch(`${h.baseUrl}/api/v1/reclamos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...CLIENT },
        body: JSON.stringify(fixture),
      });
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(429);
  });

  it('does not limit the entity search or the health check', async () => {
    for (let i = 0; i < 6; i++) expect((await fetch(`${h.baseUrl}/api/v1/entidades?q=edu`, { headers: CLIENT })).status).toBe(200);
    expect((await fetch(`${h.baseUrl}/health`, { headers: CLIENT })).status).toBe(200);
  });
});
