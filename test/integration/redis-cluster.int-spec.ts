import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { Job, Queue, Worker } from 'bullmq';
import { randomUUID } from 'node:crypto';



import { Cluster } from 'ioredis';
import { Environment, validateEnvironment } from '@app/platform/config';
import { QueueRootModule } from '@app/platform/queue';
import { conectarRedis } from '@app/platform/redis';
import fixture from '../fixtures/reclamo-ejemplo.json';
import { CitizenHarness, startCitizenApp } from '../support/citizen-harness';
import { createTestEntidad, uniqueCode } from '../support/db';
import { RedisCluster } from '../support/redis-cluster';

import { waitFor } from '../support/wait-for';


/**
 * A Redis Cluster of three masters started here from the system's redis-server, on spare loopback
 * ports (the shared Redis is left alone), and the platform on it (REDIS_CLUSTER_NODES): the rate limiter
 * and health of the real citizen app, and BullMQ queues under the hash-tagged prefix `{reclamos}`,
 * whose keys must share one slot for its Lua scripts.
 */
describe('Redis Cluster (3 masters): the apps and the queues on it (real redis-server processes)', () => {
  const cluster = new RedisCluster();
  let env: Environment;

  const nodos = () => cluster.clients();

  beforeAll(async () => {
    await cluster.start();
    // Rate limits on (the tests' default is off): their counters are what the app keeps in Redis.
    env = validateEnvironment({ ...process.env, THROTTLE_ENABLED: 'true', REDIS_CLUSTER_NODES: cluster.nodes });
  }, 60_000);

  afterAll(() => {
    cluster.stop();
  });

  it('the shared client is a Cluster that spreads keys over the three masters', async () => {
    const cliente = conectarRedis(env, { maxRetriesPerRequest: 1 });
    try {
      expect(cliente).toBeInstanceOf(Cluster);
      const claves = Array.from({ length: 60 }, (_, i) => `prueba:${randomUUID()}:${i}`);
      for (const clave of claves) await cliente.set(clave, clave, 'EX', 60);
      expect(await Promise.all(claves.map((c) => cliente.get(c)))).toEqual(claves);
      const porNodo = await Promise.all((cliente as Cluster).nodes('master').map((n) => n.dbsize()));
      expect(porNodo).toHaveLength(3);
      expect(porNodo.every((n) => n > 0)).toBe(true);
    } finally {
      cliente.disconnect();
    }
  });

  describe('the real citizen app with REDIS_CLUSTER_NODES', () => {
    let h: CitizenHarness;
    beforeAll(async () => {
      h = await startCitizenApp(new Date('2026-11-23T15:00:00Z'), { overrides: [{ provide: ConfigService, useValue: new ConfigService(env) }] });
    });
    afterAll(async () => {
      await h.close();
    });

    it('is ready (Redis answers through the cluster), files a reclamo, and keeps its rate-limit counters in the cluster', async () => {
      // Ready once its Cluster client has read the slots (it connects after the app listens; a loaded
      // machine takes a moment): what a balancer's readiness probe waits for.
      await waitFor('la app lista sobre el cluster', async () => (await fetch(`${h.baseUrl}/health/ready`)).status === 200, 30_000, 200);
      const entidad = await createTestEntidad(h.dataSource, uniqueCode('RCL'));
      const hoja = { ...fixture, entidad: entidad.codigo, sedeId: entidad.sedeId, unidadId: entidad.unidadId, servicioId: entidad.servicioId };
      const r = await fetch(`${h.baseUrl}/api/v1/reclamos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify(hoja),
      });
      expect(r.status).toBe(201);
      // The throttler's counters (hash-tagged `{…}:hits`) are on the cluster's masters, not on the shared Redis.
      const clientes = nodos();
      try {
        const contadores = (await Promise.all(clientes.map((c) => c.keys('*:hits')))).flat();
        expect(contadores.length).toBeGreaterThan(0);
      } finally {
        clientes.forEach((c) => c.disconnect());
      }
    });
  });

  it('BullMQ on the cluster: every job of a queue processed once, its keys under {reclamos} in one slot', async () => {
    const nombre = `prueba-cluster-${randomUUID().slice(0, 8)}`;
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ ...env })] }), QueueRootModule, BullModule.registerQueue({ name: nombre })],
    }).compile();
    const context: INestApplicationContext = await moduleRef.init();
    const queue = context.get<Queue>(getQueueToken(nombre));
    const vistos: string[] = [];
    const worker = new Worker(nombre, async (job: Job) => void vistos.push(job.id!), { connection: queue.opts.connection, prefix: queue.opts.prefix });
    try {
      expect(queue.opts.prefix).toBe('{reclamos}');
      await queue.addBulk(Array.from({ length: 40 }, (_, i) => ({ name: 'n', data: { i }, opts: { jobId: `t-${i}` } })));
      await waitFor('los 40 trabajos', () => Promise.resolve(vistos.length >= 40), 30_000);
      expect(new Set(vistos).size).toBe(40);
      expect(vistos).toHaveLength(40);
      const clientes = nodos();
      try {
        const claves = (await Promise.all(clientes.map((c) => c.keys(`{reclamos}:${nombre}:*`)))).map((k) => k.length);
        // All of the queue's keys on one master: the hash tag put them in one slot.
        expect(claves.filter((n) => n > 0)).toHaveLength(1);
      } finally {
        clientes.forEach((c) => c.disconnect());
      }
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await context.close();
    }
  });
});
