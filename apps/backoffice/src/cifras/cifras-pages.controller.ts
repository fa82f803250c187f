import { Body, Controller, Get, HttpCode, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { Allow, validate } from 'class-validator';
import { FastifyReply } from 'fastify';
import { limaDateOf } from '@app/calendar';
import { GetReclamoFormOptionsUseCase } from '@app/atencion';
import { ASPECTO_LABELS, Aspecto, Canal, DomainError } from '@app/domain';
import {
  enCurso,
  entidadDeCifras,
  ESTADO_EXPORTACION_LABELS,
  ExportacionVista,
  FORMATO_EXPORTACION_LABELS,
  GetCifrasEntidadUseCase,
  ListExportacionesUseCase,
  resolverPeriodo,
  SolicitarExportacionUseCase,
} from '@app/medicion';
import { Clock } from '@app/platform/clock';
import { toFieldErrors } from '@app/platform/errors';
import { formatLimaDateTime } from '@app/platform/http';
import { RutasBackoffice } from '@app/platform/links';
import { StaffSession, StaffUser } from '@app/staff';
import { CurrentSession, CurrentUser, SessionGuard } from '../auth/session';
import { PagesErrorFilter } from '../pages/pages-error.filter';
import { CANAL_LABELS, errorItems, errorsByField, ErrorItem, fechaCorta, options } from '../pages/reclamo-labels';
import { graficosDe, mesCorto } from './cifras-graficos';
import { cifrasPara } from './cifras.controller';
import { CifrasQueryDto } from './cifras-query.dto';

const ETIQUETAS: Readonly<Record<string, string>> = {
  desde: 'Desde',
  hasta: 'Hasta',
  canal: 'Canal',
  aspecto: 'Aspecto',
  sedeId: 'Sede',
  unidadId: 'Unidad orgánica',
  servicioId: 'Servicio',
  temaId: 'Tema',
};
const CAMPOS = Object.keys(ETIQUETAS);

/** The export form: the page's period and filters (hidden, as the page shows them) and the chosen format. */
class ExportarForm {
  @Allow() tipo?: string;
  @Allow() formato?: string;
  @Allow() desde?: string;
  @Allow() hasta?: string;
  @Allow() canal?: string;
  @Allow() aspecto?: string;
  @Allow() sedeId?: string;
  @Allow() unidadId?: string;
  @Allow() servicioId?: string;
  @Allow() temaId?: string;
}

const ETIQUETAS_EXPORTAR: Readonly<Record<string, string>> = {
  ...ETIQUETAS,
  tipo: 'Tipo de exportación',
  formato: 'Formato',
  ...Object.fromEntries(['canal', 'aspecto', 'sedeId', 'unidadId', 'servicioId', 'temaId'].map((k) => [`filtros.${k}`, ETIQUETAS[k]])),
};

/** Where the error summary sends the person for each field of the export: the format, or the filter shown above. */
function idDeCampoExportar(campo: string): string {
  if (campo === 'formato' || campo === 'tipo') return 'x-formato';
  return `f-${campo.replace(/^filtros\./, '')}`;
}

/** A recent export as the list on /cifras shows it: when (Lima time), what, its state, and where to go. */
function filaDeExportacion(x: ExportacionVista) {
  return {
    href: RutasBackoffice.exportacion(x.id),
    pedida: formatLimaDateTime(x.creadoEn),
    desde: fechaCorta(x.parametros.desde),
    desdeIso: x.parametros.desde,
    hasta: fechaCorta(x.parametros.hasta),
    hastaIso: x.parametros.hasta,
    conFiltros: Object.keys(x.parametros.filtros).length > 0,
    formato: FORMATO_EXPORTACION_LABELS[x.formato],
    estado: enCurso(x.estado) && x.estado === 'en_proceso' ? `${ESTADO_EXPORTACION_LABELS[x.estado]} (${x.progreso} %)` : ESTADO_EXPORTACION_LABELS[x.estado],
    archivo: x.archivo ? RutasBackoffice.exportacionArchivo(x.id) : null,
  };
}

function crudosDe(query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of CAMPOS) {
    const value = query[key];
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string' && text.trim() !== '') out[key] = text.trim();
  }
  return out;
}

