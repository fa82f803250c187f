/**
 * Writes the demo data of seed-data.ts. Idempotent: a second run changes nothing.
 *
 * - tramo (by id) and entidad (by codigo) are upserted, and only the columns the seed
 *   owns are written, only when they differ; `activo` and `plazo_respuesta_dias` of an
 *   existing entity are left as the back office set them.
 * - sede, unidad_organica and servicio rows get a deterministic id (catalogoId) and are
 *   inserted only when missing, so the fixtures can refer to them by id.
 * - usuario is matched by lower(email); an existing account keeps its password hash,
 *   only its name, role and entity follow the seed. Passwords are hashed (argon2id) only
 *   for accounts that do not exist yet.
 */
import { hash } from '@node-rs/argon2';
import { DataSource, EntityManager, MigrationExecutor } from 'typeorm';
import type { RolUsuario } from '@app/domain';
import { CatalogoTabla, catalogoId } from './deterministic-uuid';
import { DEMO_PASSWORD, ENTIDADES, TRAMOS, USUARIOS_DEMO } from './seed-data';

export interface SeedCounts {
  tramos: number;
  entidades: number;
  sedes: number;
  unidadesOrganicas: number;
  servicios: number;
  usuarios: number;
}

export interface DemoAccount {
  email: string;
  nombre: string;
  rol: RolUsuario;
  /** Short code of the entity, or null for coordinadores and administradores. */
  entidad: string | null;
}

export interface SeedSummary {
  /** Rows the seed data holds (all present after a successful run). */
  total: SeedCounts;
  /** Rows this run inserted: all zero on a second run. */
  creados: SeedCounts;
  /** Existing rows this run changed because the seed data differs: zero on a second run. */
  actualizados: Pick<SeedCounts, 'tramos' | 'entidades' | 'usuarios'>;
  cuentasDemo: DemoAccount[];
}

/** A seed that cannot run; the message is for the person at the terminal. */
export class SeedError extends Error {
  override name = 'SeedError';
}

// Serializes concurrent seeds (two terminals, parallel test workers) on the same database.
const SEED_LOCK_KEY = 'libro-reclamaciones:seed';
// Keeps each multi-row INSERT well under PostgreSQL's 65,535 bind parameters.
const ROWS_PER_INSERT = 500;

export async function seed(dataSource: DataSource): Promise<SeedSummary> {
  await assertSchemaIsCurrent(dataSource);
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK_KEY]);
    const tramos = await upsertTramos(manager);
    const { entidadIds, ...entidades } = await upsertEntidades(manager);
    const idOf = (codigo: string): string => {
      const id = entidadIds.get(codigo);
      if (id === undefined) throw new SeedError(`La entidad ${codigo} no quedó registrada.`);
      return id;
    };
    const sedes = await insertCatalogo(
      manager,
      'sede',
      ENTIDADES.flatMap((e) =>
        e.sedes.map((s) => ({ codigo: e.codigo, entidadId: idOf(e.codigo), nombre: s.nombre, extra: [s.direccion, s.ubigeo] })),
      ),
    );
    const unidades = await insertCatalogo(
      manager,
      'unidad_organica',
      ENTIDADES.flatMap((e) => e.unidades.map((nombre) => ({ codigo: e.codigo, entidadId: idOf(e.codigo), nombre, extra: [] }))),
    );
    const servicios = await insertCatalogo(
      manager,
      'servicio',
      ENTIDADES.flatMap((e) => e.servicios.map((nombre) => ({ codigo: e.codigo, entidadId: idOf(e.codigo), nombre, extra: [] }))),
    );
    const usuarios = await upsertUsuarios(manager, idOf);

    return {
      total: {
        tramos: TRAMOS.length,
        entidades: ENTIDADES.length,
        sedes: ENTIDADES.reduce((n, e) => n + e.sedes.length, 0),
        unidadesOrganicas: ENTIDADES.reduce((n, e) => n + e.unidades.length, 0),
        servicios: ENTIDADES.reduce((n, e) => n + e.servicios.length, 0),
        usuarios: USUARIOS_DEMO.length,
      },
      creados: {
        tramos: tramos.creados,
        entidades: entidades.creados,
        sedes,
        unidadesOrganicas: unidades,
        servicios,
        usuarios: usuarios.creados,
      },
      actualizados: { tramos: tramos.actualizados, entidades: entidades.actualizados, usuarios: usuarios.actualizados },
      cuentasDemo: USUARIOS_DEMO.map((u) => ({ email: u.email, nombre: u.nombre, rol: u.rol, entidad: u.entidadCodigo })),
    };
  });
}

