import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ActorTipo = 'ciudadano' | 'personal' | 'sistema';

/** One entry of a case's timeline: who did what, when and why. */
@Entity('reclamo_evento')
export class ReclamoEventoEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'reclamo_id', type: 'uuid' })
  reclamoId!: string;

  @Column({ name: 'entidad_id', type: 'uuid' })
  entidadId!: string;

  @Column('text')
  tipo!: string;

  @Column({ name: 'estado_anterior', type: 'text', nullable: true })
  estadoAnterior!: string | null;

  @Column({ name: 'estado_nuevo', type: 'text', nullable: true })
  estadoNuevo!: string | null;

  @Column({ name: 'actor_tipo', type: 'text' })
  actorTipo!: ActorTipo;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'text', nullable: true })
  motivo!: string | null;

  @Column('jsonb')
  datos!: Record<string, unknown>;

  @Column({ name: 'ocurrido_en', type: 'timestamptz' })
  ocurridoEn!: Date;
}
