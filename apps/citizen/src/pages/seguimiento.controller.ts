import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DomainError, SUBSANACION_TEXTO_MAX, SUBSANACION_TEXTO_MIN } from '@app/domain';
import { RateLimited } from '@app/platform/throttling';
import { RutasCiudadano } from '@app/platform/links';
import { GetRespuestaNotificadaUseCase, ReceiptTokens, TrackReclamoUseCase } from '@app/reclamos';
import { renderRespuestaPdf } from '@app/receipt';
import { sendPdfAttachment } from '../pdf/send-pdf';

class SeguimientoForm {
  @IsOptional()
  @IsString({ message: 'codigo: escriba el código del reclamo' })
  @MaxLength(40, { message: 'codigo: es demasiado largo' })
  codigo?: string;

  @IsOptional()
  @IsString({ message: 'documento: escriba su número de documento' })
  @MaxLength(20, { message: 'documento: es demasiado largo' })
  documento?: string;
}

/**
 * The citizen follows a reclamo with its code and their document number. The look-up is a
 * POST so the document number never sits in an address, a log or a browser history.
 */
@ApiExcludeController()
@Controller('seguimiento')
export class SeguimientoController {
  constructor(
    private readonly trackReclamo: TrackReclamoUseCase,
    private readonly getRespuesta: GetRespuestaNotificadaUseCase,
    private readonly receiptTokens: ReceiptTokens,
  ) {}

  @Get()
  form(@Query('codigo') codigo: string | undefined, @Res() reply: FastifyReply) {
    return reply.view('seguimiento', { titulo: 'Seguimiento de su reclamo', codigo: (codigo ?? '').slice(0, 40) });
  }

  @Post()
  @HttpCode(200)
  @RateLimited('tracking')
  async lookup(@Body() body: SeguimientoForm, @Res() reply: FastifyReply) {
    const { codigo, documento, errores } = readForm(body);
    if (errores.length > 0) {
      return reply.status(422).view('seguimiento', { titulo: 'Revise los datos – Seguimiento de su reclamo', codigo, documento, errores });
    }
    try {
      const reclamo = await this.trackReclamo.execute({ codigo, documento });
      // Whoever holds the code and the filer's document may open the receipt too.
      const constanciaUrl = RutasCiudadano.constancia(reclamo.codigo, this.receiptTokens.tokenFor(reclamo.codigo));
      // Once the answer is notified, the survey, until the citizen answers it.
      const encuestaUrl =
        reclamo.respuesta && !reclamo.respuesta.encuestaRespondida
          ? RutasCiudadano.encuesta(reclamo.codigo, this.receiptTokens.tokenFor(reclamo.codigo, 'encuesta'))
          : null;
      // While the request is open, the reply form, posting with the request's single-use link (the holder of code and document may have it).
      const subsanacionForm =
        reclamo.subsanacion && !reclamo.subsanacion.vencida
          ? {
              action: RutasCiudadano.subsanacion(reclamo.codigo, this.receiptTokens.tokenForSubsanacion(reclamo.codigo, reclamo.subsanacion.solicitudId)),
              texto: '',
              errors: {},
              min: SUBSANACION_TEXTO_MIN,
              max: SUBSANACION_TEXTO_MAX,
            }
          : null;
      return reply
        .header('cache-control', 'private, no-store')
        .header('referrer-policy', 'no-referrer')
        // The document goes back only into the hidden field of the answer's download form (a POST body).
        .view('seguimiento', {
          titulo: `Seguimiento del reclamo ${reclamo.codigo}`,
          codigo,
          documentoRespuesta: documento,
          reclamo,
          constanciaUrl,
          encuestaUrl,
          subsanacionForm,
        });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'RECLAMO_NOT_FOUND') throw error;
      return reply.status(404).view('seguimiento', { titulo: 'No encontrado – Seguimiento de su reclamo', codigo, documento, noEncontrado: error.message });
    }
  }

  /**
   * The answer's PDF, from the tracking page's button: code and document come in the form's body
   * (hidden fields), so the document never sits in an address. The same 404 page as the look-up.
   */
  @Post('respuesta.pdf')
  @HttpCode(200)
  @RateLimited('tracking')
  async respuestaPdf(@Body() body: SeguimientoForm, @Res() reply: FastifyReply) {
    const { codigo, documento, errores } = readForm(body);
    if (errores.length > 0) {
      return reply.status(422).view('seguimiento', { titulo: 'Revise los datos – Seguimiento de su reclamo', codigo, documento, errores });
    }
    try {
      const respuesta = await this.getRespuesta.execute({ codigo, documento });
      return sendPdfAttachment(reply, `respuesta-${respuesta.codigo}.pdf`, await renderRespuestaPdf(respuesta));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'RECLAMO_NOT_FOUND') throw error;
      return reply.status(404).view('seguimiento', { titulo: 'No encontrado – Seguimiento de su reclamo', codigo, noEncontrado: error.message });
    }
  }
}

/** The code and document of a tracking form, trimmed, and what is missing, named for the page. */
function readForm(body: SeguimientoForm): { codigo: string; documento: string; errores: Array<{ campo: string; etiqueta: string; mensaje: string }> } {
  const codigo = (body.codigo ?? '').trim();
  const documento = (body.documento ?? '').trim();
  const errores: Array<{ campo: string; etiqueta: string; mensaje: string }> = [];
  if (!codigo) errores.push({ campo: 'codigo', etiqueta: 'Código del reclamo', mensaje: 'escriba el código que figura en su constancia' });
  if (!documento) errores.push({ campo: 'documento', etiqueta: 'Número de documento', mensaje: 'escriba el número de documento con el que presentó el reclamo' });
  return { codigo, documento, errores };
}
