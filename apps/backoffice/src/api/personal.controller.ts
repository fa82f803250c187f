import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { DomainError } from '@app/domain';
import { RateLimited } from '@app/platform/throttling';
import {
  AcceptInvitationUseCase,
  DeactivateStaffUseCase,
  InviteStaffUseCase,
  ListStaffUseCase,
  ROLES_INVITABLES,
  RolInvitable,
  StaffUser,
} from '@app/staff';
import { CurrentUser, SessionGuard } from '../auth/session';
import { NuevaPasswordDto } from './sesion.controller';

class InvitarPersonalDto {
  @IsEmail({}, { message: 'email: escriba el correo institucional de la persona' })
  email!: string;

  @IsString({ message: 'nombre: escriba los nombres y apellidos' })
  @Length(3, 200, { message: 'nombre: escriba entre 3 y 200 caracteres' })
  nombre!: string;

  @IsIn(ROLES_INVITABLES, { message: 'rol: elija oficial, responsable_alterno o titular_entidad' })
  rol!: RolInvitable;

  @IsOptional()
  @IsUUID('all', { message: 'unidadId: elija una unidad orgánica de la entidad' })
  unidadId?: string;

  /** Administrators and coordinators only (they belong to no entity): the entity of the responsable being invited. */
  @IsOptional()
  @IsUUID('all', { message: 'entidadId: indique la entidad' })
  entidadId?: string;
}

class ListarPersonalQuery {
  @IsOptional()
  @IsUUID('all', { message: 'entidad: indique el identificador de la entidad' })
  entidad?: string;
}

const notFound = () => new DomainError('USUARIO_NOT_FOUND', 'No existe ese miembro del personal en su entidad.');

/** The entity's staff: list, invite, deactivate (responsables; administrators for any entity). */
@ApiTags('personal')
@Controller('api/v1/personal')
export class PersonalController {
  constructor(
    private readonly listStaff: ListStaffUseCase,
    private readonly inviteStaff: InviteStaffUseCase,
    private readonly acceptInvitation: AcceptInvitationUseCase,
    private readonly deactivateStaff: DeactivateStaffUseCase,
  ) {}

  @Get()
  @UseGuards(SessionGuard)
  async list(@CurrentUser() user: StaffUser, @Query() query: ListarPersonalQuery) {
    return { personal: await this.listStaff.execute({ actor: user, entidadId: query.entidad }) };
  }

  @Post()
  @UseGuards(SessionGuard)
  async invite(@CurrentUser() user: StaffUser, @Body() body: InvitarPersonalDto) {
    return { miembro: await this.inviteStaff.execute({ actor: user, ...body }) };
  }

  /** The invited person, from the e-mailed link: no session yet, so throttled like sign-in. */
  @Post('aceptar')
  @HttpCode(200)
  @RateLimited('sign-in')
  async accept(@Body() body: NuevaPasswordDto) {
    await this.acceptInvitation.execute(body);
    return { mensaje: 'Su cuenta quedó activa. Ya puede iniciar sesión con su correo y la contraseña que eligió.' };
  }

  @Post(':id/desactivar')
  @HttpCode(200)
  @UseGuards(SessionGuard)
  async deactivate(@CurrentUser() user: StaffUser, @Param('id', new ParseUUIDPipe({ exceptionFactory: notFound })) id: string) {
    const { sesionesCerradas } = await this.deactivateStaff.execute({ actor: user, usuarioId: id });
    return { mensaje: 'La cuenta quedó desactivada.', sesionesCerradas };
  }
}
