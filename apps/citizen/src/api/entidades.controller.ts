import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { BuscarEntidadesQuery, SearchEntidadesUseCase } from '@app/reclamos';

@ApiTags('entidades')
@Controller('api/v1/entidades')
export class EntidadesApiController {
  constructor(private readonly searchEntidades: SearchEntidadesUseCase) {}

  /**
   * Entities on the platform: each word of `q` in the code, the name or the siglas, in any order,
   * without regard to accents or capitals; filtered by kind and departamento; 20 a page.
   * 422 with `errores` naming the field for an unknown kind, departamento or page.
   */
  @Get()
  @ApiOkResponse({
    description:
      '{ entidades: [{ codigo, nombre, tipo, tipoEtiqueta, sector, ubigeo, lugar }], total, pagina, porPagina, aproximado } — ' +
      'aproximado: nada coincidía con todas las palabras y son los nombres más parecidos',
  })
  async search(@Query() query: BuscarEntidadesQuery) {
    return this.searchEntidades.execute(query);
  }
}
