import { createHash, randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { computeDueDate } from '@app/calendar';
import { EstadoReclamo, formatCodigoReclamo, RolUsuario } from '@app/domain';
import { CalendarRepository, scopeOfEntidad } from '@app/plazos';
import { StaffUser } from '@app/staff';

/** A staff member inserted directly (integration tests call use cases, no sign-in). */
export async function insertStaff(dataSource: DataSource, rol: RolUsuario, entidadId: string | null): Promise<StaffUser> {
  const email = `atencion.${rol}.${randomUUID().slice(0, 8)}@pruebas.gob.pe`;
  const [row]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO usuario (entidad_id, email, nombre, rol, password_hash) VALUES ($1, $2, $3, $4, 'x') RETURNING id`,
    [entidadId, email, `Prueba ${rol}`, rol],
  );
  return { id: row.id, email, nombre: `Prueba ${rol}`, rol, entidadId };
}

export interface ReclamoOptions {
  estado?: EstadoReclamo;
  asignadoA?: string | null;
  email?: string | null;
  notificacionEmail?: boolean;
  /** Inserts an approved (or pending) response. */
  respuesta?: 'aprobada' | 'pendiente_aprobacion' | null;
  subsanacionVence?: string | null;
  fechaRegistro?: string;
  /** Only with a date the calendar gives: any other makes the reclamo stale, and a plazos recompute another file runs would move it. */
  vence?: string;
  numeroDocumento?: string;
  nombres?: string;
  apellidos?: string;
  /** What the citizen wrote (the hoja's account of the facts). */
  descripcion?: string;
  /** The response's texts, when `respuesta` is set; `medidas` one per line. */
  textosRespuesta?: { hechos: string; analisis: string; medidas: string };
}

/** A reclamo in any state, written directly so a test can start from there (the lifecycle is exercised by the use cases). */
export async function insertReclamo(
  dataSource: DataSource,
  entidad: { id: string; codigo: string },
  options: ReclamoOptions = {},
): Promise<{ id: string; codigo: string }> {
  const fechaRegistro = options.fechaRegistro ?? '2026-11-20';
  // The stored due date is the calendar's own, so the plazos recompute never sees these reclamos as stale.
  const [ent]: Array<{ ubigeo: string }> = await dataSource.query(`SELECT ubigeo FROM entidad WHERE id = $1`, [entidad.id]);
  const calendar = await new CalendarRepository(dataSource).current();
  const due = computeDueDate({ registeredAt: fechaRegistro, businessDays: 30, scope: scopeOfEntidad({ codigo: entidad.codigo, ubigeo: ent.ubigeo }), calendar });
  // A year no filing reaches and a random correlative: test files running at the same time insert
  // into the same seeded entities, so neither the clock nor a per-process counter is unique enough.
  const anio = 2090 + (process.pid % 9);
  const correlativo = randomInt(1, 1_000_000_000);
  // The platform's own format, so the citizen's tracking (which parses and re-formats the code) finds it.
  const codigo = formatCodigoReclamo({ entidad: entidad.codigo, anio, correlativo });
  const [row]: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO reclamo (entidad_id, codigo, anio, correlativo, estado, registrado_en, fecha_registro_lima, plazo_dias_habiles, vence_el,
                          calendario_version, aspecto, descripcion, pedido, notificacion_email, asignado_a, subsanacion_vence_el, fecha_hechos)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 30, $8, $12, 'tiempo_espera', $13, 'Atención',
             $9, $10, $11, $7) RETURNING id`,
    [
      entidad.id,
      codigo,
      anio,
      correlativo,
      options.estado ?? EstadoReclamo.REGISTRADO,
      new Date(`${fechaRegistro}T15:00:00Z`),
      fechaRegistro,
      options.vence ?? due.vence,
      options.notificacionEmail ?? true,
      options.asignadoA ?? null,
      options.subsanacionVence ?? null,
      due.calendarVersion,
      options.descripcion ?? 'Esperé tres horas sin ser atendida en la sede.',
    ],
  );
  await dataSource.query(
    `INSERT INTO reclamo_persona (reclamo_id, rol, tipo_documento, numero_documento, nombres, apellidos, email, telefono)
     VALUES ($1, 'reclamante', 'DNI', $2, $3, $4, $5, '987654321')`,
    [
      row.id,
      options.numeroDocumento ?? '45871236',
      options.nombres ?? 'María Elena',
      options.apellidos ?? 'Quispe Huamán',
      options.email === undefined ? 'maria.quispe@example.pe' : options.email,
    ],
  );
  if (options.respuesta) {
    const [autor]: Array<{ id: string }> = await dataSource.query(`SELECT id FROM usuario WHERE entidad_id = $1 LIMIT 1`, [entidad.id]);
    await dataSource.query(
      `INSERT INTO respuesta (reclamo_id, entidad_id, hechos, analisis, medidas_adoptadas, estado, redactado_por, redactado_en)
       VALUES ($1, $2, $5, $6, $7, $3, $4, now())`,
      [
        row.id,
        entidad.id,
        options.respuesta,
        autor.id,
        options.textosRespuesta?.hechos ?? 'Los hechos del caso.',
        options.textosRespuesta?.analisis ?? 'El análisis del caso.',
        options.textosRespuesta?.medidas ?? 'Las medidas adoptadas.',
      ],
    );
  }
  return { id: row.id, codigo };
}

/**
 * Everything an action on one reclamo can write, reduced to one hash: if it does not move, nothing
 * about the reclamo changed (no state, no timeline, no outbox, no response, no notes, no audit).
 */
export async function reclamoFingerprint(dataSource: DataSource, reclamoId: string): Promise<string> {
  const [row]: Array<{ f: string }> = await dataSource.query(
    `SELECT concat_ws('|',
       (SELECT to_jsonb(r)::text FROM reclamo r WHERE r.id = $1),
       (SELECT coalesce(jsonb_agg(to_jsonb(e) ORDER BY e.id), '[]')::text FROM reclamo_evento e WHERE e.reclamo_id = $1),
       (SELECT coalesce(jsonb_agg(to_jsonb(o) ORDER BY o.id), '[]')::text FROM outbox o WHERE o.reclamo_id = $1),
       (SELECT coalesce(jsonb_agg(to_jsonb(x)), '[]')::text FROM respuesta x WHERE x.reclamo_id = $1),
       (SELECT coalesce(jsonb_agg(to_jsonb(n) ORDER BY n.id), '[]')::text FROM nota_interna n WHERE n.reclamo_id = $1),
       (SELECT coalesce(jsonb_agg(to_jsonb(n) ORDER BY n.id), '[]')::text FROM notificacion_respuesta n WHERE n.reclamo_id = $1),
       (SELECT count(*)::text FROM auditoria a WHERE a.reclamo_id = $1),
       (SELECT count(*)::text FROM reclamo r WHERE r.origen_reclamo_id = $1)) AS f`,
    [reclamoId],
  );
  return createHash('sha256').update(row.f).digest('hex');
}
