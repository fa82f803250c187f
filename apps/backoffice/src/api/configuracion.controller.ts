import { Body, Controller, createParamDecorator, Delete, ExecutionContext, Get, HttpCode, Param, Patch, PipeTransform, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { clientIp } from '@app/platform/http';
import { IsArray, IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf } from 'class-validator';
import {
  AddCatalogoUseCase,
  Catalogo,
  configuracionNotFound,
  CreatePlantillaUseCase,
  DeletePlantillaUseCase,
  GetAjustesUseCase,
  GetPlantillaUseCase,
  isCatalogo,
  ListCatalogoUseCase,
  ListPlantillasUseCase,
  SetCatalogoActivoUseCase,
  SUBSANACION_VENCIDA,
  SubsanacionVencida,
  UpdateAjustesUseCase,
  UpdateCatalogoUseCase,
  UpdatePlantillaUseCase,
} from '@app/atencion';
import { Aspecto, RETENCION_MAXIMA_MESES, RETENCION_MINIMA_MESES } from '@app/domain';
import { StaffUser } from '@app/staff';
import { CurrentUser, SessionGuard } from '../auth/session';

const ClientIp = createParamDecorator((_: unknown, context: ExecutionContext): string => clientIp(context.switchToHttp().getRequest<FastifyRequest>()));

/** `sedes`, `unidades`, `servicios` or `temas`; anything else is a resource that does not exist. */
class CatalogoPipe implements PipeTransform<string, Catalogo> {
  transform(value: string): Catalogo {
    if (!isCatalogo(value)) throw configuracionNotFound();
    return value;
  }
}

/** Administrators name the entity they configure; everyone else configures their own (another one is a 404). */
class EntidadQuery {
  @IsOptional()
  @IsUUID('all', { message: 'entidad: indique el identificador de la entidad' })
  entidad?: string;
}

class AjustesDto {
  @ApiPropertyOptional({ description: 'La respuesta necesita la aprobación del responsable antes de notificarse' })
  @IsOptional()
  @IsBoolean({ message: 'aprobacionRequerida: indique true o false' })
  aprobacionRequerida?: boolean;

  @ApiPropertyOptional({ type: [Number], example: [10, 5, 2, 1], description: 'Días hábiles restantes en que se envían recordatorios, de mayor a menor (máximo 30)' })
  @IsOptional()
  @IsArray({ message: 'umbralesAlerta: indique una lista de días hábiles, p. ej. [10, 5, 2, 1]' })
  umbralesAlerta?: unknown[];

  @ApiPropertyOptional({ enum: SUBSANACION_VENCIDA, description: 'Qué hacer cuando vence el plazo de subsanación sin respuesta' })
  @IsOptional()
  @IsIn(SUBSANACION_VENCIDA, { message: 'subsanacionVencida: elija archivar o marcar' })
  subsanacionVencida?: SubsanacionVencida;

  @ApiPropertyOptional({ description: 'El plazo de 30 días hábiles se suspende mientras el ciudadano subsana (por defecto, no)' })
  @IsOptional()
  @IsBoolean({ message: 'subsanacionPausaPlazo: indique true o false' })
  subsanacionPausaPlazo?: boolean;

  @ApiPropertyOptional({ description: 'La página del caso ofrece «Aprobar y notificar» en un solo paso (por defecto, sí); si no, aprobar, marcar respondido y notificar van por separado' })
  @IsOptional()
  @IsBoolean({ message: 'aprobarYNotificar: indique true o false' })
  aprobarYNotificar?: boolean;

  @ApiPropertyOptional({
    minimum: RETENCION_MINIMA_MESES,
    maximum: RETENCION_MAXIMA_MESES,
    example: 36,
    description:
      'Meses calendario que se conservan los datos personales de un reclamo cerrado, contados desde su cierre; luego la purga diaria ' +
      `los elimina (Ley 29733). Mínimo ${RETENCION_MINIMA_MESES} (por defecto), máximo ${RETENCION_MAXIMA_MESES}.`,
  })
  @IsOptional()
  @IsInt({ message: 'retencionMeses: indique un número entero de meses' })
  @Min(RETENCION_MINIMA_MESES, { message: `retencionMeses: no puede ser menor que ${RETENCION_MINIMA_MESES} meses (el mínimo de conservación de las hojas de reclamación)` })
  @Max(RETENCION_MAXIMA_MESES, { message: `retencionMeses: no puede ser mayor que ${RETENCION_MAXIMA_MESES} meses` })
  retencionMeses?: number;
}

class CatalogoDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'nombre: escriba el nombre' })
  @Length(2, 200, { message: 'nombre: escriba entre 2 y 200 caracteres' })
  nombre?: string;

  @ApiPropertyOptional({ description: 'Solo sedes' })
  @IsOptional()
  @IsString({ message: 'direccion: escriba la dirección' })
  @Length(0, 300, { message: 'direccion: escriba como máximo 300 caracteres' })
  direccion?: string;

  @ApiPropertyOptional({ description: 'Solo sedes: ubigeo del distrito' })
  @IsOptional()
  @IsString({ message: 'ubigeo: indique el ubigeo de seis dígitos del distrito' })
  ubigeo?: string;

  @ApiPropertyOptional({ enum: Aspecto, nullable: true, description: 'Solo temas: el aspecto (primer nivel) al que pertenece' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsEnum(Aspecto, { message: 'aspecto: elija uno de los seis aspectos' })
  aspecto?: Aspecto | null;
}

class PlantillaDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'nombre: escriba el nombre de la plantilla' })
  @Length(2, 200, { message: 'nombre: escriba entre 2 y 200 caracteres' })
  nombre?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'hechos: debe ser texto' })
  @Length(0, 10000, { message: 'hechos: escriba como máximo 10000 caracteres' })
  hechos?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'analisis: debe ser texto' })
  @Length(0, 10000, { message: 'analisis: escriba como máximo 10000 caracteres' })
  analisis?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'medidasAdoptadas: debe ser texto' })
  @Length(0, 10000, { message: 'medidasAdoptadas: escriba como máximo 10000 caracteres' })
  medidasAdoptadas?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'activo: indique true o false' })
  activo?: boolean;
}

