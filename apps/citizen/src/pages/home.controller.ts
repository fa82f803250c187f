import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { SearchEntidadesUseCase } from '@app/reclamos';

/** The front door: find the entity whose book you want to write in. */
@ApiExcludeController()
@Controller()
export class HomeController {
  constructor(private readonly searchEntidades: SearchEntidadesUseCase) {}

  @Get()
  async home(@Query('q') q: string | undefined, @Res() reply: FastifyReply) {
    const query = (q ?? '').slice(0, 80);
    const entidades = await this.searchEntidades.execute({ q: query, limite: 50 });
    return reply.view('inicio', { titulo: 'Libro de Reclamaciones digital del Estado peruano', q: query, entidades, buscando: query !== '' });
  }
}
