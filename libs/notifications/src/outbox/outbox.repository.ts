import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** State of an outbox row (CHECK ck_outbox_estado); 'enviando': claimed by a send job. */
export type OutboxEstado = 'pendiente' | 'enviando' | 'enviado' | 'fallido';

/** The columns a send needs. */
export interface OutboxRow {
  id: string;
  entidadId: string | null;
  reclamoId: string | null;
  tipo: string;
  destinatario: string;
  datos: Record<string, unknown>;
  intentos: number;
}

export type ClaimResult =
  | { outcome: 'claimed'; row: OutboxRow }
  /** Another attempt holds a fresh claim: try again after it expires. */
  | { outcome: 'busy'; retryInMs: number }
  /** Sent, failed for good, or gone: nothing to do. */
  | { outcome: 'skip'; estado: OutboxEstado | 'inexistente' };

/** A message as staff see it: no body, no data beyond what identifies it. */
export interface MensajeView {
  id: string;
  reclamoId: string | null;
  entidadId: string | null;
  tipo: string;
  destinatario: string;
  estado: OutboxEstado;
  intentos: number;
  ultimoError: string | null;
  messageId: string | null;
  enviadoEn: string | null;
  creadoEn: string;
  actualizadoEn: string;
}

const VIEW_COLUMNS = `id, reclamo_id AS "reclamoId", entidad_id AS "entidadId", tipo, destinatario, estado, intentos,
  ultimo_error AS "ultimoError", message_id AS "messageId", enviado_en AS "enviadoEn", created_at AS "creadoEn", updated_at AS "actualizadoEn"`;

/**
 * A reclamo's messages, oldest first, scoped to its entity: a plain read in the caller's transaction
 * (atención reads them under its own access rule, next to its audit entry).
 */
export function mensajesDelReclamo(manager: EntityManager, entidadId: string, reclamoId: string): Promise<MensajeView[]> {
  return manager.query(`SELECT ${VIEW_COLUMNS} FROM outbox WHERE reclamo_id = $1 AND entidad_id = $2 ORDER BY created_at, id`, [reclamoId, entidadId]);
}

// Error texts come from servers and libraries: bounded so one bad reply cannot bloat the row.
const MAX_ERROR_CHARS = 1000;

