import { Body, Controller, createParamDecorator, Delete, ExecutionContext, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Req, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiCookieAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { FastifyRequest } from 'fastify';
import { DomainError } from '@app/domain';
import {
  AbrirSiguienteAccionUseCase,
  AddActividadUseCase,
  AddAvanceUseCase,
  AddIndicadorUseCase,
  AMBITOS_CONTROL,
  AMBITOS_MEDICION,
  AvanzarFaseUseCase,
  CreateAccionMejoraUseCase,
  DownloadEvidenciaUseCase,
  FASES,
  FRECUENCIAS,
  FUENTES,
  GetAccionMejoraUseCase,
  ListAccionesMejoraUseCase,
  RemoveActividadUseCase,
  RemoveIndicadorUseCase,
  UpdateAccionMejoraUseCase,
} from '@app/mejora';
import { clientIp } from '@app/platform/http';
import { StaffSession, StaffUser } from '@app/staff';
import { AttachmentStorage, discardAttachments, ReceivedAttachment } from '@app/storage';
import { CsrfInMultipartFields, CurrentSession, CurrentUser, SessionGuard } from '../auth/session';
import { readEvidenceUpload } from '../uploads/read-evidence-upload';

const ClientIp = createParamDecorator((_: unknown, context: ExecutionContext): string => clientIp(context.switchToHttp().getRequest<FastifyRequest>()));
const notFound = () => new DomainError('ACCION_MEJORA_NOT_FOUND', 'No existe esa acción de mejora en su entidad.');
const AccionId = new ParseUUIDPipe({ exceptionFactory: notFound });
const ElementoId = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('ACCION_MEJORA_NOT_FOUND', 'No existe ese elemento en la acción de mejora.') });

/*
 * The bodies only list their fields (for the OpenAPI page and the strict pipe): the use cases check
 * every value and name the wrong field in Spanish, the same for the API and the pages.
 */
class AccionMejoraDto {
  @ApiProperty({ example: 'Reducir la espera en la sede central' }) @Allow() titulo?: unknown;
  @ApiProperty({ description: 'El problema, con lo que muestran los reclamos' }) @Allow() problema?: unknown;
  @ApiPropertyOptional({ description: 'Análisis causal (p. ej. espina de pescado, cinco porqués)' }) @Allow() analisisCausal?: unknown;
  @ApiPropertyOptional({ type: [String], description: 'Las alternativas de solución consideradas' }) @Allow() alternativas?: unknown;
  @ApiPropertyOptional({ description: 'Número (desde 1) de la alternativa seleccionada' }) @Allow() alternativaSeleccionada?: unknown;
  @ApiPropertyOptional({ format: 'uuid', description: 'Unidad orgánica responsable' }) @Allow() unidadId?: unknown;
  @ApiPropertyOptional({ type: [String], description: 'Aspectos (primer nivel) del problema' }) @Allow() aspectos?: unknown;
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) @Allow() sedeIds?: unknown;
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) @Allow() servicioIds?: unknown;
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) @Allow() temaIds?: unknown;
  @ApiPropertyOptional({ type: [String], description: 'Códigos de reclamos de la entidad que ejemplifican el problema' }) @Allow() reclamos?: unknown;
}

class FaseDto {
  @ApiProperty({ enum: FASES, description: 'La fase siguiente (una a la vez, solo hacia adelante)' }) @Allow() fase?: unknown;
}

class ActividadDto {
  @ApiProperty() @Allow() descripcion?: unknown;
  @ApiProperty({ example: '1500.00', description: 'Soles, hasta dos decimales' }) @Allow() costoUnitario?: unknown;
  @ApiProperty({ example: '2' }) @Allow() cantidad?: unknown;
}

class IndicadorDto {
  @ApiProperty() @Allow() denominacion?: unknown;
  @ApiProperty({ example: 'reclamos' }) @Allow() unidadMedida?: unknown;
  @ApiProperty({ enum: FRECUENCIAS }) @Allow() frecuencia?: unknown;
  @ApiProperty({ example: 2025 }) @Allow() lineaBaseAnio?: unknown;
  @ApiProperty({ example: '120' }) @Allow() lineaBaseValor?: unknown;
  @ApiProperty() @Allow() medioVerificacion?: unknown;
  @ApiProperty({ enum: AMBITOS_MEDICION }) @Allow() ambitoMedicion?: unknown;
  @ApiProperty({ enum: AMBITOS_CONTROL }) @Allow() ambitoControl?: unknown;
  @ApiPropertyOptional({
    enum: FUENTES,
    description:
      'Serie que mide la plataforma: sus valores por periodo (fechas de Lima) son los de las cifras de la entidad (/api/v1/cifras) para las mismas fechas y filtros. ' +
      'Recibidos: por fecha de registro, anulados incluidos; en plazo: % de respuestas notificadas en el periodo dentro de los 30 días hábiles de ley; satisfacción: promedio de 1 a 5.',
  })
  @Allow()
  fuente?: unknown;
  @ApiPropertyOptional({ format: 'uuid', description: 'Solo con «fuente»: cuenta únicamente los reclamos de esta sede de la entidad' }) @Allow() sedeId?: unknown;
  @ApiPropertyOptional({ format: 'uuid', description: 'Solo con «fuente»: cuenta únicamente los reclamos de esta unidad orgánica de la entidad' }) @Allow() unidadId?: unknown;
  @ApiProperty({ type: [String], example: ['100', '90', '80', '70'], description: 'Metas de los cuatro años siguientes al de la línea de base' }) @Allow() metas?: unknown;
}

