import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { SearchEntidadesUseCase } from '@app/reclamos';

class BuscarEntidadesQuery {
  @IsOptional()
  @IsString({ message: 'q: debe ser texto' })
  @MaxLength(80, { message: 'q: escriba como máximo 80 caracteres' })
  q?: string;
}

@ApiTags('entidades')
@Controller('api/v1/entidades')
export class EntidadesApiController {
  constructor(private readonly searchEntidades: SearchEntidadesUseCase) {}

  /** Entities on the platform, searched by part of the name or the code. */
  @Get()
  @ApiQuery({ name: 'q', required: false, description: 'Parte del nombre o el código (p. ej. «educación» o «MINEDU»)' })
  @ApiOkResponse({ description: 'Hasta 20 entidades' })
  async search(@Query() query: BuscarEntidadesQuery) {
    return { entidades: await this.searchEntidades.execute({ q: query.q }) };
  }
}
