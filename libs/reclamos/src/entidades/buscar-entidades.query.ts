import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { TipoEntidad } from '@app/domain';
import { departamentos } from '@app/domain/ubigeo';

const CODIGOS_DEPARTAMENTO = departamentos().map((d) => d.code);
const entero = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,6}$/.test(value.trim()) ? Number(value) : value;
/** An empty select («Todos») sends ""; it means no filter. */
const vacioEsNada = ({ value }: { value: unknown }): unknown => (value === '' ? undefined : value);

/** The entity search's query, for the home page and `GET /api/v1/entidades` alike. */
export class BuscarEntidadesQuery {
  @ApiPropertyOptional({ description: 'Palabras del nombre, siglas o código, en cualquier orden, con o sin tildes («ministerio educacion», «Minedu»)' })
  @IsOptional()
  @IsString({ message: 'q: escriba el nombre o las siglas de la entidad' })
  @MaxLength(80, { message: 'q: escriba como máximo 80 caracteres' })
  q?: string;

  @ApiPropertyOptional({ enum: TipoEntidad, description: 'Tipo de entidad' })
  @Transform(vacioEsNada)
  @IsOptional()
  @IsEnum(TipoEntidad, { message: 'tipo: elija un tipo de entidad de la lista' })
  tipo?: TipoEntidad;

  @ApiPropertyOptional({ description: 'Departamento de la sede principal: código INEI de 2 dígitos (15 = Lima)', example: '15' })
  @Transform(vacioEsNada)
  @IsOptional()
  @IsIn(CODIGOS_DEPARTAMENTO, { message: 'departamento: elija un departamento de la lista' })
  departamento?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @Transform(entero)
  @IsOptional()
  @IsInt({ message: 'pagina: debe ser un número de página (1, 2, 3…)' })
  @Min(1, { message: 'pagina: debe ser un número de página (1, 2, 3…)' })
  @Max(1000, { message: 'pagina: debe ser un número de página entre 1 y 1000' })
  pagina?: number;
}