/** The filters of a valid query, as the hidden fields of the export form. */
function filtrosVistos(q: CifrasQueryDto): Record<string, string> {
  const { canal, aspecto, sedeId, unidadId, servicioId, temaId } = q;
  return Object.fromEntries(Object.entries({ canal, aspecto, sedeId, unidadId, servicioId, temaId }).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function enlace(path: string, params: Record<string, string>): string {
  const qs = new URLSearchParams(params).toString();
  return qs ? `${path}?${qs}` : path;
}

/** A percentage as the figures' pages print it ("87,5 %"), or a dash when there is nothing to divide. */
export const pct = (v: number | null): string => (v === null ? '—' : `${v.toLocaleString('es-PE')} %`);
/** A figure as the figures' pages print it (Peruvian grouping), or a dash when there is none. */
export const num = (v: number | null): string => (v === null ? '—' : v.toLocaleString('es-PE'));

/**
 * The figures page (GET form, works without JavaScript): the period and filters, the summary, and each
 * chart (SVG drawn on the server) with its table. The summary's exports link to the API with the same
 * query; the detail's export is a POST form (the worker makes it: the person lands on its progress page)
 * and the person's recent exports are listed under it.
 */
@ApiExcludeController()
@Controller('cifras')
@UseGuards(SessionGuard)
@UseFilters(PagesErrorFilter)
export class CifrasPagesController {
  constructor(
    private readonly cifras: GetCifrasEntidadUseCase,
    private readonly formOptions: GetReclamoFormOptionsUseCase,
    private readonly solicitar: SolicitarExportacionUseCase,
    private readonly exportaciones: ListExportacionesUseCase,
    private readonly sessionGuard: SessionGuard,
    private readonly clock: Clock,
  ) {}

  @Get()
  async pagina(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Query() query: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ) {
    return this.render(reply, user, session, crudosDe(query), []);
  }

  /**
   * Asks for the detail's export (the same use case as POST /api/v1/exportaciones) and sends the person to
   * its progress page (303). A wrong field shows this page again (422) with the error summary naming it.
   */
  @Post('exportaciones')
  @HttpCode(200)
  async exportar(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Body() form: ExportarForm, @Res() reply: FastifyReply) {
    const crudos = crudosDe(form as Record<string, unknown>);
    try {
      const { canal, aspecto, sedeId, unidadId, servicioId, temaId } = crudos;
      const { exportacion } = await this.solicitar.execute({
        actor: user,
        solicitud: { tipo: form.tipo, formato: form.formato, desde: form.desde, hasta: form.hasta, filtros: { canal, aspecto, sedeId, unidadId, servicioId, temaId } },
      });
      return reply.redirect(RutasBackoffice.exportacion(exportacion.id), 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.errores.length === 0) throw error;
      const items = error.errores.map((e) => ({ campo: idDeCampoExportar(e.campo), etiqueta: ETIQUETAS_EXPORTAR[e.campo] ?? e.campo, mensaje: e.mensaje }));
      return this.render(reply, user, session, crudos, items, form.formato);
    }
  }

  private async render(reply: FastifyReply, user: StaffUser, session: StaffSession, crudos: Record<string, string>, erroresExportar: ErrorItem[], formato?: string) {
    // Role first: a coordinator gets the 403 page before anything is read.
    const entidadId = entidadDeCifras(user);
    const dto = plainToInstance(CifrasQueryDto, crudos);
    let errores: ErrorItem[] = errorItems(toFieldErrors(await validate(dto, { whitelist: true, stopAtFirstError: true })), ETIQUETAS, 'f-');
    const hoy = limaDateOf(this.clock.now());
    let consulta: CifrasQueryDto = dto;
    if (errores.length === 0) {
      try {
        resolverPeriodo('rango', { desde: dto.desde ?? `${hoy.slice(0, 4)}-01-01`, hasta: dto.hasta ?? hoy });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errores = errorItems(error.errores, ETIQUETAS, 'f-');
      }
    }
    // With errors the page still shows this year's figures, unfiltered, under the error summary.
    if (errores.length > 0) consulta = new CifrasQueryDto();
    const c = await cifrasPara(this.cifras, this.clock, user, consulta);
    const [graficos, opciones, recientes] = await Promise.all([
      graficosDe(c),
      this.formOptions.execute({ actor: user, entidadId, ip: '' }),
      this.exportaciones.execute({ actor: user, limite: 5 }),
    ]);

    const anio = hoy.slice(0, 4);
    const mes = hoy.slice(0, 7);
    const trimestre = `${anio}-T${Math.floor((Number(hoy.slice(5, 7)) - 1) / 3) + 1}`;
    const atajo = (etiqueta: string, p: { desde: string; hasta: string }) => ({ etiqueta, href: enlace('/cifras', { ...crudos, ...p }) });
    const exportar = errores.length > 0 ? {} : crudos;
    // The detail's export asks for the period and filters the page shows (with a bad query: this year, unfiltered).
    const ocultos = Object.entries({ ...filtrosVistos(consulta), desde: c.periodo.desde, hasta: c.periodo.hasta }).map(([name, value]) => ({ name, value }));
    const r = c.resumen;
    const desglose = (filas: typeof c.porAspecto) =>
      filas.map((d) => ({ ...d, pct: pct(d.enPlazoLegalPct) }));
    const todos = [...errores, ...erroresExportar];
    const view = {
      titulo: `${errores.length > 0 ? 'Revise el periodo – ' : erroresExportar.length > 0 ? 'Revise la exportación – ' : ''}Cifras – Libro de Reclamaciones`,
      usuario: user,
      csrfToken: this.sessionGuard.csrfTokenOf(session),
      errores: todos,
      error: errorsByField(todos),
      entidad: c.entidad,
      periodo: c.periodo,
      desde: crudos.desde ?? c.periodo.desde,
      hasta: crudos.hasta ?? c.periodo.hasta,
      atajos: [
        atajo('Este mes', resolverPeriodo('mes', { periodo: mes })),
        atajo('Este trimestre', resolverPeriodo('trimestre', { periodo: trimestre })),
        atajo('Este año', resolverPeriodo('anio', { periodo: anio })),
        atajo('Año anterior', resolverPeriodo('anio', { periodo: String(Number(anio) - 1) })),
      ],
      canales: options(Object.values(Canal).map((v) => [v, CANAL_LABELS[v]]), crudos.canal),
      aspectos: options(Object.values(Aspecto).map((a) => [a, ASPECTO_LABELS[a]]), crudos.aspecto),
      sedes: options(opciones.sedes.map((s) => [s.id, s.nombre]), crudos.sedeId),
      unidades: options(opciones.unidades.map((u) => [u.id, u.nombre]), crudos.unidadId),
      servicios: options(opciones.servicios.map((s) => [s.id, s.nombre]), crudos.servicioId),
      hayFiltros: Object.keys(crudos).some((k) => k !== 'desde' && k !== 'hasta'),
      resumen: {
        recibidos: num(r.recibidos),
        notificados: num(r.notificados),
        enPlazoLegal: pct(r.enPlazoLegalPct),
        notificadosEnPlazoLegal: num(r.notificadosEnPlazoLegal),
        enMeta: pct(r.enMetaPct),
        notificadosEnMeta: num(r.notificadosEnMeta),
        media: num(r.diasHabilesMedia),
        mediana: num(r.diasHabilesMediana),
        reconducidos: num(r.reconducidos),
        trasladados: num(r.trasladados),
        anulados: num(r.anulados),
        subsanacionesPedidas: num(r.subsanaciones.pedidas),
        subsanacionesRespondidas: num(r.subsanaciones.respondidas),
        subsanacionesVencidas: num(r.subsanaciones.vencidas),
        encuestas: num(r.satisfaccion.encuestas),
        tasaRespuesta: pct(r.satisfaccion.tasaRespuesta),
        general: num(r.satisfaccion.general),
        rapidez: num(r.satisfaccion.rapidez),
        claridad: num(r.satisfaccion.claridad),
        trato: num(r.satisfaccion.trato),
        resuelto: pct(r.satisfaccion.resueltoPct),
        resueltoEnParte: pct(r.satisfaccion.resueltoEnPartePct),
      },
      ahora: c.ahora,
      porMes: c.porMes.map((p) => ({ ...p, etiqueta: mesCorto(p.mes) })),
      desgloses: [
        { id: 'aspecto', titulo: 'Por aspecto', columna: 'Aspecto', grafico: graficos.aspecto, filas: desglose(c.porAspecto) },
        { id: 'unidad', titulo: 'Por unidad orgánica', columna: 'Unidad orgánica', grafico: graficos.unidad, filas: desglose(c.porUnidad) },
        { id: 'sede', titulo: 'Por sede', columna: 'Sede', grafico: graficos.sede, filas: desglose(c.porSede) },
      ],
      graficos,
      csv: enlace('/api/v1/cifras.csv', exportar),
      xlsx: enlace('/api/v1/cifras.xlsx', exportar),
      detalle: {
        desde: fechaCorta(c.periodo.desde),
        hasta: fechaCorta(c.periodo.hasta),
        ocultos,
        error: errorsByField(erroresExportar)['x-formato'],
        csv: formato === 'csv',
        recientes: recientes.map(filaDeExportacion),
      },
    };
    return reply.status(todos.length > 0 ? 422 : 200).header('cache-control', 'private, no-store').view('cifras', view);
  }
}
