import { EntityManager } from 'typeorm';
import { newSecretToken, sha256Hex } from './secret-token';

export type TipoTokenUsuario = 'restablecer_password' | 'invitacion';

/**
 * Shared writes of the account use cases, always inside the caller's transaction.
 * Tokens are stored only as their SHA-256; the clear token leaves this function once,
 * to be put in the e-mail link, and is never logged.
 */
export async function issueUserToken(
  manager: EntityManager,
  command: { usuarioId: string; tipo: TipoTokenUsuario; now: Date; ttlMs: number },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecretToken();
  const expiresAt = new Date(command.now.getTime() + command.ttlMs);
  await manager.query(
    `INSERT INTO token_usuario (usuario_id, tipo, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
    [command.usuarioId, command.tipo, sha256Hex(token), command.now, expiresAt],
  );
  return { token, expiresAt };
}

/**
 * Marks a live token of this kind used and returns its user, or null when the token is
 * unknown, used or expired. The row is locked, so two submissions of one link cannot both win.
 */
export async function consumeUserToken(
  manager: EntityManager,
  command: { token: string; tipo: TipoTokenUsuario; now: Date },
): Promise<{ usuarioId: string } | null> {
  const [rows]: [Array<{ usuario_id: string }>, number] = await manager.query(
    `UPDATE token_usuario SET used_at = $3
      WHERE token_hash = $1 AND tipo = $2 AND used_at IS NULL AND expires_at > $3
      RETURNING usuario_id`,
    [sha256Hex(command.token), command.tipo, command.now],
  );
  // TypeORM answers an UPDATE with [rows, affected].
  return rows[0] ? { usuarioId: rows[0].usuario_id } : null;
}

/** Outstanding tokens stop working once the account changes (password set, deactivated). */
export async function voidUserTokens(manager: EntityManager, usuarioId: string, now: Date): Promise<void> {
  await manager.query(`UPDATE token_usuario SET used_at = $2 WHERE usuario_id = $1 AND used_at IS NULL`, [usuarioId, now]);
}

export async function revokeUserSessions(manager: EntityManager, usuarioId: string, now: Date): Promise<number> {
  // TypeORM answers an UPDATE with [rows, affected].
  const [, affected]: [unknown[], number] = await manager.query(
    `UPDATE sesion SET revoked_at = $2 WHERE usuario_id = $1 AND revoked_at IS NULL AND expires_at > $2`,
    [usuarioId, now],
  );
  return affected;
}
