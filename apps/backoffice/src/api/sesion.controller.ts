import { Body, Controller, Delete, Get, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { IsEmail, IsString, Length } from 'class-validator';
import { Environment } from '@app/platform/config';
import { RateLimited } from '@app/platform/throttling';
import { SignInUseCase, StaffUser } from '@app/staff';
import { CurrentUser, endSession, SessionGuard, startSession } from '../auth/session';

class IniciarSesionDto {
  @IsEmail({}, { message: 'email: escriba su correo institucional' })
  email!: string;

  @IsString({ message: 'password: escriba su contraseña' })
  @Length(1, 200, { message: 'password: escriba su contraseña' })
  password!: string;
}

@ApiTags('sesion')
@Controller('api/v1/sesion')
export class SesionController {
  private readonly secureCookies: boolean;

  constructor(
    private readonly signIn: SignInUseCase,
    config: ConfigService<Environment, true>,
  ) {
    this.secureCookies = config.get('NODE_ENV', { infer: true }) === 'production';
  }

  @Post()
  @HttpCode(200)
  @RateLimited('sign-in')
  async create(@Body() body: IniciarSesionDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const user = await this.signIn.execute(body);
    startSession(reply, user, this.secureCookies);
    return { usuario: user };
  }

  @Get()
  @UseGuards(SessionGuard)
  current(@CurrentUser() user: StaffUser) {
    return { usuario: user };
  }

  @Delete()
  @HttpCode(204)
  remove(@Res({ passthrough: true }) reply: FastifyReply) {
    endSession(reply);
  }
}
