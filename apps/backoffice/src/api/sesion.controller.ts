import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { clientIp } from '@app/platform/http';
import { IsEmail, IsString, Length } from 'class-validator';
import { Environment } from '@app/platform/config';
import { RateLimited } from '@app/platform/throttling';
import {
  ConfirmPasswordResetUseCase,
  CreateSessionUseCase,
  RequestPasswordResetUseCase,
  RevokeAllSessionsUseCase,
  RevokeSessionUseCase,
  SignInUseCase,
  StaffSession,
  StaffUser,
} from '@app/staff';
import { assertSameSiteSignIn, CurrentSession, CurrentUser, endSession, SessionGuard, startSession } from '../auth/session';

class IniciarSesionDto {
  @IsEmail({}, { message: 'email: escriba su correo institucional' })
  email!: string;

  @IsString({ message: 'password: escriba su contraseña' })
  @Length(1, 200, { message: 'password: escriba su contraseña' })
  password!: string;
}

class SolicitarRestablecimientoDto {
  @IsEmail({}, { message: 'email: escriba su correo institucional' })
  email!: string;
}

export class NuevaPasswordDto {
  @IsString({ message: 'token: abra el enlace que recibió por correo' })
  @Length(1, 100, { message: 'token: abra el enlace que recibió por correo' })
  token!: string;

  @IsString({ message: 'password: escriba su nueva contraseña' })
  @Length(1, 500, { message: 'password: escriba su nueva contraseña' })
  password!: string;
}

export const RESET_REQUESTED =
  'Si el correo corresponde a una cuenta activa, en unos minutos recibirá un enlace para elegir una nueva contraseña. El enlace vence en 1 hora.';

/**
 * Sign-in, the current session (with its anti-CSRF token), sign-out here or everywhere, and
 * password reset. Signing in and the reset requests need no session: SameSite=Lax cookies and
 * the sign-in throttle protect them, and a sign-in posted from another site is refused (login CSRF); everything else goes through the SessionGuard.
 */
@ApiTags('sesion')
@Controller('api/v1/sesion')
export class SesionController {
  private readonly secureCookies: boolean;
  private readonly ownOrigin: string;

  constructor(
    private readonly signIn: SignInUseCase,
    private readonly createSession: CreateSessionUseCase,
    private readonly revokeSession: RevokeSessionUseCase,
    private readonly revokeAllSessions: RevokeAllSessionsUseCase,
    private readonly requestReset: RequestPasswordResetUseCase,
    private readonly confirmReset: ConfirmPasswordResetUseCase,
    private readonly sessionGuard: SessionGuard,
    config: ConfigService<Environment, true>,
  ) {
    this.secureCookies = config.get('NODE_ENV', { infer: true }) === 'production';
    this.ownOrigin = new URL(config.get('BACKOFFICE_BASE_URL', { infer: true })).origin;
  }

  @Post()
  @HttpCode(200)
  @RateLimited('sign-in')
  async create(@Body() body: IniciarSesionDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    assertSameSiteSignIn(request, this.ownOrigin);
    const user = await this.signIn.execute(body);
    const session = await this.createSession.execute({ user, ip: clientIp(request), userAgent: request.headers['user-agent'] });
    startSession(reply, session, this.secureCookies);
    return { usuario: user, csrfToken: this.sessionGuard.csrfTokenOf(session), expiraEn: session.expiresAt };
  }

  /** The signed-in member and the token to send as `x-csrf-token` with every state-changing call. */
  @Get()
  @UseGuards(SessionGuard)
  current(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession) {
    return { usuario: user, csrfToken: this.sessionGuard.csrfTokenOf(session), expiraEn: session.expiresAt };
  }

  @Delete()
  @HttpCode(204)
  @UseGuards(SessionGuard)
  async remove(@CurrentSession() session: StaffSession, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.revokeSession.execute(session.token);
    endSession(reply);
  }

  /** Sign out everywhere: every session of this member ends, this one included. */
  @Post('cerrar-todas')
  @HttpCode(200)
  @UseGuards(SessionGuard)
  async removeAll(@CurrentUser() user: StaffUser, @Res({ passthrough: true }) reply: FastifyReply) {
    const { cerradas } = await this.revokeAllSessions.execute(user.id);
    endSession(reply);
    return { sesionesCerradas: cerradas };
  }

  /** Always 202 with the same words: whether the e-mail has an account is not told. */
  @Post('restablecer')
  @HttpCode(202)
  @RateLimited('sign-in')
  async requestPasswordReset(@Body() body: SolicitarRestablecimientoDto) {
    await this.requestReset.execute({ email: body.email });
    return { mensaje: RESET_REQUESTED };
  }

  @Post('restablecer/confirmar')
  @HttpCode(200)
  @RateLimited('sign-in')
  async confirmPasswordReset(@Body() body: NuevaPasswordDto) {
    await this.confirmReset.execute(body);
    return { mensaje: 'Su contraseña se cambió. Por seguridad se cerraron todas sus sesiones: inicie sesión de nuevo.' };
  }
}
