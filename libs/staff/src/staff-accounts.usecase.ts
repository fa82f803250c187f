import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hash } from '@node-rs/argon2';
import { DataSource } from 'typeorm';
import { DomainError, RolUsuario, ValidationFailedError } from '@app/domain';
import { escribirMensaje } from '@app/notifications';
import { Clock } from '@app/platform/clock';
import { EnlacesBackoffice } from '@app/platform/links';
import { consumeUserToken, issueUserToken, revokeUserSessions, voidUserTokens } from './account-store';
import { INVALID_LINK } from './password-reset.usecase';
import { passwordProblems } from './password-policy';
import { looksLikeSecretToken } from './secret-token';
import { isResponsable, mayInvite, ROL_ETIQUETAS, RolInvitable } from './staff-roles';
import { isCrossEntityRole, StaffUser } from './staff-user';

export const INVITATION_TTL_MS = 7 * 24 * 3600_000;
const NOT_FOUND = 'No existe ese miembro del personal en su entidad.';

export type EstadoPersonal = 'activo' | 'invitado' | 'desactivado';

export interface MiembroPersonal {
  id: string;
  email: string;
  nombre: string;
  rol: RolUsuario;
  rolEtiqueta: string;
  entidadId: string | null;
  unidadId: string | null;
  estado: EstadoPersonal;
}

/**
 * A responsable invites a member of their own entity (an administrator or a coordinator, a
 * responsable of any entity). The account exists at once but stays inactive, without a password,
 * until the invitation (a single-use e-mailed token, like a password reset) is accepted.
 */
