import { Controller, Get, Param, Query, Res, StreamableFile, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import {
  DescargarExportacionUseCase,
  enCurso,
  ESTADO_EXPORTACION_LABELS,
  FORMATO_EXPORTACION_LABELS,
  GetExportacionUseCase,
  TIPO_EXPORTACION_LABELS,
} from '@app/medicion';
import { formatLimaDateTime } from '@app/platform/http';
import { RutasBackoffice } from '@app/platform/links';
import { StaffSession, StaffUser } from '@app/staff';
import { CurrentSession, CurrentUser, SessionGuard } from '../auth/session';
import { PagesErrorFilter } from '../pages/pages-error.filter';

/** Seconds between the progress page's reloads while the file is made. */
export const REFRESCO_SEGUNDOS = 5;

const numero = (n: number): string => n.toLocaleString('es-PE');

/** "1,2 MB", "834 kB", "512 bytes" (powers of 1,000, as file managers show them). */
export function tamanoLegible(bytes: number): string {
  if (bytes < 1_000) return `${numero(bytes)} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1_000).toLocaleString('es-PE', { maximumFractionDigits: 0 })} kB`;
  return `${(bytes / 1_000_000).toLocaleString('es-PE', { maximumFractionDigits: 1 })} MB`;
}

const filasTexto = (n: number): string => `${numero(n)} ${n === 1 ? 'fila' : 'filas'}`;

/**
 * An export's page and its file, for the person who asked and their entity's responsables (anyone
 * else: the 404 page). While the file is made the page shows a <progress> and reloads itself every
 * REFRESCO_SEGUNDOS with <meta http-equiv="refresh"> (no JavaScript); a link before the progress stops
 * that (WCAG 2.2.1: the person can turn the time limit off before meeting it), and the reload ends by
 * itself once the export is ready, failed or expired.
 */
@ApiExcludeController()
@Controller('exportaciones')
@UseGuards(SessionGuard)
@UseFilters(PagesErrorFilter)
export class ExportacionesPagesController {
  constructor(
    private readonly get: GetExportacionUseCase,
    private readonly descargar: DescargarExportacionUseCase,
    private readonly sessionGuard: SessionGuard,
  ) {}

  @Get(':id')
  async pagina(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Param('id') id: string,
    @Query('actualizar') actualizar: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    const x = await this.get.execute({ actor: user, exportacionId: id });
    const haciendose = enCurso(x.estado);
    const pagina = RutasBackoffice.exportacion(x.id);
    const filas = x.estado === 'lista' ? filasTexto(x.filasEscritas) : x.filasTotal === null ? '' : `${numero(x.filasEscritas)} de ${filasTexto(x.filasTotal)}`;
    const volver = `/cifras?${new URLSearchParams({ desde: x.parametros.desde, hasta: x.parametros.hasta, ...x.parametros.filtros }).toString()}`;
    return reply
      .header('cache-control', 'private, no-store')
      .view('exportacion', {
        titulo: `${ESTADO_EXPORTACION_LABELS[x.estado]}${haciendose ? ` (${x.progreso} %)` : ''} – Exportación – Libro de Reclamaciones`,
        usuario: user,
        csrfToken: this.sessionGuard.csrfTokenOf(session),
        refrescar: haciendose && actualizar !== 'no' ? REFRESCO_SEGUNDOS : null,
        detener: `${pagina}?actualizar=no`,
        reanudar: pagina,
        id: x.id,
        etiqueta: ESTADO_EXPORTACION_LABELS[x.estado],
        enCurso: haciendose,
        pendiente: x.estado === 'pendiente',
        reintento: x.estado === 'en_proceso' && x.intentos > 1,
        intentos: x.intentos,
        lista: x.estado === 'lista',
        fallida: x.estado === 'fallida',
        vencida: x.estado === 'vencida',
        progreso: x.progreso,
        filas,
        tipo: TIPO_EXPORTACION_LABELS[x.tipo],
        formato: FORMATO_EXPORTACION_LABELS[x.formato],
        parametros: x.parametros,
        filtros: x.filtrosDescritos,
        pedida: formatLimaDateTime(x.creadoEn),
        ajena: x.solicitadoPor.id !== user.id,
        solicitadoPor: x.solicitadoPor.nombre,
        terminada: x.terminadoEn ? formatLimaDateTime(x.terminadoEn) : null,
        expira: x.expiraEn ? formatLimaDateTime(x.expiraEn) : null,
        vencido: x.vencidoEn ? formatLimaDateTime(x.vencidoEn) : null,
        motivoFalla: x.motivoFalla,
        archivo: x.archivo ? { href: RutasBackoffice.exportacionArchivo(x.id), nombre: x.archivo.nombre, tamano: tamanoLegible(x.archivo.bytes) } : null,
        volver,
      });
  }

  /** The file, streamed from the storage, with its name (kind, entity, period) and content type. */
  @Get(':id/archivo')
  async archivo(@CurrentUser() user: StaffUser, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const file = await this.descargar.execute({ actor: user, exportacionId: id });
    void reply.header('cache-control', 'private, no-store');
    return new StreamableFile(file.contenido, { type: file.tipoMime, length: file.bytes, disposition: `attachment; filename="${file.nombre}"` });
  }
}
