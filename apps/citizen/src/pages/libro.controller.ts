import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Canal, DomainError, EntradaRechazadaError, FieldError } from '@app/domain';
import { RateLimited } from '@app/platform/throttling';
import {
  EntidadPublica,
  GetEntidadPublicaUseCase,
  HojaReclamacionDto,
  parseHoja,
  ReceiptTokens,
  SubmitReclamoUseCase,
} from '@app/reclamos';
import { AttachmentStorage, discardAttachments, ReceivedForm } from '@app/storage';
import { fingerprintOf, readFiling } from '../filing/read-filing';
import { buildFormViewModel } from './form-view-model';
import { RutasCiudadano } from '@app/platform/links';

/** An entity's Libro de Reclamaciones: its public page with the hoja, working without JavaScript. */
@ApiExcludeController()
@Controller('e')
export class LibroController {
  constructor(
    private readonly getEntidad: GetEntidadPublicaUseCase,
    private readonly submitReclamo: SubmitReclamoUseCase,
    private readonly storage: AttachmentStorage,
    private readonly receiptTokens: ReceiptTokens,
  ) {}

  @Get(':codigo')
  async form(@Param('codigo') codigo: string, @Res() reply: FastifyReply) {
    const entidad = await this.getEntidad.execute(codigo);
    return this.renderForm(reply, entidad, {}, [], 200);
  }

  @Post(':codigo')
  @RateLimited('filing')
  async submit(@Param('codigo') codigo: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const entidad = await this.getEntidad.execute(codigo);
    let form: ReceivedForm = { fields: {}, attachments: [] };
    try {
      form = await readFiling(request, this.storage);
      const hoja = await parseHoja(HojaReclamacionDto, form.fields);
      const result = await this.submitReclamo.execute({
        entidadCodigo: entidad.codigo,
        hoja,
        adjuntos: form.attachments,
        canal: Canal.VIRTUAL,
        // A double-clicked button posts the same form key twice: the second gets the first's receipt.
        idempotency: hoja.claveEnvio
          ? { ambito: 'form', clave: `${entidad.codigo}:${hoja.claveEnvio}`, huella: fingerprintOf(form) }
          : undefined,
      });
      if (result.repetido) await discardAttachments(form.attachments, this.storage);
      const token = this.receiptTokens.tokenFor(result.codigo);
      return reply.redirect(RutasCiudadano.constancia(result.codigo, token), 303);
    } catch (error) {
      await discardAttachments(form.attachments, this.storage);
      if (!(error instanceof DomainError) || error.errores.length === 0 || error.code === 'ENTIDAD_NOT_FOUND') throw error;
      const status = error.code === 'ATTACHMENT_TOO_LARGE' ? 413 : 422;
      // Refused at the door, the form was still read whole: show the citizen's text again, never an empty hoja.
      const values = error instanceof EntradaRechazadaError ? error.campos : form.fields;
      return this.renderForm(reply, entidad, values, error.errores, status);
    }
  }

  private renderForm(reply: FastifyReply, entidad: EntidadPublica, values: Record<string, unknown>, errors: FieldError[], status: number) {
    const claveEnvio = typeof values.claveEnvio === 'string' && values.claveEnvio ? values.claveEnvio : randomUUID();
    const titulo = errors.length > 0 ? `Revise los datos – Libro de Reclamaciones – ${entidad.nombre}` : `Libro de Reclamaciones – ${entidad.nombre}`;
    return reply.status(status).view('hoja', { titulo, ...buildFormViewModel(entidad, values, errors, claveEnvio) });
  }
}
