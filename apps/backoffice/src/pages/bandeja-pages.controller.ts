import { Controller, Get, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { FastifyReply, FastifyRequest } from 'fastify';
import { clientIp } from '@app/platform/http';
import { Bandeja, BandejaFiltros, Direccion, GetReclamoFormOptionsUseCase, ListBandejaUseCase, mayHandleReclamos, OrdenBandeja, PENDIENTE_LABELS, PENDIENTES } from '@app/atencion';
import { ASPECTO_LABELS, Aspecto, Canal, ESTADO_LABELS, EstadoReclamo } from '@app/domain';
import { toFieldErrors } from '@app/platform/errors';
import { StaffSession, StaffUser } from '@app/staff';
import { BandejaQueryDto } from '../api/reclamos/reclamos.dto';
import { CurrentSession, CurrentUser, SessionGuard } from '../auth/session';
import { aspectoLabel, CANAL_LABELS, fechaCorta, errorItems, errorsByField, estadoLabel, ErrorItem, options, plazoTexto } from './reclamo-labels';
import { PagesErrorFilter } from './pages-error.filter';

const ETIQUETAS: Readonly<Record<string, string>> = {
  estado: 'Estado',
  aspecto: 'Aspecto',
  sedeId: 'Sede',
  unidadId: 'Unidad orgánica',
  canal: 'Canal',
  asignadoAMi: 'Asignados a mí',
  abiertos: 'Solo abiertos',
  venceEnDias: 'Vencen en los próximos días hábiles',
  vencidos: 'Solo vencidos',
  pendiente: 'Pendiente de',
  q: 'Buscar',
  orden: 'Ordenar por',
  dir: 'Dirección del orden',
  pagina: 'Página',
  porPagina: 'Casos por página',
};

const FILTROS = Object.keys(ETIQUETAS);

/** A GET form sends every field, empty or not: empty means "no filter"; unknown parameters are ignored. */
function filtrosCrudos(query: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of FILTROS) {
    const value = query[key];
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string' && text.trim() !== '') out[key] = text.trim();
  }
  return out;
}

/** The same query string without one parameter changed (pagination and the chart's links keep the filters). */
function enlace(path: string, crudos: Record<string, string>, cambios: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...crudos, ...cambios })) if (v !== undefined && v !== '') params.set(k, v);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The sortable columns, in the table's order; the other columns (reclamante, aspecto) do not sort. */
const COLUMNAS: ReadonlyArray<{ orden: OrdenBandeja; etiqueta: string; opcion: string }> = [
  { orden: 'codigo', etiqueta: 'Código', opcion: 'Código' },
  { orden: 'registro', etiqueta: 'Registrado', opcion: 'Fecha de registro' },
  { orden: 'vence', etiqueta: 'Vence y plazo', opcion: 'Fecha máxima de respuesta' },
  { orden: 'estado', etiqueta: 'Estado', opcion: 'Estado (según el ciclo del reclamo)' },
  { orden: 'asignado', etiqueta: 'Asignado a', opcion: 'Oficial asignado' },
];
const DIRECCION_TEXTO: Readonly<Record<Direccion, string>> = { asc: 'ascendente', desc: 'descendente' };

/**
 * The inbox page (GET form, works without JavaScript): the same ListBandejaUseCase as the JSON
 * API, the same query DTO and rules; the CSV link points at the API's export with the same filters.
 * The list comes first (the first case shows in the first screen; a second skip link jumps to it);
 * the filters fold into a <details>; the per-state chart follows the list. Each sortable header is a
 * link (?orden=vence&dir=desc) that keeps the filters and goes back to page 1; the pages keep both.
 * A bad `orden` or `dir` is a 422 naming the field, like any other filter, and the list shows unfiltered in the default order.
 */
@ApiExcludeController()
@Controller('bandeja')
@UseGuards(SessionGuard)
@UseFilters(PagesErrorFilter)
export class BandejaPagesController {
  constructor(
    private readonly listBandeja: ListBandejaUseCase,
    private readonly formOptions: GetReclamoFormOptionsUseCase,
    private readonly sessionGuard: SessionGuard,
  ) {}

