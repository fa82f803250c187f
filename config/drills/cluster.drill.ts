/**
 * Drill `cluster`: the office-hour mix of the load drill (support/mix.ts) on a deployment of more than
 * one machine's shape, all on existing engines started here on spare ports: two citizen and two
 * back-office instances behind the drill's balancer, TWO workers, a Redis Cluster of three masters
 * (BullMQ under the hash-tagged prefix `{reclamos}`, sessions and rate limits on the cluster), a
 * PostgreSQL primary with a streaming replica (the figures, console and open-data reads go to the replica:
 * DATABASE_REPLICA_URL) and the attachments in S3-compatible storage (s3rver, through the AWS SDK).
 *
 * Checks the load drill's (every 201 stored, every sent message received once by Message-ID, nothing
 * failed, no stalled job) plus: every attachment of every accepted filing is in the bucket with the SHA-256
 * recorded at filing; the replica served reads and caught up; each job scheduler exists once although two
 * workers registered them. DRILLS_RATE (default 10) and DRILLS_DURATION (default 60) as in the load drill.
 */
import { createHash } from 'node:crypto';
import { Queue } from 'bullmq';
import { QueueName } from '@app/platform/queue';
import { crearAlmacen } from '@app/storage';
import { watchedOf } from './load.drill';
import { acceptedFilings, Balancer, runMix } from './support/mix';
import { ResourceSampler } from './support/sampler';
import { DrillStack, log, S3_BUCKET, S3_CREDENTIALS } from './support/stack';
import {
  checkIntegrity,
  envNumber,
  fixed,
  integrityMarkdown,
  integrityPasses,
  kickSweeps,
  loadOpenCases,
  markdownTable,
  prepareContext,
  resourcesMarkdown,
  routesMarkdown,
  routeTable,
  waitForDrain,
  waitForQuietQueues,
  withDb,
  writeReport,
} from './support/common';

const MAX_DUPLICATE_RATIO = 0.001;

/** Transactions committed in the drills' database of a server (pg_stat_database): reads served there. */
async function commits(url: string): Promise<number> {
  return withDb(url, async (db) => Number((await db.query<{ n: string }>(`SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()`)).rows[0].n));
}

