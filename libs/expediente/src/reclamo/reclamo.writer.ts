import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Canal, EstadoReclamo, ESTADOS_CERRADOS, formatCodigoReclamo, RolPersona } from '@app/domain';
import { nextCorrelativo } from '../correlativo';

/**
 * The only code that inserts or updates `reclamo`, `reclamo_persona`, `adjunto` and
 * `reclamo_evento` (and takes numbers from `correlativo_reclamo`). Every function runs in the
 * caller's transaction (`manager`), so a reclamo, its people, its files, its timeline, its audit
 * entry and its messages commit together or not at all. Plain parameterised SQL: a filing holds
 * its entity's counter row locked until it commits, so every millisecond here is a millisecond
 * other filings of that entity wait (the query builder cost ~0.5 ms a filing, measured).
 *
 * Dates: `registradoEn`/`ocurridoEn`/`ahora` are instants (UTC); `fechaRegistroLima`, `venceEl`,
 * `fechaHechos` are Lima calendar dates (AAAA-MM-DD). Deadlines are counted by `@app/calendar`
 * (business days, D.S. 007-2020-PCM art. 7 and Ley 27444 art. 144–145), never here.
 */

/** A person on the hoja, one row per role (Ley 29733: kept apart from the reclamo row). */
export interface PersonaDelReclamo {
  rol: RolPersona;
  tipoDocumento: string;
  numeroDocumento: string;
  nombres: string | null;
  apellidos: string | null;
  razonSocial: string | null;
  email: string | null;
  telefono: string | null;
  ubigeo: string | null;
  direccion: string | null;
}

/** What an attachment is to the reclamo: the citizen's own files (filed, or sent with a subsanación), or a scan staff uploaded. */
export type TipoAdjunto = 'ciudadano' | 'hoja_fisica' | 'constancia_notificacion' | 'subsanacion';

/** An attachment already stored (bytes in storage); this is its record. */
export interface AdjuntoDelReclamo {
  nombreOriginal: string;
  tipoMime: string;
  bytes: number;
  sha256: string;
  clave: string;
}

export interface NuevoReclamo {
  entidad: { id: string; codigo: string };
  /** The book's year (Lima), which numbers the correlative. */
  anio: number;
  canal: Canal;
  /** The sheet's own number when transcribed from the physical backup book. */
  numeroHojaFisica?: string | null;
  registradoEn: Date;
  fechaRegistroLima: string;
  plazoDiasHabiles: number;
  venceEl: string;
  calendarioVersion: string;
  aspecto: string;
  sedeId: string;
  unidadId: string | null;
  servicioId: string;
  fechaHechos: string;
  descripcion: string;
  pedido: string;
  notificacionEmail: boolean;
  personas: readonly PersonaDelReclamo[];
  adjuntos: readonly AdjuntoDelReclamo[];
  /** When the row was written (defaults to `registradoEn`; a transcription writes today). */
  ahora?: Date;
}

export interface ReclamoAbierto {
  id: string;
  codigo: string;
  correlativo: number;
}

/**
 * Opens a reclamo: the next page of the entity's book for the year (gap-free, see nextCorrelativo),
 * the reclamo in state `registrado`, its people and its attachments' records. The caller writes
 * the first timeline event (`registrarEvento`), whose data may name what was opened.
 * `prepararReclamo` then `numerarReclamo`, back to back; a filing that writes more rows naming the
 * reclamo calls the two itself, with those rows between, so the book is locked for less time.
 */
export async function abrirReclamo(manager: EntityManager, r: NuevoReclamo): Promise<ReclamoAbierto> {
  const id = await prepararReclamo(manager, r);
  return numerarReclamo(manager, id, r);
}

/**
 * The foreign keys to `reclamo` that `prepararReclamo` defers to the commit of its transaction:
 * the rows that may be written before the reclamo row itself. DEFERRABLE INITIALLY IMMEDIATE
 * (migration 1766451400000), so every other transaction checks them at the statement.
 */
const REFERENCIAS_DIFERIDAS = ['fk_reclamo_persona_reclamo', 'fk_adjunto_reclamo', 'fk_reclamo_evento_reclamo', 'fk_outbox_reclamo'];

/**
 * First half of opening a reclamo, before its number is taken: a new id, its people and its
 * attachments' records, with the foreign keys of people, attachments, timeline and outbox to
 * `reclamo` deferred to the commit of the caller's transaction. The caller may then write its
 * first event (`registrarEvento`) and messages with that id, and must end with `numerarReclamo`
 * in the same transaction (if it does not, the commit fails on those keys and nothing is kept).
 *
 * Why the reclamo row goes last: its correlative locks the entity's counter row until commit,
 * and every filing of that entity waits for it; taken in the last statement, the lock lasts one
 * statement and the commit instead of the whole filing (issue #14: the app's time between
 * statements was most of the lock's time).
 */
export async function prepararReclamo(manager: EntityManager, r: NuevoReclamo): Promise<string> {
  const id = randomUUID();
  await manager.query(`SET CONSTRAINTS ${REFERENCIAS_DIFERIDAS.join(', ')} DEFERRED`);
  await insertPersonas(manager, id, r.personas);
  await agregarAdjuntos(manager, id, 'ciudadano', r.adjuntos);
  return id;
}

