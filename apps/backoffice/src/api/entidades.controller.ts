import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ListEntidadesUseCase, StaffUser } from '@app/staff';
import { CurrentUser, SessionGuard } from '../auth/session';

@ApiTags('entidades')
@Controller('api/v1/entidades')
@UseGuards(SessionGuard)
export class EntidadesController {
  constructor(private readonly listEntidades: ListEntidadesUseCase) {}

  /** Coordinators and administrators see every entity; an entity's staff see only their own. */
  @Get()
  async list(@CurrentUser() user: StaffUser) {
    return { entidades: await this.listEntidades.execute(user) };
  }
}