/** The seed writes the current schema: refuse with a clear message when migrations are pending. */
async function assertSchemaIsCurrent(dataSource: DataSource): Promise<void> {
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  if (pending.length > 0) {
    throw new SeedError(
      `La base de datos tiene ${pending.length} migración(es) sin aplicar (${pending.map((m) => m.name).join(', ')}). ` +
        'Ejecute primero: npm run migration:run',
    );
  }
}

interface UpsertResult {
  creados: number;
  actualizados: number;
}

/** `xmax = 0` tells an inserted row from an updated one in INSERT … ON CONFLICT … RETURNING. */
type UpsertRow = { id: string | number; inserted: boolean };

function tally(rows: UpsertRow[], result: UpsertResult): void {
  for (const row of rows) {
    if (row.inserted) result.creados += 1;
    else result.actualizados += 1;
  }
}

async function upsertTramos(manager: EntityManager): Promise<UpsertResult> {
  const result = { creados: 0, actualizados: 0 };
  for (const t of TRAMOS) {
    const rows: UpsertRow[] = await manager.query(
      `INSERT INTO tramo (id, nombre, descripcion, tipos_entidad, fecha_inicio, fecha_limite)
       VALUES ($1, $2, $3, $4::text[], $5, $6)
       ON CONFLICT ON CONSTRAINT pk_tramo DO UPDATE SET
         nombre = EXCLUDED.nombre, descripcion = EXCLUDED.descripcion, tipos_entidad = EXCLUDED.tipos_entidad,
         fecha_inicio = EXCLUDED.fecha_inicio, fecha_limite = EXCLUDED.fecha_limite, updated_at = now()
       WHERE (tramo.nombre, tramo.descripcion, tramo.tipos_entidad, tramo.fecha_inicio, tramo.fecha_limite)
         IS DISTINCT FROM (EXCLUDED.nombre, EXCLUDED.descripcion, EXCLUDED.tipos_entidad, EXCLUDED.fecha_inicio, EXCLUDED.fecha_limite)
       RETURNING id, (xmax = 0) AS inserted`,
      [t.id, t.nombre, t.descripcion, t.tiposEntidad, t.fechaInicio, t.fechaLimite],
    );
    tally(rows, result);
  }
  return result;
}

async function upsertEntidades(manager: EntityManager): Promise<UpsertResult & { entidadIds: Map<string, string> }> {
  const result = { creados: 0, actualizados: 0 };
  for (const e of ENTIDADES) {
    const rows: UpsertRow[] = await manager.query(
      `INSERT INTO entidad (codigo, nombre, ruc, tipo, nivel_gobierno, sector, ubigeo, tramo_id, nombres_alternos)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT ON CONSTRAINT uq_entidad_codigo DO UPDATE SET
         nombre = EXCLUDED.nombre, ruc = EXCLUDED.ruc, tipo = EXCLUDED.tipo, nivel_gobierno = EXCLUDED.nivel_gobierno,
         sector = EXCLUDED.sector, ubigeo = EXCLUDED.ubigeo, tramo_id = EXCLUDED.tramo_id,
         nombres_alternos = EXCLUDED.nombres_alternos, updated_at = now()
       WHERE (entidad.nombre, entidad.ruc, entidad.tipo, entidad.nivel_gobierno, entidad.sector, entidad.ubigeo, entidad.tramo_id,
              entidad.nombres_alternos)
         IS DISTINCT FROM (EXCLUDED.nombre, EXCLUDED.ruc, EXCLUDED.tipo, EXCLUDED.nivel_gobierno, EXCLUDED.sector,
           EXCLUDED.ubigeo, EXCLUDED.tramo_id, EXCLUDED.nombres_alternos)
       RETURNING id, (xmax = 0) AS inserted`,
      [e.codigo, e.nombre, e.ruc, e.tipo, e.nivelGobierno, e.sector, e.ubigeo, e.tramoId, e.nombresAlternos],
    );
    tally(rows, result);
  }
  const ids: Array<{ id: string; codigo: string }> = await manager.query(
    `SELECT id, codigo FROM entidad WHERE codigo = ANY($1::text[])`,
    [ENTIDADES.map((e) => e.codigo)],
  );
  return { ...result, entidadIds: new Map(ids.map((row) => [row.codigo, row.id])) };
}