function scope(user: StaffUser, ip: string, query: EntidadQuery) {
  return { actor: user, entidadId: query.entidad ?? null, ip };
}

/**
 * The entity's settings (issue #5): approval, reminder thresholds, what happens when a subsanación
 * window passes, its sedes, unidades, services and topics, and its response templates. Responsables
 * configure their own entity; administrators pass `?entidad=`. Role and tenant checks live in the use cases.
 * Plantillas are declared before `:catalogo`, and the router prefers the fixed segment anyway.
 */
@ApiTags('configuracion')
@ApiCookieAuth('sesion')
@Controller('api/v1/configuracion')
@UseGuards(SessionGuard)
export class ConfiguracionController {
  constructor(
    private readonly getAjustes: GetAjustesUseCase,
    private readonly updateAjustes: UpdateAjustesUseCase,
    private readonly listCatalogo: ListCatalogoUseCase,
    private readonly addCatalogo: AddCatalogoUseCase,
    private readonly updateCatalogo: UpdateCatalogoUseCase,
    private readonly setActivo: SetCatalogoActivoUseCase,
    private readonly listPlantillas: ListPlantillasUseCase,
    private readonly getPlantilla: GetPlantillaUseCase,
    private readonly createPlantilla: CreatePlantillaUseCase,
    private readonly updatePlantilla: UpdatePlantillaUseCase,
    private readonly deletePlantilla: DeletePlantillaUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Ajustes de la entidad: aprobación de respuestas, umbrales de recordatorio, subsanación vencida, retención de datos personales (meses)' })
  async ajustes(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Query() query: EntidadQuery) {
    return this.getAjustes.execute(scope(user, ip, query));
  }

  @Patch()
  @ApiOperation({ summary: 'Cambiar los ajustes de la entidad (queda en la auditoría)' })
  async cambiarAjustes(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Query() query: EntidadQuery, @Body() body: AjustesDto) {
    return this.updateAjustes.execute({ ...scope(user, ip, query), ...body });
  }

  @Get('plantillas')
  @ApiOperation({ summary: 'Plantillas de respuesta de la entidad' })
  async plantillas(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Query() query: EntidadQuery) {
    return { plantillas: await this.listPlantillas.execute(scope(user, ip, query)) };
  }

  @Post('plantillas')
  @ApiOperation({ summary: 'Crear una plantilla de respuesta' })
  async crearPlantilla(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Query() query: EntidadQuery, @Body() body: PlantillaDto) {
    return { plantilla: await this.createPlantilla.execute({ ...scope(user, ip, query), datos: body }) };
  }

  @Get('plantillas/:id')
  async plantilla(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Query() query: EntidadQuery, @Param('id') id: string) {
    return { plantilla: await this.getPlantilla.execute({ ...scope(user, ip, query), id }) };
  }

  @Put('plantillas/:id')
  @ApiOperation({ summary: 'Modificar una plantilla de respuesta' })
  async modificarPlantilla(
    @CurrentUser() user: StaffUser,
    @ClientIp() ip: string,
    @Query() query: EntidadQuery,
    @Param('id') id: string,
    @Body() body: PlantillaDto,
  ) {
    return { plantilla: await this.updatePlantilla.execute({ ...scope(user, ip, query), id, datos: body }) };
  }

  @Delete('plantillas/:id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Eliminar una plantilla (si ya se usó en respuestas, se desactiva)' })
  async eliminarPlantilla(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Query() query: EntidadQuery, @Param('id') id: string) {
    return this.deletePlantilla.execute({ ...scope(user, ip, query), id });
  }

