import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CalendarScope, computeDueDate, IsoDate, NonWorkingDay } from '@app/calendar';
import { DomainError } from '@app/domain';
import { CalendarRepository, scopeOfEntidad } from '../calendar/calendar.repository';

export interface ComputePlazoQuery {
  /** Registration date (Lima). */
  readonly desde: IsoDate;
  /** Plazo in business days, 1..365. */
  readonly dias: number;
  /** Entity short code: adds its departamento's regional days and its closures. */
  readonly entidadCodigo?: string;
}

export interface PlazoCalculado {
  readonly vence: IsoDate;
  readonly omitidos: readonly { fecha: IsoDate; motivo: string }[];
}

/** The public "when is it due?" question, counted exactly as registro counts it. */
@Injectable()
export class ComputePlazoUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarRepository,
  ) {}

  async execute(query: ComputePlazoQuery): Promise<PlazoCalculado> {
    let scope: CalendarScope = {};
    if (query.entidadCodigo !== undefined) {
      const [entidad]: Array<{ codigo: string; ubigeo: string }> = await this.dataSource.query(
        `SELECT codigo, ubigeo FROM entidad WHERE codigo = $1 AND activo`,
        [query.entidadCodigo.trim().toUpperCase()],
      );
      if (!entidad) {
        throw new DomainError('ENTIDAD_NOT_FOUND', 'No existe una entidad activa con ese código.', [
          { campo: 'entidad', mensaje: 'no existe una entidad activa con ese código' },
        ]);
      }
      scope = scopeOfEntidad(entidad);
    }
    const due = computeDueDate({
      registeredAt: query.desde,
      businessDays: query.dias,
      scope,
      calendar: await this.calendars.current(),
    });
    return { vence: due.vence, omitidos: due.omitidos.map((d: NonWorkingDay) => ({ fecha: d.fecha, motivo: d.motivo })) };
  }
}