/**
 * Second half: the reclamo row, with the next page of the entity's book for the year taken in the
 * same statement (gap-free, as nextCorrelativo: the counter row stays locked until commit, so a
 * rolled-back filing gives its number back). Meant as the last statement before the commit.
 * The code is made in SQL as `formatCodigoReclamo` makes it (ENTIDAD-AÑO- and the correlative padded
 * to 6 digits) and checked against it here.
 */
export async function numerarReclamo(manager: EntityManager, id: string, r: NuevoReclamo): Promise<ReclamoAbierto> {
  const rows: Array<{ correlativo: number; codigo: string }> = await manager.query(
    `WITH pagina AS (
       INSERT INTO correlativo_reclamo (entidad_id, anio, ultimo) VALUES ($2, $4, 1)
       ON CONFLICT (entidad_id, anio) DO UPDATE SET ultimo = correlativo_reclamo.ultimo + 1
       RETURNING ultimo, lpad(ultimo::text, greatest(6, length(ultimo::text)), '0') AS cifra
     )
     INSERT INTO reclamo (id, entidad_id, codigo, anio, correlativo, estado, canal, numero_hoja_fisica, registrado_en, fecha_registro_lima,
       plazo_dias_habiles, vence_el, calendario_version, aspecto, sede_id, unidad_id, servicio_id, fecha_hechos,
       descripcion, pedido, notificacion_email, updated_at)
     VALUES ($1, $2, $3::text || (SELECT cifra FROM pagina), $4, (SELECT ultimo FROM pagina),
       '${EstadoReclamo.REGISTRADO}', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
     RETURNING correlativo, codigo`,
    [
      id, r.entidad.id, `${r.entidad.codigo}-${r.anio}-`, r.anio, r.canal, r.numeroHojaFisica ?? null, r.registradoEn, r.fechaRegistroLima,
      r.plazoDiasHabiles, r.venceEl, r.calendarioVersion, r.aspecto, r.sedeId, r.unidadId, r.servicioId,
      r.fechaHechos, r.descripcion, r.pedido, r.notificacionEmail, r.ahora ?? r.registradoEn,
    ],
  );
  const { correlativo, codigo } = rows[0];
  if (codigo !== formatCodigoReclamo({ entidad: r.entidad.codigo, anio: r.anio, correlativo })) {
    throw new Error(`numerarReclamo: el código ${codigo} no es el que formatCodigoReclamo da al correlativo ${correlativo}`);
  }
  return { id, codigo, correlativo };
}

export interface TrasladoDeReclamo {
  origenId: string;
  destino: { id: string; codigo: string };
  anio: number;
  registradoEn: Date;
  fechaRegistroLima: string;
  plazoDiasHabiles: number;
  venceEl: string;
  calendarioVersion: string;
}

/**
 * The receiving entity's new reclamo for a traslado: a new page of its book, its own due date, the
 * hoja as filed (people and attachments' records; the bytes are shared, not copied) and a link
 * back to the original (`origen_reclamo_id`). Sede, unidad and service were the other entity's,
 * so they stay empty until the receiving entity assigns the reclamo.
 */
export async function abrirReclamoTrasladado(manager: EntityManager, t: TrasladoDeReclamo): Promise<ReclamoAbierto> {
  const correlativo = await nextCorrelativo(manager, t.destino.id, t.anio);
  const codigo = formatCodigoReclamo({ entidad: t.destino.codigo, anio: t.anio, correlativo });
  const [nuevo]: Array<{ id: string }> = await manager.query(
    `INSERT INTO reclamo (entidad_id, codigo, anio, correlativo, estado, canal, numero_hoja_fisica, registrado_en, fecha_registro_lima,
                          plazo_dias_habiles, vence_el, calendario_version, aspecto, fecha_hechos, descripcion, pedido,
                          notificacion_email, origen_reclamo_id, updated_at)
     SELECT $2, $3, $4, $5, '${EstadoReclamo.REGISTRADO}', canal, numero_hoja_fisica, $6, $7, $8, $9, $10, aspecto, fecha_hechos,
            descripcion, pedido, notificacion_email, id, $6
       FROM reclamo WHERE id = $1
     RETURNING id`,
    [t.origenId, t.destino.id, codigo, t.anio, correlativo, t.registradoEn, t.fechaRegistroLima, t.plazoDiasHabiles, t.venceEl, t.calendarioVersion],
  );
  await manager.query(
    `INSERT INTO reclamo_persona (reclamo_id, rol, tipo_documento, numero_documento, nombres, apellidos, razon_social, email, telefono, ubigeo, direccion)
     SELECT $2, rol, tipo_documento, numero_documento, nombres, apellidos, razon_social, email, telefono, ubigeo, direccion
       FROM reclamo_persona WHERE reclamo_id = $1`,
    [t.origenId, nuevo.id],
  );
  await manager.query(
    `INSERT INTO adjunto (reclamo_id, nombre_original, tipo_mime, bytes, sha256, clave_almacen, tipo)
     SELECT $2, nombre_original, tipo_mime, bytes, sha256, clave_almacen, tipo FROM adjunto WHERE reclamo_id = $1`,
    [t.origenId, nuevo.id],
  );
  return { id: nuevo.id, codigo, correlativo };
}

