import { Body, Controller, createParamDecorator, ExecutionContext, Get, HttpCode, Param, PipeTransform, Post, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCookieAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Allow, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { FastifyReply, FastifyRequest } from 'fastify';
import { CODIGO_ENTIDAD_PATTERN, DomainError, TipoEntidad, ValidationFailedError } from '@app/domain';
import { clientIp } from '@app/platform/http';
import { StaffSession, StaffUser } from '@app/staff';
import {
  assertGestionaRegistro,
  CambiarEstadoEntidadUseCase,
  Cargo,
  COLUMNAS_CSV,
  DesignarResponsablesUseCase,
  entidadNoEncontrada,
  GuardarTramoUseCase,
  ImportarEntidadesUseCase,
  InvitarResponsableUseCase,
  ModificarEntidadUseCase,
  numeroTramoValido,
  ObtenerEntidadUseCase,
  RegistrarEntidadUseCase,
} from '@app/tramos';
import { CurrentSession, CurrentUser, SessionGuard } from '../auth/session';
import { readCsvUpload } from '../uploads/read-csv-upload';

export const ClientIp = createParamDecorator((_: unknown, context: ExecutionContext): string => clientIp(context.switchToHttp().getRequest<FastifyRequest>()));

/** An entity's code in the address: anything that cannot be a code is the same 404 as an unknown one. */
export class CodigoEntidadPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !CODIGO_ENTIDAD_PATTERN.test(value)) throw entidadNoEncontrada();
    return value;
  }
}

export const tramoNoEncontrado = () => new DomainError('TRAMO_NOT_FOUND', 'No existe ese tramo: su número va de 1 a 9999.');

/**
 * A tramo's number in the address (1 to 9999); anything else is a tramo that does not exist. The
 * global pipe may already have turned the text into a number (the parameter is typed `number`).
 */
export class NumeroTramoPipe implements PipeTransform<string | number, number> {
  transform(value: string | number): number {
    const numero = typeof value === 'string' || typeof value === 'number' ? numeroTramoValido(String(value)) : null;
    if (numero === null) throw tramoNoEncontrado();
    return numero;
  }
}

/** Every field is checked by @app/tramos (`revisarEntidad`), which names each wrong one; here only their types. */
class EntidadDto {
  @ApiProperty({ example: 'MINEDU', description: 'Código corto: de 2 a 20 letras mayúsculas o dígitos; es el prefijo de los códigos de sus reclamos' })
  @IsOptional()
  @IsString({ message: 'codigo: debe ser un texto' })
  @MaxLength(40, { message: 'codigo: es demasiado largo' })
  codigo?: string;

  @ApiProperty({ example: 'Ministerio de Educación', description: 'Nombre oficial (3 a 300 caracteres)' })
  @IsOptional()
  @IsString({ message: 'nombre: debe ser un texto' })
  @MaxLength(400, { message: 'nombre: es demasiado largo' })
  nombre?: string;

  @ApiProperty({ example: '20131370998', description: 'RUC de 11 dígitos que empieza con 20, con el dígito verificador de SUNAT' })
  @IsOptional()
  @IsString({ message: 'ruc: escríbalo como texto de 11 dígitos' })
  @MaxLength(20, { message: 'ruc: es demasiado largo' })
  ruc?: string;

  @ApiProperty({ enum: TipoEntidad, description: 'Tipo de entidad (también se acepta su nombre, p. ej. «Organismo público»)' })
  @IsOptional()
  @IsString({ message: 'tipo: debe ser un texto' })
  @MaxLength(60, { message: 'tipo: es demasiado largo' })
  tipo?: string;

  @ApiProperty({ enum: ['nacional', 'regional', 'local'] })
  @IsOptional()
  @IsString({ message: 'nivelGobierno: debe ser un texto' })
  @MaxLength(20, { message: 'nivelGobierno: es demasiado largo' })
  nivelGobierno?: string;

