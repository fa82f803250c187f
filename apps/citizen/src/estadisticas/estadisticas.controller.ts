import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { limaDateOf } from '@app/calendar';
import { EstadisticasEntidad, EstadisticasNacionales, GetEstadisticasEntidadUseCase, GetEstadisticasNacionalesUseCase, resolverPeriodoPublico } from '@app/medicion';
import { Clock } from '@app/platform/clock';
import { RutasCiudadano } from '@app/platform/links';
import { EstadisticasQuery, filasVista, graficosPublicos, LEYENDA_RESERVA, mesesVista, mostrar, periodoDePagina, resumenVista } from './estadisticas-vista';

// Figures change once a day at most for closed months: a shared cache may keep them a few minutes.
const CACHE = 'public, max-age=300';

const DESCRIPCION =
  'Solo agregados, sin datos personales ni textos. Meses completos y cerrados (fechas de Lima): por defecto los últimos 12. ' +
  'Recibidos por fecha de registro; notificados por fecha de notificación; en plazo legal: dentro de 30 días hábiles (D.S. N° 007-2020-PCM); ' +
  'días hábiles desde que el reclamo se tiene por presentado hasta la notificación. Reserva estadística (Ley N° 29733): un conteo de 1 a 4 ' +
  'y un porcentaje, promedio o mediana sobre menos de 5 casos salen como null, con el campo y el motivo en «reservas» ' +
  '(menor_a_5, base_menor_a_5, complementaria: oculto para que otra cifra no se deduzca restando de un total). ' +
  'Un periodo que no es de meses completos y cerrados, o de más de 36 meses: 422 con el campo en «errores».';

/** Public figures as JSON (no sign-in): an entity's by its code, and the country's with the ranking of entities. */
@ApiTags('estadisticas')
@Controller('api/v1/estadisticas')
export class EstadisticasApiController {
  constructor(
    private readonly entidad: GetEstadisticasEntidadUseCase,
    private readonly nacional: GetEstadisticasNacionalesUseCase,
    private readonly clock: Clock,
  ) {}

  @Get('nacional')
  @Header('cache-control', CACHE)
  @ApiOperation({ summary: 'Estadísticas del país en un periodo, con las entidades ordenadas por % notificado en el plazo legal', description: DESCRIPCION })
  @ApiOkResponse({ description: '{ periodo, resumen, porMes, porAspecto, porCanal, entidades: [{ codigo, nombre, recibidos, notificados, notificadosEnPlazoLegal, enPlazoLegalPct, reservas }] }' })
  @ApiUnprocessableEntityResponse({ description: 'Periodo no válido: { errores: [{ campo, mensaje }] }' })
  async nacionales(@Query() query: EstadisticasQuery): Promise<EstadisticasNacionales> {
    return this.nacional.execute({ periodo: resolverPeriodoPublico(query, limaDateOf(this.clock.now())) });
  }

  @Get('entidades/:codigo')
  @Header('cache-control', CACHE)
  @ApiOperation({ summary: 'Estadísticas de una entidad en un periodo, por su código', description: DESCRIPCION })
  @ApiOkResponse({ description: '{ entidad: { codigo, nombre }, periodo, resumen, porMes, porAspecto, porCanal }' })
  @ApiNotFoundResponse({ description: 'No hay una entidad activa con ese código' })
  @ApiUnprocessableEntityResponse({ description: 'Periodo no válido: { errores: [{ campo, mensaje }] }' })
  async deEntidad(@Param('codigo') codigo: string, @Query() query: EstadisticasQuery): Promise<EstadisticasEntidad> {
    return this.entidad.execute({ codigo, periodo: resolverPeriodoPublico(query, limaDateOf(this.clock.now())) });
  }
}

/**
 * The public figures' pages (no sign-in, no JavaScript needed): the country's at /estadisticas with the ranking of
 * entities, and an entity's at /estadisticas/entidades/{código}. A period form (GET, whole closed months), the
 * summary, and each chart (SVG drawn on the server by the back-office's chart code) beside a table of its numbers.
 * A bad period answers 422 with the error summary over the default period's figures; an unknown entity, 404.
 */
