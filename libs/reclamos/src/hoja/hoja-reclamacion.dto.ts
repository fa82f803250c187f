import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  Equals,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
  ValidationArguments,
} from 'class-validator';
import { VENTANAS_DE_FECHA } from '@app/calendar';
import { Aspecto, EnRepresentacion } from '@app/domain';
import { DocumentType } from '@app/domain/documents';
import { IsDocumentNumberFor, IsLimaDate, IsPeruvianPhone, IsRuc, IsUbigeo } from '@app/platform/validation';

/** Forms send "si"/"no", "on", "true"/"false"; JSON sends booleans. */
const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['si', 'sí', 'true', 'on', '1'].includes(v)) return true;
  if (['no', 'false', '0'].includes(v)) return false;
  return value;
};
const upper = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.toUpperCase() : value);

export const DESCRIPCION_MIN = 30;
export const DESCRIPCION_MAX = 5000;
export const PEDIDO_MIN = 5;
export const PEDIDO_MAX = 2000;

/** A text out of its length, said with the count the person can check against. */
function mensajeDeLargo(args: ValidationArguments, min: number, max: number, pista: string): string {
  const largo = typeof args.value === 'string' ? [...args.value].length : 0;
  if (largo < min) return `${args.property}: escriba al menos ${min} caracteres (ahora tiene ${largo}): ${pista}`;
  return `${args.property}: acorte el texto a ${max} caracteres como máximo (ahora tiene ${largo})`;
}

/**
 * A short text's message: what to write when it is missing (a form's empty box arrives as nothing, and
 * its length rule is the one that answers), its limits when it is there.
 */
function mensajeDeTexto(queEscribir: string, min: number, max: number, unidad: 'letras' | 'caracteres') {
  return (args: ValidationArguments): string => {
    const dado = typeof args.value === 'string' && args.value.trim() !== '';
    return `${args.property}: ${dado ? `${queEscribir.replace(/,.*$/, '')}, de ${min} a ${max} ${unidad}` : queEscribir}`;
  };
}

/** One message for the e-mail, whichever reason made it required. */
function mensajeDelCorreo(args: ValidationArguments): string {
  const hoja = args.object as HojaReclamacionDto;
  if (hoja.email !== undefined) return 'email: escriba el correo completo, como nombre@ejemplo.com';
  if (hoja.notificacionEmail === true) return 'email: escriba su correo electrónico: eligió recibir la respuesta por correo';
  return 'email: escriba un correo electrónico o un teléfono: uno de los dos es obligatorio para avisarle';
}

/**
 * The hoja de reclamación, flat so that the HTML form (no JavaScript) and the JSON API
 * share one shape and one set of rules. Messages name the field, in Spanish.
 */
export class HojaReclamacionDto {
  @ApiProperty({ enum: DocumentType, description: 'Tipo de documento de quien presenta el reclamo' })
  @IsEnum(DocumentType, { message: 'tipoDocumento: elija DNI, carné de extranjería (CE), pasaporte o RUC' })
  tipoDocumento!: DocumentType;

  @ApiProperty({ example: '45871236' })
  @Transform(upper)
  @IsString({ message: 'numeroDocumento: es obligatorio' })
  @IsDocumentNumberFor('tipoDocumento')
  numeroDocumento!: string;

  @ApiProperty({ example: 'María Elena' })
  @IsString({ message: 'nombres: escriba sus nombres, como figuran en su documento' })
  @Length(2, 80, { message: mensajeDeTexto('escriba sus nombres, como figuran en su documento', 2, 80, 'letras') })
  nombres!: string;

  @ApiProperty({ example: 'Quispe Huamán' })
  @IsString({ message: 'apellidos: escriba sus apellidos, como figuran en su documento' })
  @Length(2, 80, { message: mensajeDeTexto('escriba sus apellidos, como figuran en su documento', 2, 80, 'letras') })
  apellidos!: string;

  @ApiPropertyOptional({ description: 'Obligatoria cuando el documento es RUC' })
  @ValidateIf((o: HojaReclamacionDto) => o.tipoDocumento === DocumentType.RUC || o.razonSocial !== undefined)
  @IsString({ message: 'razonSocial: escriba el nombre de la empresa, como figura en su RUC' })
  @Length(2, 200, { message: mensajeDeTexto('escriba el nombre de la empresa, como figura en su RUC', 2, 200, 'caracteres') })
  razonSocial?: string;

  @ApiPropertyOptional({ example: 'maria.quispe@example.pe' })
  // The pair «correo o teléfono» answers with one error, here, when both are missing; the phone is checked only when given.
  @ValidateIf((o: HojaReclamacionDto) => o.email !== undefined || o.notificacionEmail === true || o.telefono === undefined)
  @IsEmail({}, { message: mensajeDelCorreo })
  email?: string;

