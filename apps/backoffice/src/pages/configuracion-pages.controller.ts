import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { FastifyReply, FastifyRequest } from 'fastify';
import { clientIp } from '@app/platform/http';
import {
  AddCatalogoUseCase,
  Catalogo,
  CATALOGOS,
  ConfiguracionCommand,
  configuracionNotFound,
  CreatePlantillaUseCase,
  DeletePlantillaUseCase,
  GetAjustesUseCase,
  isCatalogo,
  isResponsable,
  ListCatalogoUseCase,
  ListPlantillasUseCase,
  SetCatalogoActivoUseCase,
  UpdateAjustesUseCase,
  UpdateCatalogoUseCase,
  UpdatePlantillaUseCase,
} from '@app/atencion';
import { ASPECTO_LABELS, Aspecto, DomainError, RETENCION_MINIMA_MESES } from '@app/domain';
import { ListEntidadesUseCase, StaffSession, StaffUser } from '@app/staff';
import { CurrentSession, CurrentUser, SessionGuard } from '../auth/session';
import { errorItems, errorsByField, ErrorItem, options } from './reclamo-labels';
import { PagesErrorFilter } from './pages-error.filter';

/** Every field of the settings forms: optional text here, the use cases name what is missing or wrong, in Spanish. */
class ConfiguracionForm {
  @IsOptional() @IsString() @MaxLength(10) aprobacionRequerida?: string;
  @IsOptional() @IsString() @MaxLength(200) umbralesAlerta?: string;
  @IsOptional() @IsString() @MaxLength(20) subsanacionVencida?: string;
  @IsOptional() @IsString() @MaxLength(10) subsanacionPausaPlazo?: string;
  @IsOptional() @IsString() @MaxLength(10) aprobarYNotificar?: string;
  @IsOptional() @IsString() @MaxLength(10) retencionMeses?: string;
  @IsOptional() @IsString() @MaxLength(400) nombre?: string;
  @IsOptional() @IsString() @MaxLength(400) direccion?: string;
  @IsOptional() @IsString() @MaxLength(20) ubigeo?: string;
  @IsOptional() @IsString() @MaxLength(40) aspecto?: string;
  @IsOptional() @IsString() @MaxLength(12000) hechos?: string;
  @IsOptional() @IsString() @MaxLength(12000) analisis?: string;
  @IsOptional() @IsString() @MaxLength(12000) medidasAdoptadas?: string;
}

const CATALOGO_LABELS: Readonly<Record<Catalogo, { titulo: string; singular: string }>> = {
  sedes: { titulo: 'Sedes', singular: 'sede' },
  unidades: { titulo: 'Unidades orgánicas', singular: 'unidad orgánica' },
  servicios: { titulo: 'Servicios', singular: 'servicio' },
  temas: { titulo: 'Temas', singular: 'tema' },
};

const ETIQUETAS: Readonly<Record<string, string>> = {
  aprobacionRequerida: 'Aprobación de respuestas',
  umbralesAlerta: 'Recordatorios (días hábiles antes del vencimiento)',
  subsanacionVencida: 'Subsanación vencida',
  subsanacionPausaPlazo: 'Plazo durante la subsanación',
  aprobarYNotificar: 'Aprobar y notificar en un paso',
  retencionMeses: 'Conservación de datos personales (meses)',
  nombre: 'Nombre',
  direccion: 'Dirección',
  ubigeo: 'Ubigeo del distrito',
  aspecto: 'Aspecto',
  hechos: 'Hechos',
  analisis: 'Análisis',
  medidasAdoptadas: 'Medidas adoptadas',
  entidad: 'Entidad',
};

const AVISOS: Readonly<Record<string, string>> = {
  ajustes: 'Se guardaron los ajustes de la entidad.',
  agregado: 'Se agregó el elemento.',
  renombrado: 'Se guardó el cambio de nombre.',
  desactivado: 'Se desactivó el elemento: ya no se ofrece en registros ni asignaciones nuevas.',
  activado: 'Se reactivó el elemento.',
  'plantilla-creada': 'Se creó la plantilla de respuesta.',
  'plantilla-modificada': 'Se guardó la plantilla de respuesta.',
  'plantilla-eliminada': 'Se eliminó la plantilla de respuesta.',
  'plantilla-desactivada': 'La plantilla ya se usó en respuestas: se desactivó en lugar de eliminarse.',
};