interface CatalogoRow {
  codigo: string;
  entidadId: string;
  nombre: string;
  /** Table-specific columns after nombre: direccion and ubigeo for sede. */
  extra: unknown[];
}

const CATALOGO_COLUMNS: Readonly<Record<CatalogoTabla, readonly string[]>> = {
  sede: ['id', 'entidad_id', 'nombre', 'direccion', 'ubigeo'],
  unidad_organica: ['id', 'entidad_id', 'nombre'],
  servicio: ['id', 'entidad_id', 'nombre'],
};

/** Inserts missing catalogue rows and returns how many it inserted. Existing rows are left as they are. */
async function insertCatalogo(manager: EntityManager, tabla: CatalogoTabla, rows: CatalogoRow[]): Promise<number> {
  const columns = CATALOGO_COLUMNS[tabla];
  let inserted = 0;
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => {
      const values = [catalogoId(row.codigo, tabla, row.nombre), row.entidadId, row.nombre, ...row.extra];
      const placeholders = values.map((value) => {
        params.push(value);
        return `$${params.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    // No conflict target: a row already there under the same (entidad_id, nombre), or under the
    // same id because someone renamed it in the back office, is kept as it is, not an error.
    const result: Array<{ id: string }> = await manager.query(
      `INSERT INTO ${tabla} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING RETURNING id`,
      params,
    );
    inserted += result.length;
  }
  return inserted;
}

async function upsertUsuarios(manager: EntityManager, idOf: (codigo: string) => string): Promise<UpsertResult> {
  const result = { creados: 0, actualizados: 0 };
  const existing: Array<{ email: string }> = await manager.query(
    `SELECT lower(email) AS email FROM usuario WHERE lower(email) = ANY($1::text[])`,
    [USUARIOS_DEMO.map((u) => u.email.toLowerCase())],
  );
  const known = new Set(existing.map((row) => row.email));
  for (const u of USUARIOS_DEMO) {
    const entidadId = u.entidadCodigo === null ? null : idOf(u.entidadCodigo);
    if (known.has(u.email.toLowerCase())) {
      // Wrapped in a SELECT: TypeORM returns [rows, count] for a bare UPDATE but plain rows for a SELECT.
      const rows: Array<{ id: string }> = await manager.query(
        `WITH changed AS (
           UPDATE usuario SET nombre = $2, rol = $3, entidad_id = $4, updated_at = now()
           WHERE lower(email) = lower($1) AND (nombre, rol, entidad_id) IS DISTINCT FROM ($2, $3, $4::uuid)
           RETURNING id
         )
         SELECT id FROM changed`,
        [u.email, u.nombre, u.rol, entidadId],
      );
      result.actualizados += rows.length;
      continue;
    }
    // argon2id with the library's defaults, the same the sign-in use case verifies.
    const passwordHash = await hash(DEMO_PASSWORD);
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO usuario (entidad_id, email, nombre, rol, password_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
      [entidadId, u.email.toLowerCase(), u.nombre, u.rol, passwordHash],
    );
    result.creados += rows.length;
  }
  return result;
}
