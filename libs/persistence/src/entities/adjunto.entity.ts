import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('adjunto')
export class AdjuntoEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'reclamo_id', type: 'uuid' })
  reclamoId!: string;

  @Column({ name: 'nombre_original', type: 'text' })
  nombreOriginal!: string;

  @Column({ name: 'tipo_mime', type: 'text' })
  tipoMime!: string;

  @Column('integer')
  bytes!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  /** Key in the attachment storage (a path under the local directory by default). */
  @Column({ name: 'clave_almacen', type: 'text' })
  claveAlmacen!: string;
}