interface RenderState {
  status?: number;
  /** The id prefix of the form that failed (its fields' ids start with it). */
  form?: string;
  errores?: ErrorItem[];
  valores?: ConfiguracionForm;
  aviso?: string;
}

const text = (value: string | undefined): string | undefined => (value === undefined ? undefined : value.trim());

/** "10, 5, 2, 1" → [10, 5, 2, 1]; a word that is not a whole number stays as text so the use case names the problem. */
function umbralesDeTexto(value: string | undefined): unknown[] {
  return (value ?? '')
    .split(/[\s,;]+/)
    .filter((t) => t !== '')
    .map((t) => (/^\d+$/.test(t) ? Number(t) : t));
}

/**
 * The entity's settings page (server-rendered, no JavaScript needed): approval, reminder
 * thresholds, the subsanación setting, the four catalogues and the response templates. Each POST
 * calls the same use case as /api/v1/configuracion (which decides who may act on which entity)
 * and redirects back with a notice (PRG); field errors re-render the page with a 422.
 * Administrators choose the entity (`?entidad=`); everyone else sees their own.
 */
@ApiExcludeController()
@Controller('configuracion')
@UseGuards(SessionGuard)
@UseFilters(PagesErrorFilter)
export class ConfiguracionPagesController {
  constructor(
    private readonly getAjustes: GetAjustesUseCase,
    private readonly updateAjustes: UpdateAjustesUseCase,
    private readonly listCatalogo: ListCatalogoUseCase,
    private readonly addCatalogo: AddCatalogoUseCase,
    private readonly updateCatalogo: UpdateCatalogoUseCase,
    private readonly setActivo: SetCatalogoActivoUseCase,
    private readonly listPlantillas: ListPlantillasUseCase,
    private readonly createPlantilla: CreatePlantillaUseCase,
    private readonly updatePlantilla: UpdatePlantillaUseCase,
    private readonly deletePlantilla: DeletePlantillaUseCase,
    private readonly listEntidades: ListEntidadesUseCase,
    private readonly sessionGuard: SessionGuard,
  ) {}

  @Get()
  async configuracion(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Query('entidad') entidad: string | undefined,
    @Query('aviso') aviso: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (user.rol === 'administrador' && !entidad) return this.elegirEntidad(reply, user, session);
    return this.render(reply, session, this.scope(user, entidad, request), { aviso: aviso ? AVISOS[aviso] : undefined });
  }

  @Post('ajustes')
  @HttpCode(200)
  async ajustes(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Query('entidad') entidad: string | undefined,
    @Body() form: ConfiguracionForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const scope = this.scope(user, entidad, request);
    const aprobacion = form.aprobacionRequerida === 'si' ? true : form.aprobacionRequerida === 'no' ? false : undefined;
    const pausa = form.subsanacionPausaPlazo === 'si' ? true : form.subsanacionPausaPlazo === 'no' ? false : undefined;
    const unPaso = form.aprobarYNotificar === 'si' ? true : form.aprobarYNotificar === 'no' ? false : undefined;
    return this.act(reply, session, scope, 'ajustes-', form, 'ajustes', () =>
      this.updateAjustes.execute({
        ...scope,
        aprobacionRequerida: aprobacion,
        umbralesAlerta: umbralesDeTexto(form.umbralesAlerta),
        subsanacionVencida: text(form.subsanacionVencida) || undefined,
        subsanacionPausaPlazo: pausa,
        aprobarYNotificar: unPaso,
        retencionMeses: mesesDeTexto(form.retencionMeses),
      }),
    );
  }

