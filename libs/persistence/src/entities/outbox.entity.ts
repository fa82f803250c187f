import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 'enviando': claimed by a send job (see libs/notifications). */
export type OutboxEstado = 'pendiente' | 'enviando' | 'enviado' | 'fallido';

/**
 * A message that must go out, written in the same transaction as the change
 * that causes it. The worker relays it; `claveUnica` stops the same message
 * from being recorded twice.
 */
@Entity('outbox')
export class OutboxEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'entidad_id', type: 'uuid', nullable: true })
  entidadId!: string | null;

  @Column({ name: 'reclamo_id', type: 'uuid', nullable: true })
  reclamoId!: string | null;

  @Column('text')
  tipo!: string;

  @Column('text')
  canal!: string;

  @Column('text')
  destinatario!: string;

  @Column('jsonb')
  datos!: Record<string, unknown>;

  @Column({ name: 'clave_unica', type: 'text', nullable: true })
  claveUnica!: string | null;

  @Column('text')
  estado!: OutboxEstado;

  @Column('integer')
  intentos!: number;

  @Column({ name: 'ultimo_error', type: 'text', nullable: true })
  ultimoError!: string | null;

  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId!: string | null;

  @Column({ name: 'enviado_en', type: 'timestamptz', nullable: true })
  enviadoEn!: Date | null;

  @Column({ name: 'encolado_en', type: 'timestamptz', nullable: true, insert: false })
  encoladoEn!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', insert: false, update: false })
  updatedAt!: Date;
}
