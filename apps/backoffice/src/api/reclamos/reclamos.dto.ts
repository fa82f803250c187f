import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { EstadoReclamo } from '@app/domain';
import { CanalReconduccion, Direccion, DIRECCIONES, OrdenAnterior, OrdenBandeja, ORDENES_ANTERIORES, ORDENES_BANDEJA, Pendiente, PENDIENTES, POR_PAGINA_MAX } from '@app/atencion';
import { HojaReclamacionDto } from '@app/reclamos';
import { VENTANAS_DE_FECHA } from '@app/calendar';
import { IsLimaDate } from '@app/platform/validation';
import { FiltrosDelLibroQuery } from '../filtros-del-libro.query';

const toInt = ({ value }: { value: unknown }): unknown => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);
const toBool = ({ value }: { value: unknown }): unknown => (value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value);

export class BandejaQueryDto extends FiltrosDelLibroQuery {
  @ApiPropertyOptional({ enum: EstadoReclamo })
  @IsOptional()
  @IsEnum(EstadoReclamo, { message: 'estado: elija un estado del reclamo' })
  estado?: EstadoReclamo;

  @ApiPropertyOptional({ description: 'Solo los casos asignados a quien consulta' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'asignadoAMi: indique true o false' })
  asignadoAMi?: boolean;

  @ApiPropertyOptional({ description: 'Solo los casos abiertos (la entidad aún debe la respuesta: el plazo corre)' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'abiertos: indique true o false' })
  abiertos?: boolean;

  @ApiPropertyOptional({ description: 'Casos abiertos que vencen dentro de N días hábiles' })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'venceEnDias: indique un número entero de días hábiles entre 0 y 30' })
  @Min(0, { message: 'venceEnDias: indique un número entero de días hábiles entre 0 y 30' })
  @Max(30, { message: 'venceEnDias: indique un número entero de días hábiles entre 0 y 30' })
  venceEnDias?: number;

  @ApiPropertyOptional({ description: 'Solo los casos abiertos con el plazo vencido' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'vencidos: indique true o false' })
  vencidos?: boolean;

  @ApiPropertyOptional({
    enum: PENDIENTES,
    description:
      'Casos que esperan trabajo del personal: aprobacion (borrador de respuesta por aprobar), notificacion (respuesta aprobada ' +
      'y marcada como respondida sin notificar, o notificación fallida), subsanacion (el ciudadano respondió la subsanación ' +
      'y nadie ha actuado desde entonces)',
  })
  @IsOptional()
  @IsIn(PENDIENTES, { message: 'pendiente: elija aprobacion, notificacion o subsanacion' })
  pendiente?: Pendiente;

  @ApiPropertyOptional({ description: 'Código, nombre o número de documento' })
  @IsOptional()
  @IsString({ message: 'q: escriba un código, un nombre o un número de documento' })
  @Length(1, 100, { message: 'q: escriba entre 1 y 100 caracteres' })
  q?: string;

  @ApiPropertyOptional({
    enum: [...ORDENES_BANDEJA, ...ORDENES_ANTERIORES],
    default: 'vence',
    description:
      'Columna del orden: codigo, registro (fecha de registro, hora de Lima), vence (fecha máxima de respuesta), estado (orden del ' +
      'ciclo de vida) o asignado (nombre del oficial; sin asignar al final). Desempate: el código. -vence y -registro (anteriores) equivalen a dir=desc.',
  })
  @IsOptional()
  @IsIn([...ORDENES_BANDEJA, ...ORDENES_ANTERIORES], { message: `orden: elija ${ORDENES_BANDEJA.join(', ')}` })
  orden?: OrdenBandeja | OrdenAnterior;

  @ApiPropertyOptional({ enum: DIRECCIONES, default: 'asc', description: 'asc (ascendente) o desc (descendente)' })
  @IsOptional()
  @IsIn(DIRECCIONES, { message: 'dir: elija asc (ascendente) o desc (descendente)' })
  dir?: Direccion;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'pagina: indique un número de página desde 1' })
  @Min(1, { message: 'pagina: indique un número de página desde 1' })
  @Max(100000, { message: 'pagina: indique un número de página válido' })
  pagina?: number;

  @ApiPropertyOptional({ default: 25, maximum: POR_PAGINA_MAX })
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: `porPagina: indique un número entre 1 y ${POR_PAGINA_MAX}` })
  @Min(1, { message: `porPagina: indique un número entre 1 y ${POR_PAGINA_MAX}` })
  @Max(POR_PAGINA_MAX, { message: `porPagina: indique un número entre 1 y ${POR_PAGINA_MAX}` })
  porPagina?: number;
}

export class AsignarDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'unidadId: elija una unidad orgánica de su entidad' })
  unidadId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'oficialId: elija un oficial de su entidad' })
  oficialId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Tema de segundo nivel de la entidad (opcional)' })
  @IsOptional()
  @IsUUID('all', { message: 'temaId: elija un tema activo de su entidad' })
  temaId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'motivo: debe ser texto' })
  @Length(3, 1000, { message: 'motivo: escriba entre 3 y 1000 caracteres' })
  motivo?: string;
}