export async function clusterDrill(): Promise<boolean> {
  const seconds = envNumber('DRILLS_DURATION', 60);
  const rate = envNumber('DRILLS_RATE', 10);
  const openCases = envNumber('DRILLS_OPEN_CASES', 500);
  const stack = new DrillStack({ citizenInstances: 2, backofficeInstances: 2, workers: 2, redisCluster: true, s3: true, replica: true });
  try {
    await stack.start();
    const replicaUrl = stack.replica!.url('reclamos_drills');
    await loadOpenCases(stack.databaseUrl, openCases);
    const ctx = await prepareContext(stack, 20);
    const balancer = new Balancer({ citizen: stack.citizens, backoffice: stack.backoffices });
    balancer.start();
    const sampler = new ResourceSampler(watchedOf(stack), stack.databaseUrl, stack.redisUrl);
    await sampler.start();
    const replicaBefore = await commits(replicaUrl);
    const sweeps = kickSweeps(stack, 15_000);
    log(`mezcla a ${rate} req/s durante ${seconds} s (2+2 instancias, 2 workers, Redis Cluster, réplica, S3)…`);
    const run = await runMix(balancer, ctx, rate, { seconds });
    const sweepsAdded = await sweeps.stop();
    const resources = await sampler.stop();
    balancer.stop();
    const replicaReads = (await commits(replicaUrl)) - replicaBefore;
    log('esperando que se vacíe la bandeja de salida…');
    const drainMs = await waitForDrain(stack.databaseUrl, 300_000);
    const quietMs = await waitForQuietQueues(stack, 60_000);
    const integrity = await checkIntegrity(stack, ctx.cases, 0);

    // Every attachment of every accepted filing, read back from the bucket and hashed.
    const storage = crearAlmacen({
      STORAGE_DRIVER: 's3', STORAGE_DIR: '', S3_BUCKET, S3_REGION: 'us-east-1', S3_ENDPOINT: stack.s3!.endpoint, S3_FORCE_PATH_STYLE: true, S3_PREFIX: '',
      S3_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId, S3_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
    });
    const codes = [...new Set([...ctx.cases, ...acceptedFilings].map((c) => c.codigo))];
    const adjuntos = await withDb(stack.databaseUrl, async (db) =>
      (await db.query<{ clave: string; sha256: string }>(
        `SELECT a.clave_almacen AS clave, a.sha256 FROM adjunto a JOIN reclamo r ON r.id = a.reclamo_id WHERE r.codigo = ANY ($1::text[])`,
        [codes],
      )).rows,
    );
    let objetosMal = 0;
    for (const a of adjuntos) {
      try {
        const hash = createHash('sha256');
        for await (const chunk of await storage.open(a.clave)) hash.update(chunk as Buffer);
        if (hash.digest('hex') !== a.sha256) objetosMal += 1;
      } catch {
        objetosMal += 1;
      }
    }
    const [lagBytes] = await Promise.all([
      withDb(stack.databaseUrl, async (db) => {
        const primary = (await db.query<{ lsn: string }>(`SELECT pg_current_wal_lsn()::text AS lsn`)).rows[0].lsn;
        return withDb(replicaUrl, async (r) =>
          Number((await r.query<{ d: string }>(`SELECT pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn()) AS d`, [primary])).rows[0].d),
        );
      }),
    ]);
    // Two workers each registered the schedules at start: upsert by id leaves one of each.
    const target = stack.queueConnection();
    const schedulers: Record<string, number> = {};
    let repeatedSchedulers = 0;
    for (const name of Object.values(QueueName)) {
      const queue = new Queue(name, target);
      const list = await queue.getJobSchedulers(0, -1);
      schedulers[name] = list.length;
      repeatedSchedulers += list.length - new Set(list.map((s) => s.key)).size;
      await queue.close();
    }
    const keysPerMaster = await Promise.all(stack.cluster!.clients().map(async (c) => {
      try {
        return await c.dbsize();
      } finally {
        c.disconnect();
      }
    }));
    target.close();

    const routes = routeTable(run);
    const errors = routes.reduce((n, r) => n + r.errors, 0);
    const extra: Array<[string, string, string, boolean]> = [
      ['adjuntos de presentaciones aceptadas en el bucket con su SHA-256', `${adjuntos.length - objetosMal} de ${adjuntos.length}`, String(adjuntos.length), objetosMal === 0 && adjuntos.length > 0],
      ['transacciones servidas por la réplica durante la mezcla', String(replicaReads), '> 0', replicaReads > 0],
      ['retraso de la réplica al final (bytes de WAL)', String(lagBytes), '0 tras vaciar', lagBytes === 0],
      ['programaciones de trabajos repetidas (2 workers)', String(repeatedSchedulers), '0', repeatedSchedulers === 0],
    ];
    const ok = errors === 0 && integrityPasses(integrity, MAX_DUPLICATE_RATIO, quietMs < 60_000) && extra.every((e) => e[3]);
    const markdown = [
      `## Simulacro de varias máquinas — ${new Date().toISOString()}`,
      '',
      `Mezcla de oficina a **${rate} req/s** durante ${fixed(run.seconds)} s sobre 2 instancias citizen y 2 back-office tras el balanceador, **2 workers**, ` +
        `**Redis Cluster de 3 maestros** (${stack.cluster!.nodes}; claves por maestro al final: ${keysPerMaster.join(' / ')}), ` +
        `**PostgreSQL primario + réplica en streaming** (lecturas de cifras, consola y datos abiertos en la réplica) y **adjuntos en S3** (s3rver, bucket ${S3_BUCKET}); ` +
        `barrido de plazos lanzado ${sweepsAdded} veces sobre ${openCases} casos abiertos.`,
      '',
      routesMarkdown(routes, run.seconds),
      '',
      `Errores: **${errors}** (meta 0). ${run.errors.slice(0, 5).map((e) => `${e.route} → ${e.outcome} (${e.detail.slice(0, 120)})`).join('; ')}`,
      '',
      '### Recursos',
      '',
      resourcesMarkdown(resources),
      '',
      `### Integridad (bandeja vaciada en ${fixed(drainMs / 1000)} s; colas quietas tras ${fixed(quietMs / 1000)} s más)`,
      '',
      integrityMarkdown(integrity, MAX_DUPLICATE_RATIO, quietMs < 60_000),
      '',
      markdownTable(['medida', 'valor', 'meta', ''], extra.map(([a, b, c, d]) => [a, b, c, d ? 'PASS' : 'FAIL'])),
      '',
      `Programaciones por cola: ${Object.entries(schedulers).map(([q, n]) => `${q} ${n}`).join(', ')}.`,
      '',
      `Resultado: **${ok ? 'PASS' : 'FAIL'}**`,
    ].join('\n');
    writeReport('cluster', markdown, {
      part: 'cluster',
      finishedAt: new Date().toISOString(),
      settings: { rate, seconds, openCases, instances: { citizen: 2, backoffice: 2, worker: 2 }, redis: 'cluster de 3 maestros', postgres: 'primario + réplica', storage: 's3 (s3rver)' },
      routes,
      errors: run.errors.slice(0, 200),
      resources,
      drainMs,
      quietMs,
      integrity,
      replicaReads,
      lagBytes,
      schedulers,
      keysPerMaster,
      attachments: { checked: adjuntos.length, bad: objetosMal },
      ok,
    });
    return ok;
  } finally {
    await stack.stop();
  }
}
