import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ElementoCatalogo, ListCatalogoUseCase } from '@app/atencion';
import { ASPECTO_LABELS, Aspecto, DomainError } from '@app/domain';
import {
  AbrirSiguienteAccionUseCase,
  AccionMejoraDetalle,
  AddActividadUseCase,
  AddAvanceUseCase,
  AddIndicadorUseCase,
  AMBITO_CONTROL_LABELS,
  AMBITO_MEDICION_LABELS,
  aniosDeMetas,
  AvanzarFaseUseCase,
  CreateAccionMejoraUseCase,
  DisenoDatos,
  FASE_LABELS,
  FRECUENCIA_LABELS,
  FUENTES,
  fuenteLabel,
  GetAccionMejoraUseCase,
  isResponsableDelLibro,
  ListAccionesMejoraUseCase,
  MejoraCommand,
  RemoveActividadUseCase,
  RemoveIndicadorUseCase,
  UpdateAccionMejoraUseCase,
} from '@app/mejora';
import { limaDateOf } from '@app/calendar';
import { Clock } from '@app/platform/clock';
import { clientIp, formatIsoDate, formatLimaDateTime } from '@app/platform/http';
import { StaffSession, StaffUser } from '@app/staff';
import { AttachmentStorage, discardAttachments, ReceivedAttachment } from '@app/storage';
import { CsrfInMultipartFields, CurrentSession, CurrentUser, SessionGuard } from '../auth/session';
import { readEvidenceUpload } from '../uploads/read-evidence-upload';
import { graficoIndicador, numeroEs } from './grafico-indicador';
import { PagesErrorFilter } from './pages-error.filter';
import { ErrorItem, errorItems, errorsByField, options } from './reclamo-labels';

/** Every field of the action's forms; the use cases check the values and name what is wrong. */
class MejoraForm {
  @Allow() titulo?: string;
  @Allow() problema?: string;
  @Allow() analisisCausal?: string;
  @Allow() alternativas?: string;
  @Allow() alternativaSeleccionada?: string;
  @Allow() unidadId?: string;
  @Allow() aspectos?: string | string[];
  @Allow() sedeIds?: string | string[];
  @Allow() servicioIds?: string | string[];
  @Allow() temaIds?: string | string[];
  @Allow() reclamos?: string;
  @Allow() fase?: string;
  @Allow() descripcion?: string;
  @Allow() costoUnitario?: string;
  @Allow() cantidad?: string;
  @Allow() denominacion?: string;
  @Allow() unidadMedida?: string;
  @Allow() frecuencia?: string;
  @Allow() lineaBaseAnio?: string;
  @Allow() lineaBaseValor?: string;
  @Allow() medioVerificacion?: string;
  @Allow() ambitoMedicion?: string;
  @Allow() ambitoControl?: string;
  @Allow() fuente?: string;
  /** The indicator's sede (its form); the design form sends `sedeIds`. */
  @Allow() sedeId?: string;
  @Allow() meta1?: string;
  @Allow() meta2?: string;
  @Allow() meta3?: string;
  @Allow() meta4?: string;
}

const ETIQUETAS: Readonly<Record<string, string>> = {
  titulo: 'Título',
  problema: 'Problema',
  analisisCausal: 'Análisis causal',
  alternativas: 'Alternativas',
  alternativaSeleccionada: 'Alternativa seleccionada',
  unidadId: 'Unidad orgánica responsable',
  aspectos: 'Aspectos',
  sedeIds: 'Sedes',
  servicioIds: 'Servicios',
  temaIds: 'Temas',
  reclamos: 'Reclamos de ejemplo',
  actividades: 'Actividades',
  indicadores: 'Indicadores',
  fase: 'Fase',
  descripcion: 'Descripción',
  costoUnitario: 'Costo unitario (S/)',
  cantidad: 'Cantidad',
  denominacion: 'Denominación',
  unidadMedida: 'Unidad de medida',
  frecuencia: 'Frecuencia de medición',
  lineaBaseAnio: 'Año de la línea de base',
  lineaBaseValor: 'Valor de la línea de base',
  medioVerificacion: 'Medio de verificación',
  ambitoMedicion: 'Ámbito de medición',
  ambitoControl: 'Ámbito de control',
  fuente: 'Medición por la plataforma',
  sedeId: 'Sede que mide el indicador',
  metas: 'Metas',
  'metas[0]': 'Meta del 1.er año',
  'metas[1]': 'Meta del 2.º año',
  'metas[2]': 'Meta del 3.er año',
  'metas[3]': 'Meta del 4.º año',
  evidencias: 'Evidencias',
  accion: 'Acción',
};

