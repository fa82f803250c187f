import {
  Body,
  Controller,
  createParamDecorator,
  ExecutionContext,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ApiBody, ApiConsumes, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { clientIp } from '@app/platform/http';
import {
  AddNotaInternaUseCase,
  AnnulReclamoUseCase,
  ApproveRespuestaUseCase,
  AprobarYNotificarUseCase,
  ArchiveReclamoUseCase,
  AssignReclamoUseCase,
  AdjuntoDescarga,
  DownloadAdjuntoUseCase,
  DraftRespuestaUseCase,
  ExportBandejaCsvUseCase,
  GetReclamoUseCase,
  ListBandejaUseCase,
  MarkRespondidoUseCase,
  NotifyRespuestaUseCase,
  ReconducirReclamoUseCase,
  RecordSubsanacionUseCase,
  RegisterHojaFisicaUseCase,
  RequestSubsanacionUseCase,
  ReturnRespuestaUseCase,
  TrasladarReclamoUseCase,
} from '@app/atencion';
import { DomainError, ValidationFailedError } from '@app/domain';
import { forbiddenPropertyMessage, toFieldErrors } from '@app/platform/errors';
import { parseHoja } from '@app/reclamos';
import { StaffSession, StaffUser } from '@app/staff';
import { AttachmentStorage, discardAttachments } from '@app/storage';
import { CsrfInMultipartFields, CurrentSession, CurrentUser, SessionGuard } from '../../auth/session';
import { readScanUpload, ScanUpload } from '../../uploads/read-scan-upload';
import {
  AnularDto,
  ArchivarDto,
  AsignarDto,
  BandejaQueryDto,
  DevolverDto,
  HojaFisicaDto,
  NotaDto,
  NotificarDto,
  ReconducirDto,
  RespuestaDto,
  SubsanacionDto,
  SubsanacionRecibidaDto,
  TrasladarDto,
} from './reclamos.dto';

/** The client's address for the audit trail (Fastify honours X-Forwarded-For behind the proxy: trustProxy). */
const ClientIp = createParamDecorator((_: unknown, context: ExecutionContext): string => clientIp(context.switchToHttp().getRequest<FastifyRequest>()));

/** A malformed id is a reclamo that does not exist, never a 400 that tells ids apart. */
const ReclamoId = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('RECLAMO_NOT_FOUND', 'No existe ese reclamo en su entidad.') });
const AdjuntoId = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('RECLAMO_NOT_FOUND', 'No existe ese adjunto en los casos de su entidad.') });

/** The global pipe cannot see a multipart body: the same strict rules, applied to the fields read from it. */
async function parseNotificar(fields: Record<string, unknown>): Promise<NotificarDto> {
  const dto = plainToInstance(NotificarDto, fields);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true, validationError: { target: false, value: false } });
  if (errors.length > 0) {
    throw new ValidationFailedError(toFieldErrors(errors).map((e) => (e.mensaje.includes('should not exist') ? { ...e, mensaje: forbiddenPropertyMessage() } : e)));
  }
  return dto;
}

/** Scope of every command: the signed-in staff member's own entity (the use cases refuse roles without one). */
function scope(user: StaffUser, ip: string) {
  return { actor: user, entidadId: user.entidadId ?? '', ip };
}

@ApiTags('bandeja')
@ApiCookieAuth('sesion')
@Controller('api/v1')
@UseGuards(SessionGuard)
export class BandejaController {
  constructor(
    private readonly listBandeja: ListBandejaUseCase,
    private readonly exportCsv: ExportBandejaCsvUseCase,
  ) {}