  @Post('plantillas')
  @HttpCode(200)
  async crearPlantilla(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Query('entidad') entidad: string | undefined,
    @Body() form: ConfiguracionForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const scope = this.scope(user, entidad, request);
    return this.act(reply, session, scope, 'plantilla-nueva-', form, 'plantilla-creada', () =>
      this.createPlantilla.execute({
        ...scope,
        datos: { nombre: form.nombre ?? '', hechos: text(form.hechos), analisis: text(form.analisis), medidasAdoptadas: text(form.medidasAdoptadas) },
      }),
    );
  }

  @Post('plantillas/:id')
  @HttpCode(200)
  async modificarPlantilla(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Query('entidad') entidad: string | undefined,
    @Param('id') id: string,
    @Body() form: ConfiguracionForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const scope = this.scope(user, entidad, request);
    return this.act(reply, session, scope, `plantilla-${id}-`, form, 'plantilla-modificada', () =>
      this.updatePlantilla.execute({
        ...scope,
        id,
        datos: { nombre: form.nombre ?? '', hechos: form.hechos ?? '', analisis: form.analisis ?? '', medidasAdoptadas: form.medidasAdoptadas ?? '' },
      }),
    );
  }

  @Post('plantillas/:id/eliminar')
  @HttpCode(200)
  async eliminarPlantilla(
    @CurrentUser() user: StaffUser,
    @Query('entidad') entidad: string | undefined,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const { eliminada } = await this.deletePlantilla.execute({ ...this.scope(user, entidad, request), id });
    return reply.redirect(this.back(entidad, eliminada ? 'plantilla-eliminada' : 'plantilla-desactivada', 'plantillas'), 303);
  }

  @Post(':catalogo')
  @HttpCode(200)
  async agregar(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Query('entidad') entidad: string | undefined,
    @Param('catalogo') catalogo: string,
    @Body() form: ConfiguracionForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (!isCatalogo(catalogo)) throw configuracionNotFound();
    const scope = this.scope(user, entidad, request);
    return this.act(reply, session, scope, `${catalogo}-nuevo-`, form, 'agregado', () =>
      this.addCatalogo.execute({
        ...scope,
        catalogo,
        datos: {
          nombre: form.nombre ?? '',
          ...(catalogo === 'sedes' ? { direccion: form.direccion ?? '', ubigeo: text(form.ubigeo) || null } : {}),
          ...(catalogo === 'temas' ? { aspecto: (text(form.aspecto) || null) as Aspecto | null } : {}),
        },
      }),
    catalogo);
  }

  @Post(':catalogo/:id')
  @HttpCode(200)
  async renombrar(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Query('entidad') entidad: string | undefined,
    @Param('catalogo') catalogo: string,
    @Param('id') id: string,
    @Body() form: ConfiguracionForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (!isCatalogo(catalogo)) throw configuracionNotFound();
    const scope = this.scope(user, entidad, request);
    return this.act(reply, session, scope, `${catalogo}-${id}-`, form, 'renombrado', () =>
      this.updateCatalogo.execute({ ...scope, catalogo, id, datos: { nombre: form.nombre ?? '' } }),
    catalogo);
  }

  @Post(':catalogo/:id/:accion')
  @HttpCode(200)
  async activar(
    @CurrentUser() user: StaffUser,
    @Query('entidad') entidad: string | undefined,
    @Param('catalogo') catalogo: string,
    @Param('id') id: string,
    @Param('accion') accion: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (!isCatalogo(catalogo) || (accion !== 'activar' && accion !== 'desactivar')) throw configuracionNotFound();
    await this.setActivo.execute({ ...this.scope(user, entidad, request), catalogo, id, activo: accion === 'activar' });
    return reply.redirect(this.back(entidad, accion === 'activar' ? 'activado' : 'desactivado', catalogo), 303);
  }

  private scope(user: StaffUser, entidad: string | undefined, request: FastifyRequest): ConfiguracionCommand {
    return { actor: user, entidadId: entidad || null, ip: clientIp(request) };
  }

