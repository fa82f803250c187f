import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TIPO_ENTIDAD_LABELS, TipoEntidad } from '@app/domain';

export interface EntidadResumen {
  codigo: string;
  nombre: string;
  tipo: TipoEntidad;
  tipoEtiqueta: string;
  sector: string;
}

/** Citizens look an entity up by part of its name or its code. */
@Injectable()
export class SearchEntidadesUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: { q?: string; limite?: number }): Promise<EntidadResumen[]> {
    const q = (query.q ?? '').trim().toLowerCase().slice(0, 80);
    const limite = Math.min(Math.max(query.limite ?? 20, 1), 100);
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows: Array<{ codigo: string; nombre: string; tipo: TipoEntidad; sector: string }> = await this.dataSource.query(
      `SELECT codigo, nombre, tipo, sector FROM entidad
        WHERE activo AND ($1 = '' OR lower(nombre) LIKE $2 OR lower(codigo) LIKE $2)
        ORDER BY (lower(codigo) = $1) DESC, nombre
        LIMIT $3`,
      [q, pattern, limite],
    );
    return rows.map((r) => ({ ...r, tipoEtiqueta: TIPO_ENTIDAD_LABELS[r.tipo] }));
  }
}
