/**
 * `pg` (a dependency through TypeORM) ships no types and @types/pg is not installed:
 * the small part of its API the bench uses, typed here.
 */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number | null;
}
export interface Queryable {
  query<R = unknown>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}
export interface PoolClient extends Queryable {
  release(error?: Error): void;
}
export interface PgPool extends Queryable {
  connect(): Promise<PoolClient>;
  end(): Promise<void>;
}
export interface PgClient extends Queryable {
  connect(): Promise<void>;
  end(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pg = require('pg') as {
  Pool: new (config: { connectionString?: string; max?: number; application_name?: string }) => PgPool;
  Client: new (config: { connectionString?: string; application_name?: string }) => PgClient;
};

export const Pool = pg.Pool;
export const Client = pg.Client;