/** A reclamo of a bulk load, with the page of the book the caller reserved for it (reservarCorrelativos). */
export type NuevoReclamoEnLote = NuevoReclamo & { correlativo: number };

/** A traslado of a bulk load: the receiving entity's page, reserved by the caller, and the origin already written. */
export type TrasladoEnLote = TrasladoDeReclamo & { correlativo: number };

/**
 * Many reclamos at once (a bulk load: the demo history), each as `abrirReclamo` writes it, on the page the
 * caller reserved with `reservarCorrelativos`: one statement for the reclamos, one for their people, one for
 * their attachments' records. Returns them in the order given.
 */
export async function abrirReclamos(manager: EntityManager, reclamos: readonly NuevoReclamoEnLote[]): Promise<ReclamoAbierto[]> {
  if (reclamos.length === 0) return [];
  const abiertos = reclamos.map((r) => ({
    id: randomUUID(),
    codigo: formatCodigoReclamo({ entidad: r.entidad.codigo, anio: r.anio, correlativo: r.correlativo }),
    correlativo: r.correlativo,
  }));
  const columna = <T>(f: (r: NuevoReclamoEnLote, i: number) => T): T[] => reclamos.map(f);
  await manager.query(
    `INSERT INTO reclamo (id, entidad_id, codigo, anio, correlativo, estado, canal, numero_hoja_fisica, registrado_en, fecha_registro_lima,
       plazo_dias_habiles, vence_el, calendario_version, aspecto, sede_id, unidad_id, servicio_id, fecha_hechos,
       descripcion, pedido, notificacion_email, updated_at)
     SELECT i, e, c, a, n, '${EstadoReclamo.REGISTRADO}', ca, h, re, fr, p, v, cv, asp, s, u, sv, fh, d, pe, ne, ah
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::smallint[], $5::int[], $6::text[], $7::text[], $8::timestamptz[], $9::date[],
                   $10::smallint[], $11::date[], $12::text[], $13::text[], $14::uuid[], $15::uuid[], $16::uuid[], $17::date[], $18::text[],
                   $19::text[], $20::boolean[], $21::timestamptz[])
         AS x(i, e, c, a, n, ca, h, re, fr, p, v, cv, asp, s, u, sv, fh, d, pe, ne, ah)`,
    [
      abiertos.map((a) => a.id), columna((r) => r.entidad.id), abiertos.map((a) => a.codigo), columna((r) => r.anio), columna((r) => r.correlativo),
      columna((r) => r.canal), columna((r) => r.numeroHojaFisica ?? null), columna((r) => r.registradoEn), columna((r) => r.fechaRegistroLima),
      columna((r) => r.plazoDiasHabiles), columna((r) => r.venceEl), columna((r) => r.calendarioVersion), columna((r) => r.aspecto),
      columna((r) => r.sedeId), columna((r) => r.unidadId), columna((r) => r.servicioId), columna((r) => r.fechaHechos), columna((r) => r.descripcion),
      columna((r) => r.pedido), columna((r) => r.notificacionEmail), columna((r) => r.ahora ?? r.registradoEn),
    ],
  );
  const personas = reclamos.flatMap((r, i) => r.personas.map((p) => ({ reclamoId: abiertos[i].id, ...p })));
  const persona = <K extends keyof PersonaDelReclamo>(key: K) => personas.map((p) => p[key]);
  await manager.query(
    `INSERT INTO reclamo_persona (reclamo_id, rol, tipo_documento, numero_documento, nombres, apellidos, razon_social, email, telefono, ubigeo, direccion)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])`,
    [
      personas.map((p) => p.reclamoId), persona('rol'), persona('tipoDocumento'), persona('numeroDocumento'), persona('nombres'),
      persona('apellidos'), persona('razonSocial'), persona('email'), persona('telefono'), persona('ubigeo'), persona('direccion'),
    ],
  );
  await agregarAdjuntosEnLote(
    manager,
    reclamos.flatMap((r, i) => r.adjuntos.map((adjunto) => ({ reclamoId: abiertos[i].id, tipo: 'ciudadano' as const, adjunto }))),
  );
  return abiertos;
}

/**
 * Many traslados at once, each as `abrirReclamoTrasladado` writes it (the hoja, its people and its
 * attachments' records copied from the origin, which must already be written), on the receiving entity's
 * page the caller reserved. Returns them in the order given.
 */
