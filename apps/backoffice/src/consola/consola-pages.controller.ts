import { Controller, Get, Param, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FastifyReply, FastifyRequest } from 'fastify';
import {
  AdopcionEntidad,
  assertLeeConsola,
  COMPONENTE_ETIQUETAS,
  ESTADO_ADOPCION_ETIQUETAS,
  etiquetaDePeriodo,
  FilaRanking,
  GetAdopcionEntidadUseCase,
  GetOpcionesRankingUseCase,
  GetRankingUseCase,
  GetTramoUseCase,
  ListTramosUseCase,
  MINIMO_NOTIFICADOS,
  PASO_ETIQUETAS,
  PASO_FUENTES,
  PASOS_ADOPCION,
  PESOS_INDICE,
  periodoDeConsola,
  PlazoDelTramo,
  TramoEnVista,
} from '@app/adopcion';
import { limaDateOf } from '@app/calendar';
import { DomainError, NivelGobierno } from '@app/domain';
import { Clock } from '@app/platform/clock';
import { toFieldErrors } from '@app/platform/errors';
import { clientIp, formatIsoDate } from '@app/platform/http';
import { ROL_ETIQUETAS, StaffSession, StaffUser } from '@app/staff';
import { puedeGestionarRegistro } from '@app/tramos';
import { CurrentSession, CurrentUser, SessionGuard } from '../auth/session';
import { PagesErrorFilter } from '../pages/pages-error.filter';
import { ErrorItem, errorItems, errorsByField, fechaCorta, options } from '../pages/reclamo-labels';
import { mesCorto } from '../cifras/cifras-graficos';
import { nivelEtiqueta } from './consola-export';
import { graficoDistribucionEnPlazo, graficoEstadosPorTramo, graficoEvolucionTramo, graficoEvolucionTramos } from './consola-graficos';
import { numeroDeTramo, rankingPara } from './consola.controller';
import { filtrosDeRanking, RankingQueryDto } from './consola-query.dto';

const NO_STORE = 'private, no-store';
const ETIQUETAS: Readonly<Record<string, string>> = {
  periodo: 'Periodo',
  tramo: 'Tramo',
  sector: 'Sector',
  nivel: 'Nivel de gobierno',
  departamento: 'Departamento',
};

const pct = (v: number | null): string => (v === null ? '—' : `${v.toLocaleString('es-PE')} %`);
const num = (v: number | null): string => (v === null ? '—' : v.toLocaleString('es-PE'));
const dias = (n: number) => `${n} ${n === 1 ? 'día' : 'días'}`;

/** The deadline in words (calendar days), never colour alone. */
function plazoTexto(plazo: PlazoDelTramo): string {
  if (!plazo.vencido) return plazo.diasParaLimite === 0 ? 'Vence hoy' : `Quedan ${dias(plazo.diasParaLimite ?? 0)}`;
  return `Venció hace ${dias(plazo.diasVencido ?? 0)}`;
}

function crudosDe(query: Record<string, unknown>, campos: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of campos) {
    const value = query[key];
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string' && text.trim() !== '') out[key] = text.trim();
  }
  return out;
}

function enlace(path: string, params: Record<string, string>): string {
  const qs = new URLSearchParams(params).toString();
  return qs ? `${path}?${qs}` : path;
}

function filaTramo(t: TramoEnVista) {
  return {
    ...t,
    href: `/tramos/${t.numero}`,
    fechaLimiteCorta: fechaCorta(t.fechaLimite),
    plazoTexto: plazoTexto(t.plazo),
    plazoFrase: plazoTexto(t.plazo).replace(/^./, (c) => c.toLowerCase()),
    implementadoPctTexto: pct(t.implementadoPct),
    alLimite: t.implementadosAlLimite === null ? 'Aún no vence' : num(t.implementadosAlLimite),
  };
}

function filaEntidad(e: AdopcionEntidad) {
  const alcanzados = e.pasos.filter((p) => p.fecha !== null).length;
  return {
    ...e,
    href: `/adopcion/entidades/${encodeURIComponent(e.codigo)}`,
    avance: `${alcanzados} de ${e.pasos.length}`,
    implementadoElCorto: e.implementadoEl ? fechaCorta(e.implementadoEl) : '—',
    retraso: e.diasDeRetraso === null ? '—' : dias(e.diasDeRetraso),
  };
}

function filaRanking(f: FilaRanking) {
  return {
    ...f,
    href: `/adopcion/entidades/${encodeURIComponent(f.codigo)}`,
    enPlazoTexto: pct(f.enPlazoLegalPct),
    medianaTexto: num(f.diasHabilesMediana),
    vencidosTexto: pct(f.vencidosPct),
    satisfaccionTexto: num(f.satisfaccionMedia),
    indiceTexto: num(f.indice),
    nivelTexto: nivelEtiqueta(f.nivelGobierno),
  };
}

