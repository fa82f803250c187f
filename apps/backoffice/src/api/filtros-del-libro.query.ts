import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { Aspecto, Canal } from '@app/domain';

/**
 * The filters the inbox and the figures share (the book's own dimensions): one declaration, so a
 * filter reads and is refused the same way on both, in Spanish naming the parameter.
 */
export class FiltrosDelLibroQuery {
  @ApiPropertyOptional({ enum: Aspecto })
  @IsOptional()
  @IsEnum(Aspecto, { message: 'aspecto: elija uno de los seis aspectos' })
  aspecto?: Aspecto;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'sedeId: elija una sede de su entidad' })
  sedeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'unidadId: elija una unidad orgánica de su entidad' })
  unidadId?: string;

  @ApiPropertyOptional({ enum: Canal })
  @IsOptional()
  @IsEnum(Canal, { message: 'canal: elija virtual o fisico' })
  canal?: Canal;
}
