import type Redis from 'ioredis';
import type { CitizenHarness } from '../support/citizen-harness';
import fixture from '../fixtures/reclamo-ejemplo.json';
import { randomLoopbackAddress, sendFrom } from '../support/from-address';

/**
 * Anti-abuse: per-IP limits on filing and on tracking, counted in Redis, one counter per bucket
 * whatever the route (the JSON API and the HTML page of the same action share it).
 * Configuration is read when the app's modules load, so this file sets the limits first and loads
 * the harness afterwards.
 *
 * Counters are per client address and live in the Redis every test file shares. The app believes
 * no X-Forwarded-For (TRUSTED_PROXIES is unset), so each test connects from a loopback address of
 * its own, drawn at random for each run from 127.0.0.0/8: no counter of another run or file is
 * ever read, and none needs deleting.
 */

/** The hoja as a browser without JavaScript posts it (multipart, radio values "si"/"no"). */
function formFields(): FormData {
  const { entidad: _entidad, ...hoja } = fixture as Record<string, unknown>;
  const form = new FormData();
  for (const [key, value] of Object.entries(hoja)) form.append(key, typeof value === 'boolean' ? (value ? 'si' : 'no') : String(value));
  form.append('sitioWeb', '');
  form.append('claveEnvio', `limite-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  return form;
}

describe('per-IP rate limits', () => {
  let h: CitizenHarness;
  const saved = { ...process.env };
  const TRACKING_LIMIT = 3;
  const FILING_LIMIT = 2;

  beforeAll(async () => {
    process.env.THROTTLE_ENABLED = 'true';
    process.env.THROTTLE_TRACKING_PER_MINUTE = String(TRACKING_LIMIT);
    process.env.THROTTLE_FILINGS_PER_MINUTE = String(FILING_LIMIT);
    delete process.env.TRUSTED_PROXIES;
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

  const trackApi = (from: string, headers: Record<string, string> = {}) =>
    sendFrom(from, `${h.baseUrl}/api/v1/reclamos/MINEDU-2026-999999?documento=12345678`, { headers: { accept: 'application/json', ...headers } });
  const trackPage = (from: string) =>
    sendFrom(from, `${h.baseUrl}/seguimiento`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams({ codigo: 'MINEDU-2026-999999', documento: '12345678' }).toString(),
    });
  const fileApi = (from: string) =>
    sendFrom(from, `${h.baseUrl}/api/v1/reclamos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fixture) });
  const filePage = (from: string) => sendFrom(from, `${h.baseUrl}/e/MINEDU`, { method: 'POST', headers: { accept: 'text/html' }, body: formFields() });

  it('answers 429 in Spanish after the tracking limit, and not before, with a standard Retry-After in seconds', async () => {
    const client = randomLoopbackAddress();
    const statuses: number[] = [];
    for (let i = 0; i < TRACKING_LIMIT; i++) statuses.push((await trackApi(client)).status);
    expect(statuses).toEqual([404, 404, 404]);
    const limited = await trackApi(client);
    expect(limited.status).toBe(429);
    expect((JSON.parse(limited.text) as { mensaje: string }).mensaje).toMatch(/demasiadas solicitudes/i);
    const retryAfter = limited.headers['retry-after'];
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    // Per address: another client is not limited by this one's requests.
    expect((await trackApi(randomLoopbackAddress())).status).toBe(404);
  });

  it('should not: a client that writes a different X-Forwarded-For on every request escapes the limit', async () => {
    const client = randomLoopbackAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await trackApi(client, { 'x-forwarded-for': `203.0.113.${i + 1}` })).status);
    expect(statuses.slice(0, TRACKING_LIMIT)).toEqual([404, 404, 404]);
    // 40 requests, 40 forwarded addresses: the 4th and every later one are refused.
    expect(statuses.slice(TRACKING_LIMIT)).toEqual(Array(40 - TRACKING_LIMIT).fill(429));
  });

  it('the tracking API and the tracking page count against one counter', async () => {
    const client = randomLoopbackAddress();
    expect((await trackApi(client)).status).toBe(404);
    expect((await trackApi(client)).status).toBe(404);
    expect((await trackPage(client)).status).toBe(404);
    // The limit (3) is reached across both routes: the page is refused now, and so is the API.
    const page = await trackPage(client);
    expect(page.status).toBe(429);
    expect(page.headers['retry-after']).toMatch(/^\d+$/);
    expect((await trackApi(client)).status).toBe(429);
  });

  it('the filing API and the filing form count against one counter, apart from tracking', async () => {
    const client = randomLoopbackAddress();
    expect((await fileApi(client)).status).toBe(201);
    expect((await filePage(client)).status).toBe(303);
    // Two filings (the limit), one by each route: a third is refused by either.
    expect((await fileApi(client)).status).toBe(429);
    const page = await filePage(client);
    expect(page.status).toBe(429);
    expect(page.text).toMatch(/demasiadas solicitudes/i);
    expect(page.headers['retry-after']).toMatch(/^\d+$/);
    // Tracking keeps its own allowance.
    expect((await trackApi(client)).status).toBe(404);
  });

  it('does not limit the entity search or the health check', async () => {
    const client = randomLoopbackAddress();
    for (let i = 0; i < 6; i++) expect((await sendFrom(client, `${h.baseUrl}/api/v1/entidades?q=edu`)).status).toBe(200);
    expect((await sendFrom(client, `${h.baseUrl}/health`)).status).toBe(200);
  });

  it('behind a trusted proxy, each forwarded client has its own counter', async () => {
    process.env.TRUSTED_PROXIES = '127.0.0.0/8';
    const { startCitizenApp } = await import('../support/citizen-harness');
    const behindProxy = await startCitizenApp(new Date('2026-11-23T15:00:00Z'));
    try {
      const proxy = randomLoopbackAddress();
      const [first, second] = [randomLoopbackAddress(), randomLoopbackAddress()].map((a) => a.replace(/^127\./, '198.'));
      const track = (forwardedFor: string) =>
        sendFrom(proxy, `${behindProxy.baseUrl}/api/v1/reclamos/MINEDU-2026-999999?documento=12345678`, { headers: { 'x-forwarded-for': forwardedFor } });
      for (let i = 0; i < TRACKING_LIMIT; i++) expect((await track(first)).status).toBe(404);
      expect((await track(first)).status).toBe(429);
      // The same proxy, another client: not limited by the first one's requests.
      expect((await track(second)).status).toBe(404);
    } finally {
      delete process.env.TRUSTED_PROXIES;
      await behindProxy.close();
    }
  });
});
