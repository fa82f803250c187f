import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hash, verify } from '@node-rs/argon2';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, RolUsuario } from '@app/domain';
import { Clock } from '@app/platform/clock';
import { afterFailure, isLocked, LockoutState, NO_FAILURES } from './lockout';
import { sha256Hex } from './secret-token';
import { StaffUser } from './staff-user';

export const WRONG_CREDENTIALS = 'Correo o contraseña incorrectos.';
/** Said alike whether the account exists or not: unknown e-mails are counted and locked too. */
export const SIGN_IN_LOCKED =
  'Por seguridad, el acceso con este correo está bloqueado temporalmente por varios intentos fallidos. ' +
  'Espere 15 minutos e intente de nuevo, o restablezca su contraseña.';

interface UsuarioRow {
  id: string;
  email: string;
  nombre: string;
  rol: RolUsuario;
  entidad_id: string | null;
  password_hash: string | null;
  activo: boolean;
  failed_attempts: number;
  first_failed_at: Date | null;
  locked_until: Date | null;
}

type Outcome = { ok: true; user: StaffUser } | { ok: false; locked: boolean };

// Verifying against a throw-away hash when there is no password to check keeps the answer's timing alike.
let decoyHash: Promise<string> | undefined;
function decoy(): Promise<string> {
  decoyHash ??= hash(`decoy-${Math.random()}`);
  return decoyHash;
}

/**
 * Checks an e-mail and password (argon2id) and returns the staff member. One message for every
 * wrong attempt; after 5 failures in 15 minutes the e-mail is locked for 15 minutes, whether an
 * account has it or not; a success resets the count. The counter commits even though the
 * attempt fails, so the error is raised after the transaction.
 */
@Injectable()
export class SignInUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(command: { email: string; password: string }): Promise<StaffUser> {
    const email = command.email.trim().toLowerCase();
    const now = this.clock.now();
    const outcome = await this.dataSource.transaction((manager) => this.attempt(manager, email, command.password, now));
    if (outcome.ok) return outcome.user;
    throw new DomainError(outcome.locked ? 'SIGN_IN_LOCKED' : 'UNAUTHENTICATED', outcome.locked ? SIGN_IN_LOCKED : WRONG_CREDENTIALS);
  }

  private async attempt(manager: EntityManager, email: string, password: string, now: Date): Promise<Outcome> {
    const [row]: UsuarioRow[] = await manager.query(
      `SELECT id, email, nombre, rol, entidad_id, password_hash, activo, failed_attempts, first_failed_at, locked_until
         FROM usuario WHERE lower(email) = $1 FOR UPDATE`,
      [email],
    );
    if (!row) return this.unknownEmail(manager, email, password, now);

    const state: LockoutState = { failedAttempts: row.failed_attempts, firstFailedAt: row.first_failed_at, lockedUntil: row.locked_until };
    if (isLocked(state, now)) return { ok: false, locked: true };
    const valid = await verify(row.password_hash ?? (await decoy()), password).catch(() => false);
    if (valid && row.password_hash !== null && row.activo) {
      if (state.failedAttempts > 0 || state.lockedUntil !== null) {
        await manager.query(
          `UPDATE usuario SET failed_attempts = 0, first_failed_at = NULL, locked_until = NULL WHERE id = $1`,
          [row.id],
        );
      }
      return { ok: true, user: { id: row.id, email: row.email, nombre: row.nombre, rol: row.rol, entidadId: row.entidad_id } };
    }
    const next = afterFailure(state, now);
    await manager.query(`UPDATE usuario SET failed_attempts = $2, first_failed_at = $3, locked_until = $4 WHERE id = $1`, [
      row.id,
      next.failedAttempts,
      next.firstFailedAt,
      next.lockedUntil,
    ]);
    return { ok: false, locked: isLocked(next, now) };
  }

  private async unknownEmail(manager: EntityManager, email: string, password: string, now: Date): Promise<Outcome> {
    const emailHash = sha256Hex(email);
    await manager.query(`INSERT INTO acceso_fallido (email_hash) VALUES ($1) ON CONFLICT DO NOTHING`, [emailHash]);
    const [row]: Array<{ failed_attempts: number; first_failed_at: Date | null; locked_until: Date | null }> = await manager.query(
      `SELECT failed_attempts, first_failed_at, locked_until FROM acceso_fallido WHERE email_hash = $1 FOR UPDATE`,
      [emailHash],
    );
    const state: LockoutState = row
      ? { failedAttempts: row.failed_attempts, firstFailedAt: row.first_failed_at, lockedUntil: row.locked_until }
      : NO_FAILURES;
    if (isLocked(state, now)) return { ok: false, locked: true };
    await verify(await decoy(), password).catch(() => false);
    const next = afterFailure(state, now);
    await manager.query(
      `UPDATE acceso_fallido SET failed_attempts = $2, first_failed_at = $3, locked_until = $4 WHERE email_hash = $1`,
      [emailHash, next.failedAttempts, next.firstFailedAt, next.lockedUntil],
    );
    return { ok: false, locked: isLocked(next, now) };
  }
}

/** Loads an active staff member by id. */
@Injectable()
export class GetStaffUserUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(id: string): Promise<StaffUser | null> {
    const [row]: Array<{ id: string; email: string; nombre: string; rol: RolUsuario; entidad_id: string | null }> =
      await this.dataSource.query(`SELECT id, email, nombre, rol, entidad_id FROM usuario WHERE id = $1 AND activo`, [id]);
    return row ? { id: row.id, email: row.email, nombre: row.nombre, rol: row.rol, entidadId: row.entidad_id } : null;
  }
}