export async function abrirReclamosTrasladados(manager: EntityManager, traslados: readonly TrasladoEnLote[]): Promise<ReclamoAbierto[]> {
  if (traslados.length === 0) return [];
  const abiertos = traslados.map((t) => ({
    id: randomUUID(),
    codigo: formatCodigoReclamo({ entidad: t.destino.codigo, anio: t.anio, correlativo: t.correlativo }),
    correlativo: t.correlativo,
  }));
  const ids = abiertos.map((a) => a.id);
  const origenes = traslados.map((t) => t.origenId);
  await manager.query(
    `INSERT INTO reclamo (id, entidad_id, codigo, anio, correlativo, estado, canal, numero_hoja_fisica, registrado_en, fecha_registro_lima,
                          plazo_dias_habiles, vence_el, calendario_version, aspecto, fecha_hechos, descripcion, pedido,
                          notificacion_email, origen_reclamo_id, updated_at)
     SELECT t.i, t.e, t.c, t.a, t.n, '${EstadoReclamo.REGISTRADO}', o.canal, o.numero_hoja_fisica, t.re, t.fr, t.p, t.v, t.cv, o.aspecto,
            o.fecha_hechos, o.descripcion, o.pedido, o.notificacion_email, o.id, t.re
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::smallint[], $6::int[], $7::timestamptz[], $8::date[], $9::smallint[],
                   $10::date[], $11::text[]) AS t(i, o, e, c, a, n, re, fr, p, v, cv)
       JOIN reclamo o ON o.id = t.o`,
    [
      ids, origenes, traslados.map((t) => t.destino.id), abiertos.map((a) => a.codigo), traslados.map((t) => t.anio), traslados.map((t) => t.correlativo),
      traslados.map((t) => t.registradoEn), traslados.map((t) => t.fechaRegistroLima), traslados.map((t) => t.plazoDiasHabiles),
      traslados.map((t) => t.venceEl), traslados.map((t) => t.calendarioVersion),
    ],
  );
  await manager.query(
    `INSERT INTO reclamo_persona (reclamo_id, rol, tipo_documento, numero_documento, nombres, apellidos, razon_social, email, telefono, ubigeo, direccion)
     SELECT t.i, p.rol, p.tipo_documento, p.numero_documento, p.nombres, p.apellidos, p.razon_social, p.email, p.telefono, p.ubigeo, p.direccion
       FROM unnest($1::uuid[], $2::uuid[]) AS t(i, o) JOIN reclamo_persona p ON p.reclamo_id = t.o`,
    [ids, origenes],
  );
  await manager.query(
    `INSERT INTO adjunto (reclamo_id, nombre_original, tipo_mime, bytes, sha256, clave_almacen, tipo)
     SELECT t.i, a.nombre_original, a.tipo_mime, a.bytes, a.sha256, a.clave_almacen, a.tipo
       FROM unnest($1::uuid[], $2::uuid[]) AS t(i, o) JOIN adjunto a ON a.reclamo_id = t.o`,
    [ids, origenes],
  );
  return abiertos;
}

async function insertPersonas(manager: EntityManager, reclamoId: string, people: readonly PersonaDelReclamo[]): Promise<void> {
  const column = <K extends keyof PersonaDelReclamo>(key: K) => people.map((p) => p[key]);
  await manager.query(
    `INSERT INTO reclamo_persona (reclamo_id, rol, tipo_documento, numero_documento, nombres, apellidos, razon_social,
       email, telefono, ubigeo, direccion)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
       $9::text[], $10::text[], $11::text[])`,
    [
      reclamoId, column('rol'), column('tipoDocumento'), column('numeroDocumento'), column('nombres'),
      column('apellidos'), column('razonSocial'), column('email'), column('telefono'), column('ubigeo'),
      column('direccion'),
    ],
  );
}

/**
 * Attachments' records of a reclamo; returns their ids in the order given. The ids are made here, so
 * that order does not rest on the order of INSERT … RETURNING (which PostgreSQL does not promise).
 */
export async function agregarAdjuntos(
  manager: EntityManager,
  reclamoId: string,
  tipo: TipoAdjunto,
  adjuntos: readonly AdjuntoDelReclamo[],
): Promise<string[]> {
  if (adjuntos.length === 0) return [];
  const ids = adjuntos.map(() => randomUUID());
  await manager.query(
    `INSERT INTO adjunto (id, reclamo_id, nombre_original, tipo_mime, bytes, sha256, clave_almacen, tipo)
     SELECT i, $2, n, m, b, s, c, $8 FROM unnest($1::uuid[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[]) AS a(i, n, m, b, s, c)`,
    [
      ids,
      reclamoId,
      adjuntos.map((a) => a.nombreOriginal.slice(0, 255)),
      adjuntos.map((a) => a.tipoMime),
      adjuntos.map((a) => a.bytes),
      adjuntos.map((a) => a.sha256),
      adjuntos.map((a) => a.clave),
      tipo,
    ],
  );
  return ids;
}

/**
 * Attachments' records of many reclamos in one statement (a bulk load); returns their ids in the order
 * given, made here as in `agregarAdjuntos`.
 */
export async function agregarAdjuntosEnLote(
  manager: EntityManager,
  items: ReadonlyArray<{ reclamoId: string; tipo: TipoAdjunto; adjunto: AdjuntoDelReclamo }>,
): Promise<string[]> {
  if (items.length === 0) return [];
  const ids = items.map(() => randomUUID());
  await manager.query(
    `INSERT INTO adjunto (id, reclamo_id, nombre_original, tipo_mime, bytes, sha256, clave_almacen, tipo)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[])`,
    [
      ids,
      items.map((x) => x.reclamoId),
      items.map((x) => x.adjunto.nombreOriginal.slice(0, 255)),
      items.map((x) => x.adjunto.tipoMime),
      items.map((x) => x.adjunto.bytes),
      items.map((x) => x.adjunto.sha256),
      items.map((x) => x.adjunto.clave),
      items.map((x) => x.tipo),
    ],
  );
  return ids;
}

/** Who did what the timeline records: the citizen (filing), a staff member, or the platform (sweeps). */
export type ActorEvento = { tipo: 'ciudadano' } | { tipo: 'personal'; id: string } | { tipo: 'sistema' };

