import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { FiltrosRanking } from '@app/adopcion';
import { NivelGobierno } from '@app/domain';
import { departamentos } from '@app/domain/ubigeo';

const DEPARTAMENTOS = new Set(departamentos().map((d) => d.code));

/** The console's period: a year, a quarter or a month (Lima dates, whole months). */
export class PeriodoConsolaQuery {
  @ApiPropertyOptional({ description: 'Año (2026), trimestre (2026-T1) o mes (2026-03), fechas de Lima; por defecto, el año en curso', example: '2026' })
  @IsOptional()
  @IsString({ message: 'periodo: indique el periodo como un año (2026), un trimestre (2026-T1) o un mes (2026-03)' })
  @MaxLength(10, { message: 'periodo: indique el periodo como un año (2026), un trimestre (2026-T1) o un mes (2026-03)' })
  periodo?: string;
}

/** The ranking's filters and period, as the API and the page read them. */
export class RankingQueryDto extends PeriodoConsolaQuery {
  @ApiPropertyOptional({ description: 'Número del tramo', example: '1' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,3}$/, { message: 'tramo: elija un tramo por su número' })
  tramo?: string;

  @ApiPropertyOptional({ description: 'Sector de la entidad, tal como está registrado', example: 'Educación' })
  @IsOptional()
  @IsString({ message: 'sector: elija un sector de la lista' })
  @MaxLength(200, { message: 'sector: elija un sector de la lista' })
  sector?: string;

  @ApiPropertyOptional({ enum: NivelGobierno })
  @IsOptional()
  @IsEnum(NivelGobierno, { message: 'nivel: elija nacional, regional o local' })
  nivel?: NivelGobierno;

  @ApiPropertyOptional({ description: 'Código INEI del departamento de la sede de la entidad (2 dígitos)', example: '15' })
  @IsOptional()
  @ValidateBy(
    { name: 'isDepartamento', validator: { validate: (v: unknown) => typeof v === 'string' && DEPARTAMENTOS.has(v) } },
    { message: 'departamento: elija un departamento por su código INEI de dos dígitos (por ejemplo, 15 para Lima)' },
  )
  departamento?: string;
}

export function filtrosDeRanking(q: RankingQueryDto): FiltrosRanking {
  return {
    ...(q.tramo ? { tramo: Number(q.tramo) } : {}),
    ...(q.sector ? { sector: q.sector } : {}),
    ...(q.nivel ? { nivel: q.nivel } : {}),
    ...(q.departamento ? { departamento: q.departamento } : {}),
  };
}
