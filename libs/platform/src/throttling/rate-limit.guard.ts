import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { clientIp } from '../http/bootstrap-http-app';

/**
 * @nestjs/throttler's guard with three changes:
 * - one counter per bucket and client address, whatever the route: the filing API and the filing
 *   form, the tracking API and page, the sign-in API and page share their bucket's counter (the
 *   library keys by controller and handler, which gave each route its own allowance and so
 *   multiplied every limit by the routes of the bucket);
 * - the address is `clientIp` (the socket's, or what a trusted proxy reports), never a header the
 *   client writes;
 * - a 429 carries the standard `Retry-After` (whole seconds, RFC 9110 §10.2.3); the library names
 *   it `Retry-After-<bucket>`, which no client reads.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override getTracker(request: Record<string, unknown>): Promise<string> {
    return Promise.resolve(clientIp(request as unknown as FastifyRequest));
  }

  /** `bucket` is the throttler's name: each throttler counts the routes of its own bucket only. */
  protected override generateKey(_context: ExecutionContext, tracker: string, bucket: string): string {
    return createHash('sha256').update(`limite:${bucket}:${tracker}`).digest('hex');
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply.header('retry-after', String(Math.max(1, Math.ceil(detail.timeToBlockExpire))));
    await super.throwThrottlingException(context, detail);
  }
}