/**
 * Kinds of timeline entry. 'cambio_estado' is a lifecycle move (what the citizen's tracking
 * page shows); the rest record something that is not a move.
 */
export type TipoEvento =
  | 'registrado'
  | 'cambio_estado'
  | 'reasignado'
  | 'plazo_recalculado'
  | 'respuesta_redactada'
  | 'respuesta_aprobada'
  | 'respuesta_devuelta'
  | 'nota_interna'
  /** The retention purge removed the case's personal data and files (Ley 29733); counts and states stay. */
  | 'datos_purgados';

export interface NuevoEvento {
  reclamoId: string;
  entidadId: string;
  tipo: TipoEvento;
  /** Set for a lifecycle move only. */
  estadoAnterior?: EstadoReclamo | null;
  estadoNuevo?: EstadoReclamo | null;
  actor: ActorEvento;
  motivo?: string | null;
  datos: Record<string, unknown>;
  ocurridoEn: Date;
}

/** One timeline entry; returns its id (bigint, as text), which messages and audit entries cite. */
export async function registrarEvento(manager: EntityManager, e: NuevoEvento): Promise<string> {
  const [row]: Array<{ id: string }> = await manager.query(
    `INSERT INTO reclamo_evento (reclamo_id, entidad_id, tipo, estado_anterior, estado_nuevo, actor_tipo, actor_id, motivo, datos, ocurrido_en)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id::text AS id`,
    [
      e.reclamoId, e.entidadId, e.tipo, e.estadoAnterior ?? null, e.estadoNuevo ?? null, e.actor.tipo,
      e.actor.tipo === 'personal' ? e.actor.id : null, e.motivo ?? null, JSON.stringify(e.datos), e.ocurridoEn,
    ],
  );
  return row.id;
}

/**
 * Many timeline entries at once (a bulk load: the demo's history), in one statement per 5,000 entries;
 * returns their ids (bigint, as text) in the order given. The ids are taken from the identity's sequence
 * first and handed out in that order, so entries given in time order get increasing ids, as entries
 * written one by one do, and each can be cited by its audit entry or message (PostgreSQL does not promise
 * the order of INSERT … RETURNING).
 */
export async function registrarEventos(manager: EntityManager, eventos: readonly NuevoEvento[]): Promise<string[]> {
  if (eventos.length === 0) return [];
  const reservados: Array<{ id: string }> = await manager.query(
    `SELECT nextval(pg_get_serial_sequence('reclamo_evento', 'id'))::text AS id FROM generate_series(1, $1::int)`,
    [eventos.length],
  );
  const ids = reservados.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(String);
  for (let inicio = 0; inicio < eventos.length; inicio += 5_000) {
    const lote = eventos.slice(inicio, inicio + 5_000);
    const columna = <T>(f: (e: NuevoEvento) => T): T[] => lote.map(f);
    await manager.query(
      `INSERT INTO reclamo_evento (id, reclamo_id, entidad_id, tipo, estado_anterior, estado_nuevo, actor_tipo, actor_id, motivo, datos, ocurrido_en)
       OVERRIDING SYSTEM VALUE
       SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::text[], $10::jsonb[], $11::timestamptz[])`,
      [
        ids.slice(inicio, inicio + lote.length),
        columna((e) => e.reclamoId),
        columna((e) => e.entidadId),
        columna((e) => e.tipo),
        columna((e) => e.estadoAnterior ?? null),
        columna((e) => e.estadoNuevo ?? null),
        columna((e) => e.actor.tipo),
        columna((e) => (e.actor.tipo === 'personal' ? e.actor.id : null)),
        columna((e) => e.motivo ?? null),
        columna((e) => JSON.stringify(e.datos)),
        columna((e) => e.ocurridoEn),
      ],
    );
  }
  return ids;
}

/**
 * Columns of `reclamo` an action may change besides its state. A closed list: names reach SQL
 * text, so they come from this type, never from input.
 */
export interface ColumnasDelReclamo {
  unidad_id?: string | null;
  asignado_a?: string | null;
  asignado_en?: Date | null;
  tema_id?: string | null;
  subsanacion_vence_el?: string | null;
  notificado_el?: string | null;
  reconducido_a?: string | null;
  trasladado_a_reclamo_id?: string | null;
  anulado_motivo?: string | null;
  /**
   * The citizen's online reply to a subsanación arrived at this instant and no staff member has acted
   * on the reclamo since: set by the reply, cleared by the next action of the back-office.
   */
  subsanacion_respondida_en?: Date | null;
  /**
   * A paused clock resumed (subsanación): the new due date (Lima, AAAA-MM-DD), the calendar version that
   * counted it and the business days paused so far, always together (see `dias_pausados` in the migration).
   */
  vence_el?: string;
  calendario_version?: string;
  dias_pausados?: number;
}

/**
 * Writes a reclamo's state and/or columns, scoped to its entity. The caller has already checked the
 * move against the lifecycle (`assertTransition`) under the reclamo's row lock.
 */
export async function actualizarReclamo(
  manager: EntityManager,
  c: { reclamoId: string; entidadId: string; estado?: EstadoReclamo; columnas?: ColumnasDelReclamo; ahora: Date },
): Promise<void> {
  const set: Record<string, unknown> = { ...(c.columnas ?? {}) };
  if (c.estado) set.estado = c.estado;
  set.updated_at = c.ahora;
  const names = Object.keys(set);
  await manager.query(
    `UPDATE reclamo SET ${names.map((name, i) => `${name} = $${i + 3}`).join(', ')} WHERE id = $1 AND entidad_id = $2`,
    [c.reclamoId, c.entidadId, ...names.map((name) => set[name])],
  );
}

