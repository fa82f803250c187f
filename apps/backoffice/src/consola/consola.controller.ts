import { Controller, createParamDecorator, ExecutionContext, Get, Header, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import {
  assertLeeConsola,
  GetAdopcionEntidadUseCase,
  GetRankingUseCase,
  GetTramoUseCase,
  ListTramosUseCase,
  NUMERO_TRAMO,
  periodoDeConsola,
  Ranking,
  tramoNoEncontrado,
  VistaAdopcionEntidad,
  VistaTramo,
  VistaTramos,
} from '@app/adopcion';
import { limaDateOf } from '@app/calendar';
import { Clock } from '@app/platform/clock';
import { clientIp } from '@app/platform/http';
import { StaffUser } from '@app/staff';
import { CurrentUser, SessionGuard } from '../auth/session';
import { csvDeTabla, tablasDeRanking, tablasDeTramo, xlsxDe } from './consola-export';
import { filtrosDeRanking, PeriodoConsolaQuery, RankingQueryDto } from './consola-query.dto';

const ClientIp = createParamDecorator((_: unknown, context: ExecutionContext): string => clientIp(context.switchToHttp().getRequest<FastifyRequest>()));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * `{numero}` of a tramo: a positive smallint, or the same 404 as a tramo that does not exist. The role is
 * checked first, so an entity's staff get 403 whatever they write there.
 */
export function numeroDeTramo(user: StaffUser, valor: string): number {
  assertLeeConsola(user);
  if (!NUMERO_TRAMO.test(valor) || Number(valor) > 32_767) throw tramoNoEncontrado();
  return Number(valor);
}

export async function rankingPara(usecase: GetRankingUseCase, clock: Clock, user: StaffUser, query: RankingQueryDto, ip: string): Promise<Ranking> {
  return usecase.execute({ actor: user, periodo: periodoDeConsola(query.periodo, limaDateOf(clock.now())), filtros: filtrosDeRanking(query), ip });
}

/**
 * The coordinators' console as JSON (issue #12): adoption per tramo and per entity, and the ranking by
 * the quality index, with CSV and XLSX exports. Coordinators and administrators only (an entity's staff:
 * 403). Aggregates only: entities' public facts and counts, no citizen's data and no text anyone wrote.
 * Dates are Lima dates (AAAA-MM-DD); "días" of deadlines and lateness are calendar days, "días hábiles"
 * of the figures are business days (America/Lima). Source of the adoption checklist and the tramos: the
 * domain README ("Rollout by tramo") and the SGP's rollout (Norma Técnica N° 001-2021-PCM-SGP).
 */
@ApiTags('consola')
@ApiCookieAuth('sesion')
@Controller('api/v1')
@UseGuards(SessionGuard)
export class ConsolaController {
  constructor(
    private readonly tramos: ListTramosUseCase,
    private readonly tramo: GetTramoUseCase,
    private readonly entidad: GetAdopcionEntidadUseCase,
    private readonly ranking: GetRankingUseCase,
    private readonly clock: Clock,
  ) {}

  @Get('tramos')
  @ApiOperation({
    summary: 'Adopción por tramo, hoy',
    description:
      'Cada tramo con sus fechas (de Lima), entidades activas, cuántas están implementadas, en proceso y no iniciadas, el % implementado, ' +
      'los días calendario para la fecha límite o desde ella (plazo.diasParaLimite / plazo.diasVencido), cuántas implementadas había a la fecha límite, ' +
      'las entidades atrasadas y la evolución mensual acumulada. sinTramo: entidades activas sin tramo asignado. 403 para el personal de las entidades.',
  })
  async list(@CurrentUser() user: StaffUser): Promise<VistaTramos> {
    return this.tramos.execute({ actor: user });
  }

  @Get('tramos/:numero')
  @ApiParam({ name: 'numero', description: 'Número del tramo', example: 1 })
  @ApiOperation({
    summary: 'Un tramo: sus entidades, los pasos de adopción de cada una y las atrasadas con sus pasos faltantes',
    description:
      'entidades[].pasos: la fecha de Lima en que se alcanzó cada paso (null si no). estado: no_iniciado | en_proceso | implementado. ' +
      'diasDeRetraso: días calendario desde la fecha límite del tramo para una entidad no implementada (null si no está atrasada). 404 si el tramo no existe.',
  })
  async get(@CurrentUser() user: StaffUser, @Param('numero') numero: string): Promise<VistaTramo> {
    return this.tramo.execute({ actor: user, numero: numeroDeTramo(user, numero) });
  }

  @Get('tramos/:numero.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'Las entidades del tramo con la fecha de cada paso, en CSV (una fila por entidad)' })
  async tramoCsv(@CurrentUser() user: StaffUser, @Param('numero') numero: string, @Res() reply: FastifyReply) {
    const v = await this.tramo.execute({ actor: user, numero: numeroDeTramo(user, numero) });
    const [, entidades] = tablasDeTramo(v);
    return reply.header('content-disposition', `attachment; filename="tramo-${v.tramo.numero}-${v.fecha}.csv"`).send(csvDeTabla(entidades));
  }

  @Get('tramos/:numero.xlsx')
  @ApiProduces(XLSX)
  @ApiOperation({ summary: 'El tramo en un libro de Excel: el tramo, sus entidades y la evolución mensual' })
  async tramoXlsx(@CurrentUser() user: StaffUser, @Param('numero') numero: string, @Res() reply: FastifyReply) {
    const v = await this.tramo.execute({ actor: user, numero: numeroDeTramo(user, numero) });
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="tramo-${v.tramo.numero}-${v.fecha}.xlsx"`)
      .send(xlsxDe(tablasDeTramo(v)));
  }

  @Get('adopcion/entidades/:codigo')
  @ApiParam({ name: 'codigo', description: 'Código corto de la entidad', example: 'MINEDU' })
  @ApiOperation({
    summary: 'Una entidad: pasos de adopción y cumplimiento en el periodo',
    description:
      'cumplimiento: recibidos (por fecha de registro), notificados (por fecha de notificación), % en el plazo legal de 30 días hábiles, ' +
      'mediana de días hábiles hasta la notificación, abiertos y vencidos hoy, satisfacción (media general de 1 a 5, % resuelto). ' +
      'Cada lectura queda en el registro de accesos (cifras_consultadas). 404 si no hay una entidad activa con ese código.',
  })
  async entidadJson(
    @CurrentUser() user: StaffUser,
    @Param('codigo') codigo: string,
    @Query() query: PeriodoConsolaQuery,
    @ClientIp() ip: string,
  ): Promise<VistaAdopcionEntidad> {
    return this.entidad.execute({ actor: user, codigo, periodo: periodoDeConsola(query.periodo, limaDateOf(this.clock.now())), ip });
  }

  @Get('ranking')
  @ApiOperation({
    summary: 'Ranking de entidades por el índice de calidad en un periodo',
    description:
      'Índice = (40·P + 20·R + 20·V + 20·S) ÷ pesos usados (ver formula en la respuesta). Solo entidades con al menos 10 respuestas notificadas ' +
      'en el periodo; las demás en sinCasosSuficientes. Desempate: P, mediana, notificados, código. Leído de las cifras mensuales; ' +
      'cada entidad listada queda en el registro de accesos (cifras_consultadas).',
  })
  async rankingJson(@CurrentUser() user: StaffUser, @Query() query: RankingQueryDto, @ClientIp() ip: string): Promise<Ranking> {
    return rankingPara(this.ranking, this.clock, user, query, ip);
  }

  @Get('ranking.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'El ranking en CSV (una fila por entidad; las que no tienen casos suficientes al final, sin puesto)' })
  async rankingCsv(@CurrentUser() user: StaffUser, @Query() query: RankingQueryDto, @ClientIp() ip: string, @Res() reply: FastifyReply) {
    const r = await rankingPara(this.ranking, this.clock, user, query, ip);
    const [clasificadas, otras] = tablasDeRanking(r);
    return reply
      .header('content-disposition', `attachment; filename="ranking-${r.periodo.clave}.csv"`)
      .send(csvDeTabla({ ...clasificadas, filas: [...clasificadas.filas, ...otras.filas] }));
  }

  @Get('ranking.xlsx')
  @ApiProduces(XLSX)
  @ApiOperation({ summary: 'El ranking en un libro de Excel: ranking, sin casos suficientes y la fórmula' })
  async rankingXlsx(@CurrentUser() user: StaffUser, @Query() query: RankingQueryDto, @ClientIp() ip: string, @Res() reply: FastifyReply) {
    const r = await rankingPara(this.ranking, this.clock, user, query, ip);
    return reply
      .header('content-type', XLSX)
      .header('content-disposition', `attachment; filename="ranking-${r.periodo.clave}.xlsx"`)
      .send(xlsxDe(tablasDeRanking(r)));
  }
}
