import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { NivelGobierno, TipoEntidad } from '@app/domain';

/** A public entity or state company using the platform: the tenant. */
@Entity('entidad')
export class EntidadEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  codigo!: string;

  @Column('text')
  nombre!: string;

  @Column({ type: 'char', length: 11 })
  ruc!: string;

  @Column('text')
  tipo!: TipoEntidad;

  @Column({ name: 'nivel_gobierno', type: 'text' })
  nivelGobierno!: NivelGobierno;

  @Column('text')
  sector!: string;

  @Column({ type: 'char', length: 6 })
  ubigeo!: string;

  @Column({ name: 'tramo_id', type: 'smallint', nullable: true })
  tramoId!: number | null;

  @Column('boolean')
  activo!: boolean;

  /** Internal target in business days; never more than the legal 30. */
  @Column({ name: 'plazo_respuesta_dias', type: 'smallint' })
  plazoRespuestaDias!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
