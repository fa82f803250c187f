import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sesiones: revocable server-side sessions, lock-out after repeated failed sign-ins,
 * single-use e-mailed tokens (password reset and staff invitations) and the staff
 * account's lifecycle (invited → active → deactivated).
 *
 * Secrets never rest in clear: a session row's id and a token row's hash are the SHA-256
 * of what the browser or the e-mail holds, so a copy of the database cannot sign anyone in.
 */
export class Sesiones1764100000000 implements MigrationInterface {
  name = 'Sesiones1764100000000';

  async up(q: QueryRunner): Promise<void> {
    // An invited member has no password until they accept the invitation.
    await q.query(`ALTER TABLE usuario ALTER COLUMN password_hash DROP NOT NULL`);
    await q.query(`
      ALTER TABLE usuario
        ADD COLUMN unidad_id uuid,
        ADD COLUMN failed_attempts smallint NOT NULL DEFAULT 0,
        ADD COLUMN first_failed_at timestamptz,
        ADD COLUMN locked_until timestamptz,
        ADD COLUMN invitado_por uuid,
        ADD COLUMN desactivado_en timestamptz,
        ADD COLUMN desactivado_por uuid,
        ADD CONSTRAINT fk_usuario_unidad FOREIGN KEY (unidad_id) REFERENCES unidad_organica (id),
        ADD CONSTRAINT fk_usuario_invitado_por FOREIGN KEY (invitado_por) REFERENCES usuario (id),
        ADD CONSTRAINT fk_usuario_desactivado_por FOREIGN KEY (desactivado_por) REFERENCES usuario (id),
        ADD CONSTRAINT ck_usuario_failed_attempts CHECK (failed_attempts >= 0),
        -- An active account can sign in, so it has a password.
        ADD CONSTRAINT ck_usuario_activo_password CHECK (NOT activo OR password_hash IS NOT NULL)`);

    await q.query(`
      CREATE TABLE sesion (
        id char(64) NOT NULL,
        usuario_id uuid NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        ip text,
        user_agent text,
        CONSTRAINT pk_sesion PRIMARY KEY (id),
        CONSTRAINT fk_sesion_usuario FOREIGN KEY (usuario_id) REFERENCES usuario (id) ON DELETE CASCADE,
        CONSTRAINT ck_sesion_expira CHECK (expires_at > created_at)
      )`);
    // "Sign out everywhere" and deactivation revoke a user's live sessions.
    await q.query(`CREATE INDEX ix_sesion_usuario_vigente ON sesion (usuario_id) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE token_usuario (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        usuario_id uuid NOT NULL,
        tipo text NOT NULL,
        token_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT pk_token_usuario PRIMARY KEY (id),
        CONSTRAINT uq_token_usuario_hash UNIQUE (token_hash),
        CONSTRAINT fk_token_usuario_usuario FOREIGN KEY (usuario_id) REFERENCES usuario (id) ON DELETE CASCADE,
        CONSTRAINT ck_token_usuario_tipo CHECK (tipo IN ('restablecer_password','invitacion')),
        CONSTRAINT ck_token_usuario_expira CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX ix_token_usuario_usuario ON token_usuario (usuario_id, tipo) WHERE used_at IS NULL`);

    // Failed sign-ins for e-mails with no account are counted too, so a lock-out
    // answers alike whether the account exists or not (no enumeration).
    await q.query(`
      CREATE TABLE acceso_fallido (
        email_hash char(64) NOT NULL,
        failed_attempts smallint NOT NULL DEFAULT 0,
        first_failed_at timestamptz,
        locked_until timestamptz,
        CONSTRAINT pk_acceso_fallido PRIMARY KEY (email_hash)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS acceso_fallido`);
    await q.query(`DROP TABLE IF EXISTS token_usuario`);
    await q.query(`DROP TABLE IF EXISTS sesion`);
    await q.query(`
      ALTER TABLE usuario
        DROP CONSTRAINT IF EXISTS ck_usuario_activo_password,
        DROP CONSTRAINT IF EXISTS ck_usuario_failed_attempts,
        DROP CONSTRAINT IF EXISTS fk_usuario_desactivado_por,
        DROP CONSTRAINT IF EXISTS fk_usuario_invitado_por,
        DROP CONSTRAINT IF EXISTS fk_usuario_unidad,
        DROP COLUMN IF EXISTS desactivado_por,
        DROP COLUMN IF EXISTS desactivado_en,
        DROP COLUMN IF EXISTS invitado_por,
        DROP COLUMN IF EXISTS locked_until,
        DROP COLUMN IF EXISTS first_failed_at,
        DROP COLUMN IF EXISTS failed_attempts,
        DROP COLUMN IF EXISTS unidad_id`);
    // Invitations never accepted have no password; the old schema cannot hold them.
    await q.query(`DELETE FROM usuario WHERE password_hash IS NULL`);
    await q.query(`ALTER TABLE usuario ALTER COLUMN password_hash SET NOT NULL`);
  }
}
