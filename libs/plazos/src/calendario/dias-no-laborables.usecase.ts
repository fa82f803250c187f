import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError } from 'typeorm';
import { IsoDate, limaDateOf, revisarFecha, VENTANAS_DE_FECHA } from '@app/calendar';
import { DomainError } from '@app/domain';
import { Clock } from '@app/platform/clock';
import { CalendarRepository } from '../calendar/calendar.repository';
import { assertMayChange, CalendarActor, isResponsable, TipoDiaNoLaborable } from './calendario-roles';

export interface DiaNoLaborable {
  id: string;
  tipo: TipoDiaNoLaborable;
  fecha: IsoDate;
  decreto: string | null;
  departamento: string | null;
  entidad: string | null;
  descripcion: string;
}

export interface ListDiasNoLaborablesQuery {
  readonly actor: CalendarActor;
  readonly anio?: number;
}

export interface AddDiaNoLaborableCommand {
  readonly actor: CalendarActor;
  readonly tipo: TipoDiaNoLaborable;
  readonly fecha: IsoDate;
  readonly descripcion: string;
  /** Required for decretado. */
  readonly decreto?: string;
  /** Required for regional (two-digit ubigeo). */
  readonly departamento?: string;
}

export interface RemoveDiaNoLaborableCommand {
  readonly actor: CalendarActor;
  readonly id: string;
}

const SELECT_DIA = `SELECT d.id, d.tipo, d.fecha::text AS fecha, d.decreto, d.departamento, e.codigo AS entidad, d.descripcion
  FROM dia_no_laborable d LEFT JOIN entidad e ON e.id = d.entidad_id`;

/**
 * Non-working days in the database. Everyone in the back-office sees decreed and regional days; an
 * entity's staff see only their own entity's closures (administrators and coordinators see all).
 */
@Injectable()
export class ListDiasNoLaborablesUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: ListDiasNoLaborablesQuery): Promise<DiaNoLaborable[]> {
    const crossEntity = query.actor.rol === 'administrador' || query.actor.rol === 'coordinador';
    return this.dataSource.query(
      `${SELECT_DIA}
        WHERE (d.tipo <> 'cierre_entidad' OR $1::boolean OR d.entidad_id = $2::uuid)
          AND ($3::int IS NULL OR extract(year FROM d.fecha) = $3::int)
        ORDER BY d.fecha, d.tipo, d.departamento NULLS FIRST, e.codigo NULLS FIRST`,
      [crossEntity, query.actor.entidadId, query.anio ?? null],
    );
  }
}

/**
 * Adds a non-working day. It changes the calendar of NEW reclamos at once; open reclamos keep their due
 * date until an administrator confirms a recompute (domain README: never move a deadline silently).
 */
@Injectable()
export class AddDiaNoLaborableUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: AddDiaNoLaborableCommand): Promise<DiaNoLaborable> {
    assertMayChange(command.actor, command.tipo);
    // Both doors (the API and the calendar page) come here, so the window is checked once.
    const fueraDeVentana = revisarFecha(command.fecha, VENTANAS_DE_FECHA.diaNoLaborable, limaDateOf(this.clock.now()));
    if (fueraDeVentana) throw fieldError('fecha', fueraDeVentana);
    const entidadId = command.tipo === TipoDiaNoLaborable.CIERRE_ENTIDAD ? command.actor.entidadId : null;
    const decreto = command.tipo === TipoDiaNoLaborable.DECRETADO ? (command.decreto?.trim() ?? '') : null;
    const departamento = command.tipo === TipoDiaNoLaborable.REGIONAL ? (command.departamento ?? '') : null;
    if (decreto === '') throw fieldError('decreto', 'indique el número del decreto (p. ej. D.S. N° 123-2026-PCM)');
    if (departamento !== null && !/^(0[1-9]|1\d|2[0-5])$/.test(departamento)) {
      throw fieldError('departamento', 'indique el código de ubigeo de dos dígitos del departamento (01 a 25)');
    }
    try {
      const id = await this.dataSource.transaction(async (manager) => {
        const [row]: Array<{ id: string }> = await manager.query(
          `INSERT INTO dia_no_laborable (tipo, fecha, decreto, departamento, entidad_id, descripcion, creado_por)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [command.tipo, command.fecha, decreto, departamento, entidadId, command.descripcion.trim(), command.actor.id],
        );
        await this.calendars.bumpRevision(manager);
        return row.id;
      });
      this.calendars.invalidate();
      const [created]: DiaNoLaborable[] = await this.dataSource.query(`${SELECT_DIA} WHERE d.id = $1`, [id]);
      return created;
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw new DomainError('CONFLICT', 'Ese día ya está registrado como no laborable.', [
          { campo: 'fecha', mensaje: 'ya está registrada como día no laborable' },
        ]);
      }
      throw error;
    }
  }
}

/** Removes a non-working day; another entity's closure is "not found", never "forbidden". */
@Injectable()
export class RemoveDiaNoLaborableUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarRepository,
  ) {}

  async execute(command: RemoveDiaNoLaborableCommand): Promise<void> {
    const { actor } = command;
    const [dia]: Array<{ tipo: TipoDiaNoLaborable; entidad_id: string | null }> = await this.dataSource.query(
      `SELECT tipo, entidad_id FROM dia_no_laborable WHERE id = $1`,
      [command.id],
    );
    const visible =
      dia !== undefined &&
      (dia.tipo !== TipoDiaNoLaborable.CIERRE_ENTIDAD || actor.rol === 'administrador' || actor.rol === 'coordinador' || dia.entidad_id === actor.entidadId);
    if (!visible) throw new DomainError('DIA_NO_LABORABLE_NOT_FOUND', 'No existe ese día no laborable.');
    assertMayChange(actor, dia.tipo);
    if (dia.tipo === TipoDiaNoLaborable.CIERRE_ENTIDAD && !isResponsable(actor.rol)) {
      throw new DomainError('FORBIDDEN', 'Solo el responsable del libro de la entidad puede quitar sus días de cierre.');
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM dia_no_laborable WHERE id = $1`, [command.id]);
      await this.calendars.bumpRevision(manager);
    });
    this.calendars.invalidate();
  }
}

function fieldError(campo: string, mensaje: string): DomainError {
  return new DomainError('VALIDATION_FAILED', 'Los datos enviados no son válidos. Revise los campos indicados.', [{ campo, mensaje }]);
}
