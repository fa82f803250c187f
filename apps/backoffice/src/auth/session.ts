import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@app/domain';
import { Environment } from '@app/platform/config';
import { SESSION_TTL_MS, StaffSession, StaffUser, ValidateSessionUseCase } from '@app/staff';
import { CSRF_FIELD, CSRF_HEADER, csrfTokenFor, isCrossSiteRequest, isStateChanging, isValidCsrfToken } from './csrf';

export const SESSION_COOKIE = 'sesion';
export const CSRF_REJECTED =
  'La solicitud no se aceptó: falta el código de seguridad del formulario o no corresponde a su sesión. Recargue la página e intente de nuevo.';

export const CROSS_SITE_SIGN_IN_REJECTED =
  'No se aceptó el inicio de sesión: el formulario no se envió desde este sitio. Abra la página de ingreso del sistema e intente de nuevo.';

/**
 * Refuses a sign-in posted by a page of another site (CSRF_INVALID, 403), before any password is
 * checked: see isCrossSiteRequest. `ownOrigin` is the origin of BACKOFFICE_BASE_URL.
 */
export function assertSameSiteSignIn(request: FastifyRequest, ownOrigin: string): void {
  if (isCrossSiteRequest(request.headers, ownOrigin)) throw new DomainError('CSRF_INVALID', CROSS_SITE_SIGN_IN_REJECTED);
}

type RequestWithUser = FastifyRequest & { staffUser?: StaffUser; staffSession?: StaffSession; csrfInFields?: boolean };

const CSRF_IN_MULTIPART_FIELDS = 'csrfInMultipartFields';

/**
 * For routes that read a multipart upload themselves: the body is still unread when the guard
 * runs, so a page form's `_csrf` field is checked by the upload reader, as the first part and
 * before any file is stored (see readScanUpload). Every other route keeps refusing a multipart
 * request without the header: its handler would never look at the token.
 */
export const CsrfInMultipartFields = () => SetMetadata(CSRF_IN_MULTIPART_FIELDS, true);

/** Whether the guard left the anti-CSRF check to the route's multipart reader. */
export function csrfLeftToFields(request: FastifyRequest): boolean {
  return (request as RequestWithUser).csrfInFields === true;
}

/**
 * The cookie holds the signed secret of a server-side session (never the user id), HTTP-only,
 * SameSite=Lax, Secure in production. The session row decides: revoked or expired, it is gone.
 */
export function startSession(reply: FastifyReply, session: StaffSession, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, session.token, {
    signed: true,
    httpOnly: true,
    secure,
    sameSite: 'lax',
    path: '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function endSession(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The session secret from the signed cookie, if the signature holds. */
export function sessionTokenOf(request: FastifyRequest): string | null {
  const raw = request.cookies?.[SESSION_COOKIE];
  const unsigned = raw ? request.unsignCookie(raw) : undefined;
  return unsigned?.valid && unsigned.value ? unsigned.value : null;
}

/** The anti-CSRF token a request sent: the `x-csrf-token` header (API) or the `_csrf` form field (pages). */
function csrfCandidateOf(request: FastifyRequest): unknown {
  const header = request.headers[CSRF_HEADER];
  if (typeof header === 'string') return header;
  const body = request.body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[CSRF_FIELD] : undefined;
}

/**
 * Checks a state-changing request's anti-CSRF token and takes the form field out of the body,
 * so the strict validation pipe that runs next never sees it.
 */
export function assertCsrf(request: FastifyRequest, secret: string, session: StaffSession): void {
  if (!isStateChanging(request.method)) return;
  if (!isValidCsrfToken(secret, session.token, csrfCandidateOf(request))) throw new DomainError('CSRF_INVALID', CSRF_REJECTED);
  const body = request.body;
  if (body && typeof body === 'object' && CSRF_FIELD in body) delete (body as Record<string, unknown>)[CSRF_FIELD];
}

/**
 * Loads the live session and its active member, attaches the StaffUser, and for every
 * state-changing method requires the session's anti-CSRF token (401 without a session,
 * 403 with a missing or wrong token).
 */
@Injectable()
export class SessionGuard implements CanActivate {
  private readonly secret: string;

  constructor(
    private readonly validateSession: ValidateSessionUseCase,
    config: ConfigService<Environment, true>,
    private readonly reflector: Reflector,
  ) {
    this.secret = config.get('SESSION_SECRET', { infer: true });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithUser>();
    const token = sessionTokenOf(request);
    const session = token ? await this.validateSession.execute(token) : null;
    if (!session) throw new DomainError('UNAUTHENTICATED', 'Inicie sesión para continuar.');
    const deferred =
      isStateChanging(request.method) &&
      request.isMultipart() &&
      request.headers[CSRF_HEADER] === undefined &&
      this.reflector.get<boolean>(CSRF_IN_MULTIPART_FIELDS, context.getHandler()) === true;
    if (deferred) request.csrfInFields = true;
    else assertCsrf(request, this.secret, session);
    request.staffUser = session.user;
    request.staffSession = session;
    return true;
  }

  /** The token pages put in their forms' hidden `_csrf` field and the API returns from GET /api/v1/sesion. */
  csrfTokenOf(session: StaffSession): string {
    return csrfTokenFor(this.secret, session.token);
  }

  /** Checks a token read from a multipart form's fields (routes marked @CsrfInMultipartFields). */
  assertFormToken(session: StaffSession, candidate: unknown): void {
    if (!isValidCsrfToken(this.secret, session.token, candidate)) throw new DomainError('CSRF_INVALID', CSRF_REJECTED);
  }
}

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): StaffUser => {
  return context.switchToHttp().getRequest<RequestWithUser>().staffUser!;
});

/** The session the SessionGuard loaded (for sign-out and the anti-CSRF token). */
export const CurrentSession = createParamDecorator((_: unknown, context: ExecutionContext): StaffSession => {
  return context.switchToHttp().getRequest<RequestWithUser>().staffSession!;
});