@ApiExcludeController()
@Controller('estadisticas')
export class EstadisticasPagesController {
  constructor(
    private readonly entidad: GetEstadisticasEntidadUseCase,
    private readonly nacional: GetEstadisticasNacionalesUseCase,
    private readonly clock: Clock,
  ) {}

  @Get()
  async nacionales(@Query() query: EstadisticasQuery, @Res() reply: FastifyReply) {
    const { periodo, errores } = periodoDePagina(query, limaDateOf(this.clock.now()));
    const e = await this.nacional.execute({ periodo });
    const graficos = await graficosPublicos(e);
    return reply
      .status(errores.length > 0 ? 422 : 200)
      .header('cache-control', CACHE)
      .view('estadisticas', {
        ...this.comun(query, errores, e, graficos, '/estadisticas'),
        titulo: `${errores.length > 0 ? 'Revise el periodo – ' : ''}Estadísticas de reclamos del Estado peruano`,
        encabezado: 'Reclamos ante las entidades del Estado',
        entidades: e.entidades.map((f) => ({
          nombre: f.nombre,
          codigo: f.codigo,
          href: RutasCiudadano.estadisticasEntidad(f.codigo, periodo),
          recibidos: mostrar(f.recibidos, f.reservas.recibidos),
          notificados: mostrar(f.notificados, f.reservas.notificados),
          pct: mostrar(f.enPlazoLegalPct, f.reservas.enPlazoLegalPct, ' %'),
        })),
        nacional: true,
      });
  }

  @Get('entidades/:codigo')
  async deEntidad(@Param('codigo') codigo: string, @Query() query: EstadisticasQuery, @Res() reply: FastifyReply) {
    const { periodo, errores } = periodoDePagina(query, limaDateOf(this.clock.now()));
    const e = await this.entidad.execute({ codigo, periodo });
    const graficos = await graficosPublicos(e);
    return reply
      .status(errores.length > 0 ? 422 : 200)
      .header('cache-control', CACHE)
      .view('estadisticas', {
        ...this.comun(query, errores, e, graficos, RutasCiudadano.estadisticasEntidad(e.entidad.codigo)),
        titulo: `${errores.length > 0 ? 'Revise el periodo – ' : ''}Estadísticas de ${e.entidad.nombre}`,
        encabezado: `Reclamos ante ${e.entidad.nombre}`,
        entidad: { ...e.entidad, libro: `/e/${encodeURIComponent(e.entidad.codigo)}` },
      });
  }

  private comun(
    query: EstadisticasQuery,
    errores: ReturnType<typeof periodoDePagina>['errores'],
    e: EstadisticasNacionales | EstadisticasEntidad,
    graficos: Awaited<ReturnType<typeof graficosPublicos>>,
    accion: string,
  ) {
    const hayReservas = JSON.stringify(e).includes('"reservas":{"');
    return {
      estilos: 'estadisticas.css',
      errores,
      error: Object.fromEntries(errores.map((x) => [x.campo, x.mensaje])),
      accion,
      desde: errores.length > 0 ? (query.desde ?? '') : e.periodo.desde,
      hasta: errores.length > 0 ? (query.hasta ?? '') : e.periodo.hasta,
      periodo: e.periodo,
      resumen: resumenVista(e.resumen),
      porMes: mesesVista(e.porMes),
      desgloses: [
        { id: 'aspecto', titulo: 'Por aspecto', columna: 'Aspecto', grafico: graficos.aspecto, filas: filasVista(e.porAspecto) },
        { id: 'canal', titulo: 'Por canal', columna: 'Canal', grafico: graficos.canal, filas: filasVista(e.porCanal) },
      ],
      graficos,
      leyenda: hayReservas ? LEYENDA_RESERVA : [],
      datosAbiertos: RutasCiudadano.datosAbiertos(),
    };
  }
}
