import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { verify } from '@node-rs/argon2';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import { RolUsuario } from '@app/persistence';
import { StaffUser } from './staff-user';

const WRONG_CREDENTIALS = 'Correo o contraseña incorrectos.';

/** Checks an e-mail and password (argon2id) and returns the staff member; one message for every failure. */
@Injectable()
export class SignInUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(command: { email: string; password: string }): Promise<StaffUser> {
    const [row]: Array<StaffUser & { password_hash: string; entidad_id: string | null; activo: boolean }> =
      await this.dataSource.query(
        `SELECT id, email, nombre, rol, entidad_id, password_hash, activo FROM usuario WHERE lower(email) = lower($1)`,
        [command.email.trim()],
      );
    const valid = row ? await verify(row.password_hash, command.password).catch(() => false) : false;
    if (!row || !valid || !row.activo) throw new DomainError('UNAUTHENTICATED', WRONG_CREDENTIALS);
    return { id: row.id, email: row.email, nombre: row.nombre, rol: row.rol, entidadId: row.entidad_id };
  }
}

/** Loads an active staff member by id (the session cookie holds only the id). */
@Injectable()
export class GetStaffUserUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(id: string): Promise<StaffUser | null> {
    const [row]: Array<{ id: string; email: string; nombre: string; rol: RolUsuario; entidad_id: string | null }> =
      await this.dataSource.query(`SELECT id, email, nombre, rol, entidad_id FROM usuario WHERE id = $1 AND activo`, [id]);
    return row ? { id: row.id, email: row.email, nombre: row.nombre, rol: row.rol, entidadId: row.entidad_id } : null;
  }
}
