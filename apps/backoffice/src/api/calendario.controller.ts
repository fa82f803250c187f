import { Body, Controller, Delete, Get, HttpCode, Ip, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateBy } from 'class-validator';
import { isIsoDate } from '@app/calendar';
import { DomainError } from '@app/domain';
import {
  AddDiaNoLaborableUseCase,
  ComputePlazoUseCase,
  ConfirmRecalculoUseCase,
  ListDiasNoLaborablesUseCase,
  PlazoQueryDto,
  PreviewRecalculoUseCase,
  RemoveDiaNoLaborableUseCase,
  TipoDiaNoLaborable,
} from '@app/plazos';
import { StaffUser } from '@app/staff';
import { CurrentUser, SessionGuard } from '../auth/session';

class ListarDiasQuery {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'anio: debe ser un año (p. ej. 2026)' })
  @Min(2000, { message: 'anio: debe ser un año (p. ej. 2026)' })
  @Max(2100, { message: 'anio: debe ser un año (p. ej. 2026)' })
  anio?: number;
}

class NuevoDiaNoLaborableDto {
  @IsIn(Object.values(TipoDiaNoLaborable), { message: 'tipo: elija decretado, regional o cierre_entidad' })
  tipo!: TipoDiaNoLaborable;

  @ValidateBy({ name: 'isIsoDate', validator: { validate: (v: unknown) => isIsoDate(v) } }, {
    message: 'fecha: debe ser una fecha válida con el formato AAAA-MM-DD',
  })
  fecha!: string;

  @IsString({ message: 'descripcion: describa el motivo del día no laborable' })
  @Length(3, 200, { message: 'descripcion: escriba entre 3 y 200 caracteres' })
  descripcion!: string;

  @IsOptional()
  @IsString({ message: 'decreto: indique el número del decreto' })
  @Length(3, 100, { message: 'decreto: escriba entre 3 y 100 caracteres' })
  decreto?: string;

  @IsOptional()
  @IsString({ message: 'departamento: indique el ubigeo de dos dígitos del departamento' })
  @Length(2, 2, { message: 'departamento: indique el ubigeo de dos dígitos del departamento' })
  departamento?: string;
}

class ConfirmarRecalculoDto {
  @IsString({ message: 'version: indique la versión del calendario mostrada en la vista previa' })
  @Length(1, 64, { message: 'version: indique la versión del calendario mostrada en la vista previa' })
  version!: string;

  @IsOptional()
  @IsString({ message: 'motivo: debe ser texto' })
  @Length(3, 300, { message: 'motivo: escriba entre 3 y 300 caracteres' })
  motivo?: string;
}

/** The public plazo calculator, also on the back-office (no sign-in). */
@ApiTags('calendario')
@Controller('api/v1/calendario')
export class CalendarioPublicoController {
  constructor(private readonly computePlazo: ComputePlazoUseCase) {}

  @Get('plazo')
  async plazo(@Query() query: PlazoQueryDto) {
    return this.computePlazo.execute({ desde: query.desde, dias: query.dias, entidadCodigo: query.entidad });
  }
}

/** Non-working days and the recompute of open reclamos' due dates. Role checks live in the use cases. */
@ApiTags('calendario')
@Controller('api/v1/calendario')
@UseGuards(SessionGuard)
export class CalendarioAdminController {
  constructor(
    private readonly listDias: ListDiasNoLaborablesUseCase,
    private readonly addDia: AddDiaNoLaborableUseCase,
    private readonly removeDia: RemoveDiaNoLaborableUseCase,
    private readonly previewRecalculo: PreviewRecalculoUseCase,
    private readonly confirmRecalculo: ConfirmRecalculoUseCase,
  ) {}

  @Get('dias-no-laborables')
  async list(@CurrentUser() user: StaffUser, @Query() query: ListarDiasQuery) {
    return { dias: await this.listDias.execute({ actor: user, anio: query.anio }) };
  }

  @Post('dias-no-laborables')
  async add(@CurrentUser() user: StaffUser, @Body() body: NuevoDiaNoLaborableDto) {
    return { dia: await this.addDia.execute({ actor: user, ...body }) };
  }

  @Delete('dias-no-laborables/:id')
  @HttpCode(204)
  async remove(
    @CurrentUser() user: StaffUser,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => new DomainError('DIA_NO_LABORABLE_NOT_FOUND', 'No existe ese día no laborable.') }))
    id: string,
  ) {
    await this.removeDia.execute({ actor: user, id });
  }

  @Get('recalculo')
  async preview(@CurrentUser() user: StaffUser) {
    return this.previewRecalculo.execute(user);
  }

  @Post('recalculo')
  @HttpCode(200)
  async confirm(@CurrentUser() user: StaffUser, @Body() body: ConfirmarRecalculoDto, @Ip() ip: string) {
    return this.confirmRecalculo.execute({ actor: user, version: body.version, motivo: body.motivo, ip });
  }
}
