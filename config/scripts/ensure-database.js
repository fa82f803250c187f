#!/usr/bin/env node
// Create the database named in a PostgreSQL URL if it does not exist yet.
//   node config/scripts/ensure-database.js [DATABASE_URL]
// Connects to the `postgres` maintenance database on the same server (falling
// back to `template1`) with the URL's credentials. Retries the connection for
// ~30 s so it can run right after a server was started. Safe to run
// concurrently: a lost CREATE DATABASE race counts as success.
'use strict';

const { Client } = require('pg');

const DEFAULT_URL = 'postgres://postgres:postgres@127.0.0.1:5432/reclamos';
const RETRY_FOR_MS = 30_000;
const RETRY_DELAY_MS = 500;

// Errors worth waiting out: server not listening yet, or still starting up.
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', '57P03']);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const quoteIdent = (name) => `"${name.replace(/"/g, '""')}"`;
const redact = (url) => {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
};

function urlForDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

async function connect(url) {
  const deadline = Date.now() + RETRY_FOR_MS;
  for (;;) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
      return client;
    } catch (err) {
      await client.end().catch(() => undefined);
      const transient = TRANSIENT_CODES.has(err.code) || /timeout/i.test(String(err.message));
      if (!transient || Date.now() >= deadline) throw err;
      await sleep(RETRY_DELAY_MS);
    }
  }
}

async function connectMaintenance(url) {
  try {
    return await connect(urlForDatabase(url, 'postgres'));
  } catch (err) {
    if (err.code !== '3D000') throw err; // invalid_catalog_name: no `postgres` db
    return connect(urlForDatabase(url, 'template1'));
  }
}

async function main() {
  const url = process.argv[2] || process.env.DATABASE_URL || DEFAULT_URL;
  let database;
  try {
    database = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  } catch {
    throw new Error(`not a valid URL: ${url}`);
  }
  if (!database) throw new Error(`the URL names no database: ${redact(url)}`);

  const client = await connectMaintenance(url);
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount > 0) return;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
    } catch (err) {
      // 42P04 duplicate_database; 23505 is how a concurrent CREATE can surface
      // (unique index on pg_database.datname). Either way it exists now.
      if (err.code === '42P04') return;
      if (err.code === '23505') {
        const again = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
        if (again.rowCount > 0) return;
      }
      throw err;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

main().catch((err) => {
  const url = process.argv[2] || process.env.DATABASE_URL || DEFAULT_URL;
  let where = url;
  try {
    where = redact(url);
  } catch {
    /* keep the raw value */
  }
  const code = err.code ? ` [${err.code}]` : '';
  process.stderr.write(`[ensure-database] ERROR: could not ensure the database of ${where}: ${err.message}${code}\n`);
  if (err.code === 'ECONNREFUSED') {
    process.stderr.write('[ensure-database] Is PostgreSQL running? Try: bash config/scripts/services.sh\n');
  } else if (err.code === '28P01' || err.code === '28000') {
    process.stderr.write('[ensure-database] The server rejected the credentials in the URL; fix DATABASE_URL or the role.\n');
  }
  process.exit(1);
});