/** The SQL type of each column a bulk update may write (a closed list, as `ColumnasDelReclamo`). */
const TIPO_DE_COLUMNA: Readonly<Record<keyof ColumnasDelReclamo, string>> = {
  unidad_id: 'uuid',
  asignado_a: 'uuid',
  asignado_en: 'timestamptz',
  tema_id: 'uuid',
  subsanacion_vence_el: 'date',
  notificado_el: 'date',
  reconducido_a: 'text',
  trasladado_a_reclamo_id: 'uuid',
  anulado_motivo: 'text',
  vence_el: 'date',
  calendario_version: 'text',
  dias_pausados: 'int',
  subsanacion_respondida_en: 'timestamptz',
};

/** One reclamo's state and columns after its moves, and the instant of the last. */
export interface CambioDeReclamo {
  reclamoId: string;
  entidadId: string;
  estado: EstadoReclamo;
  columnas: ColumnasDelReclamo;
  ahora: Date;
}

/**
 * Many reclamos' state and columns at once (a bulk load), each as `actualizarReclamo` writes it: one
 * statement per set of columns changed. The moves were checked by the caller against the lifecycle.
 */
export async function actualizarReclamos(manager: EntityManager, cambios: readonly CambioDeReclamo[]): Promise<void> {
  const grupos = new Map<string, CambioDeReclamo[]>();
  for (const c of cambios) {
    const clave = Object.keys(c.columnas).sort().join(',');
    grupos.set(clave, [...(grupos.get(clave) ?? []), c]);
  }
  for (const [clave, grupo] of grupos) {
    const nombres = (clave === '' ? [] : clave.split(',')) as Array<keyof ColumnasDelReclamo>;
    await manager.query(
      `UPDATE reclamo r SET estado = u.estado, ${nombres.map((n) => `${n} = u.${n}`).join(', ')}${nombres.length > 0 ? ', ' : ''}updated_at = u.ahora
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[]${nombres.map((n, i) => `, $${i + 5}::${TIPO_DE_COLUMNA[n]}[]`).join('')})
           AS u(id, entidad_id, estado, ahora${nombres.map((n) => `, ${n}`).join('')})
        WHERE r.id = u.id AND r.entidad_id = u.entidad_id`,
      [
        grupo.map((c) => c.reclamoId),
        grupo.map((c) => c.entidadId),
        grupo.map((c) => c.estado),
        grupo.map((c) => c.ahora),
        ...nombres.map((n) => grupo.map((c) => c.columnas[n] ?? null)),
      ],
    );
  }
}

/** A reclamo the subsanación sweep archived. */
export interface ArchivadoNoSubsanado {
  id: string;
  entidadId: string;
  codigo: string;
  subsanacionVence: string;
  eventoId: string;
}

/**
 * observado → archivado for every reclamo of these entities whose subsanación window (2 días
 * hábiles, D.S. 007-2020-PCM) ended before `hoy` (Lima date), with its timeline entry by
 * 'sistema', in one statement. `FOR UPDATE SKIP LOCKED` leaves alone a reclamo a staff member is
 * acting on right now (recording the citizen's reply wins; the next sweep looks again) and one
 * another sweep is archiving; the UPDATE re-checks `estado`, so a reclamo is archived once.
 */
export async function archivarNoSubsanados(
  manager: EntityManager,
  c: { entidadIds: readonly string[]; hoy: string; ahora: Date; motivo: string },
): Promise<ArchivadoNoSubsanado[]> {
  return manager.query(
    `WITH objetivo AS (
       SELECT r.id FROM reclamo r
        WHERE r.entidad_id = ANY ($1::uuid[]) AND r.estado = '${EstadoReclamo.OBSERVADO}' AND r.subsanacion_vence_el < $2::date
        ORDER BY r.id
        FOR UPDATE OF r SKIP LOCKED
     ), movido AS (
       UPDATE reclamo r SET estado = '${EstadoReclamo.ARCHIVADO}', updated_at = $3
         FROM objetivo o
        WHERE r.id = o.id AND r.estado = '${EstadoReclamo.OBSERVADO}'
       RETURNING r.id, r.entidad_id, r.codigo, r.subsanacion_vence_el
     ), evento AS (
       INSERT INTO reclamo_evento (reclamo_id, entidad_id, tipo, estado_anterior, estado_nuevo, actor_tipo, actor_id, motivo, datos, ocurrido_en)
       SELECT m.id, m.entidad_id, 'cambio_estado', '${EstadoReclamo.OBSERVADO}', '${EstadoReclamo.ARCHIVADO}', 'sistema', NULL, $4,
              jsonb_build_object('accion', 'archivado_no_subsanado', 'subsanacionVence', m.subsanacion_vence_el), $3
         FROM movido m
       RETURNING id, reclamo_id
     )
     SELECT m.id, m.entidad_id AS "entidadId", m.codigo, m.subsanacion_vence_el::text AS "subsanacionVence", e.id::text AS "eventoId"
       FROM movido m JOIN evento e ON e.reclamo_id = m.id
      ORDER BY m.entidad_id, m.id`,
    [[...c.entidadIds], c.hoy, c.ahora, c.motivo],
  );
}

