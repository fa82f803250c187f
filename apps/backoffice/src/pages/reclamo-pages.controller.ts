import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { FastifyReply, FastifyRequest } from 'fastify';
import {
  AccionReclamo,
  accionesDisponibles,
  AddNotaInternaUseCase,
  AnnulReclamoUseCase,
  ApproveRespuestaUseCase,
  AprobarYNotificarUseCase,
  ArchiveReclamoUseCase,
  AssignReclamoUseCase,
  CanalReconduccion,
  ReclamoCommand,
  ReclamoDetalle,
  DraftRespuestaUseCase,
  GetReclamoFormOptionsUseCase,
  GetReclamoUseCase,
  MarkRespondidoUseCase,
  NotifyRespuestaUseCase,
  PreviewRespuestaCorreoUseCase,
  ReconducirReclamoUseCase,
  RecordSubsanacionUseCase,
  RequestSubsanacionUseCase,
  ReturnRespuestaUseCase,
  TrasladarReclamoUseCase,
} from '@app/atencion';
import { limaDateOf } from '@app/calendar';
import { DomainError, EstadoReclamo, RolPersona, ValidationFailedError } from '@app/domain';
import { Clock } from '@app/platform/clock';
import { formatIsoDate, formatLimaDateTime, clientIp } from '@app/platform/http';
import { StaffSession, StaffUser } from '@app/staff';
import { AttachmentStorage, discardAttachments, esFotoHeif } from '@app/storage';
import { CsrfInMultipartFields, CurrentSession, CurrentUser, SessionGuard } from '../auth/session';
import { readScanUpload, ScanUpload } from '../uploads/read-scan-upload';
import {
  ADJUNTO_LABELS,
  aspectoLabel,
  CANAL_RECONDUCCION_LABELS,
  canalLabel,
  errorItems,
  errorsByField,
  ErrorItem,
  ESTADO_RESPUESTA_LABELS,
  eventoLabel,
  options,
  plazoTexto,
  ROL_PERSONA_LABELS,
} from './reclamo-labels';
import { PagesErrorFilter } from './pages-error.filter';

/** Every field of every reclamo form: optional text here, each use case names what is missing or wrong, in Spanish. */
class ReclamoForm {
  @IsOptional() @IsString() @MaxLength(100) unidadId?: string;
  @IsOptional() @IsString() @MaxLength(100) oficialId?: string;
  @IsOptional() @IsString() @MaxLength(4000) motivo?: string;
  @IsOptional() @IsString() @MaxLength(4000) detalle?: string;
  @IsOptional() @IsString() @MaxLength(100) canal?: string;
  @IsOptional() @IsString() @MaxLength(4000) mensaje?: string;
  @IsOptional() @IsString() @MaxLength(100) entidadDestino?: string;
  @IsOptional() @IsString() @MaxLength(10000) hechos?: string;
  @IsOptional() @IsString() @MaxLength(10000) analisis?: string;
  @IsOptional() @IsString() @MaxLength(10000) medidasAdoptadas?: string;
  @IsOptional() @IsString() @MaxLength(100) plantillaId?: string;
  @IsOptional() @IsString() @MaxLength(4000) comentarios?: string;
  @IsOptional() @IsString() @MaxLength(20) medio?: string;
  @IsOptional() @IsString() @MaxLength(20) fecha?: string;
  @IsOptional() @IsString() @MaxLength(4000) texto?: string;
}

/** The address of each form (POST /casos/:id/<slug>) and the action it performs. */
const SLUGS = {
  asignar: 'asignar',
  subsanacion: 'pedirSubsanacion',
  'subsanacion-recibida': 'registrarSubsanacion',
  reconducir: 'reconducir',
  trasladar: 'trasladar',
  respuesta: 'redactarRespuesta',
  aprobar: 'aprobarRespuesta',
  // Approve (if pending) → respondido → e-mail: ends with the notification.
  'aprobar-y-notificar': 'notificar',
  devolver: 'devolverRespuesta',
  responder: 'marcarRespondido',
  notificar: 'notificar',
  archivar: 'archivar',
  anular: 'anular',
  notas: 'agregarNota',
} as const satisfies Record<string, AccionReclamo>;
type Slug = keyof typeof SLUGS;

const isSlug = (value: string): value is Slug => Object.prototype.hasOwnProperty.call(SLUGS, value);

