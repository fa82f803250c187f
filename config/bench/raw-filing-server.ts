/**
 * The baseline of the filing benchmark: plain Fastify + `pg`, doing what a filing does in
 * the database — the same statements, in the same order, the same transaction, with a pool
 * of the same size — and nothing else.
 *
 * On purpose it has none of our request path: no Nest (guards, pipes, interceptors,
 * filters), no helmet/compress/cookie/multipart hooks, no pino-http, no class-transformer
 * or class-validator, no TypeORM. It VALIDATES NOTHING beyond Fastify's JSON parse (a
 * missing sede/servicio is still refused, since the catalogue query runs anyway). So
 * "ours ÷ raw" prices exactly our framework, validation and ORM on top of the same SQL.
 *
 * The due date is computed with the very same `computeDueDate` from @app/calendar. Our app
 * checks per filing that its cached calendar is current (one primary-key read of
 * `calendario_revision`, outside the transaction); when that table exists, the baseline does
 * the same read, so the two send the same statements. The calendar itself is national
 * holidays only here (the bench database stores no extra non-working days).
 * The reply carries the same fields as ours, constancia links (HMAC tokens) included.
 *
 *   RAW_PORT=3999 DATABASE_URL=postgres://… RAW_POOL_SIZE=10 \
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register config/bench/raw-filing-server.ts
 */
import Fastify from 'fastify';
import { createHmac, randomUUID } from 'node:crypto';
import { BusinessCalendar, computeDueDate, EMPTY_CALENDAR_DATA, limaDateOf, yearOf } from '@app/calendar';
import { Pool, PoolClient } from './support/pg';

