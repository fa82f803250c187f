import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { limaDateOf, ParteDeFecha } from '@app/calendar';
import { Canal, DomainError, FieldError, ValidationFailedError } from '@app/domain';
import { Clock } from '@app/platform/clock';
import { RateLimited } from '@app/platform/throttling';
import {
  AdjuntoEnEspera,
  AdjuntosEnEspera,
  EntidadPublica,
  enOrdenDeLaHoja,
  FormularioDeHoja,
  GetEntidadPublicaUseCase,
  HojaReclamacionDto,
  parseHoja,
  ReceiptTokens,
  SubmitReclamoUseCase,
} from '@app/reclamos';
import { AttachmentStorage, discardAttachments, MAX_ATTACHMENT_FILES, MAX_TOTAL_ATTACHMENT_BYTES, ReceivedAttachment } from '@app/storage';
import { RutasCiudadano } from '@app/platform/links';
import { fingerprintOf, readHojaForm } from '../filing/read-filing';
import { leerHojaDelFormulario } from '../filing/hoja-form';
import { buildFormViewModel, buildReviewViewModel } from './form-view-model';

const CLAVE_ENVIO = /^[A-Za-z0-9-]{8,100}$/;

/** What a re-shown form carries besides the values and errors. */
interface FormularioMostrado {
  formulario: FormularioDeHoja;
  guardados: AdjuntoEnEspera[];
  /** A line said above the form (a file removed), not an error. */
  aviso?: string;
  parteConError?: ParteDeFecha | null;
}

/**
 * An entity's Libro de Reclamaciones: «Antes de empezar», the hoja, «Revise su reclamo» and the filing,
 * all working without JavaScript. The hoja posts to one address; the button pressed says what to do
 * (`accion`: revisar, cambiar, enviar; `quitarAdjunto`). Files received with a form that is not filed yet
 * (an error, the review) wait under the form's key (`claveEnvio`) until it is, or for a day.
 */
@ApiExcludeController()
@Controller('e')
export class LibroController {
  constructor(
    private readonly getEntidad: GetEntidadPublicaUseCase,
    private readonly submitReclamo: SubmitReclamoUseCase,
    private readonly storage: AttachmentStorage,
    private readonly receiptTokens: ReceiptTokens,
    private readonly adjuntosEnEspera: AdjuntosEnEspera,
    private readonly clock: Clock,
  ) {}

  /** «Antes de empezar»: what to have at hand, what is not a reclamo and where it goes, the term, how the answer comes. */
  @Get(':codigo/antes-de-empezar')
  async antesDeEmpezar(@Param('codigo') codigo: string, @Res() reply: FastifyReply) {
    const entidad = await this.getEntidad.execute(codigo);
    return reply.view('antes-de-empezar', {
      titulo: `Antes de empezar – Libro de Reclamaciones – ${entidad.nombre}`,
      entidad,
      hojaUrl: RutasCiudadano.hoja(entidad.codigo),
    });
  }

  @Get(':codigo')
  async form(@Param('codigo') codigo: string, @Res() reply: FastifyReply) {
    const entidad = await this.getEntidad.execute(codigo);
    const formulario = { entidadId: entidad.id, claveEnvio: randomUUID() };
    return this.renderForm(reply, entidad, {}, [], 200, { formulario, guardados: [] });
  }