/** Notices that are not one action's own: a filed paper sheet, an e-mail notification on its way. */
const OTROS_AVISOS = ['hoja-fisica', 'notificacion-en-curso'] as const;
type OtroAviso = (typeof OTROS_AVISOS)[number];
const isAviso = (value: string): value is Slug | OtroAviso => isSlug(value) || (OTROS_AVISOS as readonly string[]).includes(value);

const AVISOS: Readonly<Record<Slug | OtroAviso, string>> = {
  'notificacion-en-curso':
    'La respuesta se está enviando por correo. Quedará notificada, con la fecha en que el servidor de correo del ciudadano la acepte, en cuanto eso ocurra.',
  asignar: 'El caso quedó asignado.',
  subsanacion: 'Se pidió la subsanación al ciudadano: tiene 2 días hábiles para completar la información.',
  'subsanacion-recibida': 'Se registró la subsanación: el caso vuelve a estar en atención.',
  reconducir: 'El reclamo fue reconducido a su canal y se avisó al ciudadano.',
  trasladar: 'El reclamo fue trasladado a la otra entidad y se avisó al ciudadano.',
  respuesta: 'Se guardó la respuesta.',
  aprobar: 'La respuesta quedó aprobada.',
  'aprobar-y-notificar':
    'La respuesta quedó aprobada y se está enviando por correo. Quedará notificada, con la fecha en que el servidor de correo del ciudadano la acepte.',
  devolver: 'La respuesta fue devuelta con sus comentarios.',
  responder: 'El caso quedó como respondido: falta notificar la respuesta.',
  notificar: 'La respuesta quedó notificada.',
  archivar: 'El caso fue archivado.',
  anular: 'El reclamo fue anulado.',
  notas: 'Se agregó la nota interna.',
  'hoja-fisica': 'La hoja del libro físico quedó registrada con este código; el plazo se cuenta desde la fecha de la hoja.',
};

const ETIQUETAS: Readonly<Record<string, string>> = {
  unidadId: 'Unidad orgánica',
  oficialId: 'Oficial',
  motivo: 'Motivo',
  detalle: 'Información recibida',
  canal: 'Canal',
  mensaje: 'Mensaje al ciudadano',
  entidadDestino: 'Entidad destino',
  hechos: 'Hechos',
  analisis: 'Análisis',
  medidasAdoptadas: 'Medidas adoptadas',
  plantillaId: 'Plantilla',
  comentarios: 'Comentarios',
  medio: 'Medio de notificación',
  fecha: 'Fecha de entrega',
  constancia: 'Constancia de la entrega escaneada',
  texto: 'Nota',
};

interface HojaDetalle {
  canal: string;
  numeroHojaFisica: string | null;
  registradoEn: Date;
  fechaRegistro: string;
  aspecto: string;
  sede: string | null;
  unidad: string | null;
  servicio: string | null;
  fechaHechos: string | null;
  descripcion: string;
  pedido: string;
  notificacionEmail: boolean;
  asignadoA: string | null;
  asignadoNombre: string | null;
  unidadId: string | null;
  reconducidoA: string | null;
  anuladoMotivo: string | null;
  notificadoEl: string | null;
}

interface RenderState {
  status?: number;
  slug?: Slug;
  errores?: ErrorItem[];
  valores?: ReclamoForm;
  alerta?: string;
  aviso?: string;
}

const text = (value: string | undefined): string | undefined => value?.trim() || undefined;

/**
 * The reclamo page and its forms (server-rendered, no JavaScript needed). Each POST calls the same use
 * case as the JSON API and answers with a redirect to the reclamo (PRG); a use case's field errors
 * re-render the page with a 422 and an error summary; a conflict with the lifecycle (someone acted
 * first) re-renders it with the reason. Which forms show is asked of @app/atencion's rules.
 */
@ApiExcludeController()
@Controller('casos')
@UseGuards(SessionGuard)
@UseFilters(PagesErrorFilter)
export class ReclamoPagesController {
  constructor(
    private readonly getReclamo: GetReclamoUseCase,
    private readonly formOptions: GetReclamoFormOptionsUseCase,
    private readonly assign: AssignReclamoUseCase,
    private readonly requestSubsanacion: RequestSubsanacionUseCase,
    private readonly recordSubsanacion: RecordSubsanacionUseCase,
    private readonly reconducir: ReconducirReclamoUseCase,
    private readonly trasladar: TrasladarReclamoUseCase,
    private readonly draft: DraftRespuestaUseCase,
    private readonly approve: ApproveRespuestaUseCase,
    private readonly approveAndNotify: AprobarYNotificarUseCase,
    private readonly previewCorreo: PreviewRespuestaCorreoUseCase,
    private readonly sendBack: ReturnRespuestaUseCase,
    private readonly markRespondido: MarkRespondidoUseCase,
    private readonly notify: NotifyRespuestaUseCase,
    private readonly archive: ArchiveReclamoUseCase,
    private readonly annul: AnnulReclamoUseCase,
    private readonly addNota: AddNotaInternaUseCase,
    private readonly sessionGuard: SessionGuard,
    private readonly storage: AttachmentStorage,
    private readonly clock: Clock,
  ) {}

