import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { FiltrosCifras, Periodo, resolverPeriodo } from '@app/medicion';
import { FiltrosDelLibroQuery } from '../api/filtros-del-libro.query';

/** The period (Lima dates, both included) and the filters of an entity's figures: page, API and exports alike. */
export class CifrasQueryDto extends FiltrosDelLibroQuery {
  @ApiPropertyOptional({ description: 'Primer día (AAAA-MM-DD, fecha de Lima); por defecto el 1 de enero del año en curso', example: '2026-01-01' })
  @IsOptional()
  // Not @IsLimaDate: a period may end in the future ("this year"); the calendar date itself is checked by resolverPeriodo.
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'desde: indique la fecha como AAAA-MM-DD' })
  desde?: string;

  @ApiPropertyOptional({ description: 'Último día, incluido (AAAA-MM-DD); por defecto hoy', example: '2026-12-31' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'hasta: indique la fecha como AAAA-MM-DD' })
  hasta?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'servicioId: elija un servicio de su entidad' })
  servicioId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'temaId: elija un tema de su entidad' })
  temaId?: string;
}

/** The period the query asks for: this year so far by default; the range checked (order, at most five years). */
export function periodoDe(query: CifrasQueryDto, hoy: string): Periodo {
  return resolverPeriodo('rango', { desde: query.desde ?? `${hoy.slice(0, 4)}-01-01`, hasta: query.hasta ?? hoy });
}

export function filtrosDe(query: CifrasQueryDto): FiltrosCifras {
  const { canal, aspecto, sedeId, unidadId, servicioId, temaId } = query;
  return Object.fromEntries(Object.entries({ canal, aspecto, sedeId, unidadId, servicioId, temaId }).filter(([, v]) => v !== undefined));
}
