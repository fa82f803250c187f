import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hash } from '@node-rs/argon2';
import { DataSource } from 'typeorm';
import { ValidationFailedError } from '@app/domain';
import { escribirMensaje } from '@app/notifications';
import { Clock } from '@app/platform/clock';
import { EnlacesBackoffice } from '@app/platform/links';
import { consumeUserToken, issueUserToken, revokeUserSessions, voidUserTokens } from './account-store';
import { passwordProblems } from './password-policy';
import { looksLikeSecretToken } from './secret-token';

export const RESET_TOKEN_TTL_MS = 3600_000;
/** More requests than this in an hour for one account are ignored: the mailbox is not flooded. */
const MAX_RESETS_PER_HOUR = 3;
export const INVALID_LINK = 'El enlace no es válido, ya se usó o venció. Solicite uno nuevo.';

/**
 * "I forgot my password": for an active account, records a single-use token (its SHA-256, 1 h)
 * and the e-mail to send, in one transaction. The caller answers the same whether or not the
 * account exists. The link in the outbox row necessarily carries the token: that row is the
 * message itself; the token is never logged.
 */
@Injectable()
export class RequestPasswordResetUseCase {
  private readonly logger = new Logger('RequestPasswordReset');
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly enlaces: EnlacesBackoffice,
  ) {}

  async execute(command: { email: string }): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const [user]: Array<{ id: string; email: string; nombre: string; entidad_id: string | null }> = await manager.query(
        `SELECT id, email, nombre, entidad_id FROM usuario WHERE lower(email) = lower($1) AND activo FOR UPDATE`,
        [command.email.trim()],
      );
      if (!user) return;
      const [{ recientes }]: Array<{ recientes: number }> = await manager.query(
        `SELECT count(*)::int AS recientes FROM token_usuario WHERE usuario_id = $1 AND tipo = 'restablecer_password' AND created_at > $2`,
        [user.id, new Date(now.getTime() - 3600_000)],
      );
      if (recientes >= MAX_RESETS_PER_HOUR) {
        this.logger.warn({ usuarioId: user.id }, 'Solicitudes de restablecimiento por encima del límite: se ignora');
        return;
      }
      const { token, expiresAt } = await issueUserToken(manager, { usuarioId: user.id, tipo: 'restablecer_password', now, ttlMs: RESET_TOKEN_TTL_MS });
      await escribirMensaje(manager, {
        tipo: 'restablecer_password',
        entidadId: user.entidad_id,
        reclamoId: null,
        destinatario: user.email,
        datos: { usuarioId: user.id, nombre: user.nombre, enlace: this.enlaces.restablecer(token), venceEn: expiresAt.toISOString() },
        claveUnica: null,
      });
    });
  }
}

/**
 * Sets a new password from a reset link: the token is used once, the lock-out count is
 * cleared, other outstanding links stop working and every session of the account ends.
 */
@Injectable()
export class ConfirmPasswordResetUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(command: { token: string; password: string }): Promise<{ usuarioId: string; sesionesCerradas: number }> {
    if (!looksLikeSecretToken(command.token)) throw new ValidationFailedError([{ campo: 'token', mensaje: INVALID_LINK }]);
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const consumed = await consumeUserToken(manager, { token: command.token, tipo: 'restablecer_password', now });
      const [user]: Array<{ id: string; email: string }> = consumed
        ? await manager.query(`SELECT id, email FROM usuario WHERE id = $1 AND activo FOR UPDATE`, [consumed.usuarioId])
        : [];
      if (!user) throw new ValidationFailedError([{ campo: 'token', mensaje: INVALID_LINK }]);
      // A refused password rolls the transaction back, so the link still works for a second try.
      const problems = passwordProblems(command.password, { email: user.email });
      if (problems.length > 0) throw new ValidationFailedError([{ campo: 'password', mensaje: `La contraseña ${problems.join('; ')}.` }]);
      await manager.query(
        `UPDATE usuario SET password_hash = $2, failed_attempts = 0, first_failed_at = NULL, locked_until = NULL, updated_at = $3 WHERE id = $1`,
        [user.id, await hash(command.password), now],
      );
      await voidUserTokens(manager, user.id, now);
      return { usuarioId: user.id, sesionesCerradas: await revokeUserSessions(manager, user.id, now) };
    });
  }
}