  @Get(':id')
  async reclamo(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Param('id') id: string,
    @Query('aviso') aviso: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    return this.render(reply, session, { actor: user, entidadId: user.entidadId ?? '', reclamoId: id, ip: clientIp(request) }, {
      aviso: aviso && isAviso(aviso) ? AVISOS[aviso] : undefined,
    });
  }

  @Post(':id/:accion')
  @HttpCode(200)
  async accion(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Param('id') id: string,
    @Param('accion') slug: string,
    @Body() form: ReclamoForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    if (!isSlug(slug)) throw new NotFoundException();
    const command: ReclamoCommand = { actor: user, entidadId: user.entidadId ?? '', reclamoId: id, ip: clientIp(request) };
    try {
      await this.execute(slug, command, form);
    } catch (error) {
      return this.renderFailure(reply, session, command, slug, form, error);
    }
    return reply.redirect(`/casos/${id}?aviso=${slug}#aviso`, 303);
  }

  /**
   * Notificar has its own route (Fastify prefers it to `:accion`): a postal or in-person delivery
   * comes with the scan of its proof, so the form is multipart. The scan is stored as it streams in
   * and removed again if the notification is not recorded.
   */
  @Post(':id/notificar')
  @HttpCode(200)
  @CsrfInMultipartFields()
  async notificar(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const command: ReclamoCommand = { actor: user, entidadId: user.entidadId ?? '', reclamoId: id, ip: clientIp(request) };
    let upload: ScanUpload = { fields: {} };
    let form: ReclamoForm = {};
    try {
      upload = await readScanUpload(request, this.storage, { guard: this.sessionGuard, session }, 'constancia');
      const { medio, fecha, ...otros } = upload.fields;
      form = { medio, fecha };
      const desconocidos = Object.keys(otros);
      if (desconocidos.length > 0) throw new ValidationFailedError(desconocidos.map((campo) => ({ campo, mensaje: 'este campo no se admite' })));
      const result = await this.notify.execute({
        ...command,
        medio: medio === 'postal' || medio === 'presencial' ? medio : undefined,
        fecha: text(fecha),
        constancia: upload.escaneo,
      });
      // An e-mail notification keeps no proof: a file sent along with it is not kept either.
      if (result.medio === 'email') {
        await discardAttachments(upload.escaneo ? [upload.escaneo] : [], this.storage);
        return reply.redirect(`/casos/${id}?aviso=notificacion-en-curso#aviso`, 303);
      }
    } catch (error) {
      await discardAttachments(upload.escaneo ? [upload.escaneo] : [], this.storage);
      return this.renderFailure(reply, session, command, 'notificar', form, error);
    }
    return reply.redirect(`/casos/${id}?aviso=notificar#aviso`, 303);
  }

  /** Not found, forbidden and the unexpected go to the error page; what the person can fix stays on the reclamo. */
  private renderFailure(reply: FastifyReply, session: StaffSession, command: ReclamoCommand, slug: Slug, form: ReclamoForm, error: unknown) {
    if (!(error instanceof DomainError)) throw error;
    const fixable = error.code === 'VALIDATION_FAILED' || error.code === 'ATTACHMENT_TYPE_NOT_ALLOWED' || error.code === 'ATTACHMENT_TOO_LARGE';
    if (fixable && error.errores.length > 0) {
      const status = error.code === 'ATTACHMENT_TOO_LARGE' ? 413 : 422;
      return this.render(reply, session, command, { status, slug, valores: form, errores: errorItems(error.errores, ETIQUETAS, `${slug}-`) });
    }
    if (error.code === 'CONFLICT' || error.code === 'INVALID_TRANSITION') {
      return this.render(reply, session, command, { status: 409, slug, valores: form, alerta: error.message });
    }
    throw error;
  }

