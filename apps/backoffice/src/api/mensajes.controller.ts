import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, UseGuards } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { DomainError } from '@app/domain';
import { ListMensajesDelReclamoUseCase } from '@app/atencion';
import { ListMensajesFallidosUseCase, ReenviarMensajeUseCase } from '@app/notifications';
import { StaffUser } from '@app/staff';
import { CurrentUser, SessionGuard } from '../auth/session';

class ListarFallidosQuery {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'limite: debe ser un número entero' })
  @Min(1, { message: 'limite: debe estar entre 1 y 500' })
  @Max(500, { message: 'limite: debe estar entre 1 y 500' })
  limite?: number;
}

const uuid = (code: 'RECLAMO_NOT_FOUND' | 'MENSAJE_NOT_FOUND', message: string) =>
  new ParseUUIDPipe({ exceptionFactory: () => new DomainError(code, message) });

/**
 * The e-mails of a reclamo (by the case's own access rule, audited; addresses masked for those who
 * only read it) and the failed ones across the platform (administrators, addresses masked). Role
 * checks live in the use cases.
 */
@ApiTags('mensajes')
@Controller('api/v1')
@UseGuards(SessionGuard)
export class MensajesController {
  constructor(
    private readonly listDeReclamo: ListMensajesDelReclamoUseCase,
    private readonly listFallidos: ListMensajesFallidosUseCase,
    private readonly reenviar: ReenviarMensajeUseCase,
  ) {}

  /** 200 `{ mensajes }`; 404 RECLAMO_NOT_FOUND (unknown or another entity's); 403 FORBIDDEN (not assigned, coordinator, administrator). */
  @Get('reclamos/:id/mensajes')
  async deReclamo(
    @CurrentUser() user: StaffUser,
    @Param('id', uuid('RECLAMO_NOT_FOUND', 'No existe ese reclamo.')) id: string,
    @Req() request: FastifyRequest,
  ) {
    return { mensajes: await this.listDeReclamo.execute({ actor: user, entidadId: user.entidadId ?? '', reclamoId: id, ip: request.ip }) };
  }

  @Get('admin/mensajes/fallidos')
  async fallidos(@CurrentUser() user: StaffUser, @Query() query: ListarFallidosQuery) {
    return { mensajes: await this.listFallidos.execute({ actor: user, limite: query.limite }) };
  }

  @Post('admin/mensajes/:id/reenviar')
  @HttpCode(202)
  async reenviarMensaje(@CurrentUser() user: StaffUser, @Param('id', uuid('MENSAJE_NOT_FOUND', 'No existe ese mensaje.')) id: string) {
    return this.reenviar.execute({ actor: user, outboxId: id });
  }
}
