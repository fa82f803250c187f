import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { setTimeout as esperar } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { ConfigService } from '@nestjs/config';
import { buildDataSourceOptions } from '@app/persistence';
import { Environment } from '@app/platform/config';
import { EstadoDeCierre } from '@app/platform/health';
import fixture from '../fixtures/reclamo-ejemplo.json';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, uniqueCode } from '../support/db';
import { TEST_DATABASE_URL } from '../support/test-env';

const DRENAJE_MS = 1500;

/** A POST whose body is written in two halves, the second when the test says: a request in flight. */
function filingEnDosPartes(baseUrl: string, cuerpo: string) {
  const url = new URL('/api/v1/reclamos', baseUrl);
  const bytes = Buffer.from(cuerpo);
  let resolver: (r: { status: number; body: string }) => void = () => undefined;
  let rechazar: (e: Error) => void = () => undefined;
  const respuesta = new Promise<{ status: number; body: string }>((res, rej) => ((resolver = res), (rechazar = rej)));
  const req = request(
    { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent: false,
      headers: { 'content-type': 'application/json', 'content-length': bytes.length, 'idempotency-key': randomUUID() } },
    (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolver({ status: res.statusCode ?? 0, body }));
    },
  );
  req.on('error', rechazar);
  req.write(bytes.subarray(0, bytes.length >> 1));
  return { respuesta, terminar: () => req.end(bytes.subarray(bytes.length >> 1)) };
}

describe('graceful shutdown: out of rotation first, requests in flight finish, nothing half-written', () => {
  let h: CitizenHarness;
  let entidad: { id: string; codigo: string; sedeId: string; unidadId: string; servicioId: string };
  let cerrada = false;

  beforeAll(async () => {
    // The real class with a drain long enough to look at the instance while it drains.
    const config = { get: () => DRENAJE_MS } as unknown as ConfigService<Environment, true>;
    h = await startCitizenApp(new Date('2026-11-23T15:00:00Z'), { overrides: [{ provide: EstadoDeCierre, useValue: new EstadoDeCierre(config) }] });
    entidad = await createTestEntidad(h.dataSource, uniqueCode('CIE'));
  });
  afterAll(async () => {
    if (!cerrada) await h.close();
  });

  it('answers liveness and readiness apart', async () => {
    const live = await fetch(`${h.baseUrl}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${h.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { cierre: { status: 'up' }, database: { status: 'up' }, redis: { status: 'up' } } });
    expect((await fetch(`${h.baseUrl}/health`)).status).toBe(200);
  });

  it('on shutdown: ready 503 while draining, live 200, then no new connections, and the filing in flight commits whole', async () => {
    const hoja = { ...fixture, entidad: entidad.codigo, sedeId: entidad.sedeId, unidadId: entidad.unidadId, servicioId: entidad.servicioId };
    const enVuelo = filingEnDosPartes(h.baseUrl, JSON.stringify(hoja));
    await esperar(100);
    const cierre = h.app.close();
    cerrada = true;
    await esperar(200);

    const ready = await fetch(`${h.baseUrl}/health/ready`, { headers: { connection: 'close' } });
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'error', error: { cierre: { status: 'down' } } });
    expect((await fetch(`${h.baseUrl}/health/live`, { headers: { connection: 'close' } })).status).toBe(200);

    // Past the drain the server no longer listens: a new connection is refused…
    await esperar(DRENAJE_MS);
    await expect(fetch(`${h.baseUrl}/health/live`, { headers: { connection: 'close' } })).rejects.toThrow();
    // …while the request that was in flight is still served, with the database still there.
    enVuelo.terminar();
    const { status, body } = await enVuelo.respuesta;
    expect(status).toBe(201);
    const { codigo } = JSON.parse(body) as { codigo: string };
    await cierre;

    const ds = new DataSource(buildDataSourceOptions(TEST_DATABASE_URL, 1));
    await ds.initialize();
    try {
      const filas: Array<{ eventos: number; personas: number; mensajes: number }> = await ds.query(
        `SELECT (SELECT count(*)::int FROM reclamo_evento e WHERE e.reclamo_id = r.id) AS eventos,
                (SELECT count(*)::int FROM reclamo_persona p WHERE p.reclamo_id = r.id) AS personas,
                (SELECT count(*)::int FROM outbox o WHERE o.reclamo_id = r.id) AS mensajes
           FROM reclamo r WHERE r.codigo = $1`,
        [codigo],
      );
      expect(filas).toEqual([{ eventos: 1, personas: 1, mensajes: 1 }]);
    } finally {
      await ds.destroy();
    }
  });
});