/**
 * Every outbox statement of the notifications lib. The state moves are guarded by the current
 * state in the WHERE clause, so two workers (or a resend racing a send) cannot both win.
 * Claim times are the database's clock, the one clock every worker shares.
 */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** pendiente → enviando, or take over a claim older than `claimTtlMs` (its worker died mid-send). */
  async claim(id: string, claimTtlMs: number): Promise<ClaimResult> {
    const [rows]: [OutboxRow[], number] = await this.dataSource.query(
      `UPDATE outbox SET estado = 'enviando', intentos = intentos + 1, updated_at = clock_timestamp()
        WHERE id = $1 AND (estado = 'pendiente' OR (estado = 'enviando' AND updated_at < clock_timestamp() - $2 * interval '1 millisecond'))
        RETURNING id, entidad_id AS "entidadId", reclamo_id AS "reclamoId", tipo, destinatario, datos, intentos`,
      [id, claimTtlMs],
    );
    if (rows.length === 1) return { outcome: 'claimed', row: rows[0] };
    const [current]: Array<{ estado: OutboxEstado; edad_ms: number }> = await this.dataSource.query(
      `SELECT estado, (extract(epoch FROM clock_timestamp() - updated_at) * 1000)::int AS edad_ms FROM outbox WHERE id = $1`,
      [id],
    );
    if (!current) return { outcome: 'skip', estado: 'inexistente' };
    if (current.estado === 'enviando') return { outcome: 'busy', retryInMs: Math.max(claimTtlMs - current.edad_ms, 0) + 50 };
    return { outcome: 'skip', estado: current.estado };
  }

  /**
   * claim() for many rows in one statement: those pending, or claimed longer than `claimTtlMs` ago,
   * are claimed and returned; the rest (sent, failed, held by a live claim, gone) are left alone —
   * a live claim's row is its holder's, and the sweep requeues it if that holder dies.
   * SKIP LOCKED: a row another statement is moving right now is that statement's.
   */
  async claimMany(ids: readonly string[], claimTtlMs: number): Promise<OutboxRow[]> {
    if (ids.length === 0) return [];
    // An UPDATE … RETURNING comes back from TypeORM as [rows, count].
    const [rows]: [OutboxRow[], number] = await this.dataSource.query(
      `UPDATE outbox o SET estado = 'enviando', intentos = o.intentos + 1, updated_at = clock_timestamp()
         FROM (SELECT id FROM outbox
                WHERE id = ANY ($1::uuid[])
                  AND (estado = 'pendiente' OR (estado = 'enviando' AND updated_at < clock_timestamp() - $2 * interval '1 millisecond'))
                ORDER BY created_at FOR UPDATE SKIP LOCKED) libre
        WHERE o.id = libre.id
        RETURNING o.id, o.entidad_id AS "entidadId", o.reclamo_id AS "reclamoId", o.tipo, o.destinatario, o.datos, o.intentos`,
      [ids, claimTtlMs],
    );
    return rows;
  }

  /**
   * Many enviando → enviado in one statement (rows whose type records nothing when sent): each with
   * its message id; the instant is the database's. Returns the ids it moved.
   *
   * Committed without waiting for the WAL flush (synchronous_commit off for this one transaction):
   * the row says 'enviado' a disk sync sooner, which is the window in which a killed worker leaves an
   * accepted message to be sent again. What it risks is the opposite loss only on a crash of the
   * database server itself (not a restart): the last fraction of a second of such rows back to their
   * claim, so those messages are sent again, never lost.
   */
  async markSentMany(sent: ReadonlyArray<{ id: string; messageId: string }>): Promise<string[]> {
    if (sent.length === 0) return [];
    const [rows]: [Array<{ id: string }>, number] = await this.dataSource.query(
      `WITH sin_esperar_disco AS (SELECT set_config('synchronous_commit', 'off', true) AS valor)
       UPDATE outbox o SET estado = 'enviado', message_id = v.message_id, enviado_en = clock_timestamp(), ultimo_error = NULL, updated_at = clock_timestamp()
         FROM unnest($1::uuid[], $2::text[]) AS v(id, message_id), sin_esperar_disco
        WHERE o.id = v.id AND o.estado = 'enviando'
        RETURNING o.id`,
      [sent.map((s) => s.id), sent.map((s) => s.messageId)],
    );
    return rows.map((r) => r.id);
  }

  /**
   * enviando → pendiente without spending the attempt: the claim was taken but nothing was tried
   * (it grew too old waiting for a connection to the server to start an exchange safely).
   */
  async release(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox SET estado = 'pendiente', intentos = greatest(intentos - 1, 0), updated_at = clock_timestamp() WHERE id = $1 AND estado = 'enviando'`,
      [id],
    );
  }

  /**
   * enviando → enviado, with the server's message id and the instant (database clock). `alEnviarse`
   * runs in the same transaction, only when this call made the move (a row a stale claim already
   * recorded is not recorded twice), with that instant.
   */
  async markSent(id: string, messageId: string, alEnviarse?: (manager: EntityManager, enviadoEn: Date) => Promise<void>): Promise<void> {
    const sql = `UPDATE outbox SET estado = 'enviado', message_id = $2, enviado_en = clock_timestamp(), ultimo_error = NULL, updated_at = clock_timestamp()
                  WHERE id = $1 AND estado = 'enviando' RETURNING enviado_en AS "enviadoEn"`;
    // Without an effect, one statement: the window between the server's "250 accepted" and the row
    // saying so (where a killed worker leaves a message to be sent again) stays one round trip.
    if (!alEnviarse) {
      await this.dataSource.query(sql, [id, messageId]);
      return;
    }
    await this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const [rows]: [Array<{ enviadoEn: Date }>, number] = await manager.query(sql, [id, messageId]);
      if (rows.length === 1) await alEnviarse(manager, rows[0].enviadoEn);
    });
  }

  /** Back to pending between attempts; the queue holds the delayed retry. */
  async markRetry(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE outbox SET estado = 'pendiente', ultimo_error = $2, updated_at = clock_timestamp() WHERE id = $1 AND estado = 'enviando'`,
      [id, error.slice(0, MAX_ERROR_CHARS)],
    );
  }

  /** → fallido; `alFallar` runs in the same transaction, only when this call made the move. */
  async markFailed(id: string, error: string, alFallar?: (manager: EntityManager) => Promise<void>): Promise<void> {
    const sql = `UPDATE outbox SET estado = 'fallido', ultimo_error = $2, updated_at = clock_timestamp()
                  WHERE id = $1 AND estado IN ('pendiente', 'enviando') RETURNING id`;
    if (!alFallar) {
      await this.dataSource.query(sql, [id, error.slice(0, MAX_ERROR_CHARS)]);
      return;
    }
    await this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const [rows]: [unknown[], number] = await manager.query(sql, [id, error.slice(0, MAX_ERROR_CHARS)]);
      if (rows.length === 1) await alFallar(manager);
    });
  }

  /** Pending rows the relay has not enqueued yet, oldest first. */
  async toRelay(limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM outbox WHERE estado = 'pendiente' AND encolado_en IS NULL ORDER BY created_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  async markEnqueued(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(`UPDATE outbox SET encolado_en = clock_timestamp() WHERE id = ANY ($1::uuid[])`, [ids]);
  }

  /**
   * Rows that should be moving and may not be: pending and enqueued more than `graceMs` ago
   * (Redis lost the job, a retry is waiting, or the job ended without the row being updated),
   * and claims older than the claim TTL. The sweep asks the queue about each.
   */
  async stale(limit: number, graceMs: number, claimTtlMs: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `(SELECT id FROM outbox WHERE estado = 'pendiente' AND (encolado_en IS NULL OR encolado_en < clock_timestamp() - $2 * interval '1 millisecond')
         ORDER BY created_at LIMIT $1)
       UNION ALL
       (SELECT id FROM outbox WHERE estado = 'enviando' AND updated_at < clock_timestamp() - $3 * interval '1 millisecond'
         ORDER BY updated_at LIMIT $1)`,
      [limit, graceMs, claimTtlMs],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Failed rows, newest first, a page at a time (`offset` rows skipped), each with its reclamo's code
   * when it has one (read, never written, here: the code is what staff recognise a case by).
   */
  async listFailed(limit: number, offset = 0): Promise<Array<MensajeView & { reclamoCodigo: string | null }>> {
    return this.dataSource.query(
      `SELECT o.id, o.reclamo_id AS "reclamoId", o.entidad_id AS "entidadId", o.tipo, o.destinatario, o.estado, o.intentos,
              o.ultimo_error AS "ultimoError", o.message_id AS "messageId", o.enviado_en AS "enviadoEn", o.created_at AS "creadoEn",
              o.updated_at AS "actualizadoEn", r.codigo AS "reclamoCodigo"
         FROM outbox o LEFT JOIN reclamo r ON r.id = o.reclamo_id
        WHERE o.estado = 'fallido' ORDER BY o.updated_at DESC, o.id LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
  }

  /** fallido → pendiente with a clean slate; false when the row is not failed. */
  async resetFailed(id: string): Promise<boolean> {
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `UPDATE outbox SET estado = 'pendiente', intentos = 0, encolado_en = clock_timestamp(), updated_at = clock_timestamp()
        WHERE id = $1 AND estado = 'fallido' RETURNING id`,
      [id],
    );
    return rows.length === 1;
  }
}
