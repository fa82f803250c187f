import { Controller, Get, HttpCode, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { clientIp } from '@app/platform/http';
import { assertMayHandleReclamos, GetReclamoFormOptionsUseCase, RegisterHojaFisicaUseCase } from '@app/atencion';
import { limaDateOf } from '@app/calendar';
import { ASPECTO_LABELS, Aspecto, DomainError, EnRepresentacion, FieldError } from '@app/domain';
import { DOCUMENT_TYPE_LABELS, DocumentType } from '@app/domain/documents';
import { distritosAgrupados } from '@app/domain/ubigeo';
import { Clock } from '@app/platform/clock';
import { HOJA_FIELD_LABELS, parseHoja } from '@app/reclamos';
import { StaffSession, StaffUser } from '@app/staff';
import { AttachmentStorage, discardAttachments } from '@app/storage';
import { HojaFisicaDto } from '../api/reclamos/reclamos.dto';
import { CsrfInMultipartFields, CurrentSession, CurrentUser, SessionGuard } from '../auth/session';
import { readScanUpload, ScanUpload } from '../uploads/read-scan-upload';
import { errorItems, errorsByField, options } from './reclamo-labels';
import { PagesErrorFilter } from './pages-error.filter';

/** The hoja's fields as the citizen's form names them, plus the physical sheet's own. */
const ETIQUETAS: Readonly<Record<string, string>> = {
  numeroHojaFisica: 'Número de la hoja',
  fechaHoja: 'Fecha de la hoja',
  escaneo: 'Escaneo de la hoja',
  ...HOJA_FIELD_LABELS,
};


const PERSONALES = [DocumentType.DNI, DocumentType.CARNE_EXTRANJERIA, DocumentType.PASAPORTE];

/**
 * Transcribing a sheet of the physical backup book: the citizen form's field set, plus the
 * sheet's number and date (the deadline counts from that date). Same HojaFisicaDto and use case
 * as POST /api/v1/casos/hoja-fisica. The form is multipart: the sheet's scan (PDF or image) is required
 * and becomes an attachment of the reclamo.
 */
@ApiExcludeController()
@Controller('casos/hoja-fisica')
@UseGuards(SessionGuard)
@UseFilters(PagesErrorFilter)
export class HojaFisicaPagesController {
  constructor(
    private readonly register: RegisterHojaFisicaUseCase,
    private readonly formOptions: GetReclamoFormOptionsUseCase,
    private readonly sessionGuard: SessionGuard,
    private readonly storage: AttachmentStorage,
    private readonly clock: Clock,
  ) {}

  @Get()
  async form(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Res() reply: FastifyReply) {
    assertMayHandleReclamos(user);
    return this.render(reply, user, session, {}, [], 200);
  }

  @Post()
  @HttpCode(200)
  @CsrfInMultipartFields()
  async submit(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    assertMayHandleReclamos(user);
    let upload: ScanUpload = { fields: {} };
    try {
      // The raw form without `_csrf`: parseHoja applies the strict rules of the DTO.
      upload = await readScanUpload(request, this.storage, { guard: this.sessionGuard, session }, 'escaneo');
      const { numeroHojaFisica, fechaHoja, ...hoja } = await parseHoja(HojaFisicaDto, upload.fields);
      const result = await this.register.execute({
        actor: user,
        entidadId: user.entidadId ?? '',
        ip: clientIp(request),
        hoja,
        numeroHojaFisica,
        fechaHoja,
        escaneo: upload.escaneo,
      });
      return reply.redirect(`/casos/${result.id}?aviso=hoja-fisica#aviso`, 303);
    } catch (error) {
      await discardAttachments(upload.escaneo ? [upload.escaneo] : [], this.storage);
      if (!(error instanceof DomainError) || error.errores.length === 0) throw error;
      const status = error.code === 'CONFLICT' ? 409 : error.code === 'ATTACHMENT_TOO_LARGE' ? 413 : 422;
      return this.render(reply, user, session, upload.fields, error.errores, status);
    }
  }

  private async render(reply: FastifyReply, user: StaffUser, session: StaffSession, values: Record<string, unknown>, errors: FieldError[], status: number) {
    const opciones = await this.formOptions.execute({ actor: user, entidadId: user.entidadId ?? '' });
    const errores = errorItems(errors, ETIQUETAS);
    const v = (k: string): string => {
      const value = values[k];
      return typeof value === 'string' ? value : '';
    };
    const docs = (types: DocumentType[]) => types.map((t): [string, string] => [t, DOCUMENT_TYPE_LABELS[t]]);
    return reply
      .status(status)
      .header('cache-control', 'private, no-store')
      .view('hoja-fisica', {
        titulo: `${errores.length > 0 ? 'Revise los datos – ' : ''}Registrar una hoja del libro físico – Libro de Reclamaciones`,
        usuario: user,
        csrfToken: this.sessionGuard.csrfTokenOf(session),
        errores,
        error: errorsByField(errores),
        v: Object.fromEntries(Object.keys(ETIQUETAS).map((k) => [k, v(k)])),
        hoy: limaDateOf(this.clock.now()),
        tiposDocumento: options(docs(Object.values(DocumentType)), v('tipoDocumento')),
        tiposRepresentado: options(docs(PERSONALES), v('representadoTipoDocumento')),
        tiposApoderado: options(docs(PERSONALES), v('apoderadoTipoDocumento')),
        aspectos: Object.values(Aspecto).map((a) => ({ value: a, label: ASPECTO_LABELS[a], selected: v('aspecto') === String(a) })),
        sedes: options(opciones.sedes.map((s) => [s.id, s.nombre]), v('sedeId')),
        servicios: options(opciones.servicios.map((s) => [s.id, s.nombre]), v('servicioId')),
        unidades: options(opciones.unidades.map((u) => [u.id, u.nombre]), v('unidadId')),
        ubigeos: distritosAgrupados().map((g) => ({ label: g.label, options: options(g.distritos.map((d): [string, string] => [d.code, d.name]), v('ubigeo')) })),
        notificacionSi: v('notificacionEmail') === 'si',
        notificacionNo: v('notificacionEmail') === 'no',
        representacion: Object.fromEntries(Object.values(EnRepresentacion).map((r) => [r, (v('enRepresentacion') || 'no') === String(r)])),
        esMenor: v('esMenor') === 'si',
      });
  }
}