/** How each adoption step is measured, for the pages' explanations. */
const PASOS_EXPLICADOS = PASOS_ADOPCION.map((p) => ({ etiqueta: PASO_ETIQUETAS[p], fuente: PASO_FUENTES[p] }));

/**
 * The coordinators' console pages (GET only; they work without JavaScript): the coordinator's home, the
 * tramos, one tramo, one entity and the ranking, each chart drawn on the server with its table beside it.
 * The same use cases as the JSON API (ConsolaController); an entity's staff get the 403 page.
 */
@ApiExcludeController()
@Controller()
@UseGuards(SessionGuard)
@UseFilters(PagesErrorFilter)
export class ConsolaPagesController {
  constructor(
    private readonly tramos: ListTramosUseCase,
    private readonly tramo: GetTramoUseCase,
    private readonly entidad: GetAdopcionEntidadUseCase,
    private readonly ranking: GetRankingUseCase,
    private readonly opcionesRanking: GetOpcionesRankingUseCase,
    private readonly sessionGuard: SessionGuard,
    private readonly clock: Clock,
  ) {}

  /** The coordinator's home (where /inicio sends them): the country's adoption at a glance, and where to go next. */
  @Get('consola')
  async inicio(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Res() reply: FastifyReply) {
    const v = await this.tramos.execute({ actor: user });
    const total = { entidades: 0, implementado: 0, en_proceso: 0, no_iniciado: 0, atrasadas: 0 };
    for (const t of v.tramos) {
      total.entidades += t.entidades;
      total.implementado += t.porEstado.implementado;
      total.en_proceso += t.porEstado.en_proceso;
      total.no_iniciado += t.porEstado.no_iniciado;
      total.atrasadas += t.atrasadas;
    }
    return reply.header('cache-control', NO_STORE).view('consola-inicio', {
      titulo: 'Consola de implementación – Libro de Reclamaciones',
      usuario: user,
      rolEtiqueta: ROL_ETIQUETAS[user.rol],
      csrfToken: this.sessionGuard.csrfTokenOf(session),
      fecha: v.fecha,
      total,
      implementadoPct: pct(total.entidades === 0 ? null : Math.round((total.implementado * 1000) / total.entidades) / 10),
      tramos: v.tramos.map(filaTramo),
      sinTramo: v.sinTramo,
    });
  }

  @Get('tramos')
  async listaTramos(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Res() reply: FastifyReply) {
    const v = await this.tramos.execute({ actor: user });
    const [estados, evolucion] = await Promise.all([graficoEstadosPorTramo(v.tramos), graficoEvolucionTramos(v.tramos, v.fecha)]);
    return reply.header('cache-control', NO_STORE).view('consola-tramos', {
      titulo: 'Adopción por tramo – Libro de Reclamaciones',
      usuario: user,
      csrfToken: this.sessionGuard.csrfTokenOf(session),
      fecha: v.fecha,
      tramos: v.tramos.map(filaTramo),
      sinTramo: v.sinTramo,
      graficos: { estados, evolucion },
      pasos: PASOS_EXPLICADOS,
    });
  }

  @Get('tramos/:numero')
  async verTramo(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Param('numero') numero: string, @Res() reply: FastifyReply) {
    // Role first: an entity's staff get the 403 page whatever the number.
    const v = await this.tramo.execute({ actor: user, numero: numeroDeTramo(user, numero) });
    const evolucion = await graficoEvolucionTramo(v.tramo, v.entidades.map((e) => e.implementadoEl), v.fecha);
    return reply.header('cache-control', NO_STORE).view('consola-tramo', {
      titulo: `${v.tramo.nombre} – Adopción – Libro de Reclamaciones`,
      usuario: user,
      csrfToken: this.sessionGuard.csrfTokenOf(session),
      fecha: v.fecha,
      tramo: filaTramo(v.tramo),
      evolucion: v.tramo.evolucion.map((p) => ({ ...p, etiqueta: mesCorto(p.mes), corteCorto: fechaCorta(p.corte), pctTexto: pct(p.pct) })),
      grafico: evolucion,
      entidades: v.entidades.map(filaEntidad),
      atrasadas: v.atrasadas.map(filaEntidad),
      csv: `/api/v1/tramos/${v.tramo.numero}.csv`,
      xlsx: `/api/v1/tramos/${v.tramo.numero}.xlsx`,
      // Who reads the console also edits tramos today (coordinators, administrators); asked, not assumed.
      editar: puedeGestionarRegistro(user) ? `/tramos/${v.tramo.numero}/editar` : null,
    });
  }

