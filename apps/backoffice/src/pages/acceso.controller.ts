import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { clientIp } from '@app/platform/http';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DomainError } from '@app/domain';
import { Environment } from '@app/platform/config';
import { RateLimited } from '@app/platform/throttling';
import {
  AcceptInvitationUseCase,
  ConfirmPasswordResetUseCase,
  CreateSessionUseCase,
  ListEntidadesUseCase,
  PASSWORD_MIN_LENGTH,
  RequestPasswordResetUseCase,
  RevokeAllSessionsUseCase,
  RevokeSessionUseCase,
  ROL_ETIQUETAS,
  SignInUseCase,
  StaffSession,
  ValidateSessionUseCase,
} from '@app/staff';
import { mayHandleReclamos } from '@app/atencion';
import { RESET_REQUESTED } from '../api/sesion.controller';
import { assertCsrf, assertSameSiteSignIn, endSession, SessionGuard, sessionTokenOf, startSession } from '../auth/session';

/** Every page form field is optional text here: the handler names what is missing, in Spanish. */
class IngresarForm {
  @IsOptional() @IsString() @MaxLength(320) email?: string;
  @IsOptional() @IsString() @MaxLength(500) password?: string;
}

class SalirForm {
  /** The anti-CSRF token, checked by assertCsrf before anything changes. */
  @IsOptional() @IsString() @MaxLength(100) _csrf?: string;
  @IsOptional() @IsString() @MaxLength(10) todas?: string;
}

class RestablecerForm {
  @IsOptional() @IsString() @MaxLength(320) email?: string;
  @IsOptional() @IsString() @MaxLength(100) token?: string;
  @IsOptional() @IsString() @MaxLength(500) password?: string;
  @IsOptional() @IsString() @MaxLength(500) password2?: string;
}

interface ErrorItem {
  campo: string;
  etiqueta: string;
  mensaje: string;
}

const ETIQUETAS: Record<string, string> = {
  email: 'Correo institucional',
  password: 'Contraseña',
  password2: 'Repita la contraseña',
  token: 'Enlace',
};

function erroresDe(error: unknown): ErrorItem[] | null {
  if (!(error instanceof DomainError) || error.code !== 'VALIDATION_FAILED') return null;
  return error.errores.map((e) => ({ campo: e.campo === 'token' ? 'password' : e.campo, etiqueta: ETIQUETAS[e.campo] ?? e.campo, mensaje: e.mensaje }));
}

function porCampo(errores: ErrorItem[]): Record<string, string> {
  return Object.fromEntries(errores.map((e) => [e.campo, e.mensaje]));
}

const NO_STORE = 'private, no-store';

/**
 * The back-office's access pages, server-rendered and usable without JavaScript: sign-in,
 * sign-out (here or everywhere), password reset, accepting an invitation and the landing page.
 * Forms of a signed-in member carry the session's anti-CSRF token in `_csrf`.
 */
@ApiExcludeController()
@Controller()
export class AccesoPagesController {
  private readonly secureCookies: boolean;
  private readonly secret: string;
  private readonly ownOrigin: string;

  constructor(
    private readonly signIn: SignInUseCase,
    private readonly createSession: CreateSessionUseCase,
    private readonly validateSession: ValidateSessionUseCase,
    private readonly revokeSession: RevokeSessionUseCase,
    private readonly revokeAllSessions: RevokeAllSessionsUseCase,
    private readonly requestReset: RequestPasswordResetUseCase,
    private readonly confirmReset: ConfirmPasswordResetUseCase,
    private readonly acceptInvitation: AcceptInvitationUseCase,
    private readonly listEntidades: ListEntidadesUseCase,
    private readonly sessionGuard: SessionGuard,
    config: ConfigService<Environment, true>,
  ) {
    this.secureCookies = config.get('NODE_ENV', { infer: true }) === 'production';
    this.secret = config.get('SESSION_SECRET', { infer: true });
    this.ownOrigin = new URL(config.get('BACKOFFICE_BASE_URL', { infer: true })).origin;
  }

