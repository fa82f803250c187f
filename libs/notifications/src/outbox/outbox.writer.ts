import { EntityManager } from 'typeorm';
import { DatosMensaje, TipoMensaje } from '../mensajes/tipo-mensaje';

/** One message to write, typed by its kind: `datos` must be that kind's payload. */
export type MensajeNuevo = {
  [T in TipoMensaje]: {
    tipo: T;
    /** The entity it comes from; null for platform staff (administrators, coordinators). */
    entidadId: string | null;
    reclamoId: string | null;
    /** An e-mail address (the only channel today). */
    destinatario: string;
    datos: DatosMensaje[T];
    /** Makes writing idempotent: a second row with the same key is not written. Null: always written. */
    claveUnica: string | null;
  };
}[TipoMensaje];

/**
 * The only code that inserts into `outbox`. Runs in the caller's transaction, so a message exists
 * exactly when the change that causes it commits (the worker's relay picks it up from there).
 * Returns how many rows were written (a repeated `claveUnica` writes nothing).
 */
export async function escribirMensaje(manager: EntityManager, mensaje: MensajeNuevo): Promise<number> {
  return escribirMensajes(manager, [mensaje]);
}

/** Many messages in one statement (the sweeps' batches). */
export async function escribirMensajes(manager: EntityManager, mensajes: readonly MensajeNuevo[]): Promise<number> {
  if (mensajes.length === 0) return 0;
  const rows: unknown[] = await manager.query(
    `INSERT INTO outbox (entidad_id, reclamo_id, tipo, canal, destinatario, datos, clave_unica, estado, intentos)
     SELECT e, r, t, 'email', d, x, c, 'pendiente', 0
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::jsonb[], $6::text[]) AS m(e, r, t, d, x, c)
     ON CONFLICT (clave_unica) DO NOTHING
     RETURNING 1`,
    [
      mensajes.map((m) => m.entidadId),
      mensajes.map((m) => m.reclamoId),
      mensajes.map((m) => m.tipo),
      mensajes.map((m) => m.destinatario),
      mensajes.map((m) => JSON.stringify(m.datos)),
      mensajes.map((m) => m.claveUnica),
    ],
  );
  return rows.length;
}

/** The kinds of message that go to the citizen (the hoja's e-mail), not to staff. */
export const TIPOS_MENSAJE_AL_CIUDADANO = ['acuse_recibo', 'solicitud_subsanacion', 'reconduccion', 'traslado', 'respuesta'] as const satisfies readonly TipoMensaje[];

/**
 * The retention purge (Ley 29733): the citizen's address leaves the settled messages of these reclamos
 * (sent or failed; a pending one is left to the sender), and so does the last SMTP error, which may
 * quote it. The row stays (kind, state, dates, Message-ID), so the case still shows that and when the
 * answer was notified. Returns how many rows changed.
 */
export async function olvidarDestinatarios(manager: EntityManager, reclamoIds: readonly string[]): Promise<number> {
  if (reclamoIds.length === 0) return 0;
  const rows: Array<{ id: string }> = await manager.query(
    `UPDATE outbox SET destinatario = '', ultimo_error = NULL, updated_at = now()
      WHERE reclamo_id = ANY ($1::uuid[]) AND tipo = ANY ($2::text[]) AND estado IN ('enviado', 'fallido') AND destinatario <> ''
      RETURNING id`,
    [reclamoIds, TIPOS_MENSAJE_AL_CIUDADANO],
  );
  return rows.length;
}