  private back(entidad: string | undefined, aviso: string, seccion?: string): string {
    const params = new URLSearchParams();
    if (entidad) params.set('entidad', entidad);
    params.set('aviso', aviso);
    return `/configuracion?${params.toString()}#${seccion ?? 'aviso'}`;
  }

  /** Runs one change; field errors re-render with a 422 (a duplicate name with a 409), anything else goes to the error page. */
  private async act(
    reply: FastifyReply,
    session: StaffSession,
    scope: ConfiguracionCommand,
    prefix: string,
    form: ConfiguracionForm,
    aviso: string,
    change: () => Promise<unknown>,
    seccion?: string,
  ) {
    try {
      await change();
    } catch (error) {
      if (!(error instanceof DomainError) || error.errores.length === 0 || error.code === 'FORBIDDEN') throw error;
      // An administrator without an entity gets the chooser's error page, not a form.
      if (error.errores.some((e) => e.campo === 'entidad')) throw error;
      return this.render(reply, session, scope, {
        status: error.code === 'CONFLICT' ? 409 : 422,
        form: prefix,
        valores: form,
        errores: errorItems(error.errores, ETIQUETAS, prefix),
      });
    }
    return reply.redirect(this.back(scope.entidadId ?? undefined, aviso, seccion), 303);
  }

  private async elegirEntidad(reply: FastifyReply, user: StaffUser, session: StaffSession) {
    const entidades = await this.listEntidades.execute(user);
    return reply
      .header('cache-control', 'private, no-store')
      .view('configuracion', {
        titulo: 'Configuración de una entidad – Libro de Reclamaciones',
        usuario: user,
        csrfToken: this.sessionGuard.csrfTokenOf(session),
        elegir: true,
        entidades: entidades.map((e) => ({ ...e, href: `/configuracion?entidad=${e.id}` })),
      });
  }

