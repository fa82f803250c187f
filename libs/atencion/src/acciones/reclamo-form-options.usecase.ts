import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { assertEntidadScope } from '../access/reclamo-access';
import { EntidadCommand } from './reclamo-command';

export interface Opcion {
  id: string;
  nombre: string;
}

export interface PlantillaOpcion extends Opcion {
  hechos: string;
  analisis: string;
  medidasAdoptadas: string;
}

/** The choices the inbox filters and the reclamo forms offer, all from the actor's own entity. */
export interface ReclamoFormOptions {
  sedes: Opcion[];
  unidades: Opcion[];
  servicios: Opcion[];
  /** Active staff a reclamo may be assigned to (the same roles AssignReclamoUseCase accepts). */
  personal: Array<Opcion & { unidadId: string | null }>;
  plantillas: PlantillaOpcion[];
  /** Other active entities, by code, for a traslado; loaded only when asked (about 2,000 rows). */
  entidadesDestino: Array<{ codigo: string; nombre: string }>;
}

export interface ReclamoFormOptionsCommand extends EntidadCommand {
  conEntidadesDestino?: boolean;
}

/**
 * Lists for the back-office's selects. No personal data of citizens, so no audit entry; scoped to
 * the actor's entity like every reclamo query (the use cases check each chosen id again).
 */
@Injectable()
export class GetReclamoFormOptionsUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(command: ReclamoFormOptionsCommand): Promise<ReclamoFormOptions> {
    assertEntidadScope(command.actor, command.entidadId);
    const id = command.entidadId;
    const list = (table: 'sede' | 'unidad_organica' | 'servicio'): Promise<Opcion[]> =>
      this.dataSource.query<Opcion[]>(`SELECT id, nombre FROM ${table} WHERE entidad_id = $1 AND activo ORDER BY nombre`, [id]);
    const [sedes, unidades, servicios, personal, plantillas, entidadesDestino] = await Promise.all([
      list('sede'),
      list('unidad_organica'),
      list('servicio'),
      this.dataSource.query<ReclamoFormOptions['personal']>(
        `SELECT id, nombre, unidad_id AS "unidadId" FROM usuario
          WHERE entidad_id = $1 AND activo AND rol IN ('oficial','responsable_titular','responsable_alterno') ORDER BY nombre, email`,
        [id],
      ),
      this.dataSource.query<PlantillaOpcion[]>(
        `SELECT id, nombre, hechos, analisis, medidas_adoptadas AS "medidasAdoptadas" FROM plantilla_respuesta
          WHERE entidad_id = $1 AND activo ORDER BY nombre`,
        [id],
      ),
      command.conEntidadesDestino
        ? this.dataSource.query<ReclamoFormOptions['entidadesDestino']>(`SELECT codigo, nombre FROM entidad WHERE activo AND id <> $1 ORDER BY nombre`, [id])
        : Promise.resolve([]),
    ]);
    return { sedes, unidades, servicios, personal, plantillas, entidadesDestino };
  }
}
