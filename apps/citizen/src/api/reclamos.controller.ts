import { Controller, Get, Header, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiGoneResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { IsString, Length } from 'class-validator';
import { Canal, DomainError, SUBSANACION_TEXTO_MAX, SUBSANACION_TEXTO_MIN } from '@app/domain';
import { EnlacesCiudadano } from '@app/platform/links';
import { RateLimited } from '@app/platform/throttling';
import {
  CrearReclamoDto,
  GetRespuestaNotificadaUseCase,
  parseCrearReclamo,
  AccesoSubsanacion,
  ReceiptTokens,
  ResponderSubsanacionUseCase,
  SubmitReclamoUseCase,
  TrackReclamoUseCase,
} from '@app/reclamos';
import { renderRespuestaPdf } from '@app/receipt';
import { AttachmentStorage, discardAttachments } from '@app/storage';
import { fingerprintOf, readFiling } from '../filing/read-filing';
import { sendPdfAttachment } from '../pdf/send-pdf';

class SeguimientoQuery {
  @IsString({ message: 'documento: indique el número de documento con el que presentó el reclamo' })
  @Length(6, 20, { message: 'documento: debe tener entre 6 y 20 caracteres' })
  documento!: string;
}

/** The reply to a request for missing information, as the API documents it (the body is read as it streams, not through a DTO). */
class SubsanacionApiDto {
  @ApiProperty({ description: `La información que pidió la entidad (${SUBSANACION_TEXTO_MIN} a ${SUBSANACION_TEXTO_MAX} caracteres)` })
  texto!: string;

  @ApiPropertyOptional({ description: 'Número de documento con el que se presentó el reclamo (si no envía el token)' })
  documento?: string;

  @ApiPropertyOptional({ description: 'Token de un solo uso del enlace del correo de la solicitud (si no envía el documento)' })
  token?: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', format: 'binary' }, description: 'Archivos de respaldo (20 MB en total, los mismos tipos que al registrar)' })
  adjuntos?: unknown[];
}

@ApiTags('reclamos')
@Controller('api/v1/reclamos')
export class ReclamosApiController {
  constructor(
    private readonly submitReclamo: SubmitReclamoUseCase,
    private readonly trackReclamo: TrackReclamoUseCase,
    private readonly getRespuesta: GetRespuestaNotificadaUseCase,
    private readonly responderSubsanacion: ResponderSubsanacionUseCase,
    private readonly storage: AttachmentStorage,
    private readonly receiptTokens: ReceiptTokens,
    private readonly enlaces: EnlacesCiudadano,
  ) {}

  /**
   * Files a reclamo. JSON, or multipart/form-data with the same fields plus files in
   * `adjuntos` (20 MB in total). Answers 201 only after the reclamo is stored.
   */
  @Post()
  @HttpCode(201)
  // The answer carries the receipt's token: no cache keeps it.
  @Header('cache-control', 'private, no-store')
  @RateLimited('filing')
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({ type: CrearReclamoDto })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repetir con la misma clave devuelve la primera respuesta' })
  @ApiCreatedResponse({ description: 'Código del reclamo, fecha de registro y fecha de vencimiento' })
  async create(@Req() request: FastifyRequest, @Headers('idempotency-key') idempotencyKey?: string) {
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
      throw new DomainError('VALIDATION_FAILED', 'La cabecera Idempotency-Key no es válida.', [
        { campo: 'Idempotency-Key', mensaje: 'use entre 1 y 200 caracteres visibles' },
      ]);
    }
    const form = await readFiling(request, this.storage);
    try {
      const dto = await parseCrearReclamo(form.fields);
      const result = await this.submitReclamo.execute({
        entidadCodigo: dto.entidad,
        hoja: dto,
        adjuntos: form.attachments,
        canal: Canal.VIRTUAL,
        idempotency: idempotencyKey ? { ambito: 'api', clave: idempotencyKey, huella: fingerprintOf(form) } : undefined,
      });
      // A replay stored nothing new: the first request's files are the ones on record.
      if (result.repetido) await discardAttachments(form.attachments, this.storage);
      const token = this.receiptTokens.tokenFor(result.codigo);
      return {
        ...result,
        constanciaUrl: this.enlaces.constancia(result.codigo, token),
        constanciaPdfUrl: this.enlaces.constanciaPdf(result.codigo, token),
        seguimientoUrl: this.enlaces.seguimiento(result.codigo),
      };
    } catch (error) {
      await discardAttachments(form.attachments, this.storage);
      throw error;
    }
  }

  /** The reclamo's state, due date and public timeline; the same 404 for an unknown code or a wrong document. */
  @Get(':codigo')
  // The filer's case (state, timeline, the answer): no shared or disk cache keeps it.
  @Header('cache-control', 'private, no-store')
  @RateLimited('tracking')
  async track(@Param('codigo') codigo: string, @Query() query: SeguimientoQuery) {
    return this.trackReclamo.execute({ codigo, documento: query.documento });
  }

  /**
   * The entity's answer as a PDF (the constancia's look), once it was notified. The same 404 as
   * tracking for an unknown code or a wrong document; a 404 too while there is no notified answer.
   */
  @Get(':codigo/respuesta.pdf')
  @RateLimited('tracking')
  @ApiParam({ name: 'codigo', description: 'Código del reclamo', example: 'MINEDU-2026-000123' })
  @ApiQuery({ name: 'documento', description: 'Número de documento con el que se presentó el reclamo', example: '45871236' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'La respuesta notificada en PDF (adjunto respuesta-<código>.pdf)',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiNotFoundResponse({ description: 'Código o documento que no coinciden, o un reclamo sin respuesta notificada todavía' })
  async respuestaPdf(@Param('codigo') codigo: string, @Query() query: SeguimientoQuery, @Res() reply: FastifyReply) {
    const respuesta = await this.getRespuesta.execute({ codigo, documento: query.documento });
    return sendPdfAttachment(reply, `respuesta-${respuesta.codigo}.pdf`, await renderRespuestaPdf(respuesta));
  }

  /**
   * Answers the entity's request for missing information (subsanación, 2 días hábiles): the text and
   * files are kept with the reclamo and it returns to atención. Once per request; nothing is kept
   * when anything is refused.
   */
  @Post(':codigo/subsanacion')
  @HttpCode(200)
  @RateLimited('filing')
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ type: SubsanacionApiDto })
  @ApiOkResponse({ description: 'Respuesta guardada: estado, fecha máxima de respuesta (movida si el plazo se suspendió) y archivos recibidos' })
  @ApiNotFoundResponse({ description: 'Código, documento o token que no corresponden (la misma respuesta para todos)' })
  @ApiConflictResponse({ description: 'La solicitud ya fue respondida, fue reemplazada por otra o el reclamo no espera información' })
  @ApiGoneResponse({ description: 'Venció el plazo para responder: no se guardó nada; puede presentar un reclamo nuevo' })
  @ApiUnprocessableEntityResponse({ description: 'Texto vacío o fuera de límites, o un archivo de un tipo no permitido (errores por campo)' })
  @ApiPayloadTooLargeResponse({ description: 'Los archivos superan 20 MB en total' })
  async subsanacion(@Param('codigo') codigo: string, @Req() request: FastifyRequest) {
    // A file refused as it streams in is refused for anyone (it tells nothing of the reclamo), before the access is checked.
    const form = await readFiling(request, this.storage);
    try {
      const acceso: AccesoSubsanacion = form.fields.token ? { token: form.fields.token } : { documento: form.fields.documento ?? '' };
      return await this.responderSubsanacion.execute({ codigo, acceso, texto: form.fields.texto, adjuntos: form.attachments, ip: request.ip });
    } catch (error) {
      await discardAttachments(form.attachments, this.storage);
      throw error;
    }
  }
}