  @ApiProperty({ example: 'Educación' })
  @IsOptional()
  @IsString({ message: 'sector: debe ser un texto' })
  @MaxLength(200, { message: 'sector: es demasiado largo' })
  sector?: string;

  @ApiProperty({ example: '150130', description: 'Ubigeo INEI del distrito de la sede principal (6 dígitos)' })
  @IsOptional()
  @IsString({ message: 'ubigeo: escríbalo como texto de 6 dígitos' })
  @MaxLength(20, { message: 'ubigeo: es demasiado largo' })
  ubigeo?: string;

  @ApiPropertyOptional({
    oneOf: [{ type: 'integer', minimum: 1, maximum: 9999 }, { type: 'string' }],
    nullable: true,
    description: 'Número del tramo (1, «I», «Tramo I»); vacío o null: el tramo que cubre su tipo. Uno distinto del de su tipo queda asignado a mano',
  })
  @Allow()
  tramo?: unknown;
}

class DesignacionDto {
  @ApiProperty({ example: 'Oficio N° 045-2021-MINEDU/SG' })
  @IsOptional()
  @IsString({ message: 'oficioNumero: debe ser un texto' })
  @MaxLength(200, { message: 'oficioNumero: es demasiado largo' })
  oficioNumero?: string;

  @ApiProperty({ example: '2021-03-15', description: 'Fecha del oficio (AAAA-MM-DD, fecha de Lima); no posterior a hoy ni anterior al 17 de enero de 2020' })
  @IsOptional()
  @IsString({ message: 'oficioFecha: use AAAA-MM-DD' })
  @MaxLength(20, { message: 'oficioFecha: use AAAA-MM-DD' })
  oficioFecha?: string;

  @ApiProperty()
  @IsOptional()
  @IsString({ message: 'titularNombre: debe ser un texto' })
  @MaxLength(300, { message: 'titularNombre: es demasiado largo' })
  titularNombre?: string;

  @ApiProperty()
  @IsOptional()
  @IsString({ message: 'titularEmail: debe ser un texto' })
  @MaxLength(320, { message: 'titularEmail: es demasiado largo' })
  titularEmail?: string;

  @ApiPropertyOptional({ description: 'El alterno es opcional: los dos campos o ninguno' })
  @IsOptional()
  @IsString({ message: 'alternoNombre: debe ser un texto' })
  @MaxLength(300, { message: 'alternoNombre: es demasiado largo' })
  alternoNombre?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'alternoEmail: debe ser un texto' })
  @MaxLength(320, { message: 'alternoEmail: es demasiado largo' })
  alternoEmail?: string;
}

class InvitacionDto {
  @ApiProperty({ enum: ['titular', 'alterno'], description: 'A quién del oficio vigente invitar: su nombre y correo son los del oficio' })
  @IsIn(['titular', 'alterno'], { message: 'cargo: elija titular o alterno' })
  cargo!: Cargo;
}

class TramoDto {
  @ApiProperty({ example: 'Tramo II: Gobiernos regionales' })
  @IsOptional()
  @IsString({ message: 'nombre: debe ser un texto' })
  @MaxLength(300, { message: 'nombre: es demasiado largo' })
  nombre?: string;

  @ApiPropertyOptional({ description: 'Hasta 2000 caracteres' })
  @IsOptional()
  @IsString({ message: 'descripcion: debe ser un texto' })
  @MaxLength(4000, { message: 'descripcion: es demasiado largo' })
  descripcion?: string;

  @ApiProperty({ enum: TipoEntidad, isArray: true, description: 'Tipos de entidad que el tramo incorpora; un tipo pertenece a un solo tramo (marcarlo aquí lo quita del otro)' })
  @IsOptional()
  @IsArray({ message: 'tiposEntidad: indique una lista de tipos de entidad' })
  @IsString({ each: true, message: 'tiposEntidad: cada tipo debe ser un texto' })
  tiposEntidad?: string[];

