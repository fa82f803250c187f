import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, EntradaRechazadaError, FieldError, SUBSANACION_TEXTO_MAX, SUBSANACION_TEXTO_MIN } from '@app/domain';
import { RutasCiudadano } from '@app/platform/links';
import { RateLimited } from '@app/platform/throttling';
import { GetSubsanacionUseCase, ResponderSubsanacionUseCase, SituacionSubsanacion, SubsanacionParaResponder, SubsanacionRespondida } from '@app/reclamos';
import { AttachmentStorage, discardAttachments, ReceivedForm } from '@app/storage';
import { readFiling } from '../filing/read-filing';

const ETIQUETAS: Readonly<Record<string, string>> = {
  texto: 'La información que le pidieron',
  adjuntos: 'Archivos de respaldo',
};

/** What a link that cannot take a reply answers: the page says why, with the status an API would get. */
const STATUS_DE: Readonly<Record<SituacionSubsanacion, number>> = {
  abierta: 200,
  respondida: 409,
  reemplazada: 409,
  sin_pedido: 409,
  vencida: 410,
};

/**
 * The citizen answers a request for missing information online, from the single-use link of the
 * request e-mail or from the tracking page (which gives the same link after code and document).
 * One multipart form: it works without JavaScript, and the files go through the same checks and
 * 20 MB budget as a filing. Nothing is kept when anything is refused.
 */
@ApiExcludeController()
@Controller('subsanacion')
export class SubsanacionController {
  constructor(
    private readonly getSubsanacion: GetSubsanacionUseCase,
    private readonly responder: ResponderSubsanacionUseCase,
    private readonly storage: AttachmentStorage,
  ) {}

  @Get()
  async form(@Query('codigo') codigo: string | undefined, @Query('token') token: string | undefined, @Res() reply: FastifyReply) {
    const sub = await this.getSubsanacion.execute({ codigo: codigo ?? '', acceso: { token: token ?? '' } });
    return this.render(reply, STATUS_DE[sub.situacion], sub, token ?? '', {});
  }

  @Post()
  @RateLimited('filing')
  async submit(
    @Query('codigo') codigoDado: string | undefined,
    @Query('token') tokenDado: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const codigo = codigoDado ?? '';
    const token = tokenDado ?? '';
    let form: ReceivedForm = { fields: {}, attachments: [] };
    try {
      form = await readFiling(request, this.storage);
      const hecho = await this.responder.execute({ codigo, acceso: { token }, texto: form.fields.texto, adjuntos: form.attachments, ip: request.ip });
      const sub = await this.getSubsanacion.execute({ codigo, acceso: { token } });
      return this.render(reply, 200, sub, token, { enviada: hecho });
    } catch (error) {
      await discardAttachments(form.attachments, this.storage);
      if (!(error instanceof DomainError) || error.code === 'RECLAMO_NOT_FOUND') throw error;
      // A file refused as it streamed in says nothing of the link: the link decides first (404, answered, over).
      const sub = await this.getSubsanacion.execute({ codigo, acceso: { token } });
      if (sub.situacion !== 'abierta' || error.errores.length === 0) return this.render(reply, STATUS_DE[sub.situacion], sub, token, {});
      const status = error.code === 'ATTACHMENT_TOO_LARGE' ? 413 : 422;
      // Refused at the door (a control character, say), the form was still read whole: give the citizen's text back.
      const campos = error instanceof EntradaRechazadaError ? error.campos : form.fields;
      const texto = typeof campos.texto === 'string' ? campos.texto : '';
      return this.render(reply, status, sub, token, { errores: error.errores, texto });
    }
  }

  private render(
    reply: FastifyReply,
    status: number,
    sub: SubsanacionParaResponder,
    token: string,
    extra: { enviada?: SubsanacionRespondida; errores?: FieldError[]; texto?: string },
  ) {
    const errores = (extra.errores ?? []).map((e) => ({ ...e, etiqueta: ETIQUETAS[e.campo] ?? e.campo }));
    const errors = Object.fromEntries(errores.map((e) => [e.campo, e.mensaje]));
    return reply
      .status(status)
      .header('cache-control', 'private, no-store')
      .header('referrer-policy', 'no-referrer')
      .view('subsanacion', {
        titulo: `${errores.length > 0 ? 'Revise los datos – ' : ''}Complete la información de su reclamo ${sub.codigo}`,
        sub,
        enviada: extra.enviada ?? null,
        errores,
        form: { action: RutasCiudadano.subsanacion(sub.codigo, token), texto: extra.texto ?? '', errors, min: SUBSANACION_TEXTO_MIN, max: SUBSANACION_TEXTO_MAX },
        seguimientoUrl: RutasCiudadano.seguimiento(sub.codigo),
      });
  }
}