/**
 * Acciones de mejora (issue #11): the entity's improvement actions after the SGP's Lineamientos.
 * Responsables record and change them; the titular de la entidad approves them; officers read.
 * Coordinators and administrators: 403. Another entity's action: 404. Rules live in @app/mejora.
 */
@ApiTags('acciones-mejora')
@ApiCookieAuth('sesion')
@Controller('api/v1/acciones-mejora')
@UseGuards(SessionGuard)
export class AccionesMejoraController {
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
    private readonly downloadEvidencia: DownloadEvidenciaUseCase,
    private readonly storage: AttachmentStorage,
    private readonly sessionGuard: SessionGuard,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Las acciones de mejora de la entidad' })
  async index(@CurrentUser() user: StaffUser, @ClientIp() ip: string) {
    return { acciones: await this.list.execute({ actor: user, ip }) };
  }

  @Post()
  @ApiOperation({ summary: 'Registrar una acción de mejora (queda en diseño)' })
  async crear(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Body() body: AccionMejoraDto) {
    return this.create.execute({ actor: user, ip, datos: body });
  }

  @Get(':id')
  @ApiOperation({ summary: 'La acción: diseño, fases con fechas, actividades con costos, indicadores con metas y valores medidos, avances' })
  async detalle(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', AccionId) id: string) {
    return this.get.execute({ actor: user, ip, accionId: id });
  }

  @Put(':id')
  @ApiOperation({ summary: 'Reemplazar el diseño (solo en la fase de diseño)' })
  async modificar(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', AccionId) id: string, @Body() body: AccionMejoraDto) {
    return this.update.execute({ actor: user, ip, accionId: id, datos: body });
  }

  @Post(':id/fase')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pasar a la fase siguiente (la aprobación, solo el titular de la entidad)' })
  async fase(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', AccionId) id: string, @Body() body: FaseDto) {
    return this.avanzar.execute({ actor: user, ip, accionId: id, fase: body.fase });
  }

  @Post(':id/siguiente')
  @ApiOperation({ summary: 'Desde la evaluación, abrir una nueva acción vinculada (el ciclo se repite)' })
  async siguiente(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', AccionId) id: string) {
    return this.abrirSiguiente.execute({ actor: user, ip, accionId: id });
  }

  @Post(':id/actividades')
  @ApiOperation({ summary: 'Agregar una actividad (el costo total = costo unitario × cantidad lo calcula la plataforma)' })
  async actividad(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', AccionId) id: string, @Body() body: ActividadDto) {
    return this.addActividad.execute({ actor: user, ip, accionId: id, datos: body });
  }

  @Delete(':id/actividades/:actividadId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Quitar una actividad (solo en diseño)' })
  async quitarActividad(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', AccionId) id: string, @Param('actividadId', ElementoId) actividadId: string) {
    await this.removeActividad.execute({ actor: user, ip, accionId: id, elementoId: actividadId });
  }

  @Post(':id/indicadores')
  @ApiOperation({ summary: 'Agregar un indicador con su línea de base y las metas de cuatro años' })
  async indicador(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', AccionId) id: string, @Body() body: IndicadorDto) {
    return this.addIndicador.execute({ actor: user, ip, accionId: id, datos: body });
  }

  @Delete(':id/indicadores/:indicadorId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Quitar un indicador (solo en diseño)' })
  async quitarIndicador(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', AccionId) id: string, @Param('indicadorId', ElementoId) indicadorId: string) {
    await this.removeIndicador.execute({ actor: user, ip, accionId: id, elementoId: indicadorId });
  }

  @Post(':id/avances')
  @CsrfInMultipartFields()
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary: 'Registrar un avance con sus evidencias',
    description: 'multipart/form-data: «descripcion» y los archivos «evidencias» (PDF o imágenes, hasta 20 MB en total). También JSON sin archivos.',
  })
  async avance(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @ClientIp() ip: string, @Param('id', AccionId) id: string, @Req() request: FastifyRequest) {
    let evidencias: ReceivedAttachment[] = [];
    try {
      const upload = await readEvidenceUpload(request, this.storage, { guard: this.sessionGuard, session });
      evidencias = upload.evidencias;
      return await this.addAvance.execute({ actor: user, ip, accionId: id, descripcion: upload.fields.descripcion, evidencias });
    } catch (error) {
      await discardAttachments(evidencias, this.storage);
      throw error;
    }
  }

  @Get(':id/evidencias/:evidenciaId')
  @ApiOperation({ summary: 'Descargar una evidencia (la descarga queda registrada)' })
  async evidencia(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('id', AccionId) id: string, @Param('evidenciaId', ElementoId) evidenciaId: string) {
    const file = await this.downloadEvidencia.execute({ actor: user, ip, accionId: id, evidenciaId });
    return new StreamableFile(file.contenido, {
      type: file.tipoMime,
      length: file.bytes,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(file.nombre)}`,
    });
  }
}