  @ApiProperty({ example: '2021-08-01', description: 'Fecha de inicio (AAAA-MM-DD, fecha de Lima)' })
  @IsOptional()
  @IsString({ message: 'fechaInicio: use AAAA-MM-DD' })
  @MaxLength(20, { message: 'fechaInicio: use AAAA-MM-DD' })
  fechaInicio?: string;

  @ApiProperty({ example: '2022-03-31', description: 'Último día para estar en la plataforma (AAAA-MM-DD, fecha de Lima); no antes del inicio' })
  @IsOptional()
  @IsString({ message: 'fechaLimite: use AAAA-MM-DD' })
  @MaxLength(20, { message: 'fechaLimite: use AAAA-MM-DD' })
  fechaLimite?: string;
}

class ImportacionQuery {
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'simular: indique true (solo revisar) o false (importar)' })
  simular?: 'true' | 'false';
}

/**
 * The entity registry (issue #12) for the SGP's coordinators and the platform's administrators; an
 * entity's staff get 403 before any look-up. `GET /api/v1/entidades` (the list every role sees, scoped)
 * stays in EntidadesController. Every change is one transaction with its row in `auditoria_registro`.
 */
@ApiTags('entidades')
@ApiCookieAuth('sesion')
@Controller('api/v1/entidades')
@UseGuards(SessionGuard)
export class RegistroEntidadesController {
  constructor(
    private readonly registrar: RegistrarEntidadUseCase,
    private readonly obtener: ObtenerEntidadUseCase,
    private readonly modificar: ModificarEntidadUseCase,
    private readonly cambiarEstado: CambiarEstadoEntidadUseCase,
    private readonly importar: ImportarEntidadesUseCase,
    private readonly designar: DesignarResponsablesUseCase,
    private readonly invitar: InvitarResponsableUseCase,
    private readonly sessionGuard: SessionGuard,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Registrar una entidad', description: '201 { entidad }. 422 con errores por campo; 409 si el código o el RUC ya existen.' })
  async crear(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Body() body: EntidadDto) {
    return { entidad: await this.registrar.execute({ actor: user, ip, datos: body }) };
  }

  /**
   * `multipart/form-data` with one CSV in `archivo` (UTF-8 with or without BOM; `,` or `;`; columns
   * nombre, codigo, ruc, tipo, nivel_gobierno, sector, ubigeo, tramo; up to 5 MB and 10,000 rows).
   * `simular=true` (the default): 200 with every problem and nothing written. `simular=false`: all or
   * nothing; 201 with the entities created, or 422 with the same list and nothing written.
   */
  @Post('importacion')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiQuery({ name: 'simular', required: false, enum: ['true', 'false'], description: 'true (por defecto): solo revisar; false: importar, todo o nada' })
  @ApiBody({ schema: { type: 'object', required: ['archivo'], properties: { archivo: { type: 'string', format: 'binary', description: `CSV con las columnas ${COLUMNAS_CSV.join(', ')}` } } } })
  @ApiOperation({
    summary: 'Importar entidades desde un CSV (con simulación)',
    description:
      'Respuesta: { simulada, archivoSha256, bytes, separador, filas, validas, creadas, importacionId, errores: [{ campo, fila, columna, mensaje }] }. ' +
      'fila: la de la hoja de cálculo (la de los encabezados es la 1); null si el problema es del archivo.',
  })
  async importacion(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @ClientIp() ip: string,
    @Query() query: ImportacionQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    // Before reading the file: an entity's staff are refused without their upload being read.
    assertGestionaRegistro(user);
    const { archivo } = await readCsvUpload(request, { guard: this.sessionGuard, session });
    if (!archivo) throw new ValidationFailedError([{ campo: 'archivo', mensaje: 'adjunte el archivo CSV en el campo «archivo»' }]);
    const simular = query.simular !== 'false';
    const resultado = await this.importar.execute({ actor: user, ip, archivo: archivo.bytes, simular });
    if (!simular && resultado.errores.length > 0) {
      throw new DomainError('VALIDATION_FAILED', `El archivo tiene ${resultado.errores.length} problema(s): no se importó ninguna entidad.`, resultado.errores);
    }
    if (!simular) void reply.status(201);
    return resultado;
  }

  @Get(':codigo')
  @ApiOperation({ summary: 'Una entidad del registro: sus datos, reclamos recibidos, oficios de designación y cuentas de sus responsables' })
  async entidad(@CurrentUser() user: StaffUser, @Param('codigo', CodigoEntidadPipe) codigo: string) {
    return { entidad: await this.obtener.execute({ actor: user, codigo }) };
  }

  @Put(':codigo')
  @ApiOperation({ summary: 'Corregir los datos de una entidad', description: 'Todos los campos, como al registrarla. El código solo cambia si la entidad no tiene reclamos (409).' })
  async modificarEntidad(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('codigo', CodigoEntidadPipe) codigo: string, @Body() body: EntidadDto) {
    return { entidad: await this.modificar.execute({ actor: user, ip, codigo, datos: body }) };
  }

  @Post(':codigo/desactivar')
  @HttpCode(200)
  @ApiOperation({ summary: 'Desactivar una entidad (nunca se elimina: sus reclamos la siguen citando)' })
  async desactivar(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('codigo', CodigoEntidadPipe) codigo: string) {
    return { entidad: await this.cambiarEstado.execute({ actor: user, ip, codigo, activo: false }) };
  }

  @Post(':codigo/reactivar')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivar una entidad desactivada' })
  async reactivar(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('codigo', CodigoEntidadPipe) codigo: string) {
    return { entidad: await this.cambiarEstado.execute({ actor: user, ip, codigo, activo: true }) };
  }

  @Post(':codigo/designaciones')
  @ApiOperation({ summary: 'Registrar el oficio que designa a los responsables del libro (titular y, si lo hay, alterno)' })
  async designacion(@CurrentUser() user: StaffUser, @ClientIp() ip: string, @Param('codigo', CodigoEntidadPipe) codigo: string, @Body() body: DesignacionDto) {
    return { designacion: await this.designar.execute({ actor: user, ip, codigo, datos: body }) };
  }

  @Post(':codigo/invitaciones')
  @ApiOperation({ summary: 'Invitar al responsable titular o alterno que designa el oficio vigente (correo con un enlace de un solo uso)' })
  async invitacion(@CurrentUser() user: StaffUser, @Param('codigo', CodigoEntidadPipe) codigo: string, @Body() body: InvitacionDto) {
    return { miembro: await this.invitar.execute({ actor: user, codigo, cargo: body.cargo }) };
  }
}

/**
 * Writing a tramo (issue #12). Reading tramos (`GET /api/v1/tramos`, `/api/v1/tramos/{numero}`) is the
 * coordinators' console's, in another controller.
 */
@ApiTags('tramos')
@ApiCookieAuth('sesion')
@Controller('api/v1/tramos')
@UseGuards(SessionGuard)
export class TramosRegistroController {
  constructor(private readonly guardar: GuardarTramoUseCase) {}

  @Put(':numero')
  @ApiOperation({
    summary: 'Crear o reemplazar un tramo',
    description:
      '201 si el número era nuevo, 200 si existía: { tramo, creado, tiposTomados, entidadesMovidas }. Un tipo de entidad pertenece a un solo tramo: ' +
      'marcarlo aquí lo quita del otro. En la misma transacción, las entidades que siguen su tipo (no asignadas a mano) cambian de tramo.',
  })
  async guardarTramo(
    @CurrentUser() user: StaffUser,
    @ClientIp() ip: string,
    @Param('numero', NumeroTramoPipe) numero: number,
    @Body() body: TramoDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const guardado = await this.guardar.execute({ actor: user, ip, numero, datos: body });
    void reply.status(guardado.creado ? 201 : 200);
    return guardado;
  }
}
