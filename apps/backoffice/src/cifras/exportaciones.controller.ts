import { Body, Controller, Get, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCookieAuth, ApiHeader, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { FastifyReply } from 'fastify';
import { Aspecto, Canal } from '@app/domain';
import {
  ExportacionVista,
  FORMATOS_EXPORTACION,
  GetExportacionUseCase,
  ListExportacionesUseCase,
  SolicitarExportacionUseCase,
  TIPOS_EXPORTACION,
} from '@app/medicion';
import { RutasBackoffice } from '@app/platform/links';
import { StaffUser } from '@app/staff';
import { CurrentUser, SessionGuard } from '../auth/session';

/** For the OpenAPI page only: the use case checks every value (and refuses any other key) naming the field. */
class FiltrosExportacionDoc {
  @ApiPropertyOptional({ enum: Canal }) canal?: Canal;
  @ApiPropertyOptional({ enum: Aspecto }) aspecto?: Aspecto;
  @ApiPropertyOptional({ format: 'uuid', description: 'Una sede de su entidad' }) sedeId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Una unidad orgánica de su entidad' }) unidadId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Un servicio de su entidad' }) servicioId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Un tema de su entidad' }) temaId?: string;
}

/*
 * The body only lists its fields (for the OpenAPI page and the strict pipe, which refuses any other):
 * SolicitarExportacionUseCase checks every value and names each wrong one in Spanish, the same for
 * this API and the /cifras page's form.
 */
class SolicitudExportacionDto {
  @ApiProperty({ enum: TIPOS_EXPORTACION, description: 'Qué exportar: el detalle de las cifras (una fila por día de Lima × canal × aspecto × sede × unidad × servicio × tema)' })
  @Allow()
  tipo?: unknown;

  @ApiProperty({ enum: FORMATOS_EXPORTACION, description: 'csv: solo el detalle (una tabla). xlsx: las hojas del resumen y luego «Detalle».' })
  @Allow()
  formato?: unknown;

  @ApiProperty({ example: '2026-01-01', description: 'Primer día, incluido: fecha de Lima (AAAA-MM-DD)' })
  @Allow()
  desde?: unknown;

  @ApiProperty({ example: '2026-06-30', description: 'Último día, incluido: fecha de Lima (AAAA-MM-DD); a lo más cinco años después de desde' })
  @Allow()
  hasta?: unknown;

  @ApiPropertyOptional({ type: FiltrosExportacionDoc, description: 'Los mismos filtros que /api/v1/cifras' })
  @Allow()
  filtros?: unknown;
}

/** An export with the links to follow it: its page, its state (this API) and, once ready, its file. */
export function conEnlaces<T extends ExportacionVista>(x: T): T & { enlaces: { pagina: string; estado: string; archivo: string | null } } {
  return {
    ...x,
    enlaces: {
      pagina: RutasBackoffice.exportacion(x.id),
      estado: RutasBackoffice.exportacionApi(x.id),
      archivo: x.archivo ? RutasBackoffice.exportacionArchivo(x.id) : null,
    },
  };
}

/**
 * Long exports, made by the worker in the background (the figures' detail for up to five years, in CSV or
 * XLSX). Ask with POST (202: the export's id and links; the same request still in flight is returned
 * instead of a second one), follow GET /api/v1/exportaciones/{id} (estado pendiente → en_proceso with
 * progreso 0–100 → lista or fallida; vencida once the file was removed, 7 calendar days after it was
 * ready) and download from `enlaces.archivo`. Only the person who asked and their entity's responsables
 * see an export; anyone else, another entity included, gets 404. Coordinators and administrators: 403.
 */
@ApiTags('exportaciones')
@ApiCookieAuth('sesion')
@Controller('api/v1/exportaciones')
@UseGuards(SessionGuard)
export class ExportacionesController {
  constructor(
    private readonly solicitar: SolicitarExportacionUseCase,
    private readonly get: GetExportacionUseCase,
    private readonly list: ListExportacionesUseCase,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiHeader({ name: 'x-csrf-token', required: true, description: 'El token de GET /api/v1/sesion' })
  @ApiOperation({
    summary: 'Pedir una exportación larga (se genera en segundo plano)',
    description:
      'Errores: 422 con errores[{campo, mensaje}] en español (tipo, formato, desde, hasta, filtros.<filtro>); ' +
      '409 si ya tiene 3 exportaciones en curso; 403 sin el token CSRF o para coordinadores y administradores.',
  })
  @ApiAcceptedResponse({ description: 'La exportación (estado pendiente, o la misma pedida antes aún en curso) con sus enlaces; Location: su estado' })
  async crear(@CurrentUser() user: StaffUser, @Body() body: SolicitudExportacionDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const { exportacion } = await this.solicitar.execute({ actor: user, solicitud: body });
    void reply.header('location', RutasBackoffice.exportacionApi(exportacion.id));
    return conEnlaces(exportacion);
  }

  @Get()
  @ApiOperation({ summary: 'Sus exportaciones recientes en su entidad (las diez últimas), de la más nueva a la más antigua' })
  async index(@CurrentUser() user: StaffUser) {
    return { exportaciones: (await this.list.execute({ actor: user })).map(conEnlaces) };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'Estado y avance de una exportación',
    description: 'Instantes en ISO 8601 (UTC); el periodo, en fechas de Lima. 404 si no existe o no es suya (ni de su entidad, si es responsable).',
  })
  async detalle(@CurrentUser() user: StaffUser, @Param('id') id: string) {
    return conEnlaces(await this.get.execute({ actor: user, exportacionId: id }));
  }
}
