import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { TipoEntidad } from '@app/domain';

/** A rollout phase: a group of entity kinds with a date by which they must be on the platform. Data, not code. */
@Entity('tramo')
export class TramoEntity {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  @Column('text')
  nombre!: string;

  @Column('text')
  descripcion!: string;

  @Column({ name: 'tipos_entidad', type: 'text', array: true })
  tiposEntidad!: TipoEntidad[];

  @Column({ name: 'fecha_inicio', type: 'date' })
  fechaInicio!: string;

  @Column({ name: 'fecha_limite', type: 'date' })
  fechaLimite!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