  @Get('adopcion/entidades/:codigo')
  async verEntidad(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Param('codigo') codigo: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    assertLeeConsola(user);
    const crudos = crudosDe(query, ['periodo']);
    const hoy = limaDateOf(this.clock.now());
    let errores: ErrorItem[] = [];
    let periodo = periodoDeConsola(undefined, hoy);
    try {
      periodo = periodoDeConsola(crudos.periodo, hoy);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      errores = errorItems(error.errores, ETIQUETAS, 'f-');
    }
    const v = await this.entidad.execute({ actor: user, codigo, periodo, ip: clientIp(request) });
    const c = v.cumplimiento;
    return reply
      .status(errores.length > 0 ? 422 : 200)
      .header('cache-control', NO_STORE)
      .view('consola-entidad', {
        titulo: `${errores.length > 0 ? 'Revise el periodo – ' : ''}${v.entidad.nombre} – Adopción – Libro de Reclamaciones`,
        usuario: user,
        csrfToken: this.sessionGuard.csrfTokenOf(session),
        errores,
        error: errorsByField(errores),
        fecha: v.fecha,
        periodo: { ...v.periodo, etiqueta: etiquetaDePeriodo(v.periodo), valor: crudos.periodo ?? v.periodo.clave },
        entidad: filaEntidad(v.entidad),
        tramoHref: v.entidad.tramo ? `/tramos/${v.entidad.tramo.numero}` : null,
        pasos: v.entidad.pasos.map((p) => ({ ...p, fechaTexto: p.fecha ? formatIsoDate(p.fecha) : null, fuente: PASO_FUENTES[p.paso] })),
        cumplimiento: {
          recibidos: num(c.recibidos),
          notificados: num(c.notificados),
          enPlazo: pct(c.enPlazoLegalPct),
          notificadosEnPlazoLegal: num(c.notificadosEnPlazoLegal),
          mediana: num(c.diasHabilesMediana),
          abiertosHoy: num(c.abiertosHoy),
          vencidosHoy: num(c.vencidosHoy),
          encuestas: num(c.satisfaccion.encuestas),
          general: num(c.satisfaccion.general),
          resuelto: pct(c.satisfaccion.resueltoPct),
        },
        porMes: v.porMes.map((p) => ({ ...p, etiqueta: mesCorto(p.mes) })),
        json: enlace(`/api/v1/adopcion/entidades/${encodeURIComponent(v.entidad.codigo)}`, { periodo: v.periodo.clave }),
      });
  }

  @Get('ranking')
  async verRanking(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    assertLeeConsola(user);
    const crudos = crudosDe(query, Object.keys(ETIQUETAS));
    const dto = plainToInstance(RankingQueryDto, crudos);
    let errores: ErrorItem[] = errorItems(toFieldErrors(await validate(dto, { whitelist: true, stopAtFirstError: true })), ETIQUETAS, 'f-');
    const hoy = limaDateOf(this.clock.now());
    if (errores.length === 0) {
      try {
        periodoDeConsola(dto.periodo, hoy);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errores = errorItems(error.errores, ETIQUETAS, 'f-');
      }
    }
    // With errors the page still shows this year's ranking, unfiltered, under the error summary.
    const consulta = errores.length > 0 ? new RankingQueryDto() : dto;
    const ip = clientIp(request);
    const [r, opciones] = await Promise.all([rankingPara(this.ranking, this.clock, user, consulta, ip), this.opcionesRanking.execute({ actor: user })]);
    const distribucion = await graficoDistribucionEnPlazo(r.distribucionEnPlazo);
    const exportar = errores.length > 0 ? {} : crudos;
    const filtros = filtrosDeRanking(consulta);
    return reply
      .status(errores.length > 0 ? 422 : 200)
      .header('cache-control', NO_STORE)
      .view('consola-ranking', {
        titulo: `${errores.length > 0 ? 'Revise los filtros – ' : ''}Ranking de entidades – Libro de Reclamaciones`,
        usuario: user,
        csrfToken: this.sessionGuard.csrfTokenOf(session),
        errores,
        error: errorsByField(errores),
        fecha: r.fecha,
        periodo: { ...r.periodo, etiqueta: etiquetaDePeriodo(r.periodo) },
        periodoValor: crudos.periodo ?? '',
        tramos: options(opciones.tramos.map((t) => [String(t.numero), t.nombre]), crudos.tramo),
        sectores: options(opciones.sectores.map((s) => [s, s]), crudos.sector),
        niveles: options(Object.values(NivelGobierno).map((n) => [n, nivelEtiqueta(n)]), crudos.nivel),
        departamentos: options(opciones.departamentos.map((d) => [d.codigo, d.nombre]), crudos.departamento),
        hayFiltros: Object.keys(filtros).length > 0,
        ranking: r.ranking.map(filaRanking),
        sinCasos: r.sinCasosSuficientes.map(filaRanking),
        minimo: MINIMO_NOTIFICADOS,
        formula: r.formula,
        pesos: Object.entries(PESOS_INDICE).map(([k, peso]) => ({ etiqueta: COMPONENTE_ETIQUETAS[k as keyof typeof PESOS_INDICE], peso })),
        grafico: distribucion,
        distribucion: r.distribucionEnPlazo,
        csv: enlace('/api/v1/ranking.csv', exportar),
        xlsx: enlace('/api/v1/ranking.xlsx', exportar),
        estados: ESTADO_ADOPCION_ETIQUETAS,
      });
  }
}
