import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { CalendarError } from '@app/calendar';
import { DomainError, DomainErrorCode, FieldError } from '@app/domain';
import { withoutSecretsInUrl } from '../logging/redact-request';
import { fallaDelCuerpo } from './fastify-errors';

/** The one map from domain error codes to HTTP statuses. */
const STATUS_OF: Readonly<Record<DomainErrorCode, number>> = {
  VALIDATION_FAILED: HttpStatus.UNPROCESSABLE_ENTITY,
  ENTIDAD_NOT_FOUND: HttpStatus.NOT_FOUND,
  RECLAMO_NOT_FOUND: HttpStatus.NOT_FOUND,
  DIA_NO_LABORABLE_NOT_FOUND: HttpStatus.NOT_FOUND,
  INVALID_TRANSITION: HttpStatus.CONFLICT,
  IDEMPOTENCY_CONFLICT: HttpStatus.UNPROCESSABLE_ENTITY,
  ATTACHMENT_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  ATTACHMENT_TYPE_NOT_ALLOWED: HttpStatus.UNPROCESSABLE_ENTITY,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  CONFLICT: HttpStatus.CONFLICT,
  SIGN_IN_LOCKED: HttpStatus.TOO_MANY_REQUESTS,
  CSRF_INVALID: HttpStatus.FORBIDDEN,
  USUARIO_NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFIGURACION_NOT_FOUND: HttpStatus.NOT_FOUND,
  MENSAJE_NOT_FOUND: HttpStatus.NOT_FOUND,
  ACCION_MEJORA_NOT_FOUND: HttpStatus.NOT_FOUND,
  EXPORTACION_NOT_FOUND: HttpStatus.NOT_FOUND,
  TRAMO_NOT_FOUND: HttpStatus.NOT_FOUND,
  UBIGEO_NOT_FOUND: HttpStatus.NOT_FOUND,
  // A link whose window is over (a subsanación, the survey, an expired export's file): it existed, and will not open again.
  PLAZO_CERRADO: HttpStatus.GONE,
};

const SPANISH_HTTP_MESSAGES: Readonly<Record<number, string>> = {
  400: 'La solicitud no es válida.',
  401: 'Debe iniciar sesión.',
  403: 'No tiene permiso para realizar esta acción.',
  404: 'No encontramos lo que busca.',
  405: 'Método no permitido.',
  413: 'El envío supera el tamaño máximo permitido (20 MB en total para los adjuntos).',
  415: 'Tipo de contenido no admitido.',
  429: 'Ha realizado demasiadas solicitudes seguidas. Espere un minuto e intente de nuevo.',
};

export interface ErrorBody {
  statusCode: number;
  codigo: string;
  mensaje: string;
  errores?: FieldError[];
  errorId?: string;
}

export function describeError(exception: unknown): { body: ErrorBody; unexpected: boolean } {
  if (exception instanceof DomainError) {
    const statusCode = STATUS_OF[exception.code];
    const body: ErrorBody = { statusCode, codigo: exception.code, mensaje: exception.message };
    if (exception.errores.length > 0) body.errores = exception.errores;
    return { body, unexpected: false };
  }
  // The calendar's bad-input errors (an impossible date, a non-positive plazo) are the caller's
  // to fix; a calendar with no business day in a year is our data's fault and stays a 500.
  if (exception instanceof CalendarError && exception.code.startsWith('INVALID_') && exception.code !== 'INVALID_CALENDAR_DATA') {
    return { body: { statusCode: 422, codigo: exception.code, mensaje: exception.message }, unexpected: false };
  }
  // Fastify's and the multipart parser's refusals (bad JSON, body too large, bad URL…), named one by
  // one; before HttpException, which is how Nest's error handler passes them on.
  const falla = fallaDelCuerpo(exception);
  if (falla) return { body: { statusCode: falla.statusCode, codigo: `HTTP_${falla.statusCode}`, mensaje: falla.mensaje }, unexpected: false };
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const mensaje = SPANISH_HTTP_MESSAGES[statusCode] ?? 'No se pudo atender la solicitud.';
    return { body: { statusCode, codigo: `HTTP_${statusCode}`, mensaje }, unexpected: statusCode >= 500 };
  }
  // Any other error of theirs carries a statusCode.
  const status = (exception as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const mensaje = SPANISH_HTTP_MESSAGES[status] ?? SPANISH_HTTP_MESSAGES[400];
    return { body: { statusCode: status, codigo: `HTTP_${status}`, mensaje }, unexpected: false };
  }
  return {
    body: { statusCode: 500, codigo: 'INTERNAL', mensaje: 'Ocurrió un error inesperado. Intente nuevamente.' },
    unexpected: true,
  };
}

/**
 * Every error leaves as JSON for the API and as a Spanish page for browsers.
 * Anything unexpected is a 500 with an error id that is logged with the details,
 * and no internals go to the client.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    answerError(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger);
  }
}

/**
 * The one way an error leaves either app, for Nest's filter and for Fastify's own error handler
 * (errors raised before a route's handler: body parsing, the input hook; and routes Nest's handler
 * does not reach, such as plugins registered in an encapsulated context).
 */
export function answerError(exception: unknown, request: FastifyRequest, reply: FastifyReply, logger: Pick<Logger, 'error'>): void {
  const { body, unexpected } = describeError(exception);
  if (unexpected) {
    body.errorId = randomUUID();
    // No query values in the URL; `err` goes through the logger's errorForLog (no SQL parameters).
    logger.error({ errorId: body.errorId, url: withoutSecretsInUrl(request.url), err: exception }, 'Error inesperado');
  }
  if (reply.sent) return;
  const wantsHtml = !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
  if (wantsHtml && typeof reply.view === 'function') {
    void reply.status(body.statusCode).view('error', { titulo: 'No se pudo completar', error: body });
    return;
  }
  void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
}
