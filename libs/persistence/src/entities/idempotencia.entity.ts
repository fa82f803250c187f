import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The first response to an Idempotency-Key, replayed for every repeat of the same request. */
@Entity('idempotencia')
export class IdempotenciaEntity {
  @PrimaryColumn('text')
  ambito!: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  clave!: string;

  /** SHA-256 of the request, so the same key with another body is refused, not replayed. */
  @Column({ type: 'char', length: 64 })
  huella!: string;

  @Column({ name: 'estado_http', type: 'smallint' })
  estadoHttp!: number;

  @Column('jsonb')
  respuesta!: Record<string, unknown>;

  @Column({ name: 'reclamo_id', type: 'uuid', nullable: true })
  reclamoId!: string | null;
}