  @Get()
  async bandeja(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const crudos = filtrosCrudos(query);
    const dto = plainToInstance(BandejaQueryDto, crudos);
    const invalid = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
    const errores: ErrorItem[] = errorItems(toFieldErrors(invalid), ETIQUETAS, 'f-');
    const scope = { actor: user, entidadId: user.entidadId ?? '', ip: clientIp(request) };
    const filtros: BandejaFiltros = errores.length > 0 ? {} : { ...dto };
    // Scope first: a coordinator gets the 403 page before any list is read.
    const bandeja: Bandeja = await this.listBandeja.execute({ ...scope, filtros });
    const opciones = await this.formOptions.execute(scope);

    const totalPaginas = Math.max(1, Math.ceil(bandeja.total / bandeja.porPagina));
    const maximo = Math.max(1, ...Object.values(bandeja.conteoPorEstado));
    const totalReclamos = Object.values(bandeja.conteoPorEstado).reduce((a, b) => a + b, 0);
    const view = {
      titulo: `${errores.length > 0 ? 'Revise los filtros – ' : ''}Bandeja de reclamos – Libro de Reclamaciones`,
      usuario: user,
      csrfToken: this.sessionGuard.csrfTokenOf(session),
      errores,
      error: errorsByField(errores),
      esOficial: user.rol === 'oficial',
      registraHojas: mayHandleReclamos(user),
      q: crudos.q ?? '',
      venceEnDias: crudos.venceEnDias ?? '',
      asignadoAMi: crudos.asignadoAMi === 'true',
      vencidos: crudos.vencidos === 'true',
      abiertos: crudos.abiertos === 'true',
      estados: options(Object.values(EstadoReclamo).map((e) => [e, ESTADO_LABELS[e]]), crudos.estado),
      aspectos: options(Object.values(Aspecto).map((a) => [a, ASPECTO_LABELS[a]]), crudos.aspecto),
      sedes: options(opciones.sedes.map((s) => [s.id, s.nombre]), crudos.sedeId),
      unidades: options(opciones.unidades.map((u) => [u.id, u.nombre]), crudos.unidadId),
      canales: options(Object.values(Canal).map((c) => [c, CANAL_LABELS[c]]), crudos.canal),
      pendientes: options(PENDIENTES.map((p) => [p, PENDIENTE_LABELS[p]]), crudos.pendiente),
      ordenes: options(
        COLUMNAS.map((c) => [c.orden, c.opcion]),
        bandeja.orden,
      ),
      direcciones: options(
        [
          ['asc', 'Ascendente (de menor a mayor, lo más antiguo o próximo primero)'],
          ['desc', 'Descendente (de mayor a menor)'],
        ],
        bandeja.dir,
      ),
      // Sorting keeps the filters and starts again at page 1; the active column's link flips the direction.
      columnas: COLUMNAS.map((c) => {
        const activa = bandeja.orden === c.orden;
        const siguiente: Direccion = activa && bandeja.dir === 'asc' ? 'desc' : 'asc';
        return {
          etiqueta: c.etiqueta,
          href: enlace('/bandeja', crudos, { orden: c.orden, dir: siguiente, pagina: undefined }),
          ariaSort: activa ? (bandeja.dir === 'asc' ? 'ascending' : 'descending') : null,
          flecha: activa ? (bandeja.dir === 'asc' ? '▲' : '▼') : '',
          accion: `ordenar de forma ${DIRECCION_TEXTO[siguiente]}`,
        };
      }),
      ordenTexto: `${COLUMNAS.find((c) => c.orden === bandeja.orden)?.opcion ?? ''}, ${DIRECCION_TEXTO[bandeja.dir]}`,
      filtrosAbiertos: errores.length > 0,
      filtrosActivos: Object.keys(crudos).filter((k) => !['orden', 'dir', 'pagina', 'porPagina'].includes(k)).length,
      conteo: Object.values(EstadoReclamo).map((e) => ({
        estado: e,
        etiqueta: ESTADO_LABELS[e],
        n: bandeja.conteoPorEstado[e] ?? 0,
        // Bars never vanish entirely: a zero still shows its number, the bar is only the picture of it.
        ancho: Math.round(((bandeja.conteoPorEstado[e] ?? 0) / maximo) * 100),
        href: enlace('/bandeja', {}, { estado: e }),
        actual: crudos.estado === String(e),
      })),
      totalCasos: totalReclamos,
      // Answers whose e-mail was never accepted: not notified, the deadline running; the responsable acts on them first.
      notificacionesFallidas: bandeja.conteoPorEstado[EstadoReclamo.NOTIFICACION_FALLIDA] ?? 0,
      notificacionesFallidasHref: enlace('/bandeja', {}, { estado: EstadoReclamo.NOTIFICACION_FALLIDA }),
      items: bandeja.items.map((i) => ({
        ...i,
        estadoEtiqueta: estadoLabel(i.estado),
        notificacionFallida: i.estado === EstadoReclamo.NOTIFICACION_FALLIDA,
        aspectoEtiqueta: aspectoLabel(i.aspecto),
        canalEtiqueta: CANAL_LABELS[i.canal as Canal] ?? i.canal,
        registrado: fechaCorta(i.fechaRegistro),
        plazo: plazoTexto(i.vence, i.diasHabilesRestantes),
      })),
      total: bandeja.total,
      pagina: bandeja.pagina,
      totalPaginas,
      anterior: bandeja.pagina > 1 ? enlace('/bandeja', crudos, { pagina: String(bandeja.pagina - 1) }) : null,
      siguiente: bandeja.pagina < totalPaginas ? enlace('/bandeja', crudos, { pagina: String(bandeja.pagina + 1) }) : null,
      csv: enlace('/api/v1/bandeja.csv', errores.length > 0 ? {} : crudos, { pagina: undefined, porPagina: undefined }),
      hayFiltros: Object.keys(crudos).some((k) => !['orden', 'dir', 'pagina', 'porPagina'].includes(k)),
      // A second skip link, after «Saltar al contenido»: straight to the first case.
      saltos: [{ href: '#casos', texto: 'Saltar a la lista de casos' }],
    };
    return reply.status(errores.length > 0 ? 422 : 200).header('cache-control', 'private, no-store').view('bandeja', view);
  }
}
