import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Each entity's own lists a hoja refers to: where it happened, which area, which service. */
@Entity('sede')
export class SedeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'entidad_id', type: 'uuid' })
  entidadId!: string;

  @Column('text')
  nombre!: string;

  @Column('text')
  direccion!: string;

  @Column({ type: 'char', length: 6, nullable: true })
  ubigeo!: string | null;

  @Column('boolean')
  activo!: boolean;
}

@Entity('unidad_organica')
export class UnidadOrganicaEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'entidad_id', type: 'uuid' })
  entidadId!: string;

  @Column('text')
  nombre!: string;

  @Column('boolean')
  activo!: boolean;
}

@Entity('servicio')
export class ServicioEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'entidad_id', type: 'uuid' })
  entidadId!: string;

  @Column('text')
  nombre!: string;

  @Column('boolean')
  activo!: boolean;
}