  private async render(reply: FastifyReply, session: StaffSession, scope: ConfiguracionCommand, state: RenderState) {
    const user = scope.actor;
    // Reading first: a role without access gets the 403 page, another entity the 404 page.
    const ajustes = await this.getAjustes.execute(scope);
    const [catalogos, plantillas, entidades] = await Promise.all([
      Promise.all(CATALOGOS.map((c) => this.listCatalogo.execute({ ...scope, catalogo: c }))),
      this.listPlantillas.execute(scope),
      this.listEntidades.execute(user),
    ]);
    const entidad = user.rol === 'administrador' ? entidades.find((e) => e.id === scope.entidadId) : entidades[0];
    const qs = scope.entidadId && user.rol === 'administrador' ? `?entidad=${encodeURIComponent(scope.entidadId)}` : '';
    const puedeConfigurar = user.rol === 'administrador' || isResponsable(user.rol);

    const errores = state.errores ?? [];
    const error = errorsByField(errores);
    /** A field of one form: its id, its value (what was typed, if that form failed) and its error. */
    const campo = (prefix: string, name: keyof ConfiguracionForm, inicial = '') => ({
      id: `${prefix}${name}`,
      name,
      value: state.form === prefix ? (state.valores?.[name] ?? '') : inicial,
      error: error[`${prefix}${name}`],
    });
    const aspectos = (current: string) => options(Object.values(Aspecto).map((a) => [a, ASPECTO_LABELS[a]]), current);

    const view = {
      titulo: `${errores.length > 0 ? 'Revise los datos – ' : ''}Configuración${entidad ? ` de ${entidad.codigo}` : ''} – Libro de Reclamaciones`,
      usuario: user,
      csrfToken: this.sessionGuard.csrfTokenOf(session),
      errores,
      error,
      aviso: state.aviso,
      entidad,
      esAdministrador: user.rol === 'administrador',
      puedeConfigurar,
      qs,
      ajustes: {
        action: `/configuracion/ajustes${qs}`,
        aprobacion: state.form === 'ajustes-' ? state.valores?.aprobacionRequerida === 'si' : ajustes.aprobacionRequerida,
        umbrales: campo('ajustes-', 'umbralesAlerta', ajustes.umbralesAlerta.join(', ')),
        archivar: (state.form === 'ajustes-' ? state.valores?.subsanacionVencida : ajustes.subsanacionVencida) === 'archivar',
        marcar: (state.form === 'ajustes-' ? state.valores?.subsanacionVencida : ajustes.subsanacionVencida) === 'marcar',
        pausa: state.form === 'ajustes-' ? state.valores?.subsanacionPausaPlazo === 'si' : ajustes.subsanacionPausaPlazo,
        unPaso: state.form === 'ajustes-' ? state.valores?.aprobarYNotificar !== 'no' : ajustes.aprobarYNotificar,
        retencion: {
          ...campo('ajustes-', 'retencionMeses', String(ajustes.retencionMeses)),
          hint:
            'Meses calendario desde el cierre del reclamo; después se eliminan sus datos personales y sus archivos, y se conservan ' +
            `las cifras (Ley 29733). Mínimo ${RETENCION_MINIMA_MESES} meses.`,
        },
        error: {
          aprobacion: error['ajustes-aprobacionRequerida'],
          subsanacion: error['ajustes-subsanacionVencida'],
          pausa: error['ajustes-subsanacionPausaPlazo'],
          unPaso: error['ajustes-aprobarYNotificar'],
        },
      },
      catalogos: CATALOGOS.map((c, i) => {
        const nuevo = `${c}-nuevo-`;
        const conError = state.form?.startsWith(`${c}-`) ?? false;
        return {
          clave: c,
          ...CATALOGO_LABELS[c],
          abierto: conError,
          esSede: c === 'sedes',
          esTema: c === 'temas',
          action: `/configuracion/${c}${qs}`,
          nombre: campo(nuevo, 'nombre'),
          direccion: campo(nuevo, 'direccion'),
          ubigeo: campo(nuevo, 'ubigeo'),
          aspecto: { ...campo(nuevo, 'aspecto'), options: aspectos(state.form === nuevo ? (state.valores?.aspecto ?? '') : '') },
          activos: catalogos[i].filter((e) => e.activo).length,
          elementos: catalogos[i].map((e) => ({
            ...e,
            detalle: [e.direccion, e.aspecto ? ASPECTO_LABELS[e.aspecto] : null].filter(Boolean).join(' · '),
            renombrar: { action: `/configuracion/${c}/${e.id}${qs}`, ...campo(`${c}-${e.id}-`, 'nombre', e.nombre) },
            alternar: `/configuracion/${c}/${e.id}/${e.activo ? 'desactivar' : 'activar'}${qs}`,
          })),
        };
      }),
      plantillas: plantillas.map((p) => {
        const prefix = `plantilla-${p.id}-`;
        return {
          ...p,
          abierto: state.form === prefix,
          action: `/configuracion/plantillas/${p.id}${qs}`,
          eliminar: `/configuracion/plantillas/${p.id}/eliminar${qs}`,
          nombreCampo: campo(prefix, 'nombre', p.nombre),
          hechosCampo: campo(prefix, 'hechos', p.hechos),
          analisisCampo: campo(prefix, 'analisis', p.analisis),
          medidasCampo: campo(prefix, 'medidasAdoptadas', p.medidasAdoptadas),
        };
      }),
      nuevaPlantilla: {
        action: `/configuracion/plantillas${qs}`,
        abierto: state.form === 'plantilla-nueva-',
        nombre: campo('plantilla-nueva-', 'nombre'),
        hechos: campo('plantilla-nueva-', 'hechos'),
        analisis: campo('plantilla-nueva-', 'analisis'),
        medidas: campo('plantilla-nueva-', 'medidasAdoptadas'),
      },
    };
    return reply.status(state.status ?? 200).header('cache-control', 'private, no-store').view('configuracion', view);
  }
}

/** The months as typed: empty is "unchanged"; digits are a number; anything else goes on for the use case to name. */
function mesesDeTexto(valor: string | undefined): number | string | undefined {
  const t = (valor ?? '').trim();
  if (t === '') return undefined;
  return /^\d{1,6}$/.test(t) ? Number(t) : t;
}
