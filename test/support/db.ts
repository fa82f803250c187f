import { DataSource } from 'typeorm';

/**
 * Row counts of every table a filing writes, for one entity: "nothing was stored" is these numbers
 * not moving. Scoped to the entity the test owns, because other test files file at the same time
 * (into their own entities and into the seeded ones): a count over a whole table would see them.
 */
export async function filingRowCounts(dataSource: DataSource, entidadId: string): Promise<Record<string, number>> {
  const [row]: Array<Record<string, string>> = await dataSource.query(
    `SELECT (SELECT count(*) FROM reclamo WHERE entidad_id = $1) AS reclamo,
            (SELECT count(*) FROM reclamo_persona p JOIN reclamo r ON r.id = p.reclamo_id WHERE r.entidad_id = $1) AS persona,
            (SELECT count(*) FROM adjunto a JOIN reclamo r ON r.id = a.reclamo_id WHERE r.entidad_id = $1) AS adjunto,
            (SELECT count(*) FROM reclamo_evento WHERE entidad_id = $1) AS evento,
            (SELECT count(*) FROM outbox WHERE entidad_id = $1) AS outbox,
            (SELECT count(*) FROM idempotencia i JOIN reclamo r ON r.id = i.reclamo_id WHERE r.entidad_id = $1) AS idempotencia,
            (SELECT coalesce(sum(ultimo), 0) FROM correlativo_reclamo WHERE entidad_id = $1) AS correlativos`,
    [entidadId],
  );
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

/** Creates a fresh entity with one sede, unidad and servicio, so a test owns its correlative counter. */
export async function createTestEntidad(
  dataSource: DataSource,
  codigo: string,
): Promise<{ id: string; codigo: string; sedeId: string; unidadId: string; servicioId: string }> {
  const ruc = rucFor(codigo);
  const [entidad]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO entidad (codigo, nombre, ruc, tipo, nivel_gobierno, sector, ubigeo, tramo_id)
     VALUES ($1, $2, $3, 'organismo_publico', 'nacional', 'Pruebas', '150101', 1) RETURNING id`,
    [codigo, `Entidad de prueba ${codigo}`, ruc],
  );
  const insert = async (table: string): Promise<string> => {
    const rows = await dataSource.query<Array<{ id: string }>>(
      `INSERT INTO ${table} (entidad_id, nombre) VALUES ($1, $2) RETURNING id`,
      [entidad.id, `${table} principal`],
    );
    return rows[0].id;
  };
  return { id: entidad.id, codigo, sedeId: await insert('sede'), unidadId: await insert('unidad_organica'), servicioId: await insert('servicio') };
}

/** A syntactically valid, unique RUC for a test entity (20 + 8 digits from the code + SUNAT check digit). */
function rucFor(codigo: string): string {
  let hash = 0;
  for (const ch of codigo) hash = (hash * 31 + ch.charCodeAt(0)) % 100_000_000;
  const base = `20${String(hash).padStart(8, '0')}`;
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(base[i]), 0);
  const check = (11 - (sum % 11)) % 10;
  return `${base}${check}`;
}

export function uniqueCode(prefix: string): string {
  return `${prefix}${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1296).toString(36).toUpperCase()}`.slice(0, 20);
}

/** pg_advisory_lock key of withCalendarLock (any constant no other code of the platform uses). */
const CALENDAR_LOCK_KEY = 4_612_908_217;

/**
 * Runs `fn` holding a PostgreSQL advisory lock that the tests changing the non-working days share.
 *
 * The calendar is the one platform-wide thing a test cannot own a copy of: any day added or removed,
 * even an entity's closure in another year, moves the calendar's version, and the recompute test
 * confirms "the version it previewed" (a CONFLICT otherwise, by design). Tests that add or remove
 * days through the use cases or the pages (which bump the calendar's revision), and the test that
 * needs the version to stay put, hold this lock while they do, so they never interleave. It is
 * held on a connection of its own and released when `fn` ends, however it ends.
 */
export async function withCalendarLock<T>(dataSource: DataSource, fn: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SELECT pg_advisory_lock($1)`, [CALENDAR_LOCK_KEY]);
    try {
      return await fn();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock($1)`, [CALENDAR_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
