import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { VENTANAS_DE_FECHA } from '@app/calendar';
import { IsLimaDate } from '@app/platform/validation';

/** Query of GET /api/v1/calendario/plazo, the same in the citizen and back-office apps. */
export class PlazoQueryDto {
  /** The registration date a plazo counts from; within a window of years, so no one walks the calendar from year 1. */
  @IsLimaDate(VENTANAS_DE_FECHA.inicioPlazo)
  desde!: string;

  // Query values arrive as text; "abc" becomes NaN and fails IsInt with the message below.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value))
  @IsInt({ message: 'dias: debe ser un número entero de días hábiles entre 1 y 365' })
  @Min(1, { message: 'dias: debe ser un número entero de días hábiles entre 1 y 365' })
  @Max(365, { message: 'dias: debe ser un número entero de días hábiles entre 1 y 365' })
  dias!: number;

  @IsOptional()
  @IsString({ message: 'entidad: debe ser el código de una entidad' })
  @MaxLength(20, { message: 'entidad: debe ser el código de una entidad' })
  @Matches(/^[A-Za-z0-9]{2,20}$/, { message: 'entidad: debe ser el código de una entidad (letras y números)' })
  entidad?: string;
}
