import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';

/** Where LecturasReplica's reads go: the streaming replica, or the primary when none is configured. */
export type ServidorDeLectura = 'replica' | 'primario';

/**
 * Runs read-only queries on the streaming replica (DATABASE_REPLICA_URL), or on the primary when there is none.
 *
 * **What goes through here**: aggregate reads whose answer may be a few seconds old: the figures (built from the
 * rollups, which the worker refreshes every minute, so they lag anyway by far more than a healthy replica does), the
 * public statistics and open-data file, the coordinators' console and ranking, the figures export's snapshot. Taking
 * them off the primary keeps its connections and CPU for what cannot wait: filings, answers, the deadline sweep.
 *
 * **What must not** (it stays on the DataSource, i.e. the primary): every write, audit entries included (a
 * `cifras_consultadas` entry is written on the primary after the figures are read here); a reclamo, a message or an
 * account staff act on (a decision must rest on the current row, not on one replayed a moment ago); and any read that
 * must show what the same person just did (a page after a redirect, the tracking page after filing), which a lagging
 * replica would not have yet.
 *
 * Each call is one connection and one `REPEATABLE READ READ ONLY` transaction: every query of a view sees the same
 * snapshot (on a replica, separate connections could see different replay points, and a page's totals would not add
 * up), and a write routed here by mistake is refused by PostgreSQL on the primary too, so the test suite, which has no
 * replica, catches it. The connection is always released.
 *
 * Replica down: the apps do not start (TypeORM opens every pool at start-up), and a read here fails while it stays
 * down; there is no silent fallback to the primary, which a replica outage would then flood with the reads moved off
 * it.
 */
@Injectable()
export class LecturasReplica {
  private readonly logger = new Logger(LecturasReplica.name);

  /** Where the reads go, fixed at start-up by DATABASE_REPLICA_URL. */
  readonly servidor: ServidorDeLectura;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.servidor = 'replication' in dataSource.options && dataSource.options.replication ? 'replica' : 'primario';
  }

  /**
   * `leer` with one connection to the replica (TypeORM's 'slave' mode; without replication that mode takes the
   * primary's pool), in a read-only transaction committed when it resolves and rolled back when it rejects. Resolves
   * with what `leer` resolves with; rejects with its error or the database's (a write: «cannot execute … in a
   * read-only transaction»; on a replica, a long read PostgreSQL cancels to replay the primary's changes:
   * «canceling statement due to conflict with recovery», see the README's deployment notes).
   */
  async leer<T>(leer: (lector: QueryRunner) => Promise<T>): Promise<T> {
    const lector = this.dataSource.createQueryRunner('slave');
    let abierta = false;
    try {
      await lector.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      abierta = true;
      const resultado = await leer(lector);
      abierta = false;
      await lector.query('COMMIT');
      return resultado;
    } catch (error) {
      if (abierta) {
        // A broken connection cannot roll back; the pool discards it on release. The caller gets the first error.
        await lector.query('ROLLBACK').catch((rollback: unknown) => this.logger.warn({ err: rollback, servidor: this.servidor }, 'No se pudo deshacer una lectura'));
      }
      throw error;
    } finally {
      await lector.release();
    }
  }

  /** One read-only statement, as `leer` runs it. Resolves with its rows. */
  consultar<T = unknown[]>(sql: string, parametros: readonly unknown[] = []): Promise<T> {
    return this.leer((lector) => lector.query(sql, [...parametros]) as Promise<T>);
  }
}