  @Get(':catalogo')
  @ApiOperation({ summary: 'Sedes, unidades orgánicas, servicios o temas de la entidad' })
  async catalogo(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Query() query: EntidadQuery, @Param('catalogo', CatalogoPipe) catalogo: Catalogo) {
    return { elementos: await this.listCatalogo.execute({ ...scope(user, ip, query), catalogo }) };
  }

  @Post(':catalogo')
  @ApiOperation({ summary: 'Agregar una sede, unidad orgánica, servicio o tema' })
  async agregar(
    @CurrentUser() user: StaffUser,
    @ClientIp() ip: string,
    @Query() query: EntidadQuery,
    @Param('catalogo', CatalogoPipe) catalogo: Catalogo,
    @Body() body: CatalogoDto,
  ) {
    return { elemento: await this.addCatalogo.execute({ ...scope(user, ip, query), catalogo, datos: body }) };
  }

  @Patch(':catalogo/:id')
  @ApiOperation({ summary: 'Renombrar (y, en sedes, cambiar la dirección; en temas, el aspecto)' })
  async modificar(
    @CurrentUser() user: StaffUser,
    @ClientIp() ip: string,
    @Query() query: EntidadQuery,
    @Param('catalogo', CatalogoPipe) catalogo: Catalogo,
    @Param('id') id: string,
    @Body() body: CatalogoDto,
  ) {
    return { elemento: await this.updateCatalogo.execute({ ...scope(user, ip, query), catalogo, id, datos: body }) };
  }

  @Post(':catalogo/:id/desactivar')
  @HttpCode(200)
  @ApiOperation({ summary: 'Desactivar (nunca se borra: los casos la siguen citando)' })
  async desactivar(
    @CurrentUser() user: StaffUser,
    @ClientIp() ip: string,
    @Query() query: EntidadQuery,
    @Param('catalogo', CatalogoPipe) catalogo: Catalogo,
    @Param('id') id: string,
  ) {
    return { elemento: await this.setActivo.execute({ ...scope(user, ip, query), catalogo, id, activo: false }) };
  }

  @Post(':catalogo/:id/activar')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivar' })
  async activar(
    @CurrentUser() user: StaffUser,
    @ClientIp() ip: string,
    @Query() query: EntidadQuery,
    @Param('catalogo', CatalogoPipe) catalogo: Catalogo,
    @Param('id') id: string,
  ) {
    return { elemento: await this.setActivo.execute({ ...scope(user, ip, query), catalogo, id, activo: true }) };
  }
}