  @Post(':codigo')
  @RateLimited('filing')
  async submit(@Param('codigo') codigo: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const entidad = await this.getEntidad.execute(codigo);
    let lectura;
    try {
      lectura = await readHojaForm(request, this.storage);
    } catch (error) {
      // Refused before a byte was read (declared over 20 MB): nothing of this post can be shown again.
      if (!(error instanceof DomainError) || error.errores.length === 0) throw error;
      const formulario = { entidadId: entidad.id, claveEnvio: randomUUID() };
      return this.renderForm(reply, entidad, {}, error.errores, 413, { formulario, guardados: [] });
    }
    const hojaForm = leerHojaDelFormulario(lectura.form.fields, limaDateOf(this.clock.now()));
    const { campos, valores } = hojaForm;
    const claveEnvio = CLAVE_ENVIO.test(campos.claveEnvio ?? '') ? campos.claveEnvio : randomUUID();
    campos.claveEnvio = claveEnvio;
    valores.claveEnvio = claveEnvio;
    const formulario: FormularioDeHoja = { entidadId: entidad.id, claveEnvio };
    let nuevos: ReceivedAttachment[] = lectura.form.attachments;
    const errores: FieldError[] = [...lectura.errores];

    if (hojaForm.accion === 'quitar') {
      const quitados = await this.adjuntosEnEspera.quitar(formulario, hojaForm.quitar);
      await this.adjuntosEnEspera.guardar(formulario, nuevos);
      const guardados = await this.adjuntosEnEspera.listar(formulario);
      const aviso = quitados.length > 0 ? `Quitamos «${quitados.join('», «')}» de su reclamo.` : undefined;
      return this.renderForm(reply, entidad, valores, errores, errores.length > 0 ? 422 : 200, { formulario, guardados, aviso });
    }

    const guardados = await this.adjuntosEnEspera.listar(formulario);
    if (guardados.length + nuevos.length > MAX_ATTACHMENT_FILES || sumaBytes(guardados) + sumaBytes(nuevos) > MAX_TOTAL_ATTACHMENT_BYTES) {
      errores.push({
        campo: 'adjuntos',
        mensaje:
          `no pudimos agregar ${nombres(nuevos)}: con los archivos que ya adjuntó se pasaría de ${MAX_ATTACHMENT_FILES} archivos ` +
          'o de 20 MB en total; quite alguno o adjunte archivos más livianos',
      });
      await discardAttachments(nuevos, this.storage);
      nuevos = [];
    }

    let hoja: HojaReclamacionDto | null = null;
    try {
      hoja = await parseHoja(HojaReclamacionDto, campos);
    } catch (error) {
      if (!(error instanceof ValidationFailedError)) throw error;
      errores.push(...error.errores);
    }
    const conFecha = hojaForm.errorFecha ? [...errores.filter((e) => e.campo !== 'fechaHechos'), hojaForm.errorFecha] : errores;

    if (conFecha.length > 0 || !hoja) {
      // Every file accepted is kept for the corrected form, and listed back: none is lost to an error.
      await this.adjuntosEnEspera.guardar(formulario, nuevos);
      const status = lectura.codigo === 'ATTACHMENT_TOO_LARGE' ? 413 : 422;
      return this.renderForm(reply, entidad, valores, conFecha, status, {
        formulario,
        guardados: await this.adjuntosEnEspera.listar(formulario),
        parteConError: hojaForm.parteConError,
      });
    }

    if (hojaForm.accion === 'revisar' || hojaForm.accion === 'cambiar') {
      await this.adjuntosEnEspera.guardar(formulario, nuevos);
      const todos = await this.adjuntosEnEspera.listar(formulario);
      if (hojaForm.accion === 'cambiar') return this.renderForm(reply, entidad, valores, [], 200, { formulario, guardados: todos });
      return reply.status(200).view('revisar', {
        titulo: `Revise su reclamo – Libro de Reclamaciones – ${entidad.nombre}`,
        ...buildReviewViewModel(entidad, hoja, campos, todos),
      });
    }

    try {
      const result = await this.submitReclamo.execute({
        entidadCodigo: entidad.codigo,
        hoja,
        adjuntos: [...guardados, ...nuevos],
        canal: Canal.VIRTUAL,
        enEspera: { formulario, adjuntos: guardados },
        // A double-clicked button posts the same form key twice: the second gets the first's receipt.
        // The kept files are not in the fingerprint: the first post took them, the second finds none.
        idempotency: { ambito: 'form', clave: `${entidad.codigo}:${claveEnvio}`, huella: fingerprintOf({ fields: campos, attachments: nuevos }) },
      });
      if (result.repetido) await discardAttachments(nuevos, this.storage);
      const token = this.receiptTokens.tokenFor(result.codigo);
      return reply.redirect(RutasCiudadano.constancia(result.codigo, token), 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.errores.length === 0 || error.code === 'ENTIDAD_NOT_FOUND') {
        await discardAttachments(nuevos, this.storage);
        throw error;
      }
      await this.adjuntosEnEspera.guardar(formulario, nuevos);
      const guardadosAhora = await this.adjuntosEnEspera.listar(formulario);
      return this.renderForm(reply, entidad, valores, error.errores, error.code === 'ATTACHMENT_TOO_LARGE' ? 413 : 422, {
        formulario,
        guardados: guardadosAhora,
      });
    }
  }

  private renderForm(
    reply: FastifyReply,
    entidad: EntidadPublica,
    values: Record<string, unknown>,
    errors: FieldError[],
    status: number,
    mostrado: FormularioMostrado,
  ) {
    const titulo = errors.length > 0 ? `Revise los datos – Libro de Reclamaciones – ${entidad.nombre}` : `Libro de Reclamaciones – ${entidad.nombre}`;
    return reply.status(status).view('hoja', {
      titulo,
      aviso: mostrado.aviso,
      ...buildFormViewModel(entidad, values, enOrdenDeLaHoja(errors), mostrado.formulario.claveEnvio, mostrado.guardados, mostrado.parteConError ?? null),
    });
  }
}

const sumaBytes = (adjuntos: ReadonlyArray<{ bytes: number }>): number => adjuntos.reduce((total, a) => total + a.bytes, 0);
const nombres = (adjuntos: ReadonlyArray<{ nombreOriginal: string }>): string => adjuntos.map((a) => `«${a.nombreOriginal}»`).join(', ');