  @Get('bandeja')
  @ApiOperation({
    summary: 'Bandeja de casos de la entidad: filtros, orden, paginación y conteo por estado',
    description:
      'Orden: `orden` (codigo, registro, vence, estado, asignado; por defecto vence) y `dir` (asc o desc; por defecto asc), desempate por ' +
      'código; las páginas (`pagina`, `porPagina`, desplazamiento) conservan el orden y los filtros. Un valor fuera de la lista responde ' +
      '422 nombrando el campo, sin consultar nada. Fechas: días de Lima; `diasHabilesRestantes` en días hábiles del calendario de la entidad.',
  })
  async list(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Query() query: BandejaQueryDto) {
    return this.listBandeja.execute({ ...scope(user, ip), filtros: { ...query } });
  }

  @Get('bandeja.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="bandeja.csv"')
  @ApiOperation({ summary: 'La bandeja filtrada en CSV (sin datos personales del ciudadano)' })
  async csv(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Query() query: BandejaQueryDto) {
    return this.exportCsv.execute({ ...scope(user, ip), filtros: { ...query } });
  }
}

@ApiTags('casos')
@ApiCookieAuth('sesion')
@Controller('api/v1/casos')
@UseGuards(SessionGuard)
export class ReclamosController {
  constructor(
    private readonly getReclamo: GetReclamoUseCase,
    private readonly downloadAdjunto: DownloadAdjuntoUseCase,
    private readonly assign: AssignReclamoUseCase,
    private readonly requestSubsanacion: RequestSubsanacionUseCase,
    private readonly recordSubsanacion: RecordSubsanacionUseCase,
    private readonly reconducir: ReconducirReclamoUseCase,
    private readonly trasladar: TrasladarReclamoUseCase,
    private readonly draft: DraftRespuestaUseCase,
    private readonly approve: ApproveRespuestaUseCase,
    private readonly approveAndNotify: AprobarYNotificarUseCase,
    private readonly sendBack: ReturnRespuestaUseCase,
    private readonly markRespondido: MarkRespondidoUseCase,
    private readonly notify: NotifyRespuestaUseCase,
    private readonly archive: ArchiveReclamoUseCase,
    private readonly annul: AnnulReclamoUseCase,
    private readonly addNota: AddNotaInternaUseCase,
    private readonly registerHojaFisica: RegisterHojaFisicaUseCase,
    private readonly storage: AttachmentStorage,
    private readonly sessionGuard: SessionGuard,
  ) {}

