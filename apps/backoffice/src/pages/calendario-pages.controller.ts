import { Body, Controller, Get, HttpCode, Ip, Param, Post, Query, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { IsOptional, IsString, MaxLength, validate } from 'class-validator';
import { FastifyReply } from 'fastify';
import { isIsoDate, limaDateOf, nationalHolidaysOf } from '@app/calendar';
import { DomainError, FieldError } from '@app/domain';
import { departamentos, ubigeoLabel } from '@app/domain/ubigeo';
import { Clock } from '@app/platform/clock';
import { toFieldErrors } from '@app/platform/errors';
import {
  AddDiaNoLaborableUseCase,
  ComputePlazoUseCase,
  ConfirmRecalculoUseCase,
  isResponsable,
  ListDiasNoLaborablesUseCase,
  PlazoCalculado,
  PlazoQueryDto,
  PreviewRecalculoUseCase,
  RemoveDiaNoLaborableUseCase,
  TipoDiaNoLaborable,
} from '@app/plazos';
import { ListEntidadesUseCase, StaffSession, StaffUser } from '@app/staff';
import { CurrentSession, CurrentUser, SessionGuard } from '../auth/session';
import { errorItems, errorsByField, ErrorItem, fechaCorta, options } from './reclamo-labels';
import { PagesErrorFilter } from './pages-error.filter';

/** Every field of the calendar's forms: optional text here, the checks below and the use cases name what is wrong. */
class CalendarioForm {
  @IsOptional() @IsString() @MaxLength(40) tipo?: string;
  @IsOptional() @IsString() @MaxLength(20) fecha?: string;
  @IsOptional() @IsString() @MaxLength(400) descripcion?: string;
  @IsOptional() @IsString() @MaxLength(200) decreto?: string;
  @IsOptional() @IsString() @MaxLength(10) departamento?: string;
  @IsOptional() @IsString() @MaxLength(10) anio?: string;
  @IsOptional() @IsString() @MaxLength(100) version?: string;
  @IsOptional() @IsString() @MaxLength(400) motivo?: string;
}

const TIPO_LABELS: Readonly<Record<TipoDiaNoLaborable | 'feriado', string>> = {
  feriado: 'Feriado nacional',
  [TipoDiaNoLaborable.DECRETADO]: 'Día no laborable decretado',
  [TipoDiaNoLaborable.REGIONAL]: 'Día no laborable regional',
  [TipoDiaNoLaborable.CIERRE_ENTIDAD]: 'Cierre de la entidad',
};

const ETIQUETAS: Readonly<Record<string, string>> = {
  fecha: 'Fecha',
  descripcion: 'Motivo',
  decreto: 'Número del decreto',
  departamento: 'Departamento',
  desde: 'Fecha de registro',
  dias: 'Días hábiles',
  entidad: 'Entidad',
  version: 'Vista previa',
  motivo: 'Motivo del recálculo',
  anio: 'Año',
};

const AVISOS: Readonly<Record<string, string>> = {
  agregado: 'Se registró el día no laborable. Los casos nuevos ya lo cuentan; los abiertos conservan su plazo hasta que un administrador confirme el recálculo.',
  quitado: 'Se quitó el día no laborable.',
  recalculo: 'Se recalcularon los plazos de los casos abiertos.',
};

/** Which form a failed POST came from: its fields carry this prefix in their ids. */
type FormId = TipoDiaNoLaborable | 'calc' | 'recalculo';

interface RenderState {
  status?: number;
  form?: FormId;
  errores?: ErrorItem[];
  valores?: Record<string, string | undefined>;
  alerta?: string;
  aviso?: string;
  calculo?: { desde?: string; dias?: string };
}

const DIAS_SEMANA = ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'];

function diaSemana(iso: string): string {
  return DIAS_SEMANA[new Date(`${iso}T00:00:00Z`).getUTCDay()];
}

function fieldError(campo: string, mensaje: string): FieldError {
  return { campo, mensaje };
}

/**
 * The calendar page (server-rendered, no JavaScript needed): the year's non-working days, the
 * forms each role may use, the business-day calculator and, for administrators, the recompute of
 * open reclamos' due dates. Every action calls the same use case as /api/v1/calendario, whose role
 * checks decide; the page only hides the forms a role could not use anyway.
 */
@ApiExcludeController()
@Controller('calendario')
@UseGuards(SessionGuard)
@UseFilters(PagesErrorFilter)
export class CalendarioPagesController {
  constructor(
    private readonly listDias: ListDiasNoLaborablesUseCase,
    private readonly addDia: AddDiaNoLaborableUseCase,
    private readonly removeDia: RemoveDiaNoLaborableUseCase,
    private readonly computePlazo: ComputePlazoUseCase,
    private readonly previewRecalculo: PreviewRecalculoUseCase,
    private readonly confirmRecalculo: ConfirmRecalculoUseCase,
    private readonly listEntidades: ListEntidadesUseCase,
    private readonly sessionGuard: SessionGuard,
    private readonly clock: Clock,
  ) {}

  @Get()
  async calendario(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Query() query: Record<string, unknown>,
    @Res() reply: FastifyReply,
  ) {
    const text = (key: string): string | undefined => {
      const value = query[key];
      return typeof value === 'string' ? value.trim() : undefined;
    };
    const aviso = text('aviso');
    const movidos = text('movidos');
    return this.render(reply, user, session, text('anio'), {
      aviso: aviso === 'recalculo' && movidos && /^\d+$/.test(movidos) ? `${AVISOS.recalculo} Casos movidos: ${movidos}.` : aviso ? AVISOS[aviso] : undefined,
      calculo: text('desde') !== undefined || text('dias') !== undefined ? { desde: text('desde') ?? '', dias: text('dias') ?? '' } : undefined,
    });
  }

  @Post('dias')
  @HttpCode(200)
  async agregar(@CurrentUser() user: StaffUser, @CurrentSession() session: StaffSession, @Body() form: CalendarioForm, @Res() reply: FastifyReply) {
    const tipo = (Object.values(TipoDiaNoLaborable) as string[]).includes(form.tipo ?? '') ? (form.tipo as TipoDiaNoLaborable) : null;
    if (tipo === null) throw new DomainError('VALIDATION_FAILED', 'Elija el tipo de día no laborable.', [fieldError('tipo', 'elija el tipo de día')]);
    const errores: FieldError[] = [];
    const fecha = form.fecha?.trim() ?? '';
    const descripcion = form.descripcion?.trim() ?? '';
    if (!isIsoDate(fecha)) errores.push(fieldError('fecha', 'indique una fecha válida (AAAA-MM-DD)'));
    if (descripcion.length < 3 || descripcion.length > 200) errores.push(fieldError('descripcion', 'escriba entre 3 y 200 caracteres'));
    try {
      if (errores.length > 0) throw new DomainError('VALIDATION_FAILED', 'Revise los datos.', errores);
      await this.addDia.execute({
        actor: user,
        tipo,
        fecha,
        descripcion,
        decreto: form.decreto?.trim() || undefined,
        departamento: form.departamento?.trim() || undefined,
      });
    } catch (error) {
      if (!(error instanceof DomainError) || error.errores.length === 0) throw error;
      return this.render(reply, user, session, fecha.slice(0, 4), {
        status: error.code === 'CONFLICT' ? 409 : 422,
        form: tipo,
        valores: { ...form },
        errores: errorItems(error.errores, ETIQUETAS, `${tipo}-`),
      });
    }
    return reply.redirect(`/calendario?anio=${fecha.slice(0, 4)}&aviso=agregado#aviso`, 303);
  }

  @Post('dias/:id/quitar')
  @HttpCode(200)
  async quitar(@CurrentUser() user: StaffUser, @Param('id') id: string, @Body() form: CalendarioForm, @Res() reply: FastifyReply) {
    // A malformed id is the same "not found" as a missing one (and as another entity's closure).
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError('DIA_NO_LABORABLE_NOT_FOUND', 'No existe ese día no laborable.');
    await this.removeDia.execute({ actor: user, id });
    const anio = form.anio && /^\d{4}$/.test(form.anio) ? form.anio : '';
    return reply.redirect(`/calendario?${anio ? `anio=${anio}&` : ''}aviso=quitado#aviso`, 303);
  }

  @Post('recalculo')
  @HttpCode(200)
  async recalcular(
    @CurrentUser() user: StaffUser,
    @CurrentSession() session: StaffSession,
    @Body() form: CalendarioForm,
    @Ip() ip: string,
    @Res() reply: FastifyReply,
  ) {
    try {
      const motivo = form.motivo?.trim() || undefined;
      const { casosMovidos } = await this.confirmRecalculo.execute({ actor: user, version: form.version ?? '', motivo, ip });
      return reply.redirect(`/calendario?aviso=recalculo&movidos=${casosMovidos}#aviso`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'CONFLICT') throw error;
      // The calendar changed since the preview: show the new preview and say why nothing was applied.
      return this.render(reply, user, session, undefined, { status: 409, form: 'recalculo', alerta: error.message });
    }
  }

  private async render(reply: FastifyReply, user: StaffUser, session: StaffSession, anioTexto: string | undefined, state: RenderState) {
    const hoy = limaDateOf(this.clock.now());
    const anioActual = Number(hoy.slice(0, 4));
    const anioPedido = anioTexto && /^\d{4}$/.test(anioTexto) ? Number(anioTexto) : anioActual;
    const anio = anioPedido >= 2000 && anioPedido <= 2100 ? anioPedido : anioActual;
    const esAdministrador = user.rol === 'administrador';
    const esResponsable = isResponsable(user.rol) && user.entidadId !== null;

    const dias = await this.listDias.execute({ actor: user, anio });
    const feriados = nationalHolidaysOf(anio).map((f) => ({
      fecha: f.date,
      tipo: 'feriado',
      tipoEtiqueta: TIPO_LABELS.feriado,
      descripcion: f.name,
      detalle: f.legalBasis,
      quitar: null as string | null,
    }));
    const registrados = dias.map((d) => {
      const mayRemove = d.tipo === TipoDiaNoLaborable.CIERRE_ENTIDAD ? esResponsable : esAdministrador;
      const detalle =
        d.tipo === TipoDiaNoLaborable.DECRETADO
          ? d.decreto
          : d.tipo === TipoDiaNoLaborable.REGIONAL
            ? `${ubigeoLabel(d.departamento ?? '') ?? d.departamento} (${d.departamento})`
            : d.entidad;
      return { fecha: d.fecha, tipo: d.tipo, tipoEtiqueta: TIPO_LABELS[d.tipo], descripcion: d.descripcion, detalle, quitar: mayRemove ? `/calendario/dias/${d.id}/quitar` : null };
    });
    const filas = [...feriados, ...registrados]
      .sort((a, b) => a.fecha.localeCompare(b.fecha))
      .map((f) => ({ ...f, fechaCorta: fechaCorta(f.fecha), diaSemana: diaSemana(f.fecha), pasado: f.fecha < hoy }));

    const errores = [...(state.errores ?? [])];
    const calculo = await this.calcular(user, state.calculo, errores);
    const error = errorsByField(errores);
    const valor = (form: FormId, campo: string): string => (state.form === form ? (state.valores?.[campo] ?? '') : '');
    const recalculo = esAdministrador ? await this.previewRecalculo.execute(user) : null;

    const view = {
      titulo: `${errores.length > 0 ? 'Revise los datos – ' : ''}Calendario de días no laborables ${anio} – Libro de Reclamaciones`,
      usuario: user,
      csrfToken: this.sessionGuard.csrfTokenOf(session),
      errores,
      error,
      aviso: state.aviso,
      alerta: state.alerta,
      anio,
      anterior: anio - 1,
      siguiente: anio + 1,
      filas,
      esAdministrador,
      esResponsable,
      puedeQuitar: esAdministrador || esResponsable,
      f: {
        decretado: { fecha: valor('decretado', 'fecha'), decreto: valor('decretado', 'decreto'), descripcion: valor('decretado', 'descripcion') },
        regional: {
          fecha: valor('regional', 'fecha'),
          descripcion: valor('regional', 'descripcion'),
          departamentos: options(
            departamentos().map((d) => [d.code, `${d.name} (${d.code})`]),
            valor('regional', 'departamento'),
          ),
        },
        cierre: { fecha: valor('cierre_entidad', 'fecha'), descripcion: valor('cierre_entidad', 'descripcion') },
        recalculo: { motivo: valor('recalculo', 'motivo') },
      },
      calculo,
      recalculo: recalculo && {
        ...recalculo,
        rango:
          recalculo.desplazamientoMinDias === null
            ? null
            : recalculo.desplazamientoMinDias === recalculo.desplazamientoMaxDias
              ? `${recalculo.desplazamientoMinDias} días calendario`
              : `entre ${recalculo.desplazamientoMinDias} y ${recalculo.desplazamientoMaxDias} días calendario`,
      },
    };
    const status = state.status ?? (errores.length > 0 ? 422 : 200);
    return reply.status(status).header('cache-control', 'private, no-store').view('calendario', view);
  }

  /** The "días hábiles" calculator (a GET form): counted as registro counts it, with the user's entity's regional days and closures. */
  private async calcular(user: StaffUser, crudo: RenderState['calculo'], errores: ErrorItem[]) {
    const base = { desde: crudo?.desde ?? '', dias: crudo?.dias ?? '30', resultado: null as null | (PlazoCalculado & { venceTexto: string }) };
    if (!crudo) return base;
    const dto = plainToInstance(PlazoQueryDto, { desde: crudo.desde, dias: crudo.dias });
    const invalid = await validate(dto, { whitelist: true, stopAtFirstError: true });
    if (invalid.length > 0) {
      errores.push(...errorItems(toFieldErrors(invalid), ETIQUETAS, 'calc-'));
      return base;
    }
    const [entidad] = user.entidadId ? await this.listEntidades.execute(user) : [];
    const resultado = await this.computePlazo.execute({ desde: dto.desde, dias: dto.dias, entidadCodigo: entidad?.codigo });
    return {
      ...base,
      entidad: entidad ? `${entidad.nombre} (${entidad.codigo})` : null,
      resultado: {
        ...resultado,
        venceTexto: fechaCorta(resultado.vence),
        omitidos: resultado.omitidos.map((o) => ({
          ...o,
          // The calendar names a weekend day by its weekday, which the list already shows.
          motivo: o.motivo === diaSemana(o.fecha) ? 'fin de semana' : o.motivo,
          fechaCorta: fechaCorta(o.fecha),
          diaSemana: diaSemana(o.fecha),
        })),
      },
    };
  }
}
