import { Body, Controller, Get, HttpCode, Logger, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { limaDateOf } from '@app/calendar';
import { DomainError, NivelGobierno, TIPO_ENTIDAD_LABELS, TipoEntidad } from '@app/domain';
import { Clock } from '@app/platform/clock';
import { clientIp, formatIsoDate, formatLimaDateTime } from '@app/platform/http';
import { StaffSession, StaffUser } from '@app/staff';
import {
  assertGestionaRegistro,
  CambiarEstadoEntidadUseCase,
  Cargo,
  COLUMNAS_CSV,
  DesignarResponsablesUseCase,
  EntidadDetalle,
  EntidadRegistro,
  ENTIDADES_POR_PAGINA,
  ErrorImportacion,
  ETIQUETAS_DESIGNACION,
  ETIQUETAS_ENTIDAD,
  EstadoFiltro,
  ImportarEntidadesUseCase,
  InvitarResponsableUseCase,
  ListarRegistroEntidadesUseCase,
  ListarTramosUseCase,
  MAX_FILAS_IMPORTACION,
  ModificarEntidadUseCase,
  NIVEL_GOBIERNO_LABELS,
  numeroDeTramo,
  ObtenerEntidadUseCase,
  ProgresoImportacion,
  RegistrarEntidadUseCase,
  ResultadoImportacion,
  TramoRegistro,
} from '@app/tramos';
import { CsrfInMultipartFields, CurrentSession, CurrentUser, SessionGuard } from '../auth/session';
import { PagesErrorFilter } from '../pages/pages-error.filter';
import { ErrorItem, errorItems, errorsByField, options } from '../pages/reclamo-labels';
import { CAMPO_ARCHIVO, readCsvUpload } from '../uploads/read-csv-upload';
import { CodigoEntidadPipe } from './registro-api.controller';
import { ImportacionesPendientes, PENDIENTE_TTL_S } from './importaciones-pendientes';

/** Every field of the registry's page forms: texts; the use cases check them and name what is wrong. */
class RegistroForm {
  @Allow() codigo?: string;
  @Allow() nombre?: string;
  @Allow() ruc?: string;
  @Allow() tipo?: string;
  @Allow() nivelGobierno?: string;
  @Allow() sector?: string;
  @Allow() ubigeo?: string;
  @Allow() tramo?: string;
  @Allow() oficioNumero?: string;
  @Allow() oficioFecha?: string;
  @Allow() titularNombre?: string;
  @Allow() titularEmail?: string;
  @Allow() alternoNombre?: string;
  @Allow() alternoEmail?: string;
  @Allow() cargo?: string;
  @Allow() clave?: string;
}

const ETIQUETAS: Readonly<Record<string, string>> = { ...ETIQUETAS_ENTIDAD, ...ETIQUETAS_DESIGNACION, cargo: 'Responsable', entidad: 'Entidad', archivo: 'Archivo CSV' };

const AVISOS: Readonly<Record<string, string>> = {
  registrada: 'Se registró la entidad. Ya aparece para los ciudadanos; registre el oficio de designación de sus responsables.',
  guardada: 'Se guardaron los datos de la entidad.',
  desactivada: 'La entidad quedó desactivada: los ciudadanos ya no la encuentran. Sus reclamos y su personal se conservan.',
  reactivada: 'La entidad quedó activa de nuevo.',
  designacion: 'Se registró el oficio de designación. Ahora puede invitar a los responsables a crear su cuenta.',
  'invitacion-titular': 'Se envió la invitación al responsable titular: recibirá un correo con un enlace para activar su cuenta (vale 7 días).',
  'invitacion-alterno': 'Se envió la invitación al responsable alterno: recibirá un correo con un enlace para activar su cuenta (vale 7 días).',
};

const ESTADO_CUENTA: Readonly<Record<string, string>> = {
  sin_cuenta: 'Sin cuenta: aún no se le invita',
  invitado: 'Invitado: aún no activa su cuenta',
  activo: 'Cuenta activa',
  desactivado: 'Cuenta desactivada',
  otra_cuenta: 'Su correo ya tiene una cuenta con otro rol o de otra entidad',
};

const ESTADOS_FILTRO: Array<[EstadoFiltro, string]> = [
  ['activas', 'Activas'],
  ['inactivas', 'Desactivadas'],
  ['todas', 'Todas'],
];

/** Splits the import page: what is sent before the rows are checked, and what is sent after. */
const MARCA_AVANCE = '<!--avance-->';
const NO_STORE = 'private, no-store';

interface RenderState {
  status?: number;
  /** The id prefix of the form that failed. */
  form?: string;
  errores?: ErrorItem[];
  valores?: RegistroForm;
  aviso?: string;
}

const tipoOpciones = (actual: string | undefined) => options(Object.values(TipoEntidad).map((t) => [t, TIPO_ENTIDAD_LABELS[t]]), actual ?? '');
const nivelOpciones = (actual: string | undefined) => options(Object.values(NivelGobierno).map((n) => [n, NIVEL_GOBIERNO_LABELS[n]]), actual ?? '');

/**
 * The entity registry's pages (issue #12), server-rendered and usable without JavaScript, for the SGP's
 * coordinators and the platform's administrators (everyone else: the 403 page, before any look-up):
 * the list with filters and the tramos, registering one entity, its page (data, state, the oficio of
 * designation and the invitation of the responsables), and the CSV import with its dry run. Each POST
 * calls the same use case as /api/v1/entidades and redirects back with a notice (PRG); field errors
 * re-render with 422 (409 for a taken code or RUC).
 *
 * The import answers as it works: the page is streamed (HTML sent in pieces) with a progress bar that
 * advances every 500 rows, then the result. Chosen over a worker job with a page that reloads itself
 * (meta refresh): a page refreshing on a timer fails WCAG 2.2.1 (axe's critical `meta-refresh` rule)
 * and makes a screen reader start over at every reload, while a 10,000-row file is checked in a few
 * seconds (5,000 rows: about one), well within one request; nor does the file need to travel through
 * a queue. The rows' checks and the writing are the use case's, the same as the API's.
 */
@ApiExcludeController()
@Controller('entidades')
@UseGuards(SessionGuard)
@UseFilters(PagesErrorFilter)
export class EntidadesPagesController {
  private readonly logger = new Logger(EntidadesPagesController.name);

  constructor(
    private readonly listar: ListarRegistroEntidadesUseCase,
    private readonly listarTramos: ListarTramosUseCase,
    private readonly obtener: ObtenerEntidadUseCase,
    private readonly registrar: RegistrarEntidadUseCase,
    private readonly modificar: ModificarEntidadUseCase,
    private readonly cambiarEstado: CambiarEstadoEntidadUseCase,
    private readonly designar: DesignarResponsablesUseCase,
    private readonly invitar: InvitarResponsableUseCase,
    private readonly importar: ImportarEntidadesUseCase,
    private readonly pendientes: ImportacionesPendientes,
    private readonly sessionGuard: SessionGuard,
    private readonly clock: Clock,
  ) {}

  @Get()
  async lista(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    assertGestionaRegistro(user);
    const text = (key: string): string => {
      const value = query[key];
      return typeof value === 'string' ? value.trim() : '';
    };
    const q = text('q').slice(0, 100);
    const tramoTexto = text('tramo');
    const tramo = tramoTexto === 'ninguno' ? 0 : (numeroDeTramo(tramoTexto) ?? undefined);
    const tipo = (Object.values(TipoEntidad) as string[]).includes(text('tipo')) ? (text('tipo') as TipoEntidad) : undefined;
    const estado = ESTADOS_FILTRO.some(([e]) => e === text('estado')) ? (text('estado') as EstadoFiltro) : 'activas';
    const paginaPedida = /^\d{1,6}$/.test(text('pagina')) ? Number(text('pagina')) : 1;
    const [resultado, tramos] = await Promise.all([
      this.listar.execute({ actor: user, filtro: { q, tramo, tipo, estado, pagina: paginaPedida } }),
      this.listarTramos.execute(user),
    ]);
    const filtros = { q, tramo: tramo === 0 ? 'ninguno' : tramo === undefined ? '' : String(tramo), tipo: tipo ?? '', estado };
    const enlace = (pagina: number) => {
      const params = new URLSearchParams(Object.entries({ ...filtros, pagina: String(pagina) }).filter(([k, v]) => v !== '' && !(k === 'estado' && v === 'activas') && !(k === 'pagina' && v === '1')));
      const s = params.toString();
      return s ? `/entidades?${s}` : '/entidades';
    };
    const siguienteNumero = Math.max(0, ...tramos.map((t) => t.numero)) + 1;
    return reply
      .header('cache-control', NO_STORE)
      .view('entidades-lista', {
        titulo: 'Registro de entidades – Libro de Reclamaciones',
        usuario: user,
        csrfToken: this.sessionGuard.csrfTokenOf(session),
        filtros,
        hayFiltros: q !== '' || tramo !== undefined || tipo !== undefined || estado !== 'activas',
        tramosOpciones: [...options(tramos.map((t) => [String(t.numero), `Tramo ${t.numero}`]), filtros.tramo), { value: 'ninguno', label: 'Sin tramo', selected: filtros.tramo === 'ninguno' }],
        tiposOpciones: tipoOpciones(filtros.tipo),
        estadosOpciones: options(ESTADOS_FILTRO, estado),
        total: resultado.total,
        entidades: resultado.entidades.map((e) => ({ ...e, href: `/entidades/${e.codigo}` })),
        pagina: resultado.pagina,
        paginas: resultado.paginas,
        porPagina: ENTIDADES_POR_PAGINA,
        anterior: resultado.pagina > 1 ? enlace(resultado.pagina - 1) : null,
        siguiente: resultado.pagina < resultado.paginas ? enlace(resultado.pagina + 1) : null,
        tramos: tramos.map((t) => this.tramoVista(t)),
        nuevoTramo: siguienteNumero <= 9999 ? `/tramos/${siguienteNumero}/editar` : null,
      });
  }

  @Get('nueva')
  async nueva(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Res() reply: FastifyReply) {
    assertGestionaRegistro(user);
    return this.renderNueva(reply, user, session, {});
  }

  @Post()
  @HttpCode(200)
  async crear(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Body() form: RegistroForm, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    try {
      const entidad = await this.registrar.execute({ actor: user, ip: clientIp(request), datos: datosEntidad(form) });
      return reply.redirect(`/entidades/${entidad.codigo}?aviso=registrada#aviso`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.errores.length === 0) throw error;
      return this.renderNueva(reply, user, session, { status: error.code === 'CONFLICT' ? 409 : 422, form: 'entidad-', valores: form, errores: errorItems(error.errores, ETIQUETAS, 'entidad-') });
    }
  }

  @Get('importar')
  async importarForm(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Query('aviso') aviso: string | undefined, @Res() reply: FastifyReply) {
    assertGestionaRegistro(user);
    return this.renderImportar(reply, user, session, {
      aviso: aviso === 'vencida' ? 'La revisión de ese archivo ya no está disponible (pasó una hora o ya se importó). Súbalo otra vez.' : undefined,
    });
  }

  /** The file (multipart, `_csrf` first): checked, and imported when `accion` is «importar», with the page streamed as it goes. */
  @Post('importar')
  @HttpCode(200)
  @CsrfInMultipartFields()
  async importarArchivo(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    assertGestionaRegistro(user);
    let upload;
    try {
      upload = await readCsvUpload(request, { guard: this.sessionGuard, session });
    } catch (error) {
      if (!(error instanceof DomainError) || error.errores.length === 0 || error.code === 'CSRF_INVALID') throw error;
      return this.renderImportar(reply, user, session, { status: error.code === 'ATTACHMENT_TOO_LARGE' ? 413 : 422, errores: errorItems(error.errores, ETIQUETAS, 'importar-') });
    }
    if (!upload.archivo) {
      return this.renderImportar(reply, user, session, { status: 422, errores: errorItems([{ campo: CAMPO_ARCHIVO, mensaje: 'elija el archivo CSV que desea revisar' }], ETIQUETAS, 'importar-') });
    }
    const simular = upload.fields.accion !== 'importar';
    return this.importarEnVivo(reply, user, session, clientIp(request), upload.archivo, simular);
  }

  /** «Importar» after a clean dry run: the file kept for an hour (ImportacionesPendientes), imported all or nothing. */
  @Post('importar/confirmar')
  @HttpCode(200)
  async confirmar(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Body() form: RegistroForm, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    assertGestionaRegistro(user);
    const pendiente = await this.pendientes.tomar(user.id, form.clave ?? '');
    if (!pendiente) return reply.redirect('/entidades/importar?aviso=vencida', 303);
    return this.importarEnVivo(reply, user, session, clientIp(request), pendiente, false);
  }

  @Get(':codigo')
  async entidad(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Param('codigo', CodigoEntidadPipe) codigo: string,
    @Query('aviso') aviso: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    return this.render(reply, user, session, codigo, { aviso: aviso ? AVISOS[aviso] : undefined });
  }

  @Post(':codigo')
  @HttpCode(200)
  async guardar(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Param('codigo', CodigoEntidadPipe) codigo: string,
    @Body() form: RegistroForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    try {
      const entidad = await this.modificar.execute({ actor: user, ip: clientIp(request), codigo, datos: datosEntidad(form) });
      return reply.redirect(`/entidades/${entidad.codigo}?aviso=guardada#aviso`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.errores.length === 0) throw error;
      return this.render(reply, user, session, codigo, { status: error.code === 'CONFLICT' ? 409 : 422, form: 'entidad-', valores: form, errores: errorItems(error.errores, ETIQUETAS, 'entidad-') });
    }
  }

  @Post(':codigo/desactivar')
  @HttpCode(200)
  async desactivar(@CurrentUser() user: StaffUser, @Param('codigo', CodigoEntidadPipe) codigo: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.cambiarEstado.execute({ actor: user, ip: clientIp(request), codigo, activo: false });
    return reply.redirect(`/entidades/${codigo}?aviso=desactivada#aviso`, 303);
  }

  @Post(':codigo/reactivar')
  @HttpCode(200)
  async reactivar(@CurrentUser() user: StaffUser, @Param('codigo', CodigoEntidadPipe) codigo: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.cambiarEstado.execute({ actor: user, ip: clientIp(request), codigo, activo: true });
    return reply.redirect(`/entidades/${codigo}?aviso=reactivada#aviso`, 303);
  }

  @Post(':codigo/designaciones')
  @HttpCode(200)
  async designacion(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Param('codigo', CodigoEntidadPipe) codigo: string,
    @Body() form: RegistroForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    try {
      await this.designar.execute({
        actor: user,
        ip: clientIp(request),
        codigo,
        datos: {
          oficioNumero: form.oficioNumero,
          oficioFecha: form.oficioFecha,
          titularNombre: form.titularNombre,
          titularEmail: form.titularEmail,
          alternoNombre: form.alternoNombre,
          alternoEmail: form.alternoEmail,
        },
      });
      return reply.redirect(`/entidades/${codigo}?aviso=designacion#responsables`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.errores.length === 0) throw error;
      return this.render(reply, user, session, codigo, { status: error.code === 'CONFLICT' ? 409 : 422, form: 'designacion-', valores: form, errores: errorItems(error.errores, ETIQUETAS, 'designacion-') });
    }
  }

  @Post(':codigo/invitaciones')
  @HttpCode(200)
  async invitacion(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Param('codigo', CodigoEntidadPipe) codigo: string,
    @Body() form: RegistroForm,
    @Res() reply: FastifyReply,
  ) {
    const cargo: Cargo | null = form.cargo === 'titular' || form.cargo === 'alterno' ? form.cargo : null;
    try {
      if (cargo === null) throw new DomainError('VALIDATION_FAILED', 'Elija a quién invitar.', [{ campo: 'cargo', mensaje: 'elija al responsable titular o al alterno' }]);
      await this.invitar.execute({ actor: user, codigo, cargo });
      return reply.redirect(`/entidades/${codigo}?aviso=invitacion-${cargo}#aviso`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.errores.length === 0 || error.code === 'FORBIDDEN') throw error;
      // A refusal names a field of the invitation (cargo, email): shown at the top of the responsables' section.
      return this.render(reply, user, session, codigo, {
        status: error.code === 'CONFLICT' ? 409 : 422,
        form: 'invitacion-',
        errores: error.errores.map((e) => ({ campo: 'responsables', etiqueta: 'Invitación', mensaje: e.mensaje })),
      });
    }
  }

  private tramoVista(t: TramoRegistro) {
    return {
      ...t,
      tipos: t.tiposEntidad.map((tipo) => TIPO_ENTIDAD_LABELS[tipo] ?? tipo).join(', '),
      inicio: formatIsoDate(t.fechaInicio),
      limite: formatIsoDate(t.fechaLimite),
      editar: `/tramos/${t.numero}/editar`,
    };
  }

  /** The entity form's fields: the person's values after a refusal, else the entity's (or empty for a new one). */
  private camposEntidad(state: RenderState, entidad: EntidadRegistro | null, tramos: TramoRegistro[]) {
    const prefix = 'entidad-';
    const error = errorsByField(state.errores ?? []);
    const enForm = state.form === prefix;
    const v = state.valores ?? {};
    const valor = (name: keyof RegistroForm, inicial: string) => (enForm ? (v[name] ?? '') : inicial);
    const campo = (name: keyof RegistroForm, inicial = '') => ({ id: `${prefix}${name}`, name, value: valor(name, inicial), error: error[`${prefix}${name}`] });
    const tramoActual = valor('tramo', entidad?.tramoManual && entidad.tramo ? String(entidad.tramo.numero) : '');
    return {
      codigo: campo('codigo', entidad?.codigo),
      nombre: campo('nombre', entidad?.nombre),
      ruc: campo('ruc', entidad?.ruc),
      tipo: { ...campo('tipo'), options: tipoOpciones(valor('tipo', entidad?.tipo ?? '')) },
      nivelGobierno: { ...campo('nivelGobierno'), options: nivelOpciones(valor('nivelGobierno', entidad?.nivelGobierno ?? '')) },
      sector: campo('sector', entidad?.sector),
      ubigeo: campo('ubigeo', entidad?.ubigeo),
      tramo: { ...campo('tramo'), options: options(tramos.map((t) => [String(t.numero), `Tramo ${t.numero}: ${t.nombre}`]), tramoActual) },
    };
  }

  private async renderNueva(reply: FastifyReply, user: StaffUser, session: StaffSession, state: RenderState) {
    const tramos = await this.listarTramos.execute(user);
    const errores = state.errores ?? [];
    return reply
      .status(state.status ?? 200)
      .header('cache-control', NO_STORE)
      .view('entidad-nueva', {
        titulo: `${errores.length > 0 ? 'Revise los datos – ' : ''}Registrar una entidad – Libro de Reclamaciones`,
        usuario: user,
        csrfToken: this.sessionGuard.csrfTokenOf(session),
        errores,
        campos: this.camposEntidad(state, null, tramos),
        tramosPorTipo: this.tramosPorTipo(tramos),
      });
  }

  /** "Ministerio → Tramo 1", so the form's «Según su tipo» is not a guess. */
  private tramosPorTipo(tramos: TramoRegistro[]) {
    return Object.values(TipoEntidad).map((tipo) => {
      const tramo = tramos.find((t) => t.tiposEntidad.includes(tipo));
      return { tipo: TIPO_ENTIDAD_LABELS[tipo], tramo: tramo ? `Tramo ${tramo.numero}` : 'ningún tramo' };
    });
  }

  private async render(reply: FastifyReply, user: StaffUser, session: StaffSession, codigo: string, state: RenderState) {
    const [entidad, tramos] = await Promise.all([this.obtener.execute({ actor: user, codigo }), this.listarTramos.execute(user)]);
    const errores = state.errores ?? [];
    const error = errorsByField(errores);
    const v = state.valores ?? {};
    const prefix = 'designacion-';
    const campo = (name: keyof RegistroForm) => ({ id: `${prefix}${name}`, name, value: state.form === prefix ? (v[name] ?? '') : '', error: error[`${prefix}${name}`] });
    const hoy = limaDateOf(this.clock.now());
    return reply
      .status(state.status ?? 200)
      .header('cache-control', NO_STORE)
      .view('entidad', {
        titulo: `${errores.length > 0 ? 'Revise los datos – ' : ''}${entidad.nombre} – Registro de entidades`,
        usuario: user,
        csrfToken: this.sessionGuard.csrfTokenOf(session),
        errores,
        aviso: state.aviso,
        errorInvitacion: error.responsables,
        entidad: this.entidadVista(entidad),
        campos: this.camposEntidad(state, entidad, tramos),
        tramosPorTipo: this.tramosPorTipo(tramos),
        editarAbierto: state.form === 'entidad-',
        designacion: {
          oficioNumero: campo('oficioNumero'),
          oficioFecha: { ...campo('oficioFecha'), max: hoy },
          titularNombre: campo('titularNombre'),
          titularEmail: campo('titularEmail'),
          alternoNombre: campo('alternoNombre'),
          alternoEmail: campo('alternoEmail'),
        },
        acciones: {
          guardar: `/entidades/${entidad.codigo}`,
          estado: `/entidades/${entidad.codigo}/${entidad.activo ? 'desactivar' : 'reactivar'}`,
          designar: `/entidades/${entidad.codigo}/designaciones`,
          invitar: `/entidades/${entidad.codigo}/invitaciones`,
        },
      });
  }

  private entidadVista(e: EntidadDetalle) {
    return {
      ...e,
      // Not `fecha`: that name is a view helper, which would win over the field.
      designaciones: e.designaciones.map((d) => ({ ...d, fechaTexto: formatIsoDate(d.oficioFecha), registrado: formatLimaDateTime(d.registradoEn) })),
      designados: e.designados.map((d) => ({ ...d, estadoTexto: ESTADO_CUENTA[d.estado] })),
      responsables: e.responsables.map((r) => ({ ...r, estadoTexto: ESTADO_CUENTA[r.estado] })),
    };
  }

  private async renderImportar(reply: FastifyReply, user: StaffUser, session: StaffSession, state: RenderState) {
    const errores = state.errores ?? [];
    return reply
      .status(state.status ?? 200)
      .header('cache-control', NO_STORE)
      .view('entidades-importar', {
        titulo: `${errores.length > 0 ? 'Revise el archivo – ' : ''}Importar entidades desde un archivo CSV – Libro de Reclamaciones`,
        usuario: user,
        csrfToken: this.sessionGuard.csrfTokenOf(session),
        errores,
        archivoError: errorsByField(errores)['importar-archivo'],
        aviso: state.aviso,
        columnas: COLUMNAS_CSV,
        maxFilas: MAX_FILAS_IMPORTACION.toLocaleString('es-PE'),
        tipos: Object.values(TipoEntidad).map((t) => ({ codigo: t, etiqueta: TIPO_ENTIDAD_LABELS[t] })),
      });
  }

  /**
   * Streams the import's page: the top of the page at once, a progress line every 500 rows (the CSS
   * shows only the last one), then the result and the end of the page. The response is written by hand
   * (hijacked) because Fastify's compression would hold the pieces back; the security headers set for
   * the request go with it. An unexpected failure after the first byte ends the page with its error id.
   */
  private async importarEnVivo(
    reply: FastifyReply,
    user: StaffUser,
    session: StaffSession,
    ip: string,
    archivo: { nombre: string; bytes: Buffer },
    simular: boolean,
  ) {
    const base = {
      titulo: `${simular ? 'Revisión' : 'Importación'} de ${archivo.nombre} – Libro de Reclamaciones`,
      usuario: user,
      csrfToken: this.sessionGuard.csrfTokenOf(session),
      simular,
      archivoNombre: archivo.nombre,
    };
    const [cabeza] = (await reply.viewAsync('entidades-importacion', { ...base, enCurso: true })).split(MARCA_AVANCE);
    reply.hijack();
    const raw = reply.raw;
    for (const [nombre, valor] of Object.entries(reply.getHeaders())) if (valor !== undefined) raw.setHeader(nombre, valor);
    raw.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': NO_STORE, 'x-accel-buffering': 'no' });
    const escribir = async (html: string) => {
      if (!raw.write(html)) await new Promise<void>((resolve) => raw.once('drain', () => resolve()));
    };
    try {
      await escribir(cabeza);
      const resultado = await this.importar.execute({
        actor: user,
        ip,
        archivo: archivo.bytes,
        simular,
        alAvanzar: (p) => escribir(pasoDeAvance(p)),
      });
      const clave = simular && resultado.errores.length === 0 && resultado.filas > 0 ? await this.pendientes.guardar(user.id, { ...archivo, sha256: resultado.archivoSha256 }) : null;
      const pagina = await reply.viewAsync('entidades-importacion', { ...base, resultado: this.resultadoVista(resultado), clave, horaLimite: clave ? horaLimite(this.clock.now()) : null });
      await escribir(pagina.split(MARCA_AVANCE)[1] ?? '');
    } catch (error) {
      const errorId = randomUUID();
      this.logger.error({ errorId, actorId: user.id, err: error }, 'Falló la importación de entidades');
      await escribir(
        `</div></section><p class="alert" role="alert">Ocurrió un error inesperado y no se importó nada. Intente de nuevo; si se repite, informe el código ${errorId}.</p></main></body></html>`,
      );
    }
    raw.end();
  }

  private resultadoVista(r: ResultadoImportacion) {
    const porFila = (e: ErrorImportacion) => ({ ...e, filaTexto: e.fila === null ? 'Archivo' : String(e.fila), columnaTexto: e.columna ?? '—' });
    return {
      ...r,
      filasTexto: r.filas.toLocaleString('es-PE'),
      validasTexto: r.validas.toLocaleString('es-PE'),
      creadasTexto: r.creadas.toLocaleString('es-PE'),
      erroresTexto: r.errores.length.toLocaleString('es-PE'),
      filasConError: new Set(r.errores.map((e) => e.fila)).size.toLocaleString('es-PE'),
      errores: r.errores.map(porFila),
      separadorTexto: r.separador === ';' ? 'punto y coma (;)' : 'coma (,)',
      listo: r.simulada && r.errores.length === 0 && r.filas > 0,
      importado: !r.simulada && r.creadas > 0,
    };
  }
}

/** One progress line of the streamed page (numbers only; the CSS shows the last line). */
function pasoDeAvance(p: ProgresoImportacion): string {
  const que = p.fase === 'revision' ? 'Filas revisadas' : 'Entidades guardadas';
  const hechas = p.hechas.toLocaleString('es-PE');
  const total = p.total.toLocaleString('es-PE');
  return `<p class="paso"><span id="paso-${p.fase}-${p.hechas}">${que}: ${hechas} de ${total}</span> <progress max="${Math.max(p.total, 1)}" value="${p.hechas}" aria-labelledby="paso-${p.fase}-${p.hechas}">${hechas} de ${total}</progress></p>\n`;
}

function horaLimite(now: Date): string {
  return formatLimaDateTime(new Date(now.getTime() + PENDIENTE_TTL_S * 1000));
}

function datosEntidad(form: RegistroForm) {
  return {
    codigo: form.codigo,
    nombre: form.nombre,
    ruc: form.ruc,
    tipo: form.tipo,
    nivelGobierno: form.nivelGobierno,
    sector: form.sector,
    ubigeo: form.ubigeo,
    tramo: form.tramo ?? '',
  };
}
