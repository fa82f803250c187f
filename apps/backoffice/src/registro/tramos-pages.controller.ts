import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, TIPO_ENTIDAD_LABELS, TipoEntidad } from '@app/domain';
import { clientIp } from '@app/platform/http';
import { StaffSession, StaffUser } from '@app/staff';
import { ETIQUETAS_TRAMO, GuardarTramoUseCase, ListarTramosUseCase } from '@app/tramos';
import { CurrentSession, CurrentUser, SessionGuard } from '../auth/session';
import { PagesErrorFilter } from '../pages/pages-error.filter';
import { ErrorItem, errorItems, errorsByField } from '../pages/reclamo-labels';
import { NumeroTramoPipe } from './registro-api.controller';

/**
 * The tramo form. Each kind is a checkbox of its own name (`tipo_ministerio`…): a page's form sends one
 * text per field (the platform refuses a field sent twice), so a list of ticked boxes under one name
 * would not pass the door.
 */
class TramoForm {
  @Allow() nombre?: string;
  @Allow() descripcion?: string;
  @Allow() fechaInicio?: string;
  @Allow() fechaLimite?: string;
  @Allow() tipo_ministerio?: string;
  @Allow() tipo_organismo_publico?: string;
  @Allow() tipo_ffaa_policia?: string;
  @Allow() tipo_gobierno_regional?: string;
  @Allow() tipo_municipalidad_provincial?: string;
  @Allow() tipo_municipalidad_distrital?: string;
  @Allow() tipo_universidad?: string;
  @Allow() tipo_empresa_estado?: string;
  @Allow() tipo_otro?: string;
}

const campoDeTipo = (tipo: TipoEntidad) => `tipo_${tipo}` as keyof TramoForm;

/** The kinds ticked in the form. */
function tiposMarcados(form: TramoForm): TipoEntidad[] {
  return Object.values(TipoEntidad).filter((tipo) => form[campoDeTipo(tipo)] !== undefined);
}

interface RenderState {
  status?: number;
  errores?: ErrorItem[];
  valores?: TramoForm;
  aviso?: string;
}

/**
 * Editing a tramo (issue #12): `/tramos/{numero}/editar`, for coordinators and administrators; a number
 * not used yet opens the form to create that tramo. Reading tramos (`/tramos`, `/tramos/{numero}`) is the
 * coordinators' console's. Saving redirects back here with what moved (PRG).
 */
@ApiExcludeController()
@Controller('tramos')
@UseGuards(SessionGuard)
@UseFilters(PagesErrorFilter)
export class TramosPagesController {
  constructor(
    private readonly listarTramos: ListarTramosUseCase,
    private readonly guardarTramo: GuardarTramoUseCase,
    private readonly sessionGuard: SessionGuard,
  ) {}

  @Get(':numero/editar')
  async editar(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Param('numero', NumeroTramoPipe) numero: number,
    @Query() query: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ) {
    const numeroDe = (key: string): string | null => {
      const value = query[key];
      return typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value).toLocaleString('es-PE') : null;
    };
    const guardado = query.aviso === 'creado' || query.aviso === 'guardado';
    const movidas = numeroDe('movidas');
    return this.render(reply, user, session, numero, {
      aviso: guardado
        ? `${query.aviso === 'creado' ? 'Se creó el tramo.' : 'Se guardó el tramo.'}${movidas !== null ? ` Entidades que cambiaron de tramo por su tipo: ${movidas}.` : ''}`
        : undefined,
    });
  }

  @Post(':numero/editar')
  @HttpCode(200)
  async guardar(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Param('numero', NumeroTramoPipe) numero: number,
    @Body() form: TramoForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    try {
      const { creado, entidadesMovidas } = await this.guardarTramo.execute({
        actor: user,
        ip: clientIp(request),
        numero,
        datos: { nombre: form.nombre, descripcion: form.descripcion, fechaInicio: form.fechaInicio, fechaLimite: form.fechaLimite, tiposEntidad: tiposMarcados(form) },
      });
      return reply.redirect(`/tramos/${numero}/editar?aviso=${creado ? 'creado' : 'guardado'}&movidas=${entidadesMovidas.length}#aviso`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.errores.length === 0) throw error;
      return this.render(reply, user, session, numero, { status: 422, valores: form, errores: errorItems(error.errores, ETIQUETAS_TRAMO, 'tramo-') });
    }
  }

  private async render(reply: FastifyReply, user: StaffUser, session: StaffSession, numero: number, state: RenderState) {
    const tramos = await this.listarTramos.execute(user);
    const tramo = tramos.find((t) => t.numero === numero) ?? null;
    const errores = state.errores ?? [];
    const error = errorsByField(errores);
    const v = state.valores;
    const campo = (name: keyof TramoForm, inicial: string) => ({
      id: `tramo-${name}`,
      name,
      value: v ? String(v[name] ?? '') : inicial,
      error: error[`tramo-${name}`],
    });
    const marcados = new Set<string>(v ? tiposMarcados(v) : (tramo?.tiposEntidad ?? []));
    const tipos = Object.values(TipoEntidad).map((tipo, i) => {
      const otro = tramos.find((t) => t.numero !== numero && t.tiposEntidad.includes(tipo));
      return {
        id: `tramo-tiposEntidad-${i}`,
        name: campoDeTipo(tipo),
        label: TIPO_ENTIDAD_LABELS[tipo],
        checked: marcados.has(tipo),
        otro: otro ? `hoy en el Tramo ${otro.numero}` : null,
      };
    });
    const titulo = tramo ? `Editar el Tramo ${numero}` : `Crear el Tramo ${numero}`;
    return reply
      .status(state.status ?? 200)
      .header('cache-control', 'private, no-store')
      .view('tramo-editar', {
        titulo: `${errores.length > 0 ? 'Revise los datos – ' : ''}${titulo} – Libro de Reclamaciones`,
        encabezado: titulo,
        usuario: user,
        csrfToken: this.sessionGuard.csrfTokenOf(session),
        errores,
        aviso: state.aviso,
        numero,
        existe: tramo !== null,
        entidades: tramo?.entidades ?? 0,
        accion: `/tramos/${numero}/editar`,
        nombre: campo('nombre', tramo?.nombre ?? ''),
        descripcion: campo('descripcion', tramo?.descripcion ?? ''),
        fechaInicio: campo('fechaInicio', tramo?.fechaInicio ?? ''),
        fechaLimite: campo('fechaLimite', tramo?.fechaLimite ?? ''),
        tipos: { id: 'tramo-tiposEntidad', error: error['tramo-tiposEntidad'], opciones: tipos },
      });
  }
}