/** Open reclamos that share what decides a due date, and the date the current calendar gives them. */
export interface GrupoDePlazo {
  entidadId: string;
  fechaRegistro: string;
  plazo: number;
  /** Business days the clock stood still during subsanaciones (entity setting): they extend the plazo. */
  diasPausados: number;
  anterior: string;
  nuevo: string;
}

/** A reclamo whose due date a recompute moved. */
export interface PlazoMovido {
  id: string;
  entidadId: string;
  codigo: string;
  anterior: string;
  nuevo: string;
  eventoId: string;
}

/**
 * Moves the due date of the open reclamos of each group (matched on what decided the old date, so a
 * reclamo changed since is left alone) and records a 'plazo_recalculado' timeline entry for each, in
 * one statement. Returns every moved reclamo, so the caller can audit each one.
 */
export async function moverPlazos(
  manager: EntityManager,
  c: { grupos: readonly GrupoDePlazo[]; calendarioVersion: string; estadosAbiertos: readonly string[]; actorId: string; motivo: string; ahora: Date },
): Promise<PlazoMovido[]> {
  return manager.query(
    `WITH grupo AS (
       SELECT * FROM unnest($1::uuid[], $2::date[], $3::int[], $4::date[], $5::date[], $11::int[]) AS g(entidad_id, fecha, plazo, anterior, nuevo, pausados)
     ), movido AS (
       UPDATE reclamo r SET vence_el = g.nuevo, calendario_version = $6, updated_at = $7
         FROM grupo g
        WHERE r.entidad_id = g.entidad_id AND r.fecha_registro_lima = g.fecha AND r.plazo_dias_habiles = g.plazo
          AND r.dias_pausados = g.pausados AND r.vence_el = g.anterior AND r.estado = ANY ($8::text[])
       RETURNING r.id, r.entidad_id, r.codigo, g.anterior, g.nuevo
     ), evento AS (
       INSERT INTO reclamo_evento (reclamo_id, entidad_id, tipo, estado_anterior, estado_nuevo, actor_tipo, actor_id, motivo, datos, ocurrido_en)
       SELECT m.id, m.entidad_id, 'plazo_recalculado', NULL, NULL, 'personal', $9, $10,
              jsonb_build_object('venceAnterior', m.anterior, 'venceNuevo', m.nuevo, 'calendarioVersion', $6::text), $7
         FROM movido m
       RETURNING id, reclamo_id
     )
     SELECT m.id, m.entidad_id AS "entidadId", m.codigo, m.anterior::text AS anterior, m.nuevo::text AS nuevo, e.id::text AS "eventoId"
       FROM movido m JOIN evento e ON e.reclamo_id = m.id
      ORDER BY m.entidad_id, m.id`,
    [
      c.grupos.map((g) => g.entidadId),
      c.grupos.map((g) => g.fechaRegistro),
      c.grupos.map((g) => g.plazo),
      c.grupos.map((g) => g.anterior),
      c.grupos.map((g) => g.nuevo),
      c.calendarioVersion,
      c.ahora,
      [...c.estadosAbiertos],
      c.actorId,
      c.motivo,
      c.grupos.map((g) => g.diasPausados),
    ],
  );
}

/** A case the retention purge takes, read under its row lock. */
export interface ExpedienteAPurgar {
  id: string;
  entidadId: string;
  codigo: string;
  estado: EstadoReclamo;
  /** When the move into its closed state happened. */
  cerradoEn: Date;
}

/**
 * Takes (locks) up to `limite` closed, not yet purged reclamos whose entity's retention ran out before
 * `ahora`: closed states only, past `entidad.retencion_meses` calendar months counted from the last state
 * move (the close). `FOR UPDATE OF r SKIP LOCKED`, so two purges running at once take disjoint cases and
 * never wait on each other or on staff. `entidadIds` limits it to some entities (a test, an operator's run);
 * null: every entity. Keyset paging by (registrado_en, id) after `desde`: a case filed long
 * ago but closed recently is read once per run, not once per batch. The cursor is returned with the rows.
 */
