/**
 * Imported first by the notifications integration test: the app under test must point at the
 * test's own redis-server (which the test stops and starts), and configuration is read when the
 * config module is first imported, so the port is chosen here, before any app module loads.
 * Throttling is on (with a high limit) so filing while Redis is down exercises its fail-open path.
 */
const port = 21000 + (process.pid % 20000);

export const NOTIFICATIONS_REDIS_PORT = port;
process.env.REDIS_URL = `redis://127.0.0.1:${port}/0`;
process.env.THROTTLE_ENABLED = 'true';
process.env.THROTTLE_FILINGS_PER_MINUTE = '10000';
// Filing while Redis is down logs a warning per request by design (fail-open); keep the output readable.
process.env.LOG_LEVEL = 'error';