@Injectable()
export class InviteStaffUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly enlaces: EnlacesBackoffice,
  ) {}

  async execute(command: {
    actor: StaffUser;
    email: string;
    nombre: string;
    rol: RolInvitable;
    unidadId?: string;
    /** Only administrators and coordinators (no entity of their own) name the entity; everyone else invites into their own. */
    entidadId?: string;
  }): Promise<MiembroPersonal> {
    const { actor } = command;
    if (!mayInvite(actor.rol, command.rol)) {
      throw new DomainError('FORBIDDEN', `Su rol no le permite invitar a una persona como «${ROL_ETIQUETAS[command.rol]}».`);
    }
    const cruzaEntidades = isCrossEntityRole(actor.rol);
    const entidadId = cruzaEntidades ? command.entidadId : actor.entidadId;
    if (!entidadId) throw new ValidationFailedError([{ campo: 'entidadId', mensaje: 'indique la entidad de la persona invitada' }]);
    if (!cruzaEntidades && command.entidadId !== undefined && command.entidadId !== actor.entidadId) {
      throw new DomainError('ENTIDAD_NOT_FOUND', 'No existe esa entidad.');
    }
    const email = command.email.trim().toLowerCase();
    const now = this.clock.now();

    return this.dataSource.transaction(async (manager) => {
      const [entidad]: Array<{ id: string; nombre: string }> = await manager.query(`SELECT id, nombre FROM entidad WHERE id = $1`, [entidadId]);
      if (!entidad) throw new DomainError('ENTIDAD_NOT_FOUND', 'No existe esa entidad.');
      if (command.unidadId) {
        const [unidad]: unknown[] = await manager.query(`SELECT 1 FROM unidad_organica WHERE id = $1 AND entidad_id = $2 AND activo`, [
          command.unidadId,
          entidadId,
        ]);
        if (!unidad) throw new ValidationFailedError([{ campo: 'unidadId', mensaje: 'elija una unidad orgánica de su entidad' }]);
      }
      const inserted: Array<{ id: string }> = await manager.query(
        `INSERT INTO usuario (entidad_id, email, nombre, rol, password_hash, activo, unidad_id, invitado_por, created_at, updated_at)
         VALUES ($1, $2, $3, $4, NULL, false, $5, $6, $7, $7)
         ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
        [entidadId, email, command.nombre.trim(), command.rol, command.unidadId ?? null, actor.id, now],
      );
      if (!inserted[0]) throw new DomainError('CONFLICT', 'Ya existe una cuenta con ese correo.', [{ campo: 'email', mensaje: 'ya existe una cuenta con ese correo' }]);
      const id = inserted[0].id;
      const { token, expiresAt } = await issueUserToken(manager, { usuarioId: id, tipo: 'invitacion', now, ttlMs: INVITATION_TTL_MS });
      await escribirMensaje(manager, {
        tipo: 'invitacion_personal',
        entidadId,
        reclamoId: null,
        destinatario: email,
        datos: {
          usuarioId: id,
          nombre: command.nombre.trim(),
          rol: command.rol,
          rolEtiqueta: ROL_ETIQUETAS[command.rol],
          entidadNombre: entidad.nombre,
          invitadoPor: actor.nombre,
          enlace: this.enlaces.invitacion(token),
          venceEn: expiresAt.toISOString(),
        },
        claveUnica: null,
      });
      return {
        id,
        email,
        nombre: command.nombre.trim(),
        rol: command.rol,
        rolEtiqueta: ROL_ETIQUETAS[command.rol],
        entidadId,
        unidadId: command.unidadId ?? null,
        estado: 'invitado',
      };
    });
  }
}

/** The invited person chooses a password; the account becomes active. */
@Injectable()
export class AcceptInvitationUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(command: { token: string; password: string }): Promise<{ usuarioId: string; email: string }> {
    if (!looksLikeSecretToken(command.token)) throw new ValidationFailedError([{ campo: 'token', mensaje: INVALID_LINK }]);
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const consumed = await consumeUserToken(manager, { token: command.token, tipo: 'invitacion', now });
      // Only a pending invitation: a deactivated member is not brought back by an old link.
      const [user]: Array<{ id: string; email: string }> = consumed
        ? await manager.query(
            `SELECT id, email FROM usuario WHERE id = $1 AND NOT activo AND password_hash IS NULL AND desactivado_en IS NULL FOR UPDATE`,
            [consumed.usuarioId],
          )
        : [];
      if (!user) throw new ValidationFailedError([{ campo: 'token', mensaje: INVALID_LINK }]);
      const problems = passwordProblems(command.password, { email: user.email });
      if (problems.length > 0) throw new ValidationFailedError([{ campo: 'password', mensaje: `La contraseña ${problems.join('; ')}.` }]);
      await manager.query(`UPDATE usuario SET password_hash = $2, activo = true, updated_at = $3 WHERE id = $1`, [
        user.id,
        await hash(command.password),
        now,
      ]);
      await voidUserTokens(manager, user.id, now);
      return { usuarioId: user.id, email: user.email };
    });
  }
}

/**
 * A responsable deactivates a member of their own entity (an administrator, anyone's):
 * the account stops working at once (sessions revoked, pending links void). A member of
 * another entity is "not found", never "forbidden", so entities do not learn of each other's staff.
 */
@Injectable()
export class DeactivateStaffUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(command: { actor: StaffUser; usuarioId: string }): Promise<{ sesionesCerradas: number }> {
    const { actor } = command;
    if (actor.rol !== 'administrador' && !isResponsable(actor.rol)) {
      throw new DomainError('FORBIDDEN', 'Solo los responsables del libro pueden desactivar al personal.');
    }
    if (command.usuarioId === actor.id) throw new DomainError('CONFLICT', 'No puede desactivar su propia cuenta.');
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const [target]: Array<{ id: string; rol: RolUsuario }> = await manager.query(
        `SELECT id, rol FROM usuario WHERE id = $1 AND ($2::uuid IS NULL OR entidad_id = $2) FOR UPDATE`,
        [command.usuarioId, actor.rol === 'administrador' ? null : actor.entidadId],
      );
      if (!target || (actor.rol !== 'administrador' && isCrossEntityRole(target.rol))) throw new DomainError('USUARIO_NOT_FOUND', NOT_FOUND);
      // The titular responsable was designated by the head of the entity: only an administrator or themselves change that.
      if (target.rol === 'responsable_titular' && actor.rol !== 'administrador') {
        throw new DomainError('FORBIDDEN', 'Solo un administrador puede desactivar al responsable titular del libro.');
      }
      await manager.query(`UPDATE usuario SET activo = false, desactivado_en = $2, desactivado_por = $3, updated_at = $2 WHERE id = $1`, [
        target.id,
        now,
        actor.id,
      ]);
      await voidUserTokens(manager, target.id, now);
      return { sesionesCerradas: await revokeUserSessions(manager, target.id, now) };
    });
  }
}

/** An entity's staff, for its responsables and its head (an administrator names the entity). */
@Injectable()
export class ListStaffUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(command: { actor: StaffUser; entidadId?: string }): Promise<MiembroPersonal[]> {
    const { actor } = command;
    const allowed = actor.rol === 'administrador' || isResponsable(actor.rol) || actor.rol === 'titular_entidad';
    if (!allowed) throw new DomainError('FORBIDDEN', 'Su rol no le permite ver la lista del personal.');
    const entidadId = actor.rol === 'administrador' ? command.entidadId : actor.entidadId;
    if (!entidadId) throw new ValidationFailedError([{ campo: 'entidad', mensaje: 'indique la entidad' }]);
    // Naming another entity is "not found" (as when inviting), never a silent list of one's own.
    if (actor.rol !== 'administrador' && command.entidadId !== undefined && command.entidadId !== actor.entidadId) {
      throw new DomainError('ENTIDAD_NOT_FOUND', 'No existe esa entidad.');
    }
    const rows: Array<{
      id: string;
      email: string;
      nombre: string;
      rol: RolUsuario;
      entidad_id: string | null;
      unidad_id: string | null;
      activo: boolean;
      desactivado_en: Date | null;
    }> = await this.dataSource.query(
      `SELECT id, email, nombre, rol, entidad_id, unidad_id, activo, desactivado_en FROM usuario WHERE entidad_id = $1 ORDER BY nombre, email`,
      [entidadId],
    );
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      nombre: r.nombre,
      rol: r.rol,
      rolEtiqueta: ROL_ETIQUETAS[r.rol],
      entidadId: r.entidad_id,
      unidadId: r.unidad_id,
      estado: r.activo ? 'activo' : r.desactivado_en ? 'desactivado' : 'invitado',
    }));
  }
}

/**
 * A responsable reactivates a member of their own entity whom they (or another) deactivated (an
 * administrator, anyone's). Only an account that had chosen a password comes back: one deactivated
 * before accepting its invitation has none, and is invited again instead (409). The same "not
 * found" for another entity's member as when deactivating; the titular responsable, as there, only
 * by an administrator. The person signs in again with their old password (sessions stay revoked).
 */
@Injectable()
export class ReactivateStaffUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(command: { actor: StaffUser; usuarioId: string }): Promise<void> {
    const { actor } = command;
    if (actor.rol !== 'administrador' && !isResponsable(actor.rol)) {
      throw new DomainError('FORBIDDEN', 'Solo los responsables del libro pueden reactivar al personal.');
    }
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const [target]: Array<{ id: string; rol: RolUsuario; desactivado: boolean; conPassword: boolean }> = await manager.query(
        `SELECT id, rol, desactivado_en IS NOT NULL AS desactivado, password_hash IS NOT NULL AS "conPassword"
           FROM usuario WHERE id = $1 AND ($2::uuid IS NULL OR entidad_id = $2) FOR UPDATE`,
        [command.usuarioId, actor.rol === 'administrador' ? null : actor.entidadId],
      );
      if (!target || (actor.rol !== 'administrador' && isCrossEntityRole(target.rol))) throw new DomainError('USUARIO_NOT_FOUND', NOT_FOUND);
      if (target.rol === 'responsable_titular' && actor.rol !== 'administrador') {
        throw new DomainError('FORBIDDEN', 'Solo un administrador puede reactivar al responsable titular del libro.');
      }
      if (!target.desactivado) throw new DomainError('CONFLICT', 'Esa cuenta no está desactivada.');
      if (!target.conPassword) {
        throw new DomainError('CONFLICT', 'Esa persona no llegó a aceptar su invitación: invítela de nuevo con otro correo o pida a un administrador que la reactive.');
      }
      await manager.query(`UPDATE usuario SET activo = true, desactivado_en = NULL, desactivado_por = NULL, updated_at = $2 WHERE id = $1`, [target.id, now]);
    });
  }
}

export const ROLES_DESIGNABLES = ['responsable_titular', 'responsable_alterno'] as const;
export type RolDesignable = (typeof ROLES_DESIGNABLES)[number];

/**
 * Designates an active member of an entity as its responsable del libro, titular or alterno (D.S.
 * N° 007-2020-PCM: the head of the entity designates them; the designation is entered here as the
 * oficio says). An entity has one of each: whoever held that role becomes an officer of the unidad
 * (their account and history stay). An administrator designates either, in any entity; a responsable,
 * only the alterno of their own (as they may invite one). Only an officer or the other responsable may
 * be designated (not the head of the entity); another entity's member is "not found". Roles are read
 * from the database at every request, so the change takes effect at once without closing sessions.
 */
@Injectable()
export class DesignateResponsableUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute(command: { actor: StaffUser; usuarioId: string; rol: RolDesignable }): Promise<{ reemplazados: number }> {
    const { actor } = command;
    const permitido = actor.rol === 'administrador' || (isResponsable(actor.rol) && command.rol === 'responsable_alterno');
    if (!permitido) throw new DomainError('FORBIDDEN', `Su rol no le permite designar a una persona como «${ROL_ETIQUETAS[command.rol]}».`);
    if (command.usuarioId === actor.id) throw new DomainError('CONFLICT', 'No puede designarse a sí mismo.');
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const [target]: Array<{ id: string; rol: RolUsuario; entidadId: string | null; activo: boolean }> = await manager.query(
        `SELECT id, rol, entidad_id AS "entidadId", activo FROM usuario WHERE id = $1 AND ($2::uuid IS NULL OR entidad_id = $2) FOR UPDATE`,
        [command.usuarioId, actor.rol === 'administrador' ? null : actor.entidadId],
      );
      if (!target || target.entidadId === null || isCrossEntityRole(target.rol)) throw new DomainError('USUARIO_NOT_FOUND', NOT_FOUND);
      if (!target.activo) throw new DomainError('CONFLICT', 'Solo se designa a una persona con la cuenta activa.');
      if (target.rol === command.rol) throw new DomainError('CONFLICT', `Esa persona ya es ${ROL_ETIQUETAS[command.rol].toLowerCase()}.`);
      if (target.rol === 'titular_entidad' || (target.rol === 'responsable_titular' && actor.rol !== 'administrador')) {
        throw new DomainError('FORBIDDEN', `No puede designar a ${ROL_ETIQUETAS[target.rol].toLowerCase()} como ${ROL_ETIQUETAS[command.rol].toLowerCase()}.`);
      }
      const [reemplazados]: [unknown[], number] = await manager.query(
        `UPDATE usuario SET rol = 'oficial', updated_at = $3 WHERE entidad_id = $1 AND rol = $2 AND id <> $4 RETURNING id`,
        [target.entidadId, command.rol, now, target.id],
      );
      await manager.query(`UPDATE usuario SET rol = $2, updated_at = $3 WHERE id = $1`, [target.id, command.rol, now]);
      return { reemplazados: reemplazados.length };
    });
  }
}
