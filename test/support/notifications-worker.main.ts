/**
 * The notifications worker as the integration tests run it in a child process (so they can
 * SIGKILL it): the same NotificationsWorkerModule and message loaders the real worker imports,
 * without the deadline sweep, whose schedule would write reminders into the shared test database.
 *
 * The test database is shared with the test files running at the same time, and their outbox rows
 * are theirs (some assert a row is still 'pendiente'). So the relay and the stale-row sweep of this
 * worker only pick rows of the entities in TEST_OUTBOX_ENTIDADES; everything else is the real code.
 */
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotificationsWorkerModule, OutboxRepository } from '@app/notifications';
import { PersistenceModule } from '@app/persistence';
import { AppConfigModule, loadEnvironment } from '@app/platform/config';
import { ClockModule } from '@app/platform/clock';
import { LoggingModule } from '@app/platform/logging';
import { QueueRootModule } from '@app/platform/queue';
import { MESSAGE_LOADER_MODULES } from '../../apps/worker/src/worker.module';

@Module({ imports: [AppConfigModule, LoggingModule, ClockModule, PersistenceModule, QueueRootModule, NotificationsWorkerModule, ...MESSAGE_LOADER_MODULES] })
class TestNotificationsWorkerModule {}

const ENTIDADES = (process.env.TEST_OUTBOX_ENTIDADES ?? '').split(',').filter((id) => id !== '');

/**
 * OutboxRepository's two selections of rows to move (the relay's and the sweep's), with the same
 * statements plus "of these entities". Claims, sends and state moves are the library's, unchanged.
 */
@Injectable()
class TestEntitiesOutboxRepository extends OutboxRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super(db);
  }

  override async toRelay(limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM outbox WHERE estado = 'pendiente' AND encolado_en IS NULL AND entidad_id = ANY ($2::uuid[]) ORDER BY created_at LIMIT $1`,
      [limit, ENTIDADES],
    );
    return rows.map((r) => r.id);
  }

  override async stale(limit: number, graceMs: number, claimTtlMs: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `(SELECT id FROM outbox WHERE estado = 'pendiente' AND (encolado_en IS NULL OR encolado_en < clock_timestamp() - $2 * interval '1 millisecond')
           AND entidad_id = ANY ($4::uuid[])
         ORDER BY created_at LIMIT $1)
       UNION ALL
       (SELECT id FROM outbox WHERE estado = 'enviando' AND updated_at < clock_timestamp() - $3 * interval '1 millisecond'
           AND entidad_id = ANY ($4::uuid[])
         ORDER BY updated_at LIMIT $1)`,
      [limit, graceMs, claimTtlMs, ENTIDADES],
    );
    return rows.map((r) => r.id);
  }
}

async function main(): Promise<void> {
  loadEnvironment();
  if (ENTIDADES.length === 0) throw new Error('TEST_OUTBOX_ENTIDADES: indique las entidades cuyos mensajes envía este worker de prueba');
  const moduleRef = await Test.createTestingModule({ imports: [TestNotificationsWorkerModule] })
    .setLogger({ log: () => undefined, error: console.error, warn: console.warn })
    .overrideProvider(OutboxRepository)
    .useClass(TestEntitiesOutboxRepository)
    .compile();
  moduleRef.enableShutdownHooks();
  await moduleRef.init();
  process.stdout.write('worker-listo\n');
}

void main();
