import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { TIPO_ENTIDAD_LABELS, TipoEntidad } from '@app/domain';
import { departamentos } from '@app/domain/ubigeo';
import { RutasCiudadano } from '@app/platform/links';
import { BuscarEntidadesQuery, SearchEntidadesUseCase } from '@app/reclamos';

const POR_PAGINA = 50;
const miles = new Intl.NumberFormat('es-PE');

/**
 * The front door: find the entity whose book you want to write in, by typing (any order, with or
 * without accents, siglas) or by browsing kind and departamento; 50 a page, «Mostrando N de M».
 * Works without JavaScript (a GET form). A bad filter answers 422 with the Spanish error page.
 */
@ApiExcludeController()
@Controller()
export class HomeController {
  constructor(private readonly searchEntidades: SearchEntidadesUseCase) {}

  @Get()
  async home(@Query() query: BuscarEntidadesQuery, @Res() reply: FastifyReply) {
    const q = (query.q ?? '').trim();
    const resultado = await this.searchEntidades.execute({ ...query, q, porPagina: POR_PAGINA });
    const { entidades, total, pagina, porPagina } = resultado;
    const desde = total === 0 ? 0 : (pagina - 1) * porPagina + 1;
    const hasta = (pagina - 1) * porPagina + entidades.length;
    const filtros = { q, tipo: query.tipo, departamento: query.departamento };
    return reply.view('inicio', {
      titulo: 'Libro de Reclamaciones digital del Estado peruano',
      q,
      entidades: entidades.map((e) => ({ ...e, enlace: `${RutasCiudadano.libro(e.codigo)}/antes-de-empezar` })),
      buscando: q !== '' || query.tipo !== undefined || query.departamento !== undefined,
      filtrando: query.tipo !== undefined || query.departamento !== undefined,
      aproximado: resultado.aproximado,
      tipos: Object.values(TipoEntidad).map((t) => ({ value: t, label: TIPO_ENTIDAD_LABELS[t], selected: t === query.tipo })),
      departamentos: departamentos().map((d) => ({ value: d.code, label: d.name, selected: d.code === query.departamento })),
      conteo: total === 0 ? null : entidades.length === total
        ? `Mostrando ${miles.format(total)} de ${miles.format(total)} entidades`
        : `Mostrando ${miles.format(desde)} a ${miles.format(hasta)} de ${miles.format(total)} entidades`,
      anterior: pagina > 1 ? RutasCiudadano.inicio({ ...filtros, pagina: pagina - 1 }) : null,
      siguiente: hasta < total ? RutasCiudadano.inicio({ ...filtros, pagina: pagina + 1 }) : null,
      paginacion: pagina > 1 || hasta < total,
      limpiar: RutasCiudadano.inicio(),
    });
  }
}
