import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@app/domain';
import { GetStaffUserUseCase, StaffUser } from '@app/staff';

export const SESSION_COOKIE = 'sesion';
const SESSION_HOURS = 8;

type RequestWithUser = FastifyRequest & { staffUser?: StaffUser };

/** A signed, HTTP-only cookie holding the staff member's id; the user is re-read on each request. */
export function startSession(reply: FastifyReply, user: StaffUser, secure: boolean): void {
  void reply.setCookie(SESSION_COOKIE, user.id, {
    signed: true,
    httpOnly: true,
    secure,
    sameSite: 'lax',
    path: '/',
    maxAge: SESSION_HOURS * 3600,
  });
}

export function endSession(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

@Injectable()
export class SessionGuard implements CanActivate {
  constructor(private readonly getStaffUser: GetStaffUserUseCase) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithUser>();
    const raw = request.cookies?.[SESSION_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    const user = unsigned?.valid && unsigned.value ? await this.getStaffUser.execute(unsigned.value) : null;
    if (!user) throw new DomainError('UNAUTHENTICATED', 'Inicie sesión para continuar.');
    request.staffUser = user;
    return true;
  }
}

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): StaffUser => {
  return context.switchToHttp().getRequest<RequestWithUser>().staffUser!;
});
