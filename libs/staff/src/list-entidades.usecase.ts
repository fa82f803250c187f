import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TIPO_ENTIDAD_LABELS, TipoEntidad } from '@app/domain';
import { isCrossEntityRole, StaffUser } from './staff-user';

export interface EntidadListada {
  id: string;
  codigo: string;
  nombre: string;
  ruc: string;
  tipo: TipoEntidad;
  tipoEtiqueta: string;
  nivelGobierno: string;
  sector: string;
  ubigeo: string;
  tramo: { id: number; nombre: string } | null;
  activo: boolean;
}

/** Entities a staff member may see: all for coordinators and administrators, only their own otherwise. */
@Injectable()
export class ListEntidadesUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(actor: StaffUser): Promise<EntidadListada[]> {
    const scoped = !isCrossEntityRole(actor.rol);
    const rows: Array<Omit<EntidadListada, 'tramo' | 'tipoEtiqueta'> & { tramo_id: number | null; tramo_nombre: string | null }> =
      await this.dataSource.query(
        `SELECT e.id, e.codigo, e.nombre, e.ruc, e.tipo, e.nivel_gobierno AS "nivelGobierno", e.sector, e.ubigeo, e.activo,
                t.id AS tramo_id, t.nombre AS tramo_nombre
           FROM entidad e LEFT JOIN tramo t ON t.id = e.tramo_id
          WHERE ($1::uuid IS NULL OR e.id = $1)
          ORDER BY t.id NULLS LAST, e.nombre`,
        [scoped ? actor.entidadId : null],
      );
    return rows.map(({ tramo_id, tramo_nombre, ...e }) => ({
      ...e,
      tipoEtiqueta: TIPO_ENTIDAD_LABELS[e.tipo],
      tramo: tramo_id === null ? null : { id: tramo_id, nombre: tramo_nombre ?? '' },
    }));
  }
}
