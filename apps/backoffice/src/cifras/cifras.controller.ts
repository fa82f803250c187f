import { Controller, Get, Header, Query, Res, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { limaDateOf } from '@app/calendar';
import { CifrasEntidad, csvDe, entidadDeCifras, GetCifrasEntidadUseCase, tablasDe, xlsxDe } from '@app/medicion';
import { Clock } from '@app/platform/clock';
import { StaffUser } from '@app/staff';
import { CurrentUser, SessionGuard } from '../auth/session';
import { CifrasQueryDto, filtrosDe, periodoDe } from './cifras-query.dto';

/** The signed-in staff member's entity's figures for the query (coordinators and administrators: 403). */
export async function cifrasPara(usecase: GetCifrasEntidadUseCase, clock: Clock, user: StaffUser, query: CifrasQueryDto): Promise<CifrasEntidad> {
  const entidadId = entidadDeCifras(user);
  return usecase.execute({ entidadId, periodo: periodoDe(query, limaDateOf(clock.now())), filtros: filtrosDe(query) });
}

function nombreDeArchivo(c: CifrasEntidad, extension: string): string {
  return `cifras-${c.entidad.codigo.toLowerCase()}-${c.periodo.desde}-${c.periodo.hasta}.${extension}`;
}

/**
 * An entity's figures (cifras) as JSON, CSV and XLSX: the same numbers as the /cifras page. Aggregates
 * only: no citizen's data, no text written by anyone.
 */
@ApiTags('cifras')
@ApiCookieAuth('sesion')
@Controller('api/v1')
@UseGuards(SessionGuard)
export class CifrasController {
  constructor(
    private readonly cifras: GetCifrasEntidadUseCase,
    private readonly clock: Clock,
  ) {}

  @Get('cifras')
  @ApiOperation({
    summary: 'Cifras de la entidad en un periodo (fechas de Lima) con filtros',
    description:
      'Recibidos (por fecha de registro), notificados (por fecha de notificación), % en el plazo legal y en la meta de la entidad, ' +
      'días hábiles hasta la notificación (media y mediana), abiertos y vencidos hoy, reconducidos, trasladados, anulados, ' +
      'subsanaciones y satisfacción; por mes, aspecto, unidad y sede. Coordinadores y administradores: 403.',
  })
  async json(@CurrentUser() user: StaffUser, @Query() query: CifrasQueryDto): Promise<CifrasEntidad> {
    return cifrasPara(this.cifras, this.clock, user, query);
  }

  @Get('cifras.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Las mismas cifras en CSV (tabla, fila, columna, valor)' })
  async csv(@CurrentUser() user: StaffUser, @Query() query: CifrasQueryDto, @Res() reply: FastifyReply) {
    const c = await cifrasPara(this.cifras, this.clock, user, query);
    return reply.header('content-disposition', `attachment; filename="${nombreDeArchivo(c, 'csv')}"`).send(csvDe(tablasDe(c)));
  }

  @Get('cifras.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'Las mismas cifras en un libro de Excel (una hoja por tabla)' })
  async xlsx(@CurrentUser() user: StaffUser, @Query() query: CifrasQueryDto, @Res() reply: FastifyReply) {
    const c = await cifrasPara(this.cifras, this.clock, user, query);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${nombreDeArchivo(c, 'xlsx')}"`)
      .send(xlsxDe(tablasDe(c)));
  }
}