  private execute(slug: Slug, command: ReclamoCommand, f: ReclamoForm): Promise<unknown> {
    switch (slug) {
      case 'asignar':
        return this.assign.execute({ ...command, unidadId: text(f.unidadId), oficialId: text(f.oficialId), motivo: text(f.motivo) });
      case 'subsanacion':
        return this.requestSubsanacion.execute({ ...command, motivo: f.motivo ?? '' });
      case 'subsanacion-recibida':
        return this.recordSubsanacion.execute({ ...command, detalle: f.detalle ?? '' });
      case 'reconducir':
        return this.reconducir.execute({ ...command, canal: (f.canal ?? '') as CanalReconduccion, mensaje: f.mensaje ?? '' });
      case 'trasladar':
        return this.trasladar.execute({ ...command, entidadDestino: f.entidadDestino ?? '', motivo: f.motivo ?? '' });
      case 'respuesta':
        // An empty box takes the template's text (when one is chosen): the form sends '' for it.
        return this.draft.execute({
          ...command,
          hechos: text(f.hechos),
          analisis: text(f.analisis),
          medidasAdoptadas: text(f.medidasAdoptadas),
          plantillaId: text(f.plantillaId),
        });
      case 'aprobar':
        return this.approve.execute(command);
      case 'aprobar-y-notificar':
        return this.approveAndNotify.execute(command);
      case 'devolver':
        return this.sendBack.execute({ ...command, comentarios: f.comentarios ?? '' });
      case 'responder':
        return this.markRespondido.execute(command);
      case 'notificar':
        // POST …/notificar is served by its own route above; this keeps the switch complete (e-mail only, no scan here).
        return this.notify.execute({ ...command, medio: f.medio === 'postal' || f.medio === 'presencial' ? f.medio : undefined, fecha: text(f.fecha) });
      case 'archivar':
        return this.archive.execute({ ...command, motivo: text(f.motivo) });
      case 'anular':
        return this.annul.execute({ ...command, motivo: f.motivo ?? '' });
      case 'notas':
        return this.addNota.execute({ ...command, texto: f.texto ?? '' });
    }
  }

