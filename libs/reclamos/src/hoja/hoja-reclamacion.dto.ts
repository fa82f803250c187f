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

const DESCRIPCION_MIN = 30;
const DESCRIPCION_MAX = 5000;

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
  @IsString({ message: 'nombres: es obligatorio' })
  @Length(2, 80, { message: 'nombres: debe tener entre 2 y 80 caracteres' })
  nombres!: string;

  @ApiProperty({ example: 'Quispe Huamán' })
  @IsString({ message: 'apellidos: es obligatorio' })
  @Length(2, 80, { message: 'apellidos: debe tener entre 2 y 80 caracteres' })
  apellidos!: string;

  @ApiPropertyOptional({ description: 'Obligatoria cuando el documento es RUC' })
  @ValidateIf((o: HojaReclamacionDto) => o.tipoDocumento === DocumentType.RUC || o.razonSocial !== undefined)
  @IsString({ message: 'razonSocial: es obligatoria cuando el documento es RUC' })
  @Length(2, 200, { message: 'razonSocial: debe tener entre 2 y 200 caracteres' })
  razonSocial?: string;

  @ApiPropertyOptional({ example: 'maria.quispe@example.pe' })
  @ValidateIf((o: HojaReclamacionDto) => o.email !== undefined || o.notificacionEmail === true || o.telefono === undefined)
  @IsEmail({}, { message: 'email: escriba un correo electrónico válido (obligatorio si acepta notificación por correo o no da teléfono)' })
  email?: string;

  @ApiPropertyOptional({ example: '987654321' })
  @ValidateIf((o: HojaReclamacionDto) => o.telefono !== undefined || o.email === undefined)
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
  @IsUUID('all', { message: 'sedeId: elija la sede donde ocurrió' })
  sedeId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Unidad orgánica, si la conoce' })
  @IsOptional()
  @IsUUID('all', { message: 'unidadId: elija una unidad de la lista' })
  unidadId?: string;

  @ApiProperty({ format: 'uuid', description: 'Servicio o trámite, de la lista de la entidad' })
  @IsUUID('all', { message: 'servicioId: elija el servicio o trámite' })
  servicioId!: string;

  @ApiProperty({ example: '2026-11-18', description: 'Fecha de los hechos (AAAA-MM-DD), no futura ni de hace más de dos años' })
  @IsLimaDate(VENTANAS_DE_FECHA.hechos)
  fechaHechos!: string;

  @ApiProperty({ enum: Aspecto })
  @IsEnum(Aspecto, { message: 'aspecto: elija uno de los seis aspectos del reclamo' })
  aspecto!: Aspecto;

  @ApiProperty({ minLength: DESCRIPCION_MIN, maxLength: DESCRIPCION_MAX })
  @IsString({ message: 'descripcion: cuente qué sucedió' })
  @Length(DESCRIPCION_MIN, DESCRIPCION_MAX, {
    message: `descripcion: debe tener entre ${DESCRIPCION_MIN} y ${DESCRIPCION_MAX} caracteres`,
  })
  descripcion!: string;

  @ApiProperty({ maxLength: 2000, description: 'Qué solicita a la entidad' })
  @IsString({ message: 'pedido: indique qué solicita a la entidad' })
  @Length(5, 2000, { message: 'pedido: debe tener entre 5 y 2000 caracteres' })
  pedido!: string;

  @ApiProperty({ description: 'Acepta que la respuesta se le notifique por correo electrónico' })
  @Transform(toBoolean)
  @IsBoolean({ message: 'notificacionEmail: indique si acepta la notificación por correo electrónico (sí o no)' })
  notificacionEmail!: boolean;

  @ApiPropertyOptional({ enum: EnRepresentacion, default: EnRepresentacion.NO })
  @IsOptional()
  @IsEnum(EnRepresentacion, { message: 'enRepresentacion: elija no, persona o empresa' })
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
  @IsString({ message: 'representadoNombres: es obligatorio al presentar en nombre de otra persona' })
  @Length(2, 80, { message: 'representadoNombres: debe tener entre 2 y 80 caracteres' })
  representadoNombres?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: HojaReclamacionDto) => o.enRepresentacion === EnRepresentacion.PERSONA)
  @IsString({ message: 'representadoApellidos: es obligatorio al presentar en nombre de otra persona' })
  @Length(2, 80, { message: 'representadoApellidos: debe tener entre 2 y 80 caracteres' })
  representadoApellidos?: string;

  @ApiPropertyOptional({ example: '20100070970' })
  @ValidateIf((o: HojaReclamacionDto) => o.enRepresentacion === EnRepresentacion.EMPRESA)
  @IsString({ message: 'representadoRuc: es obligatorio al presentar en nombre de una empresa' })
  @IsRuc()
  representadoRuc?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: HojaReclamacionDto) => o.enRepresentacion === EnRepresentacion.EMPRESA)
  @IsString({ message: 'representadoRazonSocial: es obligatoria al presentar en nombre de una empresa' })
  @Length(2, 200, { message: 'representadoRazonSocial: debe tener entre 2 y 200 caracteres' })
  representadoRazonSocial?: string;

  @ApiPropertyOptional({ description: 'Quien presenta es menor de edad (se piden los datos de su padre, madre o apoderado)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'esMenor: indique sí o no' })
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
  @IsString({ message: 'apoderadoNombres: es obligatorio para un menor de edad' })
  @Length(2, 80, { message: 'apoderadoNombres: debe tener entre 2 y 80 caracteres' })
  apoderadoNombres?: string;

  @ApiPropertyOptional()
  @ValidateIf((o: HojaReclamacionDto) => o.esMenor === true)
  @IsString({ message: 'apoderadoApellidos: es obligatorio para un menor de edad' })
  @Length(2, 80, { message: 'apoderadoApellidos: debe tener entre 2 y 80 caracteres' })
  apoderadoApellidos?: string;

  /** Honeypot: hidden from people (and labelled "leave empty" for screen readers); bots fill it. */
  @ApiPropertyOptional({ description: 'Déjelo vacío (control anti-spam)' })
  @IsOptional()
  @Equals('', { message: 'sitioWeb: deje este campo vacío' })
  sitioWeb?: string;

  @ApiPropertyOptional({ description: 'Solo en el formulario: evita registrar dos veces un doble clic' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{8,100}$/, { message: 'claveEnvio: no es válida; recargue el formulario' })
  claveEnvio?: string;
}

/** The JSON API names the entity in the body; the form takes it from the page's address. */
export class CrearReclamoDto extends HojaReclamacionDto {
  @ApiProperty({ example: 'MINEDU', description: 'Código corto de la entidad' })
  @Transform(upper)
  @Matches(/^[A-Z0-9]{2,20}$/, { message: 'entidad: indique el código de la entidad (por ejemplo, MINEDU)' })
  entidad!: string;
}
