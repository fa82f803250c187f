import { Body, Controller, Get, HttpCode, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiExcludeEndpoint, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DatosDeLaPersona, ExportarDatosPersonaUseCase } from '@app/atencion';
import { DomainError, ESTADO_LABELS, EstadoReclamo } from '@app/domain';
import { DOCUMENT_TYPE_LABELS, DocumentType } from '@app/domain/documents';
import { clientIp } from '@app/platform/http';
import { RutasBackoffice } from '@app/platform/links';
import { StaffSession, StaffUser } from '@app/staff';
import { CurrentSession, CurrentUser, SessionGuard } from '../auth/session';
import { PagesErrorFilter } from '../pages/pages-error.filter';
import { errorItems, errorsByField } from '../pages/reclamo-labels';

/** Both fields optional text here: the use case names what is missing or wrong, in Spanish. */
class AccesoDatosDto {
  @ApiPropertyOptional({ enum: Object.values(DocumentType), example: 'DNI' })
  @IsOptional()
  @IsString({ message: 'tipoDocumento: elija DNI, CE, PASAPORTE o RUC' })
  @MaxLength(20, { message: 'tipoDocumento: elija DNI, CE, PASAPORTE o RUC' })
  tipoDocumento?: string;

  @ApiPropertyOptional({ example: '45871236', description: 'Como la persona lo escribe (con o sin separadores)' })
  @IsOptional()
  @IsString({ message: 'numeroDocumento: escriba el número de documento' })
  @MaxLength(40, { message: 'numeroDocumento: escriba como máximo 40 caracteres' })
  numeroDocumento?: string;
}

class AccesoDatosForm extends AccesoDatosDto {
  /** The anti-CSRF token (checked by the SessionGuard). */
  @IsOptional() @IsString() @MaxLength(100) _csrf?: string;
}

const ETIQUETAS: Readonly<Record<string, string>> = { tipoDocumento: 'Tipo de documento', numeroDocumento: 'Número de documento' };
const noEncontrado = (): DomainError => new DomainError('RECLAMO_NOT_FOUND', 'No encontrado.');

/**
 * A person's access request (Ley 29733, art. 19: derecho de acceso), for platform administrators only:
 * everything held about one person, by document type and number, across every entity. Two forms of the
 * same use case: JSON (`POST /api/v1/admin/acceso-datos`, for a reply by e-mail or an archive) and a
 * readable page (`/admin/acceso-datos`, printable from the browser as the written answer). POST, never a
 * query string: the document stays out of addresses and logs. Anyone else gets 404, the API and the page.
 */
@ApiTags('protección de datos')
@ApiCookieAuth()
@Controller()
@UseGuards(SessionGuard)
export class AccesoDatosController {
  constructor(
    private readonly exportar: ExportarDatosPersonaUseCase,
    private readonly sessionGuard: SessionGuard,
  ) {}

  /**
   * 200 `DatosDeLaPersona` (`casos`: every case of the person with `comoPersona`, `eventos`, `respuesta`, `mensajes`,
   * `adjuntos`, `encuesta`; instants in UTC ISO 8601, dates Lima AAAA-MM-DD); 422 `errores` naming `tipoDocumento` or
   * `numeroDocumento`; 404 for any role but the administrator; 403 without the CSRF token. Audited.
   */
  @Post('api/v1/admin/acceso-datos')
  @HttpCode(200)
  @ApiOperation({ summary: 'Todo lo que la plataforma guarda de una persona, por su documento (Ley 29733, art. 19). Solo administradores; queda en la auditoría.' })
  async api(@CurrentUser() user: StaffUser, @Req() request: FastifyRequest, @Body() body: AccesoDatosDto): Promise<DatosDeLaPersona> {
    return this.exportar.execute({ actor: user, ip: clientIp(request), tipoDocumento: body.tipoDocumento, numeroDocumento: body.numeroDocumento, formato: 'json' });
  }

  @Get('admin/acceso-datos')
  @ApiExcludeEndpoint()
  @UseFilters(PagesErrorFilter)
  async formulario(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Res() reply: FastifyReply) {
    if (user.rol !== 'administrador') throw noEncontrado();
    return this.render(reply, user, session, 200, {});
  }

  @Post('admin/acceso-datos')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  @UseFilters(PagesErrorFilter)
  async consultar(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Req() request: FastifyRequest,
    @Body() form: AccesoDatosForm,
    @Res() reply: FastifyReply,
  ) {
    if (user.rol !== 'administrador') throw noEncontrado();
    try {
      const datos = await this.exportar.execute({
        actor: user,
        ip: clientIp(request),
        tipoDocumento: form.tipoDocumento,
        numeroDocumento: form.numeroDocumento,
        formato: 'html',
      });
      return this.render(reply, user, session, 200, { valores: form, datos });
    } catch (error) {
      if (!(error instanceof DomainError) || error.errores.length === 0) throw error;
      return this.render(reply, user, session, 422, { valores: form, errores: errorItems(error.errores, ETIQUETAS) });
    }
  }

  private render(
    reply: FastifyReply,
    user: StaffUser,
    session: StaffSession,
    status: number,
    state: { valores?: AccesoDatosForm; errores?: ReturnType<typeof errorItems>; datos?: DatosDeLaPersona },
  ) {
    const error = errorsByField(state.errores ?? []);
    const tipo = state.valores?.tipoDocumento ?? '';
    return reply
      .status(status)
      // Personal data: never cached by the browser or a proxy.
      .header('cache-control', 'private, no-store')
      .view('acceso-datos', {
        titulo: `${state.datos ? 'Datos de una persona' : 'Solicitud de acceso a datos personales'} – Libro de Reclamaciones`,
        usuario: user,
        csrfToken: this.sessionGuard.csrfTokenOf(session),
        action: RutasBackoffice.accesoDatos(),
        errores: state.errores,
        tipo: {
          id: 'tipoDocumento',
          name: 'tipoDocumento',
          error: error.tipoDocumento,
          options: Object.values(DocumentType).map((t) => ({ value: t, label: DOCUMENT_TYPE_LABELS[t], selected: (t as string) === tipo })),
        },
        numero: { id: 'numeroDocumento', name: 'numeroDocumento', value: state.valores?.numeroDocumento ?? '', error: error.numeroDocumento },
        datos: state.datos && {
          ...state.datos,
          tipoEtiqueta: DOCUMENT_TYPE_LABELS[state.datos.tipoDocumento],
          total: state.datos.casos.length,
          casos: state.datos.casos.map((c) => ({ ...c, estadoEtiqueta: ESTADO_LABELS[c.estado as EstadoReclamo] ?? c.estado })),
        },
      });
  }
}
