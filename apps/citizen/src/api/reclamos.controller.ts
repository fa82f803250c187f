import { Controller, Get, Header, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { IsString, Length } from 'class-validator';
import { Canal, DomainError } from '@app/domain';
import { EnlacesCiudadano } from '@app/platform/links';
import { RateLimited } from '@app/platform/throttling';
import {
  CrearReclamoDto,
  parseCrearReclamo,
  ReceiptTokens,
  SubmitReclamoUseCase,
  TrackReclamoUseCase,
} from '@app/reclamos';
import { AttachmentStorage, discardAttachments } from '@app/storage';
import { fingerprintOf, readFiling } from '../filing/read-filing';

class SeguimientoQuery {
  @IsString({ message: 'documento: indique el número de documento con el que presentó el reclamo' })
  @Length(6, 20, { message: 'documento: debe tener entre 6 y 20 caracteres' })
  documento!: string;
}

@ApiTags('reclamos')
@Controller('api/v1/reclamos')
export class ReclamosApiController {
  constructor(
    private readonly submitReclamo: SubmitReclamoUseCase,
    private readonly trackReclamo: TrackReclamoUseCase,
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
}
