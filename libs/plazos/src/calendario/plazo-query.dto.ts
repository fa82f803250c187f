import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { isIsoDate } from '@app/calendar';

/** Query of GET /api/v1/calendario/plazo, the same in the citizen and back-office apps. */
export class PlazoQueryDto {
  @ValidateBy({ name: 'isIsoDate', validator: { validate: (v: unknown) => isIsoDate(v) } }, {
    message: 'desde: debe ser una fecha válida con el formato AAAA-MM-DD (la fecha de registro)',
  })
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
