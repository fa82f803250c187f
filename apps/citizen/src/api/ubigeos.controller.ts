import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { DomainError } from '@app/domain';
import { departamentos, distritos, provincias, ubigeoLabel, UbigeoEntry } from '@app/domain/ubigeo';

class UbigeosQuery {
  @IsOptional()
  @Matches(/^(\d{2}|\d{4})$/, { message: 'padre: indique un departamento (2 dígitos) o una provincia (4 dígitos) del INEI' })
  padre?: string;
}

const porNombre = (a: UbigeoEntry, b: UbigeoEntry): number => a.name.localeCompare(b.name, 'es');

@ApiTags('ubigeos')
@Controller('api/v1/ubigeos')
export class UbigeosApiController {
  /**
   * INEI's list as the hoja asks it, one level at a time, alphabetically, with INEI's names and
   * accents: without `padre` the 25 departamentos (Callao included), with a departamento's 2-digit
   * code its provincias, with a provincia's 4-digit code its distritos (whose 6-digit code is what
   * a filing's `ubigeo` takes). 404 for a code that is not in the list. Cached for a day: the list
   * changes only with a release.
   */
  @Get()
  @Header('cache-control', 'public, max-age=86400')
  @ApiQuery({ name: 'padre', required: false, example: '1501' })
  @ApiOkResponse({ description: '{ padre: { codigo, nombre } | null, ubigeos: [{ codigo, nombre }] }' })
  list(@Query() query: UbigeosQuery) {
    const padre = query.padre;
    const hijos = padre === undefined ? departamentos() : padre.length === 2 ? provincias(padre) : distritos(padre);
    const nombre = padre === undefined ? undefined : ubigeoLabel(padre);
    if (padre !== undefined && nombre === undefined) {
      throw new DomainError('UBIGEO_NOT_FOUND', 'No existe ese departamento o provincia en la lista del INEI.');
    }
    return {
      padre: padre === undefined ? null : { codigo: padre, nombre },
      ubigeos: [...hijos].sort(porNombre).map((u) => ({ codigo: u.code, nombre: u.name })),
    };
  }
}
