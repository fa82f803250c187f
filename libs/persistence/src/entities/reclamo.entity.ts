import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Aspecto, Canal, EstadoReclamo } from '@app/domain';

/** The case. Personal data is in ReclamoPersonaEntity, not here. */
@Entity('reclamo')
export class ReclamoEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'entidad_id', type: 'uuid' })
  entidadId!: string;

  @Column({ type: 'varchar', length: 40 })
  codigo!: string;

  @Column('smallint')
  anio!: number;

  @Column('integer')
  correlativo!: number;

  @Column('text')
  estado!: EstadoReclamo;

  @Column('text')
  canal!: Canal;

  @Column({ name: 'numero_hoja_fisica', type: 'text', nullable: true })
  numeroHojaFisica!: string | null;

  @Column({ name: 'registrado_en', type: 'timestamptz' })
  registradoEn!: Date;

  @Column({ name: 'fecha_registro_lima', type: 'date' })
  fechaRegistroLima!: string;

  @Column({ name: 'plazo_dias_habiles', type: 'smallint' })
  plazoDiasHabiles!: number;

  @Column({ name: 'vence_el', type: 'date' })
  venceEl!: string;

  /** Which calendar produced venceEl, so a later calendar change never moves it silently. */
  @Column({ name: 'calendario_version', type: 'text' })
  calendarioVersion!: string;

  @Column('text')
  aspecto!: Aspecto;

  @Column({ name: 'sede_id', type: 'uuid', nullable: true })
  sedeId!: string | null;

  @Column({ name: 'unidad_id', type: 'uuid', nullable: true })
  unidadId!: string | null;

  @Column({ name: 'servicio_id', type: 'uuid', nullable: true })
  servicioId!: string | null;

  @Column({ name: 'fecha_hechos', type: 'date', nullable: true })
  fechaHechos!: string | null;

  @Column('text')
  descripcion!: string;

  @Column('text')
  pedido!: string;

  @Column({ name: 'notificacion_email', type: 'boolean' })
  notificacionEmail!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
