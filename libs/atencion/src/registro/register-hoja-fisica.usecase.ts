import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { computeDueDate, limaDateOf, revisarFecha, VENTANAS_DE_FECHA, yearOf } from '@app/calendar';
import { Canal, DomainError, EstadoReclamo, FieldError } from '@app/domain';
import { abrirReclamo, agregarAdjuntos, AuditTrail, registrarEvento } from '@app/expediente';
import { escribirMensaje } from '@app/notifications';
import { Clock } from '@app/platform/clock';
import { ReceivedAttachment } from '@app/storage';
import { CalendarProvider, HojaReclamacionDto, reclamoDeLaHoja } from '@app/reclamos';
import { assertEntidadScope, assertMayHandleReclamos } from '../access/reclamo-access';
import { EntidadCommand } from '../acciones/reclamo-command';
import { throwIfAny } from '../acciones/field-errors';
import { checkEscaneo } from '../escaneos/escaneo';

export interface RegisterHojaFisicaCommand extends EntidadCommand {
  hoja: HojaReclamacionDto;
  /** The sheet's own number in the physical backup book. */
  numeroHojaFisica: string;
  /** AAAA-MM-DD the citizen filled the sheet: the deadline counts from that date, not from the transcription. */
  fechaHoja: string;
  /** The sheet's scan, already stored (the caller removes it if this fails); kept as an adjunto 'hoja_fisica'. */
  escaneo?: ReceivedAttachment;
}

export interface RegisterHojaFisicaResult {
  id: string;
  codigo: string;
  numeroHojaFisica: string;
  fechaRegistro: string;
  vence: string;
  escaneoId: string;
}

/**
 * Transcribes a sheet of the physical backup book (used while the platform was down): canal
 * 'fisico', the sheet number, and a due date counted from the sheet's own date with the same
 * calendar as every other reclamo, and the sheet's scan as an attachment of the reclamo, committed with it.
 * A sheet is transcribed once per entity.
 */
@Injectable()
export class RegisterHojaFisicaUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarProvider,
    private readonly auditTrail: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(command: RegisterHojaFisicaCommand): Promise<RegisterHojaFisicaResult> {
    assertEntidadScope(command.actor, command.entidadId);
    assertMayHandleReclamos(command.actor);
    const now = this.clock.now();
    const numero = (command.numeroHojaFisica ?? '').trim();
    const errors: FieldError[] = [];
    if (!/^[A-Za-z0-9-]{1,30}$/.test(numero)) errors.push({ campo: 'numeroHojaFisica', mensaje: 'indique el número de la hoja (letras, dígitos o guiones)' });
    const fechaFuera = revisarFecha(command.fechaHoja, VENTANAS_DE_FECHA.hojaFisica, limaDateOf(now));
    if (fechaFuera) errors.push({ campo: 'fechaHoja', mensaje: `la fecha de la hoja ${fechaFuera}` });
    checkEscaneo(errors, 'escaneo', command.escaneo, 'la hoja');
    throwIfAny(errors);
    const escaneo = command.escaneo!;

    const [entidad]: Array<{ id: string; codigo: string; ubigeo: string; plazo: number }> = await this.dataSource.query(
      `SELECT id, codigo, ubigeo, plazo_respuesta_dias AS plazo FROM entidad WHERE id = $1`,
      [command.entidadId],
    );
    await this.assertCatalogueBelongsTo(command.entidadId, command.hoja);
    const calendar = await this.calendars.current();
    const due = computeDueDate({ registeredAt: command.fechaHoja, businessDays: entidad.plazo, scope: this.calendars.scopeOf(entidad), calendar });
    const anio = yearOf(command.fechaHoja);
    const { hoja } = command;

    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const taken: unknown[] = await manager.query(
        `SELECT 1 FROM reclamo WHERE entidad_id = $1 AND canal = 'fisico' AND numero_hoja_fisica = $2`,
        [entidad.id, numero],
      );
      if (taken.length > 0) {
        throw new DomainError('CONFLICT', 'Esa hoja del libro físico ya fue registrada.', [
          { campo: 'numeroHojaFisica', mensaje: 'esa hoja ya fue registrada en la plataforma' },
        ]);
      }
      // Noon in Lima of the sheet's date: the instant is unknown, the date is what counts.
      const registradoEn = new Date(`${command.fechaHoja}T12:00:00-05:00`);
      const { id, codigo } = await abrirReclamo(manager, {
        entidad: { id: entidad.id, codigo: entidad.codigo },
        anio,
        canal: Canal.FISICO,
        numeroHojaFisica: numero,
        registradoEn,
        fechaRegistroLima: due.registro,
        plazoDiasHabiles: entidad.plazo,
        venceEl: due.vence,
        calendarioVersion: due.calendarVersion,
        ...reclamoDeLaHoja(hoja),
        adjuntos: [],
        ahora: now,
      });
      const [escaneoId] = await agregarAdjuntos(manager, id, 'hoja_fisica', [escaneo]);
      const datos = { canal: Canal.FISICO, numeroHojaFisica: numero, fechaHoja: command.fechaHoja, vence: due.vence, escaneoId, escaneoSha256: escaneo.sha256 };
      await registrarEvento(manager, {
        reclamoId: id,
        entidadId: entidad.id,
        tipo: 'registrado',
        estadoNuevo: EstadoReclamo.REGISTRADO,
        actor: { tipo: 'personal', id: command.actor.id },
        motivo: 'Transcrito del libro de reclamaciones físico',
        datos,
        ocurridoEn: now,
      });
      await this.auditTrail.append(manager, {
        entidadId: entidad.id,
        reclamoId: id,
        actor: command.actor,
        ip: command.ip ?? null,
        accion: 'hoja_fisica_registrada',
        detalle: { codigo, ...datos },
        ocurridoEn: now,
      });
      if (hoja.email) {
        await escribirMensaje(manager, {
          tipo: 'acuse_recibo',
          entidadId: entidad.id,
          reclamoId: id,
          destinatario: hoja.email.toLowerCase(),
          datos: { reclamoId: id },
          claveUnica: `acuse_recibo:${id}`,
        });
      }
      return { id, codigo, numeroHojaFisica: numero, fechaRegistro: due.registro, vence: due.vence, escaneoId };
    });
  }

  private async assertCatalogueBelongsTo(entidadId: string, hoja: HojaReclamacionDto): Promise<void> {
    const rows: Array<{ tabla: string }> = await this.dataSource.query(
      `SELECT 'sede' AS tabla FROM sede WHERE id = $2 AND entidad_id = $1 AND activo
       UNION ALL SELECT 'servicio' FROM servicio WHERE id = $3 AND entidad_id = $1 AND activo
       UNION ALL SELECT 'unidad' FROM unidad_organica WHERE id = $4 AND entidad_id = $1 AND activo`,
      [entidadId, hoja.sedeId, hoja.servicioId, hoja.unidadId ?? null],
    );
    const found = new Set(rows.map((r) => r.tabla));
    const errors: FieldError[] = [];
    if (!found.has('sede')) errors.push({ campo: 'sedeId', mensaje: 'elija una sede de la lista de esta entidad' });
    if (!found.has('servicio')) errors.push({ campo: 'servicioId', mensaje: 'elija un servicio de la lista de esta entidad' });
    if (hoja.unidadId && !found.has('unidad')) errors.push({ campo: 'unidadId', mensaje: 'elija una unidad de la lista de esta entidad' });
    throwIfAny(errors);
  }
}