/** The indicator's form shares field names with the design's; there `unidadId` is the unidad the series counts. */
const ETIQUETAS_INDICADOR: Readonly<Record<string, string>> = { ...ETIQUETAS, unidadId: 'Unidad orgánica que mide el indicador' };

const AVISOS: Readonly<Record<string, string>> = {
  creada: 'Se registró la acción de mejora. Complete su análisis, actividades e indicadores.',
  guardada: 'Se guardó el diseño de la acción.',
  fase: 'La acción pasó a la fase siguiente.',
  actividad: 'Se agregó la actividad.',
  'actividad-quitada': 'Se quitó la actividad.',
  indicador: 'Se agregó el indicador con sus metas.',
  'indicador-quitado': 'Se quitó el indicador.',
  avance: 'Se registró el avance con sus evidencias.',
  siguiente: 'Se abrió una nueva acción de mejora vinculada a la evaluada.',
};

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const lines = (v: string | undefined): string[] => (v ?? '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
const codes = (v: string | undefined): string[] => (v ?? '').split(/[\s,;]+/).filter((c) => c !== '');
const soles = (v: string) => `S/ ${Number(v).toLocaleString('es-PE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function disenoDe(form: MejoraForm): DisenoDatos {
  return {
    titulo: form.titulo ?? '',
    problema: form.problema ?? '',
    analisisCausal: form.analisisCausal ?? '',
    alternativas: lines(form.alternativas),
    alternativaSeleccionada: form.alternativaSeleccionada ?? '',
    unidadId: form.unidadId ?? '',
    aspectos: asList(form.aspectos),
    sedeIds: asList(form.sedeIds),
    servicioIds: asList(form.servicioIds),
    temaIds: asList(form.temaIds),
    reclamos: codes(form.reclamos),
  };
}

interface RenderState {
  status?: number;
  /** The id prefix of the form that failed (its fields' ids start with it). */
  form?: string;
  errores?: ErrorItem[];
  valores?: MejoraForm;
  aviso?: string;
}

/**
 * Acciones de mejora in the back-office (server-rendered, no JavaScript needed): the list, the
 * form to record one, and the action's page with its design, phases, activities and costs,
 * indicators with a chart each, and progress with evidence. Each POST calls the same use case as
 * /api/v1/acciones-mejora and redirects back with a notice (PRG); field errors re-render with 422.
 */
@ApiExcludeController()
@Controller('mejora')
@UseGuards(SessionGuard)
@UseFilters(PagesErrorFilter)
export class MejoraPagesController {
  constructor(
    private readonly list: ListAccionesMejoraUseCase,
    private readonly get: GetAccionMejoraUseCase,
    private readonly create: CreateAccionMejoraUseCase,
    private readonly update: UpdateAccionMejoraUseCase,
    private readonly avanzar: AvanzarFaseUseCase,
    private readonly abrirSiguiente: AbrirSiguienteAccionUseCase,
    private readonly addActividad: AddActividadUseCase,
    private readonly removeActividad: RemoveActividadUseCase,
    private readonly addIndicador: AddIndicadorUseCase,
    private readonly removeIndicador: RemoveIndicadorUseCase,
    private readonly addAvance: AddAvanceUseCase,
    private readonly listCatalogo: ListCatalogoUseCase,
    private readonly storage: AttachmentStorage,
    private readonly sessionGuard: SessionGuard,
    private readonly clock: Clock,
  ) {}

  @Get()
  async lista(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const acciones = await this.list.execute(this.command(user, request));
    return reply
      .header('cache-control', 'private, no-store')
      .view('mejora-lista', {
        titulo: 'Acciones de mejora – Libro de Reclamaciones',
        usuario: user,
        csrfToken: this.sessionGuard.csrfTokenOf(session),
        puedeRegistrar: isResponsableDelLibro(user.rol),
        acciones: acciones.map((a) => ({ ...a, href: `/mejora/${a.id}`, faseLabel: FASE_LABELS[a.fase], costo: soles(a.costoTotal) })),
      });
  }

  @Get('nueva')
  async nueva(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.renderNueva(reply, session, this.command(user, request), {});
  }

  @Post()
  @HttpCode(200)
  async crear(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Body() form: MejoraForm, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const command = this.command(user, request);
    try {
      const { id } = await this.create.execute({ ...command, datos: disenoDe(form) });
      return reply.redirect(`/mejora/${id}?aviso=creada#aviso`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.errores.length === 0) throw error;
      return this.renderNueva(reply, session, command, { status: 422, form: 'diseno-', valores: form, errores: errorItems(error.errores, ETIQUETAS, 'diseno-') });
    }
  }

  @Get(':id')
  async accion(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Param('id') id: string,
    @Query('aviso') aviso: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.render(reply, session, this.command(user, request), id, { aviso: aviso ? AVISOS[aviso] : undefined });
  }

  @Post(':id')
  @HttpCode(200)
  async guardar(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Param('id') id: string, @Body() form: MejoraForm, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.act(reply, session, user, request, id, 'diseno-', form, 'guardada', 'diseno', (c) => this.update.execute({ ...c, accionId: id, datos: disenoDe(form) }));
  }

  @Post(':id/fase')
  @HttpCode(200)
  async fase(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Param('id') id: string, @Body() form: MejoraForm, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.act(reply, session, user, request, id, 'fase-', form, 'fase', 'fases', (c) => this.avanzar.execute({ ...c, accionId: id, fase: form.fase }));
  }

  @Post(':id/siguiente')
  @HttpCode(200)
  async siguiente(@CurrentUser() user: StaffUser, @Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const { id: nueva } = await this.abrirSiguiente.execute({ ...this.command(user, request), accionId: id });
    return reply.redirect(`/mejora/${nueva}?aviso=siguiente#aviso`, 303);
  }

  @Post(':id/actividades')
  @HttpCode(200)
  async actividad(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Param('id') id: string, @Body() form: MejoraForm, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.act(reply, session, user, request, id, 'actividad-', form, 'actividad', 'actividades', (c) =>
      this.addActividad.execute({ ...c, accionId: id, datos: { descripcion: form.descripcion ?? '', costoUnitario: form.costoUnitario ?? '', cantidad: form.cantidad ?? '' } }),
    );
  }

  @Post(':id/actividades/:actividadId/quitar')
  @HttpCode(200)
  async quitarActividad(@CurrentUser() user: StaffUser, @Param('id') id: string, @Param('actividadId') actividadId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.removeActividad.execute({ ...this.command(user, request), accionId: id, elementoId: actividadId });
    return reply.redirect(`/mejora/${id}?aviso=actividad-quitada#actividades`, 303);
  }

  @Post(':id/indicadores')
  @HttpCode(200)
  async indicador(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Param('id') id: string, @Body() form: MejoraForm, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.act(reply, session, user, request, id, 'indicador-', form, 'indicador', 'indicadores', (c) =>
      this.addIndicador.execute({
        ...c,
        accionId: id,
        datos: {
          denominacion: form.denominacion ?? '',
          unidadMedida: form.unidadMedida ?? '',
          frecuencia: form.frecuencia ?? '',
          lineaBaseAnio: form.lineaBaseAnio ?? '',
          lineaBaseValor: form.lineaBaseValor ?? '',
          medioVerificacion: form.medioVerificacion ?? '',
          ambitoMedicion: form.ambitoMedicion ?? '',
          ambitoControl: form.ambitoControl ?? '',
          fuente: form.fuente ?? '',
          sedeId: form.sedeId ?? '',
          unidadId: form.unidadId ?? '',
          metas: [form.meta1 ?? '', form.meta2 ?? '', form.meta3 ?? '', form.meta4 ?? ''],
        },
      }),
    );
  }

  @Post(':id/indicadores/:indicadorId/quitar')
  @HttpCode(200)
  async quitarIndicador(@CurrentUser() user: StaffUser, @Param('id') id: string, @Param('indicadorId') indicadorId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.removeIndicador.execute({ ...this.command(user, request), accionId: id, elementoId: indicadorId });
    return reply.redirect(`/mejora/${id}?aviso=indicador-quitado#indicadores`, 303);
  }

  @Post(':id/avances')
  @HttpCode(200)
  @CsrfInMultipartFields()
  async avance(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const command = this.command(user, request);
    let evidencias: ReceivedAttachment[] = [];
    let form: MejoraForm = {};
    try {
      const upload = await readEvidenceUpload(request, this.storage, { guard: this.sessionGuard, session });
      evidencias = upload.evidencias;
      form = { descripcion: upload.fields.descripcion };
      await this.addAvance.execute({ ...command, accionId: id, descripcion: upload.fields.descripcion ?? '', evidencias });
    } catch (error) {
      await discardAttachments(evidencias, this.storage);
      if (!(error instanceof DomainError) || error.errores.length === 0 || error.code === 'CSRF_INVALID') throw error;
      return this.render(reply, session, command, id, {
        status: error.code === 'ATTACHMENT_TOO_LARGE' ? 413 : 422,
        form: 'avance-',
        valores: form,
        errores: errorItems(error.errores, ETIQUETAS, 'avance-'),
      });
    }
    return reply.redirect(`/mejora/${id}?aviso=avance#aviso`, 303);
  }

  private command(user: StaffUser, request: FastifyRequest): MejoraCommand {
    return { actor: user, ip: clientIp(request) };
  }

  /** Runs one change; field errors re-render the action's page with a 422; anything else goes to the error page. */
  private async act(
    reply: FastifyReply,
    session: StaffSession,
    user: StaffUser,
    request: FastifyRequest,
    id: string,
    prefix: string,
    form: MejoraForm,
    aviso: string,
    seccion: string,
    change: (command: MejoraCommand) => Promise<unknown>,
  ) {
    const command = this.command(user, request);
    try {
      await change(command);
    } catch (error) {
      if (!(error instanceof DomainError) || error.errores.length === 0 || error.code === 'FORBIDDEN') throw error;
      // What a phase move lacks is fixed in the design form or the plan's sections: the summary links there.
      const items = errorItems(error.errores, prefix === 'indicador-' ? ETIQUETAS_INDICADOR : ETIQUETAS, prefix).map((e) =>
        prefix === 'fase-' ? { ...e, campo: ['fase-actividades', 'fase-indicadores'].includes(e.campo) ? e.campo.slice(5) : `diseno-${e.campo.slice(5)}` } : e,
      );
      return this.render(reply, session, command, id, { status: error.code === 'CONFLICT' ? 409 : 422, form: prefix, valores: form, errores: items });
    }
    return reply.redirect(`/mejora/${id}?aviso=${aviso}#${aviso === 'fase' ? 'aviso' : seccion}`, 303);
  }

  /** The entity's catalogues for the design form: active rows, and inactive ones the action already names. */
  private async catalogos(command: MejoraCommand) {
    const scope = { actor: command.actor, entidadId: command.actor.entidadId, ip: command.ip };
    const [unidades, sedes, servicios, temas] = await Promise.all(
      (['unidades', 'sedes', 'servicios', 'temas'] as const).map((catalogo) => this.listCatalogo.execute({ ...scope, catalogo })),
    );
    return { unidades, sedes, servicios, temas };
  }

  private disenoView(
    cat: Awaited<ReturnType<MejoraPagesController['catalogos']>>,
    state: RenderState,
    accion: AccionMejoraDetalle | null,
  ) {
    const prefix = 'diseno-';
    const error = errorsByField(state.errores ?? []);
    const enForm = state.form === prefix;
    const v = state.valores ?? {};
    const valor = (name: keyof MejoraForm, inicial: string) => (enForm ? String(v[name] ?? '') : inicial);
    const campo = (name: keyof MejoraForm, inicial = '') => ({ id: `${prefix}${name}`, name, value: valor(name, inicial), error: error[`${prefix}${name}`] });
    const marcados = (name: keyof MejoraForm, inicial: string[]) => new Set(enForm ? asList(v[name]) : inicial);
    const casillas = (name: keyof MejoraForm, filas: ElementoCatalogo[], inicial: string[]) => {
      const sel = marcados(name, inicial);
      return {
        id: `${prefix}${name}`,
        error: error[`${prefix}${name}`],
        opciones: filas.filter((f) => f.activo || sel.has(f.id)).map((f, i) => ({ id: `${prefix}${name}-${i}`, name, value: f.id, label: f.nombre, checked: sel.has(f.id) })),
      };
    };
    const aspectosSel = marcados('aspectos', accion?.aspectos ?? []);
    return {
      titulo: campo('titulo', accion?.titulo),
      problema: campo('problema', accion?.problema),
      analisisCausal: campo('analisisCausal', accion?.analisisCausal),
      alternativas: campo('alternativas', (accion?.alternativas ?? []).join('\n')),
      alternativaSeleccionada: campo('alternativaSeleccionada', accion?.alternativaSeleccionada ? String(accion.alternativaSeleccionada) : ''),
      unidad: {
        ...campo('unidadId'),
        options: options(
          cat.unidades.filter((u) => u.activo || u.id === accion?.unidad?.id).map((u) => [u.id, u.nombre]),
          valor('unidadId', accion?.unidad?.id ?? ''),
        ),
      },
      aspectos: {
        id: `${prefix}aspectos`,
        error: error[`${prefix}aspectos`],
        opciones: Object.values(Aspecto).map((a, i) => ({ id: `${prefix}aspectos-${i}`, name: 'aspectos', value: a, label: ASPECTO_LABELS[a], checked: aspectosSel.has(a) })),
      },
      sedes: casillas('sedeIds', cat.sedes, accion?.sedes.map((s) => s.id) ?? []),
      servicios: casillas('servicioIds', cat.servicios, accion?.servicios.map((s) => s.id) ?? []),
      temas: casillas('temaIds', cat.temas, accion?.temas.map((s) => s.id) ?? []),
      reclamos: campo('reclamos', (accion?.reclamos ?? []).map((r) => r.codigo).join(', ')),
    };
  }

  private async renderNueva(reply: FastifyReply, session: StaffSession, command: MejoraCommand, state: RenderState) {
    if (!isResponsableDelLibro(command.actor.rol)) {
      // The same refusal as the use case (403 for other roles of the entity, and for coordinators).
      await this.list.execute(command);
      throw new DomainError('FORBIDDEN', 'Solo el responsable del libro de reclamaciones registra acciones de mejora.');
    }
    const cat = await this.catalogos(command);
    const errores = state.errores ?? [];
    return reply
      .status(state.status ?? 200)
      .header('cache-control', 'private, no-store')
      .view('mejora-nueva', {
        titulo: `${errores.length > 0 ? 'Revise los datos – ' : ''}Nueva acción de mejora – Libro de Reclamaciones`,
        usuario: command.actor,
        csrfToken: this.sessionGuard.csrfTokenOf(session),
        errores,
        diseno: this.disenoView(cat, state, null),
      });
  }

  private async render(reply: FastifyReply, session: StaffSession, command: MejoraCommand, id: string, state: RenderState) {
    const accion = await this.get.execute({ ...command, accionId: id });
    const cat = await this.catalogos(command);
    const errores = state.errores ?? [];
    const error = errorsByField(errores);
    const v = state.valores ?? {};
    const campo = (prefix: string, name: keyof MejoraForm, inicial = '') => ({
      id: `${prefix}${name}`,
      name,
      value: state.form === prefix ? String(v[name] ?? '') : inicial,
      error: error[`${prefix}${name}`],
    });
    const anioActual = Number(limaDateOf(this.clock.now()).slice(0, 4));
    const anioBase = state.form === 'indicador-' ? Number(v.lineaBaseAnio) || anioActual - 1 : anioActual - 1;
    const indicadorPrefix = 'indicador-';
    const sel = (name: keyof MejoraForm, pairs: Array<[string, string]>) => ({
      ...campo(indicadorPrefix, name),
      options: options(pairs, state.form === indicadorPrefix ? v[name] : ''),
    });
    const metasAnios = aniosDeMetas(anioBase);

    const view = {
      titulo: `${errores.length > 0 ? 'Revise los datos – ' : ''}${accion.titulo} – Acciones de mejora`,
      usuario: command.actor,
      csrfToken: this.sessionGuard.csrfTokenOf(session),
      errores,
      aviso: state.aviso,
      accion: {
        ...accion,
        faseLabel: FASE_LABELS[accion.fase],
        unidadNombre: accion.unidad?.nombre ?? null,
        aspectosLabels: accion.aspectos.map((a) => ASPECTO_LABELS[a]),
        alternativasLista: accion.alternativas.map((texto, i) => ({ numero: i + 1, texto, seleccionada: accion.alternativaSeleccionada === i + 1 })),
        fasesLista: accion.fases.map((f) => ({ ...f, label: FASE_LABELS[f.fase], fechaTexto: f.fecha ? formatIsoDate(f.fecha) : null, actual: f.fase === accion.fase })),
        actividadesLista: accion.actividades.map((a) => ({
          ...a,
          unitario: soles(a.costoUnitario),
          cantidadTexto: numeroEs(Number(a.cantidad)),
          total: soles(a.costoTotal),
          quitar: `/mejora/${accion.id}/actividades/${a.id}/quitar`,
        })),
        costoTotalTexto: soles(accion.costoTotal),
        indicadoresLista: accion.indicadores.map((ind, k) => ({
          ...ind,
          frecuenciaLabel: FRECUENCIA_LABELS[ind.frecuencia],
          medicionLabel: AMBITO_MEDICION_LABELS[ind.ambitoMedicion],
          controlLabel: AMBITO_CONTROL_LABELS[ind.ambitoControl],
          fuenteLabel: ind.fuente ? fuenteLabel(ind.fuente, { sede: ind.sede?.nombre, unidad: ind.unidad?.nombre }) : null,
          baseTexto: numeroEs(Number(ind.lineaBaseValor)),
          metasTexto: ind.metas.map((m) => ({ anio: m.anio, valor: numeroEs(Number(m.valor)) })),
          medicionesTexto: ind.mediciones.map((m) => ({ etiqueta: m.etiqueta, valor: m.valor === null ? 'Sin datos' : numeroEs(m.valor), enCurso: !m.completo })),
          grafico: graficoIndicador(ind, `grafico-${k + 1}`),
          quitar: `/mejora/${accion.id}/indicadores/${ind.id}/quitar`,
        })),
        avancesLista: accion.avances.map((a) => ({
          ...a,
          faseLabel: FASE_LABELS[a.fase],
          cuando: formatLimaDateTime(a.registradoEn),
          evidenciasLista: a.evidencias.map((e) => ({
            ...e,
            href: `/api/v1/acciones-mejora/${accion.id}/evidencias/${e.id}`,
            tamano: `${Math.max(1, Math.round(e.bytes / 1024))} KB`,
          })),
        })),
        avanzarLabel: accion.permisos.avanzarA ? FASE_LABELS[accion.permisos.avanzarA] : null,
        esAprobacion: accion.permisos.avanzarA === 'implementacion',
      },
      acciones: {
        guardar: `/mejora/${accion.id}`,
        fase: `/mejora/${accion.id}/fase`,
        actividad: `/mejora/${accion.id}/actividades`,
        indicador: `/mejora/${accion.id}/indicadores`,
        avance: `/mejora/${accion.id}/avances`,
        siguiente: `/mejora/${accion.id}/siguiente`,
      },
      diseno: this.disenoView(cat, state, accion),
      disenoAbierto: state.form === 'diseno-' || state.form === 'fase-',
      actividad: {
        descripcion: campo('actividad-', 'descripcion'),
        costoUnitario: campo('actividad-', 'costoUnitario'),
        cantidad: campo('actividad-', 'cantidad'),
      },
      indicador: {
        denominacion: campo(indicadorPrefix, 'denominacion'),
        unidadMedida: campo(indicadorPrefix, 'unidadMedida'),
        frecuencia: sel('frecuencia', Object.entries(FRECUENCIA_LABELS)),
        lineaBaseAnio: campo(indicadorPrefix, 'lineaBaseAnio', String(anioBase)),
        lineaBaseValor: campo(indicadorPrefix, 'lineaBaseValor'),
        medioVerificacion: campo(indicadorPrefix, 'medioVerificacion'),
        ambitoMedicion: sel('ambitoMedicion', Object.entries(AMBITO_MEDICION_LABELS)),
        ambitoControl: sel('ambitoControl', Object.entries(AMBITO_CONTROL_LABELS)),
        fuente: { ...sel('fuente', FUENTES.map((f) => [f, fuenteLabel(f)])), optional: true },
        // Active catalogue rows: a new indicator measures a sede or unidad that still serves people.
        sedeId: { ...sel('sedeId', cat.sedes.filter((x) => x.activo).map((x) => [x.id, x.nombre])), optional: true },
        unidadId: { ...sel('unidadId', cat.unidades.filter((x) => x.activo).map((x) => [x.id, x.nombre])), optional: true },
        metasError: error[`${indicadorPrefix}metas`],
        metas: metasAnios.map((anio, i) => ({
          id: `${indicadorPrefix}metas[${i}]`,
          name: `meta${i + 1}`,
          label: `Meta ${i + 1} (año ${anio} si la línea de base es de ${anioBase})`,
          value: state.form === indicadorPrefix ? String(v[`meta${i + 1}` as keyof MejoraForm] ?? '') : '',
          error: error[`${indicadorPrefix}metas[${i}]`],
        })),
      },
      avance: { descripcion: campo('avance-', 'descripcion'), evidenciasError: error['avance-evidencias'] },
    };
    return reply.status(state.status ?? 200).header('cache-control', 'private, no-store').view('mejora-accion', view);
  }
}
