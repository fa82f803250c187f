import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type RolUsuario =
  | 'oficial'
  | 'responsable_titular'
  | 'responsable_alterno'
  | 'titular_entidad'
  | 'coordinador'
  | 'administrador';

/** A back-office staff account. */
@Entity('usuario')
export class UsuarioEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'entidad_id', type: 'uuid', nullable: true })
  entidadId!: string | null;

  @Column('text')
  email!: string;

  @Column('text')
  nombre!: string;

  @Column('text')
  rol!: RolUsuario;

  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash!: string;

  @Column('boolean')
  activo!: boolean;
}
