import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ComputePlazoUseCase, PlazoQueryDto } from '@app/plazos';

@ApiTags('calendario')
@Controller('api/v1/calendario')
export class CalendarioApiController {
  constructor(private readonly computePlazo: ComputePlazoUseCase) {}

  /** When a plazo of `dias` business days counted from a registration on `desde` ends, and which days were skipped. */
  @Get('plazo')
  @ApiOkResponse({ description: '{ vence, omitidos: [{ fecha, motivo }] }' })
  async plazo(@Query() query: PlazoQueryDto) {
    return this.computePlazo.execute({ desde: query.desde, dias: query.dias, entidadCodigo: query.entidad });
  }
}
