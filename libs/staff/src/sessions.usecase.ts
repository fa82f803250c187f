import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RolUsuario } from '@app/domain';
import { Clock } from '@app/platform/clock';
import { revokeUserSessions } from './account-store';
import { looksLikeSecretToken, newSecretToken, sha256Hex } from './secret-token';
import { StaffUser } from './staff-user';

/** A session lasts a working day at most; signing in again starts a new one. */
export const SESSION_TTL_MS = 8 * 3600_000;
// last_seen is a hint for "where am I signed in", not an audit trail: written at most once a minute.
const LAST_SEEN_GRANULARITY_MS = 60_000;

export interface StaffSession {
  user: StaffUser;
  /** The session's secret as the cookie carries it (never stored in clear). */
  token: string;
  expiresAt: Date;
}

/** Opens a server-side session for a signed-in member; the caller puts the returned token in a signed cookie. */
@Injectable()
export class CreateSessionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(command: { user: StaffUser; ip?: string; userAgent?: string }): Promise<StaffSession> {
    const token = newSecretToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await this.dataSource.query(
      `INSERT INTO sesion (id, usuario_id, created_at, last_seen, expires_at, ip, user_agent) VALUES ($1, $2, $3, $3, $4, $5, $6)`,
      [sha256Hex(token), command.user.id, now, expiresAt, command.ip?.slice(0, 64) ?? null, command.userAgent?.slice(0, 400) ?? null],
    );
    return { user: command.user, token, expiresAt };
  }
}

/** The session behind a cookie, if it is live (not revoked, not expired) and its member is active. */
@Injectable()
export class ValidateSessionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(token: string): Promise<StaffSession | null> {
    if (!looksLikeSecretToken(token)) return null;
    const now = this.clock.now();
    const id = sha256Hex(token);
    const [row]: Array<{
      id: string;
      email: string;
      nombre: string;
      rol: RolUsuario;
      entidad_id: string | null;
      last_seen: Date;
      expires_at: Date;
    }> = await this.dataSource.query(
      `SELECT u.id, u.email, u.nombre, u.rol, u.entidad_id, s.last_seen, s.expires_at
         FROM sesion s JOIN usuario u ON u.id = s.usuario_id
        WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.activo`,
      [id, now],
    );
    if (!row) return null;
    if (now.getTime() - row.last_seen.getTime() >= LAST_SEEN_GRANULARITY_MS) {
      await this.dataSource.query(`UPDATE sesion SET last_seen = $2 WHERE id = $1`, [id, now]);
    }
    return {
      user: { id: row.id, email: row.email, nombre: row.nombre, rol: row.rol, entidadId: row.entidad_id },
      token,
      expiresAt: row.expires_at,
    };
  }
}

/** Signs out this browser: the session stops working at once, wherever its cookie is. */
@Injectable()
export class RevokeSessionUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(token: string): Promise<void> {
    if (!looksLikeSecretToken(token)) return;
    await this.dataSource.query(`UPDATE sesion SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [sha256Hex(token), this.clock.now()]);
  }
}

/** "Sign out everywhere": every live session of the member ends. */
@Injectable()
export class RevokeAllSessionsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(usuarioId: string): Promise<{ cerradas: number }> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => ({ cerradas: await revokeUserSessions(manager, usuarioId, now) }));
  }
}
