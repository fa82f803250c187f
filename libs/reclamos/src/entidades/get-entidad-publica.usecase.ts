import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, TIPO_ENTIDAD_LABELS, TipoEntidad } from '@app/domain';

export interface OpcionCatalogo {
  id: string;
  nombre: string;
}

export interface EntidadPublica {
  id: string;
  codigo: string;
  nombre: string;
  tipoEtiqueta: string;
  plazoDiasHabiles: number;
  sedes: OpcionCatalogo[];
  unidades: OpcionCatalogo[];
  servicios: OpcionCatalogo[];
}

/** What the entity's public page and form need: its name, its plazo and its own lists. */
@Injectable()
export class GetEntidadPublicaUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(codigo: string): Promise<EntidadPublica> {
    const [entidad]: Array<{ id: string; codigo: string; nombre: string; tipo: TipoEntidad; plazo: number }> =
      await this.dataSource.query(
        `SELECT id, codigo, nombre, tipo, plazo_respuesta_dias AS plazo FROM entidad WHERE codigo = $1 AND activo`,
        [codigo.toUpperCase()],
      );
    if (!entidad) throw new DomainError('ENTIDAD_NOT_FOUND', 'No encontramos esa entidad en el Libro de Reclamaciones.');
    const list = (table: string): Promise<OpcionCatalogo[]> =>
      this.dataSource.query(`SELECT id, nombre FROM ${table} WHERE entidad_id = $1 AND activo ORDER BY nombre`, [entidad.id]);
    const [sedes, unidades, servicios] = await Promise.all([list('sede'), list('unidad_organica'), list('servicio')]);
    return {
      id: entidad.id,
      codigo: entidad.codigo,
      nombre: entidad.nombre,
      tipoEtiqueta: TIPO_ENTIDAD_LABELS[entidad.tipo],
      plazoDiasHabiles: entidad.plazo,
      sedes,
      unidades,
      servicios,
    };
  }
}
