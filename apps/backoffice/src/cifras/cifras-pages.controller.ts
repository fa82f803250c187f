import { Controller, Get, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FastifyReply } from 'fastify';
import { limaDateOf } from '@app/calendar';
import { GetReclamoFormOptionsUseCase } from '@app/atencion';
import { ASPECTO_LABELS, Aspecto, Canal, DomainError } from '@app/domain';
import { entidadDeCifras, GetCifrasEntidadUseCase, resolverPeriodo } from '@app/medicion';
import { Clock } from '@app/platform/clock';
import { toFieldErrors } from '@app/platform/errors';
import { StaffSession, StaffUser } from '@app/staff';
import { CurrentSession, CurrentUser, SessionGuard } from '../auth/session';
import { PagesErrorFilter } from '../pages/pages-error.filter';
import { CANAL_LABELS, errorItems, errorsByField, ErrorItem, options } from '../pages/reclamo-labels';
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

function crudosDe(query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of CAMPOS) {
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

/** A percentage as the figures' pages print it ("87,5 %"), or a dash when there is nothing to divide. */
export const pct = (v: number | null): string => (v === null ? '—' : `${v.toLocaleString('es-PE')} %`);
/** A figure as the figures' pages print it (Peruvian grouping), or a dash when there is none. */
export const num = (v: number | null): string => (v === null ? '—' : v.toLocaleString('es-PE'));

/**
 * The figures page (GET form, works without JavaScript): the period and filters, the summary, and each
 * chart (SVG drawn on the server) with its table. Exports link to the API with the same query.
 */
@ApiExcludeController()
@Controller('cifras')
@UseGuards(SessionGuard)
@UseFilters(PagesErrorFilter)
export class CifrasPagesController {
  constructor(
    private readonly cifras: GetCifrasEntidadUseCase,
    private readonly formOptions: GetReclamoFormOptionsUseCase,
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
    // Role first: a coordinator gets the 403 page before anything is read.
    const entidadId = entidadDeCifras(user);
    const crudos = crudosDe(query);
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
    const [graficos, opciones] = await Promise.all([
      graficosDe(c),
      this.formOptions.execute({ actor: user, entidadId, ip: '' }),
    ]);
    const anio = hoy.slice(0, 4);
    const mes = hoy.slice(0, 7);
    const trimestre = `${anio}-T${Math.floor((Number(hoy.slice(5, 7)) - 1) / 3) + 1}`;
    const atajo = (etiqueta: string, p: { desde: string; hasta: string }) => ({ etiqueta, href: enlace('/cifras', { ...crudos, ...p }) });
    const exportar = errores.length > 0 ? {} : crudos;
    const r = c.resumen;
    const desglose = (filas: typeof c.porAspecto) =>
      filas.map((d) => ({ ...d, pct: pct(d.enPlazoLegalPct) }));
    const view = {
      titulo: `${errores.length > 0 ? 'Revise el periodo – ' : ''}Cifras – Libro de Reclamaciones`,
      usuario: user,
      csrfToken: this.sessionGuard.csrfTokenOf(session),
      errores,
      error: errorsByField(errores),
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
    };
    return reply.status(errores.length > 0 ? 422 : 200).header('cache-control', 'private, no-store').view('cifras', view);
  }
}
