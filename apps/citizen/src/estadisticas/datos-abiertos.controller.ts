import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@app/domain';
import {
  ARCHIVO_RECLAMOS_POR_ENTIDAD,
  COLUMNAS_RECLAMOS_POR_ENTIDAD,
  GetDatosAbiertosUseCase,
  MOTIVOS_RESERVA,
  PUBLICAR_DATOS_ABIERTOS_PATTERN,
} from '@app/medicion';
import { formatLimaDateTime } from '@app/platform/http';
import { RutasCiudadano } from '@app/platform/links';

/**
 * The licence of the open data: Open Data Commons Attribution License (ODC-BY 1.0). An attribution licence written
 * for databases (it covers the database right as well as copyright), the kind the national open-data portal
 * (datosabiertos.gob.pe) publishes its datasets under, so the file can be harvested there as it is; anyone may
 * copy, adapt and redistribute it, citing the source.
 */
const LICENCIA = {
  nombre: 'Open Data Commons Attribution License (ODC-BY 1.0)',
  url: 'https://opendatacommons.org/licenses/by/1-0/',
  atribucion: 'Presidencia del Consejo de Ministros, Secretaría de Gestión Pública – Libro de Reclamaciones digital',
};

// The hour of the daily job's pattern ('0 0 4 * * *', seconds first), for the page's sentence.
const HORA_DIARIA = `${PUBLICAR_DATOS_ABIERTOS_PATTERN.split(' ')[2].padStart(2, '0')}:00`;

/**
 * Open data (no sign-in): the schema page `/datos-abiertos` (each field's name, type, meaning and unit, the licence,
 * the refresh schedule and the last refresh) and the file `/datos-abiertos/reclamos-por-entidad.csv`, served from
 * the snapshot the worker publishes every day (this app only reads it), with ETag and Last-Modified so a harvester
 * downloads it again only when it changed. No file yet: 404 with a Spanish message.
 */
@ApiTags('datos-abiertos')
@Controller('datos-abiertos')
export class DatosAbiertosController {
  constructor(private readonly datos: GetDatosAbiertosUseCase) {}

  @Get()
  @ApiOperation({ summary: 'Página del esquema de los datos abiertos (HTML)' })
  async esquema(@Res() reply: FastifyReply) {
    const ultimo = await this.datos.ultimo();
    return reply.header('cache-control', 'public, max-age=300').view('datos-abiertos', {
      titulo: 'Datos abiertos de reclamos – Libro de Reclamaciones',
      estilos: 'estadisticas.css',
      archivo: ultimo && {
        href: RutasCiudadano.datosAbiertosArchivo(ultimo.nombre),
        nombre: ultimo.nombre,
        generadoEn: formatLimaDateTime(ultimo.generadoEn),
        generadoEnIso: new Date(ultimo.generadoEn).toISOString(),
        ultimoMes: ultimo.ultimoMes,
        filas: ultimo.filas.toLocaleString('es-PE'),
        kb: Math.max(1, Math.round(ultimo.bytes / 1024)).toLocaleString('es-PE'),
        sha256: ultimo.sha256,
      },
      columnas: COLUMNAS_RECLAMOS_POR_ENTIDAD,
      motivos: Object.entries(MOTIVOS_RESERVA).map(([codigo, m]) => ({ codigo, texto: m.texto })),
      licencia: LICENCIA,
      horaDiaria: HORA_DIARIA,
      estadisticas: RutasCiudadano.estadisticas(),
    });
  }

  @Get(ARCHIVO_RECLAMOS_POR_ENTIDAD)
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'Reclamos por entidad, mes, aspecto y canal (CSV, UTF-8, coma, encabezado en snake_case)',
    description: 'Se publica cada día a las 04:00 (hora de Lima). Conteos de 1 a 4 y medianas sobre menos de 5 casos van vacíos, con la columna y el motivo en celdas_reservadas.',
  })
  @ApiOkResponse({ description: 'El archivo, con ETag y Last-Modified; 304 si no cambió' })
  @ApiNotFoundResponse({ description: 'Aún no se ha publicado ningún archivo' })
  async csv(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const archivo = await this.datos.contenido();
    if (!archivo) throw new DomainError('ENTIDAD_NOT_FOUND', 'Aún no se ha publicado el archivo de datos abiertos: vuelva en unos minutos.');
    const etag = `"${archivo.sha256}"`;
    const modificado = new Date(archivo.generadoEn);
    reply
      .header('etag', etag)
      .header('last-modified', modificado.toUTCString())
      .header('cache-control', 'public, max-age=3600')
      .header('content-type', 'text/csv; charset=utf-8; header=present')
      .header('content-disposition', `attachment; filename="${archivo.nombre}"`);
    const siNo = request.headers['if-none-match'];
    const desde = request.headers['if-modified-since'];
    const sinCambios =
      siNo !== undefined ? siNo.split(',').some((t) => t.trim() === etag) : desde !== undefined && Math.floor(modificado.getTime() / 1000) <= Math.floor(Date.parse(desde) / 1000);
    if (sinCambios) return reply.status(304).send();
    return reply.send(archivo.contenido);
  }
}