  private async render(reply: FastifyReply, session: StaffSession, command: ReclamoCommand, state: RenderState) {
    const reclamo: ReclamoDetalle = await this.getReclamo.execute(command);
    const user = command.actor;
    const hoja = reclamo.hoja as unknown as HojaDetalle;
    const hoy = limaDateOf(this.clock.now());
    const acciones = accionesDisponibles(
      user,
      { estado: reclamo.estado, asignadoA: hoja.asignadoA, estadoRespuesta: reclamo.respuesta?.estado ?? null, subsanacionVence: reclamo.plazo.subsanacionVence },
      hoy,
    );
    // The e-mail the citizen would get, beside the answer it carries, while the answer still waits to go out.
    const revisa = acciones.aprobarRespuesta || acciones.marcarRespondido || (acciones.notificar && reclamo.estado === EstadoReclamo.RESPONDIDO);
    const vistaPrevia = revisa ? await this.previewCorreo.execute(command) : null;
    const unPaso = vistaPrevia !== null && vistaPrevia.aprobarYNotificar && reclamo.estado === EstadoReclamo.EN_ATENCION;
    const necesitaOpciones = acciones.asignar || acciones.redactarRespuesta || acciones.trasladar;
    const opciones = necesitaOpciones ? await this.formOptions.execute({ ...command, conEntidadesDestino: acciones.trasladar }) : null;

    const errores = state.errores ?? [];
    const error = errorsByField(errores);
    // What the person typed comes back into the form that failed; the other forms start from the reclamo.
    const valor = (slug: Slug, campo: keyof ReclamoForm, inicial = ''): string =>
      state.slug === slug && state.valores ? (state.valores[campo] ?? '') : inicial;
    const reclamante = reclamo.personas.find((p) => p.rol === RolPersona.RECLAMANTE);
    const emailReclamante = typeof reclamante?.email === 'string' ? reclamante.email : null;
    const respuesta = reclamo.respuesta;
    const id = reclamo.id;

    const adjuntos = reclamo.adjuntos.map((a) => ({
      ...a,
      tipoEtiqueta: ADJUNTO_LABELS[a.tipo],
      href: `/api/v1/casos/${id}/adjuntos/${a.id}`,
      // Most staff computers do not open HEIC: a JPEG copy beside the photo as sent.
      jpegHref: esFotoHeif(a.tipoMime) ? `/api/v1/casos/${id}/adjuntos/${a.id}/jpeg` : null,
      tamano: a.bytes >= 1024 * 1024 ? `${(a.bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(a.bytes / 1024))} kB`,
    }));
    const view = {
      titulo: `${errores.length > 0 ? 'Revise los datos – ' : ''}Reclamo ${reclamo.codigo} – Libro de Reclamaciones`,
      usuario: user,
      csrfToken: this.sessionGuard.csrfTokenOf(session),
      errores,
      error,
      aviso: state.aviso,
      alerta: state.alerta,
      caso: {
        id,
        codigo: reclamo.codigo,
        estadoEtiqueta: reclamo.estadoEtiqueta,
        notificacionEnCurso: reclamo.estado === EstadoReclamo.NOTIFICACION_EN_CURSO,
        notificacionFallida: reclamo.estado === EstadoReclamo.NOTIFICACION_FALLIDA,
        plazo: plazoTexto(reclamo.plazo.vence, reclamo.plazo.diasHabilesRestantes),
        subsanacionVence: reclamo.plazo.subsanacionVence ? formatIsoDate(reclamo.plazo.subsanacionVence) : null,
        calendarioVersion: reclamo.plazo.calendarioVersion,
      },
      hoja: {
        ...hoja,
        canalEtiqueta: canalLabel(hoja.canal),
        aspectoEtiqueta: aspectoLabel(hoja.aspecto),
        registradoEn: formatLimaDateTime(hoja.registradoEn),
        fechaRegistro: formatIsoDate(hoja.fechaRegistro),
        fechaHechos: hoja.fechaHechos ? formatIsoDate(hoja.fechaHechos) : null,
        notificadoEl: hoja.notificadoEl ? formatIsoDate(hoja.notificadoEl) : null,
        reconducidoA: hoja.reconducidoA ? (CANAL_RECONDUCCION_LABELS[hoja.reconducidoA as CanalReconduccion] ?? hoja.reconducidoA) : null,
      },
      personas: reclamo.personas.map((p) => ({
        ...p,
        rolEtiqueta: ROL_PERSONA_LABELS[p.rol as RolPersona] ?? p.rol,
        nombre: [p.nombres, p.apellidos].filter(Boolean).join(' ') || p.razonSocial,
      })),
      adjuntos,
      // The citizen's replies online to requests for missing information: their words and the files they sent.
      subsanaciones: reclamo.timeline
        .filter((e) => (e.datos as { accion?: unknown } | null)?.accion === 'subsanacion_respondida')
        .map((e) => {
          const ids = (e.datos as { adjuntoIds?: unknown }).adjuntoIds;
          return {
            cuando: formatLimaDateTime(e.ocurridoEn as Date),
            iso: new Date(e.ocurridoEn as Date).toISOString(),
            texto: e.motivo,
            adjuntos: adjuntos.filter((a) => Array.isArray(ids) && ids.includes(a.id)),
          };
        }),
      timeline: reclamo.timeline.map((e) => ({
        cuando: formatLimaDateTime(e.ocurridoEn as Date),
        iso: new Date(e.ocurridoEn as Date).toISOString(),
        descripcion: eventoLabel({ tipo: String(e.tipo), estadoNuevo: e.estadoNuevo, datos: e.datos }),
        actor: typeof e.actor === 'string' ? e.actor : e.actorTipo === 'ciudadano' ? 'Ciudadano(a)' : 'Sistema',
        motivo: e.motivo,
      })),
      respuesta: respuesta
        ? { ...respuesta, estadoEtiqueta: ESTADO_RESPUESTA_LABELS[respuesta.estado], redactadoEn: formatLimaDateTime(respuesta.redactadoEn) }
        : null,
      notas: reclamo.notas.map((n) => ({ ...n, creadoEn: formatLimaDateTime(n.creadoEn) })),
      notificaciones: reclamo.notificaciones.map((n) => ({
        ...n,
        // Not `fecha`: that name is a view helper, which would shadow the value.
        fechaTexto: typeof n.fecha === 'string' ? formatIsoDate(n.fecha) : '',
        constanciaHref: typeof n.constanciaId === 'string' ? `/api/v1/casos/${id}/adjuntos/${n.constanciaId}` : null,
        medioEtiqueta: n.medio === 'email' ? 'Correo electrónico' : n.medio === 'postal' ? 'Envío postal' : 'Entrega presencial',
        // The proof of an e-mail notification: when the citizen's server accepted it (Lima time).
        aceptadaTexto: n.aceptadaEn instanceof Date || typeof n.aceptadaEn === 'string' ? formatLimaDateTime(n.aceptadaEn) : null,
      })),
      vistaPrevia,
      // The answer moves up, with its approval beside it, while someone has to review or send it.
      respuestaPrimero: revisa && respuesta !== null,
      // Then the answer is shown as the e-mail that carries it (the same words, framed as sent), the buttons right under it.
      respuestaComoCorreo: revisa && respuesta !== null && vistaPrevia !== null,
      acciones,
      hayAcciones: Object.entries(acciones).some(([accion, on]) => on && accion !== 'agregarNota'),
      f: {
        asignar: {
          action: `/casos/${id}/asignar`,
          // The current unit and officer come selected (after an error, what was chosen).
          unidades: options((opciones?.unidades ?? []).map((u) => [u.id, u.nombre]), valor('asignar', 'unidadId', hoja.unidadId ?? '')),
          personal: options((opciones?.personal ?? []).map((p) => [p.id, p.nombre]), valor('asignar', 'oficialId', hoja.asignadoA ?? '')),
          motivo: valor('asignar', 'motivo'),
        },
        subsanacion: { action: `/casos/${id}/subsanacion`, motivo: valor('subsanacion', 'motivo') },
        subsanacionRecibida: { action: `/casos/${id}/subsanacion-recibida`, detalle: valor('subsanacion-recibida', 'detalle') },
        reconducir: {
          action: `/casos/${id}/reconducir`,
          canales: options(Object.values(CanalReconduccion).map((c) => [c, CANAL_RECONDUCCION_LABELS[c]]), valor('reconducir', 'canal')),
          mensaje: valor('reconducir', 'mensaje'),
        },
        trasladar: {
          action: `/casos/${id}/trasladar`,
          entidades: options((opciones?.entidadesDestino ?? []).map((e) => [e.codigo, `${e.nombre} (${e.codigo})`]), valor('trasladar', 'entidadDestino')),
          motivo: valor('trasladar', 'motivo'),
        },
        respuesta: {
          action: `/casos/${id}/respuesta`,
          plantillas: options((opciones?.plantillas ?? []).map((p) => [p.id, p.nombre]), valor('respuesta', 'plantillaId')),
          hayPlantillas: (opciones?.plantillas.length ?? 0) > 0,
          hechos: valor('respuesta', 'hechos', respuesta?.hechos),
          analisis: valor('respuesta', 'analisis', respuesta?.analisis),
          medidasAdoptadas: valor('respuesta', 'medidasAdoptadas', respuesta?.medidasAdoptadas),
          devuelta: respuesta?.estado === 'devuelta' ? respuesta.comentariosDevolucion : null,
        },
        aprobar: { action: `/casos/${id}/aprobar` },
        aprobarYNotificar: {
          action: `/casos/${id}/aprobar-y-notificar`,
          // One step when the entity allows it and the answer goes by e-mail; otherwise the separate steps.
          disponible: unPaso && (acciones.aprobarRespuesta || acciones.marcarRespondido),
          boton: acciones.aprobarRespuesta ? 'Aprobar y notificar' : 'Marcar respondido y notificar',
        },
        devolver: { action: `/casos/${id}/devolver`, comentarios: valor('devolver', 'comentarios') },
        responder: { action: `/casos/${id}/responder` },
        notificar: {
          action: `/casos/${id}/notificar`,
          // E-mail only with the citizen's consent and an address, and only once: after a failed e-mail
          // (or without consent) the delivery is recorded by hand.
          porCorreo: reclamo.estado === EstadoReclamo.RESPONDIDO && hoja.notificacionEmail && emailReclamante !== null,
          correoFallido: reclamo.estado === EstadoReclamo.NOTIFICACION_FALLIDA,
          email: emailReclamante,
          postal: valor('notificar', 'medio') === 'postal',
          presencial: valor('notificar', 'medio') === 'presencial',
          fecha: valor('notificar', 'fecha'),
          hoy,
        },
        archivar: { action: `/casos/${id}/archivar`, motivo: valor('archivar', 'motivo'), noSubsanado: reclamo.estado === EstadoReclamo.OBSERVADO },
        anular: { action: `/casos/${id}/anular`, motivo: valor('anular', 'motivo') },
        notas: { action: `/casos/${id}/notas`, texto: valor('notas', 'texto') },
      },
    };
    return reply.status(state.status ?? 200).header('cache-control', 'private, no-store').view('caso', view);
  }
}
