import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';

/**
 * Every answer of the back-office's JSON API is staff-only, and most carry citizens' personal data
 * (a case, the inbox, staff accounts): `Cache-Control: private, no-store`, so neither a shared
 * proxy nor the browser's disk cache keeps a copy after sign-out. The pages set it themselves.
 */
@Injectable()
export class NoStoreApiInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    if (http.getRequest<FastifyRequest>().url.startsWith('/api/')) void http.getResponse<FastifyReply>().header('cache-control', 'private, no-store');
    return next.handle();
  }
}