  @ApiPropertyOptional({ example: '987654321', description: 'Teléfono; el correo o el teléfono, uno de los dos es obligatorio' })
  @ValidateIf((o: HojaReclamacionDto) => o.telefono !== undefined)
  @IsPeruvianPhone()
  telefono?: string;

  @ApiPropertyOptional({
    example: '150122',
    description:
      'Distrito de la dirección: su código de ubigeo del INEI (6 dígitos; 150122 = Miraflores, Lima, Lima; lista en GET /api/v1/ubigeos). ' +
      'Obligatorio si no acepta la notificación por correo electrónico.',
  })
  @ValidateIf((o: HojaReclamacionDto) => o.ubigeo !== undefined || o.notificacionEmail === false)
  @IsUbigeo()
  ubigeo?: string;

  /** The form asks departamento → provincia → distrito; only `ubigeo` is stored, these keep the steps. */
  @ApiPropertyOptional({ description: 'Solo en el formulario: departamento elegido (código INEI de 2 dígitos)' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'departamento: elija un departamento de la lista' })
  departamento?: string;

  @ApiPropertyOptional({ description: 'Solo en el formulario: provincia elegida (código INEI de 4 dígitos)' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'provincia: elija una provincia de la lista' })
  provincia?: string;

  @ApiPropertyOptional({ example: 'Av. José Larco 1234, dpto. 501' })
  @ValidateIf((o: HojaReclamacionDto) => o.direccion !== undefined || o.notificacionEmail === false)
  @IsString({ message: 'direccion: es obligatoria si no acepta la notificación por correo electrónico' })
  @Length(5, 200, { message: 'direccion: debe tener entre 5 y 200 caracteres' })
  direccion?: string;

  @ApiProperty({ format: 'uuid', description: 'Sede donde ocurrió, de la lista de la entidad' })
  @IsUUID('all', { message: 'sedeId: elija de la lista la sede donde ocurrió' })
  sedeId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Unidad orgánica, si la conoce' })
  @IsOptional()
  @IsUUID('all', { message: 'unidadId: elija un área de la lista, o «No sé / no aplica»' })
  unidadId?: string;

  @ApiProperty({ format: 'uuid', description: 'Servicio o trámite, de la lista de la entidad' })
  @IsUUID('all', { message: 'servicioId: elija de la lista el servicio o trámite que fue a hacer' })
  servicioId!: string;

  @ApiProperty({ example: '2026-11-18', description: 'Fecha de los hechos (AAAA-MM-DD), no futura ni de hace más de dos años' })
  @IsLimaDate(VENTANAS_DE_FECHA.hechos)
  fechaHechos!: string;

  @ApiProperty({ enum: Aspecto })
  @IsEnum(Aspecto, { message: 'aspecto: elija el aspecto que mejor describa su reclamo' })
  aspecto!: Aspecto;

  @ApiProperty({ minLength: DESCRIPCION_MIN, maxLength: DESCRIPCION_MAX })
  @IsString({ message: 'descripcion: cuéntenos qué sucedió: qué pasó, dónde y quién lo atendió' })
  @Length(DESCRIPCION_MIN, DESCRIPCION_MAX, { message: (args) => mensajeDeLargo(args, DESCRIPCION_MIN, DESCRIPCION_MAX, 'cuente qué pasó, dónde y quién lo atendió') })
  descripcion!: string;

  @ApiProperty({ minLength: PEDIDO_MIN, maxLength: PEDIDO_MAX, description: 'Qué solicita a la entidad' })
  @IsString({ message: 'pedido: escriba qué solicita a la entidad, por ejemplo, que le entreguen un documento' })
  @Length(PEDIDO_MIN, PEDIDO_MAX, { message: (args) => mensajeDeLargo(args, PEDIDO_MIN, PEDIDO_MAX, 'diga qué espera que haga la entidad') })
  pedido!: string;

  @ApiProperty({ description: 'Acepta que la respuesta se le notifique por correo electrónico' })
  @Transform(toBoolean)
  @IsBoolean({ message: 'notificacionEmail: elija si acepta recibir la respuesta por correo electrónico o en su dirección' })
  notificacionEmail!: boolean;

  @ApiPropertyOptional({ enum: EnRepresentacion, default: EnRepresentacion.NO })
  @IsOptional()
  @IsEnum(EnRepresentacion, { message: 'enRepresentacion: elija si presenta por usted, por otra persona o por una empresa' })
  enRepresentacion?: EnRepresentacion;

  @ApiPropertyOptional({ enum: [DocumentType.DNI, DocumentType.CARNE_EXTRANJERIA, DocumentType.PASAPORTE] })
  @ValidateIf((o: HojaReclamacionDto) => o.enRepresentacion === EnRepresentacion.PERSONA)
  @IsIn([DocumentType.DNI, DocumentType.CARNE_EXTRANJERIA, DocumentType.PASAPORTE], {
    message: 'representadoTipoDocumento: elija el tipo de documento de la persona representada',
  })
  representadoTipoDocumento?: DocumentType;