  @Post('hoja-fisica')
  @CsrfInMultipartFields()
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary: 'Registrar una hoja del libro de reclamaciones físico (el plazo se cuenta desde su fecha)',
    description: 'multipart/form-data: los campos de HojaFisicaDto y el archivo «escaneo» (PDF o imagen, hasta 20 MB), obligatorio.',
  })
  async hojaFisica(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @ClientIp() ip: string, @Req() request: FastifyRequest) {
    let upload: ScanUpload = { fields: {} };
    try {
      upload = await readScanUpload(request, this.storage, { guard: this.sessionGuard, session }, 'escaneo');
      const { numeroHojaFisica, fechaHoja, ...hoja } = await parseHoja(HojaFisicaDto, upload.fields);
      return await this.registerHojaFisica.execute({ ...scope(user, ip), hoja, numeroHojaFisica, fechaHoja, escaneo: upload.escaneo });
    } catch (error) {
      await discardAttachments(upload.escaneo ? [upload.escaneo] : [], this.storage);
      throw error;
    }
  }

  @Get(':id')
  @ApiOperation({ summary: 'El caso: hoja, personas, adjuntos, línea de tiempo, respuesta y plazo (la consulta queda registrada)' })
  async detail(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', ReclamoId) id: string) {
    return this.getReclamo.execute({ ...scope(user, ip), reclamoId: id });
  }

  @Get(':id/adjuntos/:adjuntoId')
  @ApiOperation({ summary: 'Descargar un adjunto (la descarga queda registrada)' })
  async adjunto(
    @CurrentUser() user: StaffUser,
    @ClientIp() ip: string,
    @Param('id', ReclamoId) id: string,
    @Param('adjuntoId', AdjuntoId) adjuntoId: string,
  ) {
    return descarga(await this.downloadAdjunto.execute({ ...scope(user, ip), reclamoId: id, adjuntoId }));
  }

  @Get(':id/adjuntos/:adjuntoId/jpeg')
  @ApiOperation({
    summary: 'Descargar una foto HEIC/HEIF como JPEG (hecha en la primera descarga y guardada junto al original; queda registrada). 404 si el adjunto no es HEIC/HEIF; 422 si la foto no se puede decodificar.',
  })
  async adjuntoJpeg(
    @CurrentUser() user: StaffUser,
    @ClientIp() ip: string,
    @Param('id', ReclamoId) id: string,
    @Param('adjuntoId', AdjuntoId) adjuntoId: string,
  ) {
    return descarga(await this.downloadAdjunto.execute({ ...scope(user, ip), reclamoId: id, adjuntoId, comoJpeg: true }));
  }

  @Post(':id/asignar')
  @HttpCode(200)
  @ApiOperation({ summary: 'Asignar a una unidad y/o un oficial (registrado → en atención)' })
  async asignar(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', ReclamoId) id: string, @Body() body: AsignarDto) {
    return this.assign.execute({ ...scope(user, ip), reclamoId: id, ...body });
  }

  @Post(':id/subsanacion')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pedir subsanación al ciudadano (en atención → observado; 2 días hábiles)' })
  async subsanacion(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', ReclamoId) id: string, @Body() body: SubsanacionDto) {
    return this.requestSubsanacion.execute({ ...scope(user, ip), reclamoId: id, motivo: body.motivo });
  }

  @Post(':id/subsanacion-recibida')
  @HttpCode(200)
  @ApiOperation({ summary: 'Registrar la subsanación recibida (observado → en atención)' })
  async subsanacionRecibida(
    @CurrentUser() user: StaffUser,
    @ClientIp() ip: string,
    @Param('id', ReclamoId) id: string,
    @Body() body: SubsanacionRecibidaDto,
  ) {
    return this.recordSubsanacion.execute({ ...scope(user, ip), reclamoId: id, detalle: body.detalle });
  }

  @Post(':id/reconducir')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reconducir a su canal (registrado → reconducido), con mensaje al ciudadano' })
  async reconducirReclamo(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', ReclamoId) id: string, @Body() body: ReconducirDto) {
    return this.reconducir.execute({ ...scope(user, ip), reclamoId: id, canal: body.canal, mensaje: body.mensaje });
  }

  @Post(':id/trasladar')
  @HttpCode(200)
  @ApiOperation({ summary: 'Trasladar a otra entidad (registrado → trasladado); la otra entidad recibe un caso nuevo' })
  async trasladarReclamo(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', ReclamoId) id: string, @Body() body: TrasladarDto) {
    return this.trasladar.execute({ ...scope(user, ip), reclamoId: id, entidadDestino: body.entidadDestino, motivo: body.motivo });
  }

  @Post(':id/respuesta')
  @HttpCode(200)
  @ApiOperation({ summary: 'Redactar la respuesta: hechos, análisis y medidas adoptadas (opcionalmente desde una plantilla)' })
  async respuesta(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', ReclamoId) id: string, @Body() body: RespuestaDto) {
    return this.draft.execute({ ...scope(user, ip), reclamoId: id, ...body });
  }

  @Post(':id/respuesta/aprobar')
  @HttpCode(200)
  @ApiOperation({ summary: 'Aprobar la respuesta (solo el responsable del libro)' })
  async aprobar(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', ReclamoId) id: string) {
    return this.approve.execute({ ...scope(user, ip), reclamoId: id });
  }

  @Post(':id/respuesta/aprobar-y-notificar')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Aprobar la respuesta (si espera aprobación), marcar respondido y notificarla por correo, en un solo pedido',
    description:
      'Solo si la entidad lo permite (ajuste aprobarYNotificar) y el ciudadano aceptó el correo. Cada paso queda en la línea de tiempo y ' +
      'en la auditoría. Responde {aprobada, estado: "notificacion_en_curso"}: queda notificado cuando el servidor de correo del ciudadano ' +
      'acepta el mensaje (TUO Ley 27444, art. 20.4). 409 si el ajuste está apagado, sin correo o sin respuesta; 403 sin el rol.',
  })
  async aprobarYNotificar(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', ReclamoId) id: string) {
    return this.approveAndNotify.execute({ ...scope(user, ip), reclamoId: id });
  }

  @Post(':id/respuesta/devolver')
  @HttpCode(200)
  @ApiOperation({ summary: 'Devolver la respuesta con comentarios (solo el responsable del libro)' })
  async devolver(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', ReclamoId) id: string, @Body() body: DevolverDto) {
    return this.sendBack.execute({ ...scope(user, ip), reclamoId: id, comentarios: body.comentarios });
  }

  @Post(':id/responder')
  @HttpCode(200)
  @ApiOperation({ summary: 'Marcar respondido con la respuesta aprobada (en atención → respondido)' })
  async responder(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', ReclamoId) id: string) {
    return this.markRespondido.execute({ ...scope(user, ip), reclamoId: id });
  }

  @Post(':id/notificar')
  @HttpCode(200)
  @CsrfInMultipartFields()
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: NotificarDto })
  @ApiOperation({
    summary: 'Notificar la respuesta: por correo si el ciudadano aceptó, si no registrar la entrega postal o presencial',
    description: 'Entrega postal o presencial: multipart/form-data con «medio», «fecha» y el archivo «constancia» (PDF o imagen, hasta 20 MB).',
  })
  async notificar(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @ClientIp() ip: string,
    @Param('id', ReclamoId) id: string,
    @Req() request: FastifyRequest,
  ) {
    let upload: ScanUpload = { fields: {} };
    try {
      upload = await readScanUpload(request, this.storage, { guard: this.sessionGuard, session }, 'constancia');
      const { medio, fecha } = await parseNotificar(upload.fields);
      const result = await this.notify.execute({ ...scope(user, ip), reclamoId: id, medio, fecha, constancia: upload.escaneo });
      // An e-mail notification keeps no proof: a file sent along with it is not kept either.
      if (result.medio === 'email') await discardAttachments(upload.escaneo ? [upload.escaneo] : [], this.storage);
      return result;
    } catch (error) {
      await discardAttachments(upload.escaneo ? [upload.escaneo] : [], this.storage);
      throw error;
    }
  }

  @Post(':id/archivar')
  @HttpCode(200)
  @ApiOperation({ summary: 'Archivar (notificado → archivado; observado → archivado «no subsanado» vencido el plazo)' })
  async archivar(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', ReclamoId) id: string, @Body() body: ArchivarDto) {
    return this.archive.execute({ ...scope(user, ip), reclamoId: id, motivo: body.motivo });
  }

  @Post(':id/anular')
  @HttpCode(200)
  @ApiOperation({ summary: 'Anular un duplicado o una prueba (solo el responsable; nunca se borra)' })
  async anular(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', ReclamoId) id: string, @Body() body: AnularDto) {
    return this.annul.execute({ ...scope(user, ip), reclamoId: id, motivo: body.motivo });
  }

  @Post(':id/notas')
  @ApiOperation({ summary: 'Agregar una nota interna (nunca visible para el ciudadano)' })
  async notas(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', ReclamoId) id: string, @Body() body: NotaDto) {
    return this.addNota.execute({ ...scope(user, ip), reclamoId: id, texto: body.texto });
  }
}

/** A download as the browser saves it, under its own name. */
function descarga(file: AdjuntoDescarga): StreamableFile {
  return new StreamableFile(file.contenido, {
    type: file.tipoMime,
    length: file.bytes ?? undefined,
    disposition: `attachment; filename*=UTF-8''${encodeURIComponent(file.nombre)}`,
  });
}
