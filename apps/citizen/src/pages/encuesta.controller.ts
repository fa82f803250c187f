import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DomainError } from '@app/domain';
import { formatIsoDate } from '@app/platform/http';
import { RutasCiudadano } from '@app/platform/links';
import { COMENTARIO_MAX, GetEncuestaUseCase, PREGUNTAS_ENCUESTA, RESUELTO_OPCIONES, ResponderEncuestaUseCase } from '@app/reclamos';

/** The form's fields as posted (text; the use case checks the values). */
class EncuestaForm {
  @IsOptional() @IsString() @MaxLength(40) codigo?: string;
  @IsOptional() @IsString() @MaxLength(100) t?: string;
  // Bounds against abuse only: what a value may be is the use case's to say, naming the field.
  @IsOptional() @IsString() @MaxLength(100) satisfaccionGeneral?: string;
  @IsOptional() @IsString() @MaxLength(100) rapidez?: string;
  @IsOptional() @IsString() @MaxLength(100) claridad?: string;
  @IsOptional() @IsString() @MaxLength(100) trato?: string;
  @IsOptional() @IsString() @MaxLength(100) resuelto?: string;
  // Longer than the limit so the use case can say how long it may be, in Spanish, naming the field.
  @IsOptional() @IsString() @MaxLength(20_000) comentario?: string;
}

const ETIQUETAS: Record<string, string> = {
  satisfaccionGeneral: 'Satisfacción general',
  rapidez: 'Rapidez',
  claridad: 'Claridad de la respuesta',
  trato: 'Trato y confianza',
  resuelto: '¿Se resolvió su problema?',
  comentario: 'Comentario',
};

/** 1 … 5 as the citizen reads them. */
const ESCALA = [
  { valor: '1', texto: '1 – Muy insatisfecho' },
  { valor: '2', texto: '2 – Insatisfecho' },
  { valor: '3', texto: '3 – Ni satisfecho ni insatisfecho' },
  { valor: '4', texto: '4 – Satisfecho' },
  { valor: '5', texto: '5 – Muy satisfecho' },
];

/**
 * The satisfaction survey after the answer (one per reclamo), from the single-use link of the answer
 * e-mail or of the tracking page. Works without JavaScript: a plain form of radio buttons.
 */
@ApiExcludeController()
@Controller('encuesta')
export class EncuestaController {
  constructor(
    private readonly getEncuesta: GetEncuestaUseCase,
    private readonly responder: ResponderEncuestaUseCase,
  ) {}

  @Get()
  async form(@Query('codigo') codigo: string | undefined, @Query('t') token: string | undefined, @Res() reply: FastifyReply) {
    reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer');
    let encuesta;
    try {
      encuesta = await this.getEncuesta.execute({ codigo: codigo ?? '', token });
    } catch (error) {
      return this.cerrada(reply, (codigo ?? '').trim().toUpperCase(), error);
    }
    return reply.view('encuesta', this.view(encuesta.codigo, token ?? '', {
      entidadNombre: encuesta.entidadNombre,
      respondida: encuesta.respondida,
      cierraEl: formatIsoDate(encuesta.cierraEl),
    }));
  }

  /** Past its window the link is gone (410): the page says until when it was open and leads back to tracking. Anything else is rethrown. */
  private cerrada(reply: FastifyReply, codigo: string, error: unknown) {
    if (!(error instanceof DomainError) || error.code !== 'PLAZO_CERRADO') throw error;
    return reply.status(410).view('encuesta', this.view(codigo, '', { cerrada: error.message }));
  }

  @Post()
  @HttpCode(200)
  async submit(@Body() form: EncuestaForm, @Res() reply: FastifyReply) {
    const codigo = (form.codigo ?? '').trim().toUpperCase();
    const token = form.t ?? '';
    reply.header('cache-control', 'private, no-store');
    try {
      await this.responder.execute({ codigo, token, respuestas: form });
      return reply.view('encuesta', this.view(codigo, token, { gracias: true }));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'PLAZO_CERRADO') return this.cerrada(reply, codigo, error);
      if (error.code === 'CONFLICT') return reply.status(409).view('encuesta', this.view(codigo, token, { respondida: true }));
      if (error.code !== 'VALIDATION_FAILED') throw error;
      const errores = error.errores.map((e) => ({ ...e, etiqueta: ETIQUETAS[e.campo] ?? e.campo }));
      const { entidadNombre, cierraEl } = await this.getEncuesta.execute({ codigo, token });
      return reply.status(422).view('encuesta', this.view(codigo, token, { entidadNombre, errores, valores: form, cierraEl: formatIsoDate(cierraEl) }));
    }
  }

  private view(codigo: string, token: string, extra: Record<string, unknown>): Record<string, unknown> {
    const valores = (extra.valores ?? {}) as Record<string, string | undefined>;
    const errores = (extra.errores ?? []) as Array<{ campo: string; mensaje: string }>;
    const errorDe = (campo: string) => errores.find((e) => e.campo === campo)?.mensaje;
    return {
      titulo: `${extra.errores ? 'Revise los datos – ' : ''}Encuesta de satisfacción – reclamo ${codigo}`,
      codigo,
      token,
      preguntas: PREGUNTAS_ENCUESTA.map((p) => ({
        ...p,
        error: errorDe(p.campo),
        opciones: ESCALA.map((o) => ({ ...o, marcada: valores[p.campo] === o.valor })),
      })),
      resuelto: {
        error: errorDe('resuelto'),
        opciones: Object.entries(RESUELTO_OPCIONES).map(([valor, texto]) => ({ valor, texto, marcada: valores.resuelto === valor })),
      },
      comentario: { valor: valores.comentario ?? '', error: errorDe('comentario'), max: COMENTARIO_MAX },
      seguimientoUrl: RutasCiudadano.seguimiento(codigo),
      ...extra,
    };
  }
}