export class SubsanacionDto {
  @ApiProperty({ description: 'Qué información debe completar el ciudadano' })
  @IsString({ message: 'motivo: indique qué información debe completar el ciudadano' })
  @Length(10, 2000, { message: 'motivo: escriba entre 10 y 2000 caracteres' })
  motivo!: string;
}

export class SubsanacionRecibidaDto {
  @ApiProperty({ description: 'Qué información completó el ciudadano' })
  @IsString({ message: 'detalle: indique qué información completó el ciudadano' })
  @Length(5, 2000, { message: 'detalle: escriba entre 5 y 2000 caracteres' })
  detalle!: string;
}

export class ReconducirDto {
  @ApiProperty({ enum: CanalReconduccion })
  @IsEnum(CanalReconduccion, { message: 'canal: elija queja_defecto_tramitacion, acceso_informacion, denuncia o mesa_de_partes' })
  canal!: CanalReconduccion;

  @ApiProperty({ description: 'Mensaje al ciudadano: a dónde se envió y por qué' })
  @IsString({ message: 'mensaje: escriba el mensaje para el ciudadano' })
  @Length(10, 2000, { message: 'mensaje: escriba entre 10 y 2000 caracteres' })
  mensaje!: string;
}

export class TrasladarDto {
  @ApiProperty({ example: 'MML', description: 'Código de la entidad que atendió al ciudadano' })
  @IsString({ message: 'entidadDestino: indique el código de la entidad destino' })
  @Length(2, 20, { message: 'entidadDestino: indique el código de la entidad destino' })
  entidadDestino!: string;

  @ApiProperty()
  @IsString({ message: 'motivo: explique por qué se traslada' })
  @Length(10, 2000, { message: 'motivo: escriba entre 10 y 2000 caracteres' })
  motivo!: string;
}

export class RespuestaDto {
  @ApiPropertyOptional({ description: 'Hechos (si falta, se toma de la plantilla)' })
  @IsOptional()
  @IsString({ message: 'hechos: describa los hechos' })
  @Length(10, 10000, { message: 'hechos: escriba entre 10 y 10000 caracteres' })
  hechos?: string;

  @ApiPropertyOptional({ description: 'Análisis' })
  @IsOptional()
  @IsString({ message: 'analisis: escriba el análisis' })
  @Length(10, 10000, { message: 'analisis: escriba entre 10 y 10000 caracteres' })
  analisis?: string;

  @ApiPropertyOptional({ description: 'Medidas adoptadas' })
  @IsOptional()
  @IsString({ message: 'medidasAdoptadas: indique las medidas adoptadas' })
  @Length(5, 10000, { message: 'medidasAdoptadas: escriba entre 5 y 10000 caracteres' })
  medidasAdoptadas?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Plantilla de respuesta de la entidad' })
  @IsOptional()
  @IsUUID('all', { message: 'plantillaId: elija una plantilla de su entidad' })
  plantillaId?: string;
}

export class DevolverDto {
  @ApiProperty()
  @IsString({ message: 'comentarios: indique qué debe corregirse' })
  @Length(5, 4000, { message: 'comentarios: escriba entre 5 y 4000 caracteres' })
  comentarios!: string;
}

export class NotificarDto {
  @ApiPropertyOptional({ enum: ['postal', 'presencial'], description: 'Solo si el ciudadano no aceptó el correo' })
  @IsOptional()
  @IsIn(['postal', 'presencial'], { message: 'medio: elija postal o presencial' })
  medio?: 'postal' | 'presencial';

  @ApiPropertyOptional({ example: '2026-11-20' })
  @IsOptional()
  @IsLimaDate(VENTANAS_DE_FECHA.entregaNotificacion)
  fecha?: string;

  // The proof's scan is the multipart file «constancia», read by the controller, never a field of this DTO.
}

export class ArchivarDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'motivo: debe ser texto' })
  @Length(3, 1000, { message: 'motivo: escriba entre 3 y 1000 caracteres' })
  motivo?: string;
}

export class AnularDto {
  @ApiProperty({ description: 'Duplicado o prueba: por qué se anula' })
  @IsString({ message: 'motivo: indique por qué se anula' })
  @Length(5, 1000, { message: 'motivo: escriba entre 5 y 1000 caracteres' })
  motivo!: string;
}

export class NotaDto {
  @ApiProperty()
  @IsString({ message: 'texto: escriba la nota' })
  @Length(2, 4000, { message: 'texto: escriba entre 2 y 4000 caracteres' })
  texto!: string;
}

export class HojaFisicaDto extends HojaReclamacionDto {
  @ApiProperty({ example: '000123', description: 'Número de la hoja del libro físico' })
  @IsString({ message: 'numeroHojaFisica: indique el número de la hoja' })
  @Length(1, 30, { message: 'numeroHojaFisica: indique el número de la hoja' })
  numeroHojaFisica!: string;

  @ApiProperty({ example: '2026-11-20', description: 'Fecha de la hoja: el plazo se cuenta desde ella' })
  @IsLimaDate(VENTANAS_DE_FECHA.hojaFisica)
  fechaHoja!: string;
}