  @ApiPropertyOptional()
  @ValidateIf((o: HojaReclamacionDto) => o.enRepresentacion === EnRepresentacion.PERSONA)
  @Transform(upper)
  @IsString({ message: 'representadoNumeroDocumento: es obligatorio al presentar en nombre de otra persona' })
  @IsDocumentNumberFor('representadoTipoDocumento')
  representadoNumeroDocumento?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: HojaReclamacionDto) => o.enRepresentacion === EnRepresentacion.PERSONA)
  @IsString({ message: 'representadoNombres: escriba los nombres de la persona a la que representa' })
  @Length(2, 80, { message: mensajeDeTexto('escriba los nombres de la persona a la que representa', 2, 80, 'letras') })
  representadoNombres?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: HojaReclamacionDto) => o.enRepresentacion === EnRepresentacion.PERSONA)
  @IsString({ message: 'representadoApellidos: escriba los apellidos de la persona a la que representa' })
  @Length(2, 80, { message: mensajeDeTexto('escriba los apellidos de la persona a la que representa', 2, 80, 'letras') })
  representadoApellidos?: string;

  @ApiPropertyOptional({ example: '20100070970' })
  @ValidateIf((o: HojaReclamacionDto) => o.enRepresentacion === EnRepresentacion.EMPRESA)
  @IsString({ message: 'representadoRuc: es obligatorio al presentar en nombre de una empresa' })
  @IsRuc()
  representadoRuc?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: HojaReclamacionDto) => o.enRepresentacion === EnRepresentacion.EMPRESA)
  @IsString({ message: 'representadoRazonSocial: escriba el nombre de la empresa, como figura en su RUC' })
  @Length(2, 200, { message: mensajeDeTexto('escriba el nombre de la empresa, como figura en su RUC', 2, 200, 'caracteres') })
  representadoRazonSocial?: string;

  @ApiPropertyOptional({ description: 'Quien presenta es menor de edad (se piden los datos de su padre, madre o apoderado)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'esMenor: elija «Sí» o «No»' })
  esMenor?: boolean;

  @ApiPropertyOptional({ enum: [DocumentType.DNI, DocumentType.CARNE_EXTRANJERIA, DocumentType.PASAPORTE] })
  @ValidateIf((o: HojaReclamacionDto) => o.esMenor === true)
  @IsIn([DocumentType.DNI, DocumentType.CARNE_EXTRANJERIA, DocumentType.PASAPORTE], {
    message: 'apoderadoTipoDocumento: elija el tipo de documento del padre, madre o apoderado',
  })
  apoderadoTipoDocumento?: DocumentType;

  @ApiPropertyOptional()
  @ValidateIf((o: HojaReclamacionDto) => o.esMenor === true)
  @Transform(upper)
  @IsString({ message: 'apoderadoNumeroDocumento: es obligatorio para un menor de edad' })
  @IsDocumentNumberFor('apoderadoTipoDocumento')
  apoderadoNumeroDocumento?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: HojaReclamacionDto) => o.esMenor === true)
  @IsString({ message: 'apoderadoNombres: escriba los nombres de su padre, madre o apoderado' })
  @Length(2, 80, { message: mensajeDeTexto('escriba los nombres de su padre, madre o apoderado', 2, 80, 'letras') })
  apoderadoNombres?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: HojaReclamacionDto) => o.esMenor === true)
  @IsString({ message: 'apoderadoApellidos: escriba los apellidos de su padre, madre o apoderado' })
  @Length(2, 80, { message: mensajeDeTexto('escriba los apellidos de su padre, madre o apoderado', 2, 80, 'letras') })
  apoderadoApellidos?: string;

  /** Honeypot: hidden from people (and labelled "leave empty" for screen readers); bots fill it. */
  @ApiPropertyOptional({ description: 'Déjelo vacío (control anti-spam)' })
  @IsOptional()
  @Equals('', { message: 'sitioWeb: deje este campo vacío' })
  sitioWeb?: string;

  @ApiPropertyOptional({ description: 'Solo en el formulario: evita registrar dos veces un doble clic' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{8,100}$/, { message: 'claveEnvio: el formulario no se pudo leer; vuelva a abrirlo desde la página de la entidad' })
  claveEnvio?: string;
}

/** The JSON API names the entity in the body; the form takes it from the page's address. */
export class CrearReclamoDto extends HojaReclamacionDto {
  @ApiProperty({ example: 'MINEDU', description: 'Código corto de la entidad' })
  @Transform(upper)
  @Matches(/^[A-Z0-9]{2,20}$/, { message: 'entidad: indique el código de la entidad (por ejemplo, MINEDU)' })
  entidad!: string;
}
