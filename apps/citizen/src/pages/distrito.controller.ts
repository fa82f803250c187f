import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { DomainError, EntradaRechazadaError, FieldError } from '@app/domain';
import { RutasCiudadano } from '@app/platform/links';
import { RateLimited } from '@app/platform/throttling';
import { EntidadPublica, GetEntidadPublicaUseCase } from '@app/reclamos';
import { AttachmentStorage, discardAttachments, ReceivedForm } from '@app/storage';
import { readFiling } from '../filing/read-filing';
import { buildFormViewModel } from './form-view-model';

/**
 * The hoja's departamento → provincia → distrito questions without JavaScript: the «Ver las
 * provincias…» and «Ver los distritos…» buttons post the whole hoja here; it is shown again with
 * everything typed kept (the same submission key) and the next list filled in. Nothing is stored
 * and nothing is validated: only the final «Enviar reclamo» (`POST /e/:codigo`) files. Files chosen
 * in the form are not kept by this step; the page says so.
 */
@ApiExcludeController()
@Controller('e')
export class DistritoController {
  constructor(
    private readonly getEntidad: GetEntidadPublicaUseCase,
    private readonly storage: AttachmentStorage,
  ) {}

  /** A reload or a bookmark of the step's address goes back to the hoja. */
  @Get(':codigo/distrito')
  async volver(@Param('codigo') codigo: string, @Res() reply: FastifyReply) {
    const entidad = await this.getEntidad.execute(codigo);
    return reply.redirect(RutasCiudadano.libro(entidad.codigo), 303);
  }

  @Post(':codigo/distrito')
  @RateLimited('filing')
  async siguientePregunta(@Param('codigo') codigo: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const entidad = await this.getEntidad.execute(codigo);
    let form: ReceivedForm = { fields: {}, attachments: [] };
    let errores: FieldError[] = [];
    try {
      form = await readFiling(request, this.storage);
    } catch (error) {
      if (!(error instanceof DomainError) || error.errores.length === 0) throw error;
      errores = error.errores;
      if (error instanceof EntradaRechazadaError) form = { fields: error.campos, attachments: [] };
    }
    const habiaAdjuntos = form.attachments.length > 0;
    await discardAttachments(form.attachments, this.storage);
    return this.render(reply, entidad, form.fields, errores, habiaAdjuntos);
  }

  // The same page LibroController renders, with the step's notice about files.
  private render(reply: FastifyReply, entidad: EntidadPublica, values: Record<string, unknown>, errors: FieldError[], habiaAdjuntos: boolean) {
    const claveEnvio = typeof values.claveEnvio === 'string' && values.claveEnvio ? values.claveEnvio : randomUUID();
    const modelo = buildFormViewModel(entidad, values, errors, claveEnvio);
    return reply.status(errors.length > 0 ? 422 : 200).view('hoja', {
      titulo: `Libro de Reclamaciones – ${entidad.nombre}`,
      ...modelo,
      ubicacion: {
        ...modelo.ubicacion,
        aviso: habiaAdjuntos ? 'Los archivos que había elegido no se conservaron en este paso: adjúntelos de nuevo antes de enviar.' : '',
      },
    });
  }
}
