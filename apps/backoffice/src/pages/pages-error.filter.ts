import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { describeError } from '@app/platform/errors';
import { withoutSecretsInUrl } from '@app/platform/logging';
import { StaffSession } from '@app/staff';
import { SessionGuard } from '../auth/session';

const TITULOS: Readonly<Record<number, string>> = {
  403: 'No tiene acceso a esta página',
  404: 'No encontramos lo que busca',
  409: 'No se pudo completar la acción',
  410: 'Ya no está disponible',
};

/**
 * Errors of the reclamo pages, always as a Spanish page (whatever the Accept header says): no
 * session sends the person to sign in; a reclamo of another entity is the same 404 as one that does
 * not exist; a role without access is a 403 page. The status codes come from the one map in
 * `describeError`, so pages and the JSON API never disagree.
 */
@Injectable()
@Catch()
export class PagesErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('PagesErrorFilter');

  constructor(private readonly sessionGuard: SessionGuard) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest & { staffSession?: StaffSession }>();
    if (reply.sent) return;
    const { body, unexpected } = describeError(exception);
    if (body.codigo === 'UNAUTHENTICATED') {
      void reply.redirect('/ingresar', 303);
      return;
    }
    if (unexpected) {
      body.errorId = randomUUID();
      this.logger.error({ errorId: body.errorId, url: withoutSecretsInUrl(request.url), err: exception }, 'Error inesperado');
    }
    const session = request.staffSession;
    void reply
      .status(body.statusCode)
      .header('cache-control', 'private, no-store')
      .view('error', {
        titulo: TITULOS[body.statusCode] ?? 'No se pudo completar',
        error: body,
        usuario: session?.user,
        // A coordinator or administrator refused an entity's page is pointed to the aggregates they may read.
        consola: body.statusCode === 403 && session !== undefined && session.user.entidadId === null,
        csrfToken: session ? this.sessionGuard.csrfTokenOf(session) : undefined,
      });
  }
}