  private async sessionOf(request: FastifyRequest): Promise<StaffSession | null> {
    const token = sessionTokenOf(request);
    return token ? this.validateSession.execute(token) : null;
  }

  @Get()
  async root(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return reply.redirect((await this.sessionOf(request)) ? '/inicio' : '/ingresar', 303);
  }

  @Get('ingresar')
  async signInForm(@Query('aviso') aviso: string | undefined, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (await this.sessionOf(request)) return reply.redirect('/inicio', 303);
    return reply.header('cache-control', NO_STORE).view('ingresar', { titulo: 'Iniciar sesión – Libro de Reclamaciones', aviso: AVISOS[aviso ?? ''] });
  }

  @Post('ingresar')
  @HttpCode(200)
  @RateLimited('sign-in')
  async signInSubmit(@Body() body: IngresarForm, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    assertSameSiteSignIn(request, this.ownOrigin);
    const email = (body.email ?? '').trim();
    const password = body.password ?? '';
    const errores: ErrorItem[] = [];
    if (!email) errores.push({ campo: 'email', etiqueta: ETIQUETAS.email, mensaje: 'escriba su correo institucional' });
    if (!password) errores.push({ campo: 'password', etiqueta: ETIQUETAS.password, mensaje: 'escriba su contraseña' });
    const view = { titulo: 'Revise los datos – Iniciar sesión', email };
    if (errores.length > 0) return reply.status(422).view('ingresar', { ...view, errores, error: porCampo(errores) });
    try {
      const user = await this.signIn.execute({ email, password });
      const session = await this.createSession.execute({ user, ip: clientIp(request), userAgent: request.headers['user-agent'] });
      startSession(reply, session, this.secureCookies);
      return reply.redirect('/inicio', 303);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== 'UNAUTHENTICATED' && error.code !== 'SIGN_IN_LOCKED')) throw error;
      return reply
        .status(error.code === 'SIGN_IN_LOCKED' ? 429 : 401)
        .view('ingresar', { ...view, titulo: 'No se pudo iniciar sesión – Libro de Reclamaciones', rechazo: error.message });
    }
  }

  @Post('salir')
  async signOut(@Body() body: SalirForm, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const session = await this.sessionOf(request);
    if (!session) {
      endSession(reply);
      return reply.redirect('/ingresar', 303);
    }
    assertCsrf(request, this.secret, session);
    if (body.todas === 'si') await this.revokeAllSessions.execute(session.user.id);
    else await this.revokeSession.execute(session.token);
    endSession(reply);
    return reply.redirect(`/ingresar?aviso=${body.todas === 'si' ? 'salida-todas' : 'salida'}`, 303);
  }

  @Get('inicio')
  async home(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const session = await this.sessionOf(request);
    if (!session) return reply.redirect('/ingresar', 303);
    const { user } = session;
    // The SGP's coordinators land on their console (adoption by tramo, the ranking).
    if (user.rol === 'coordinador') return reply.redirect('/consola', 303);
    const [entidad] = user.entidadId ? await this.listEntidades.execute(user) : [];
    return reply.header('cache-control', NO_STORE).view('inicio', {
      titulo: 'Inicio – Libro de Reclamaciones',
      usuario: user,
      rolEtiqueta: ROL_ETIQUETAS[user.rol],
      entidad: entidad ?? null,
      gestionaPersonal: user.rol === 'responsable_titular' || user.rol === 'responsable_alterno' || user.rol === 'administrador',
      registraHojas: mayHandleReclamos(user),
      csrfToken: this.sessionGuard.csrfTokenOf(session),
    });
  }

  @Get('restablecer')
  resetForm(@Query('token') token: string | undefined, @Res() reply: FastifyReply) {
    return reply.header('cache-control', NO_STORE).header('referrer-policy', 'no-referrer').view('restablecer', this.passwordView('restablecer', token));
  }

  /** One address for both steps: without a token it asks for the e-mail, with one it sets the password. */
  @Post('restablecer')
  @HttpCode(200)
  @RateLimited('sign-in')
  async resetSubmit(@Body() body: RestablecerForm, @Res() reply: FastifyReply) {
    reply.header('cache-control', NO_STORE);
    if (body.token === undefined) {
      const email = (body.email ?? '').trim();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
        const errores = [{ campo: 'email', etiqueta: ETIQUETAS.email, mensaje: 'escriba su correo institucional, por ejemplo nombre@entidad.gob.pe' }];
        return reply.status(422).view('restablecer', { titulo: 'Revise los datos – Restablecer contraseña', solicitar: true, email, errores, error: porCampo(errores) });
      }
      await this.requestReset.execute({ email });
      return reply.status(202).view('restablecer', { titulo: 'Revise su correo – Restablecer contraseña', enviado: RESET_REQUESTED });
    }
    return this.choosePassword('restablecer', body, reply);
  }

  @Get('invitacion')
  invitationForm(@Query('token') token: string | undefined, @Res() reply: FastifyReply) {
    return reply.header('cache-control', NO_STORE).header('referrer-policy', 'no-referrer').view('restablecer', this.passwordView('invitacion', token));
  }

  @Post('invitacion')
  @HttpCode(200)
  @RateLimited('sign-in')
  async invitationSubmit(@Body() body: RestablecerForm, @Res() reply: FastifyReply) {
    reply.header('cache-control', NO_STORE);
    return this.choosePassword('invitacion', body, reply);
  }

  private passwordView(modo: 'restablecer' | 'invitacion', token: string | undefined) {
    if (modo === 'restablecer' && !token) return { titulo: 'Restablecer contraseña – Libro de Reclamaciones', solicitar: true };
    return {
      titulo: modo === 'invitacion' ? 'Active su cuenta – Libro de Reclamaciones' : 'Elija una nueva contraseña – Libro de Reclamaciones',
      elegir: true,
      invitacion: modo === 'invitacion',
      accion: `/${modo}`,
      token: (token ?? '').slice(0, 100),
      hintPassword: `Al menos ${PASSWORD_MIN_LENGTH} caracteres. Puede usar una frase con espacios.`,
    };
  }

  private async choosePassword(modo: 'restablecer' | 'invitacion', body: RestablecerForm, reply: FastifyReply) {
    const base = this.passwordView(modo, body.token ?? '');
    const password = body.password ?? '';
    const errores: ErrorItem[] = [];
    if (!password) errores.push({ campo: 'password', etiqueta: ETIQUETAS.password, mensaje: 'escriba una contraseña' });
    else if (password !== (body.password2 ?? '')) errores.push({ campo: 'password2', etiqueta: ETIQUETAS.password2, mensaje: 'las dos contraseñas no coinciden' });
    if (errores.length === 0) {
      try {
        const command = { token: body.token ?? '', password };
        if (modo === 'invitacion') await this.acceptInvitation.execute(command);
        else await this.confirmReset.execute(command);
        return reply.redirect(`/ingresar?aviso=${modo === 'invitacion' ? 'cuenta-activa' : 'password-cambiada'}`, 303);
      } catch (error) {
        const found = erroresDe(error);
        if (!found) throw error;
        errores.push(...found);
      }
    }
    return reply.status(422).view('restablecer', { ...base, titulo: `Revise los datos – ${base.titulo}`, errores, error: porCampo(errores) });
  }
}

const AVISOS: Record<string, string> = {
  salida: 'Cerró su sesión.',
  'salida-todas': 'Cerró su sesión en todos sus dispositivos.',
  'password-cambiada': 'Su contraseña se cambió y se cerraron todas sus sesiones. Inicie sesión con la nueva contraseña.',
  'cuenta-activa': 'Su cuenta quedó activa. Inicie sesión con su correo y la contraseña que eligió.',
};
