import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { RolPersona } from '@app/domain';
import { DocumentType } from '@app/domain/documents';

/** A person on the hoja (Ley 29733: shown only to those who handle the case). */
@Entity('reclamo_persona')
export class ReclamoPersonaEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'reclamo_id', type: 'uuid' })
  reclamoId!: string;

  @Column('text')
  rol!: RolPersona;

  @Column({ name: 'tipo_documento', type: 'text' })
  tipoDocumento!: DocumentType;

  @Column({ name: 'numero_documento', type: 'varchar', length: 20 })
  numeroDocumento!: string;

  @Column({ type: 'text', nullable: true })
  nombres!: string | null;

  @Column({ type: 'text', nullable: true })
  apellidos!: string | null;

  @Column({ name: 'razon_social', type: 'text', nullable: true })
  razonSocial!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  telefono!: string | null;

  @Column({ type: 'char', length: 6, nullable: true })
  ubigeo!: string | null;

  @Column({ type: 'text', nullable: true })
  direccion!: string | null;
}