export async function tomarExpedientesVencidos(
  manager: EntityManager,
  ahora: Date,
  limite: number,
  desde: { registradoEn: Date; id: string } | null,
  entidadIds: readonly string[] | null = null,
): Promise<{ casos: ExpedienteAPurgar[]; cursor: { registradoEn: Date; id: string } | null }> {
  const cerrados = ESTADOS_CERRADOS as readonly string[];
  // Candidates by the partial index, then the close date of each by its own timeline (index on reclamo_id, id).
  const rows: Array<{ id: string; entidadId: string; codigo: string; estado: EstadoReclamo; cerradoEn: Date | null; registradoEn: Date; vencido: boolean }> =
    await manager.query(
      `SELECT r.id, r.entidad_id AS "entidadId", r.codigo, r.estado, c.ocurrido_en AS "cerradoEn", r.registrado_en AS "registradoEn",
              (c.ocurrido_en IS NOT NULL AND c.ocurrido_en < $1::timestamptz - make_interval(months => e.retencion_meses)) AS vencido
         FROM reclamo r
         JOIN entidad e ON e.id = r.entidad_id
         LEFT JOIN LATERAL (
           SELECT ev.ocurrido_en FROM reclamo_evento ev
            WHERE ev.reclamo_id = r.id AND ev.estado_nuevo IS NOT NULL ORDER BY ev.id DESC LIMIT 1
         ) c ON true
        WHERE r.datos_purgados_en IS NULL AND r.estado = ANY ($2::text[])
          AND r.registrado_en < $1::timestamptz - make_interval(months => e.retencion_meses)
          AND ($3::timestamptz IS NULL OR (r.registrado_en, r.id) > ($3::timestamptz, $4::uuid))
          AND ($6::uuid[] IS NULL OR r.entidad_id = ANY ($6::uuid[]))
        ORDER BY r.registrado_en, r.id
        LIMIT $5
        FOR UPDATE OF r SKIP LOCKED`,
      [ahora, cerrados, desde?.registradoEn ?? null, desde?.id ?? null, limite, entidadIds],
    );
  const ultimo = rows.at(-1);
  return {
    casos: rows.filter((r) => r.vencido && r.cerradoEn !== null).map(({ id, entidadId, codigo, estado, cerradoEn }) => ({ id, entidadId, codigo, estado, cerradoEn: cerradoEn as Date })),
    cursor: rows.length < limite || !ultimo ? null : { registradoEn: ultimo.registradoEn, id: ultimo.id },
  };
}

/** The storage keys of the files of these reclamos (the citizen's, the subsanación's, the staff's scans). */
export async function clavesDeAdjuntos(manager: EntityManager, reclamoIds: readonly string[]): Promise<Array<{ id: string; reclamoId: string; clave: string }>> {
  if (reclamoIds.length === 0) return [];
  return manager.query(
    `SELECT id, reclamo_id AS "reclamoId", clave_almacen AS clave FROM adjunto WHERE reclamo_id = ANY ($1::uuid[]) ORDER BY id`,
    [reclamoIds],
  );
}

/** What the purge removed from one reclamo, for its timeline and audit entries: counts only. */
export interface PurgaDeExpediente {
  reclamoId: string;
  personas: number;
  adjuntos: number;
  eventos: number;
}

/**
 * Removes the personal data this lib holds for these (locked, closed) reclamos and marks them purged, in
 * the caller's transaction: the people on the hoja keep their role and document type but lose names,
 * document number, contacts and address; the reclamo loses the citizen's account and request (descripción,
 * pedido) and the reason of an annulment; the timeline keeps every entry, state and date but loses its free texts (`motivo`: a staff
 * reason or the citizen's subsanación) and the answer's texts copied into a draft's `datos`; the
 * attachments' rows go (the caller removed their bytes first, and cleared references to them). Untouched:
 * every column the figures read (dates, states, aspecto, sede, unidad, servicio, tema, canal, plazo,
 * notificado_el), so the rollups rebuild to the same numbers. Returns the counts per reclamo.
 */
export async function purgarExpedientes(manager: EntityManager, reclamoIds: readonly string[], ahora: Date): Promise<PurgaDeExpediente[]> {
  if (reclamoIds.length === 0) return [];
  const personas: Array<{ reclamoId: string; n: number }> = await manager.query(
    `WITH p AS (
       UPDATE reclamo_persona SET numero_documento = '', nombres = NULL, apellidos = NULL, razon_social = NULL, email = NULL,
              telefono = NULL, ubigeo = NULL, direccion = NULL
        WHERE reclamo_id = ANY ($1::uuid[]) RETURNING reclamo_id)
     SELECT reclamo_id AS "reclamoId", count(*)::int AS n FROM p GROUP BY reclamo_id`,
    [reclamoIds],
  );
  const adjuntos: Array<{ reclamoId: string; n: number }> = await manager.query(
    `WITH a AS (DELETE FROM adjunto WHERE reclamo_id = ANY ($1::uuid[]) RETURNING reclamo_id)
     SELECT reclamo_id AS "reclamoId", count(*)::int AS n FROM a GROUP BY reclamo_id`,
    [reclamoIds],
  );
  const eventos: Array<{ reclamoId: string; n: number }> = await manager.query(
    `WITH e AS (
       UPDATE reclamo_evento SET motivo = NULL, datos = datos - 'hechos' - 'analisis' - 'medidasAdoptadas'
        WHERE reclamo_id = ANY ($1::uuid[]) AND (motivo IS NOT NULL OR datos ?| array['hechos','analisis','medidasAdoptadas'])
        RETURNING reclamo_id)
     SELECT reclamo_id AS "reclamoId", count(*)::int AS n FROM e GROUP BY reclamo_id`,
    [reclamoIds],
  );
  await manager.query(
    `UPDATE reclamo SET descripcion = '', pedido = '', anulado_motivo = NULL, datos_purgados_en = $2, updated_at = $2 WHERE id = ANY ($1::uuid[])`,
    [reclamoIds, ahora],
  );
  const de = (rows: Array<{ reclamoId: string; n: number }>, id: string): number => rows.find((r) => r.reclamoId === id)?.n ?? 0;
  return reclamoIds.map((id) => ({ reclamoId: id, personas: de(personas, id), adjuntos: de(adjuntos, id), eventos: de(eventos, id) }));
}