const port = Number(process.env.RAW_PORT ?? 3999);
const poolSize = Number(process.env.RAW_POOL_SIZE ?? 10);
const secret = process.env.SESSION_SECRET ?? 'bench';
const publicBaseUrl = process.env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`;

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: poolSize, application_name: 'bench-raw' });
const calendar = new BusinessCalendar(EMPTY_CALENDAR_DATA);

/** Whatever the client sent; nothing is checked (see the header). */
type Filing = Record<string, string | boolean | undefined> & { entidad: string; email?: string };
interface Entidad {
  id: string;
  codigo: string;
  nombre: string;
  ubigeo: string;
  plazo_respuesta_dias: number;
}

const SELECT_ENTIDAD = `SELECT id, codigo, nombre, ruc, tipo, nivel_gobierno, sector, ubigeo, tramo_id, activo,
  plazo_respuesta_dias, created_at, updated_at FROM entidad WHERE codigo = $1 AND activo = true LIMIT 1`;
const SELECT_CATALOGUE = `SELECT 'sede' AS tabla, id FROM sede WHERE id = $2 AND entidad_id = $1 AND activo
  UNION ALL SELECT 'servicio', id FROM servicio WHERE id = $3 AND entidad_id = $1 AND activo
  UNION ALL SELECT 'unidad', id FROM unidad_organica WHERE id = $4 AND entidad_id = $1 AND activo`;
const CALENDAR_REVISION = `SELECT revision::text AS revision FROM calendario_revision WHERE id = 1`;
const DEFER_REFERENCES = `SET CONSTRAINTS fk_reclamo_persona_reclamo, fk_adjunto_reclamo, fk_reclamo_evento_reclamo, fk_outbox_reclamo DEFERRED`;
/** The correlative and the reclamo row in one statement, the last before COMMIT (as numerarReclamo). */
const NUMBER_AND_INSERT_RECLAMO = `WITH pagina AS (
    INSERT INTO correlativo_reclamo (entidad_id, anio, ultimo) VALUES ($2, $4, 1)
    ON CONFLICT (entidad_id, anio) DO UPDATE SET ultimo = correlativo_reclamo.ultimo + 1
    RETURNING ultimo, lpad(ultimo::text, greatest(6, length(ultimo::text)), '0') AS cifra)
  INSERT INTO reclamo (id, entidad_id, codigo, anio, correlativo, estado, canal, numero_hoja_fisica,
  registrado_en, fecha_registro_lima, plazo_dias_habiles, vence_el, calendario_version, aspecto, sede_id, unidad_id,
  servicio_id, fecha_hechos, descripcion, pedido, notificacion_email, updated_at)
  VALUES ($1, $2, $3::text || (SELECT cifra FROM pagina), $4, (SELECT ultimo FROM pagina), 'registrado', 'virtual', NULL,
    $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $5)
  RETURNING codigo`;
const INSERT_PERSONA = `INSERT INTO reclamo_persona (reclamo_id, rol, tipo_documento, numero_documento, nombres, apellidos,
  razon_social, email, telefono, ubigeo, direccion) VALUES ($1, 'reclamante', $2, $3, $4, $5, $6, $7, $8, $9, $10)`;
const INSERT_EVENTO = `INSERT INTO reclamo_evento (reclamo_id, entidad_id, tipo, estado_anterior, estado_nuevo, actor_tipo,
  actor_id, motivo, datos, ocurrido_en) VALUES ($1, $2, 'registrado', NULL, 'registrado', 'ciudadano', NULL, NULL, $3, $4)`;
const INSERT_OUTBOX = `INSERT INTO outbox (entidad_id, reclamo_id, tipo, canal, destinatario, datos, clave_unica, estado, intentos)
  VALUES ($1, $2, 'acuse_recibo', 'email', $3, $4, $5, 'pendiente', 0)`;

const orNull = (value: unknown) => (value === undefined || value === '' ? null : value);

async function inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN'); // READ COMMITTED, PostgreSQL's default
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(error as Error);
    throw error;
  }
}

/** Set at start-up: whether this schema has the calendar revision our app reads per filing. */
let hasCalendarRevision = false;

const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });

app.get('/health', async () => {
  await pool.query('SELECT 1');
  return { status: 'ok' };
});

app.post('/api/v1/reclamos', async (request, reply) => {
  const hoja = request.body as Filing;
  const { rows: entidades } = await pool.query<Entidad>(SELECT_ENTIDAD, [String(hoja.entidad).toUpperCase()]);
  const entidad = entidades[0];
  if (!entidad) return reply.code(404).send({ codigo: 'ENTIDAD_NOT_FOUND' });
  const { rows: catalogue } = await pool.query<{ tabla: string }>(SELECT_CATALOGUE, [
    entidad.id,
    hoja.sedeId,
    hoja.servicioId,
    orNull(hoja.unidadId),
  ]);
  const found = new Set(catalogue.map((r) => r.tabla));
  if (!found.has('sede') || !found.has('servicio')) return reply.code(422).send({ codigo: 'VALIDATION_FAILED' });

  if (hasCalendarRevision) await pool.query(CALENDAR_REVISION);
  const registradoEn = new Date();
  const due = computeDueDate({
    registeredAt: registradoEn,
    businessDays: entidad.plazo_respuesta_dias,
    scope: { departamento: entidad.ubigeo.slice(0, 2), entityCode: entidad.codigo },
    calendar,
  });
  const anio = yearOf(limaDateOf(registradoEn));

  // The order of our filing: the rows that name the reclamo first (their keys deferred), the reclamo
  // with its correlative last, so the counter row is locked from that statement to COMMIT.
  const id = randomUUID();
  const codigo = await inTransaction(async (client) => {
    await client.query(DEFER_REFERENCES);
    await client.query(INSERT_PERSONA, [
      id,
      hoja.tipoDocumento,
      hoja.numeroDocumento,
      orNull(hoja.nombres),
      orNull(hoja.apellidos),
      orNull(hoja.razonSocial),
      hoja.email ? hoja.email.toLowerCase() : null,
      orNull(hoja.telefono),
      orNull(hoja.ubigeo),
      orNull(hoja.direccion),
    ]);
    await client.query(INSERT_EVENTO, [id, entidad.id, { canal: 'virtual', adjuntos: 0, vence: due.vence }, registradoEn]);
    if (hoja.email) {
      await client.query(INSERT_OUTBOX, [entidad.id, id, hoja.email, { reclamoId: id }, `acuse_recibo:${id}`]);
    }
    const { rows: inserted } = await client.query<{ codigo: string }>(NUMBER_AND_INSERT_RECLAMO, [
      id,
      entidad.id,
      `${entidad.codigo}-${anio}-`,
      anio,
      registradoEn,
      due.registro,
      entidad.plazo_respuesta_dias,
      due.vence,
      due.calendarVersion,
      hoja.aspecto,
      hoja.sedeId,
      orNull(hoja.unidadId),
      hoja.servicioId,
      hoja.fechaHechos,
      hoja.descripcion,
      hoja.pedido,
      hoja.notificacionEmail,
    ]);
    return inserted[0].codigo;
  });

  const token = createHmac('sha256', secret).update(`constancia:${codigo}`).digest('base64url').slice(0, 32);
  return reply.code(201).send({
    id,
    codigo,
    entidad: { codigo: entidad.codigo, nombre: entidad.nombre },
    estado: 'registrado',
    registradoEn: registradoEn.toISOString(),
    fechaRegistro: due.registro,
    plazoDiasHabiles: entidad.plazo_respuesta_dias,
    vence: due.vence,
    repetido: false,
    constanciaUrl: `${publicBaseUrl}/reclamos/${codigo}/constancia?t=${token}`,
    constanciaPdfUrl: `${publicBaseUrl}/reclamos/${codigo}/constancia.pdf?t=${token}`,
    seguimientoUrl: `${publicBaseUrl}/seguimiento?codigo=${codigo}`,
  });
});

const shutdown = () => {
  void app.close().then(() => pool.end()).finally(() => process.exit(0));
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

pool
  .query<{ present: boolean }>(`SELECT to_regclass('calendario_revision') IS NOT NULL AS present`)
  .then(({ rows }) => {
    hasCalendarRevision = rows[0].present;
    return app.listen({ port, host: '127.0.0.1' });
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
