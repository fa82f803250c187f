import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IsoDate } from '@app/calendar';
import { EstadoReclamo } from '@app/domain';
import { Clock } from '@app/platform/clock';
import { CalendarRepository } from '@app/plazos';
import { assertEntidadScope } from '../access/reclamo-access';
import { EntidadCommand } from '../acciones/reclamo-command';
import { BandejaFiltros, POR_PAGINA_MAX } from './bandeja-query';
import { alcanceDeBandeja, condicionesDeFiltros, hoyDeLaEntidad, HoyDeLaEntidad, ParametrosSql } from './bandeja-sql';

/**
 * A reclamo as a summary lists it. It carries no citizen's data (no name, no document, no text), so a
 * summary writes no audit entry: Ley 29733 asks to log who saw personal data, and the bandeja, which
 * shows the reclamante, does.
 */
export interface CasoResumido {
  id: string;
  codigo: string;
  estado: EstadoReclamo;
  /** The unidad orgánica handling it, if it has one. */
  unidad: string | null;
  /** The staff member it is assigned to (an officer or a responsable), if any. */
  asignadoA: { id: string; nombre: string } | null;
  /** AAAA-MM-DD, a Lima date: the stored due date (D.S. 007-2020-PCM: 30 días hábiles, or the entity's shorter target). */
  vence: IsoDate;
  /**
   * Business days counted with the entity's calendar (weekends, national holidays, decreed and regional
   * días no laborables, the entity's closures) from today in Lima to the due date: N left, 0 due today,
   * −N overdue by N. Meaningful for open reclamos only.
   */
  diasHabilesRestantes: number;
  /** The due date is before today in Lima: decided by dates, since on a non-business day right after it the count is still 0. */
  vencido: boolean;
}

/** One group of a summary: the bandeja's own filters (`orden`, `pagina` and `porPagina` do not apply). */
export interface GrupoDeBandeja {
  filtros: BandejaFiltros;
  /** How many of its reclamos to list, due date soonest first (the bandeja's default order): 0 to 100. */
  primeros: number;
}

export interface ResumenDeGrupo {
  /** Every reclamo of the group in the actor's bandeja: the total the bandeja shows for the same filters. */
  total: number;
  casos: CasoResumido[];
}

export interface ResumirBandejaCommand<K extends string> extends EntidadCommand {
  grupos: Readonly<Record<K, GrupoDeBandeja>>;
}

export interface ResumenDeBandeja<K extends string> {
  /** AAAA-MM-DD: today in Lima, the day the counts and business days are for. */
  hoy: IsoDate;
  grupos: Record<K, ResumenDeGrupo>;
}

interface CasoRow {
  grupo: number;
  id: string;
  codigo: string;
  estado: EstadoReclamo;
  unidad: string | null;
  asignado_id: string | null;
  asignado_nombre: string | null;
  vence: string;
}

/**
 * Counts and first reclamos of several groups of the actor's bandeja at once, for the landing pages: the
 * same scope (the entity; an officer's own reclamos) and the same filters as the bandeja, so each count is
 * the total the bandeja shows when its link is followed. Two statements whatever the number of groups; the
 * lists are bounded (LIMIT) and the counts of open reclamos read the partial indexes over open reclamos.
 * Errors: FORBIDDEN for a role without reclamos (coordinador, administrador) or another entity.
 */
@Injectable()
export class ResumirBandejaUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarRepository,
    private readonly clock: Clock,
  ) {}

  async execute<K extends string>(command: ResumirBandejaCommand<K>): Promise<ResumenDeBandeja<K>> {
    assertEntidadScope(command.actor, command.entidadId);
    const ctx = await hoyDeLaEntidad(this.dataSource, this.calendars, command.entidadId, this.clock.now());
    const claves = Object.keys(command.grupos) as K[];
    // One statement's parameters each: a statement may not carry parameters it does not use.
    const condicion = (k: K, params: ParametrosSql): string =>
      [...alcanceDeBandeja(command.actor, params), ...condicionesDeFiltros(command.grupos[k].filtros, command.actor, ctx, params)].join(' AND ');

    const deConteo = new ParametrosSql(command.entidadId);
    const [conteos]: Array<Record<string, number>> = await this.dataSource.query(
      `SELECT ${claves.map((k, i) => `(SELECT count(*) FROM reclamo r WHERE ${condicion(k, deConteo)})::int AS g${i}`).join(', ')}`,
      deConteo.valores,
    );
    const deListas = new ParametrosSql(command.entidadId);
    const listas = claves
      .map((k, i) => ({ k, i, primeros: Math.min(Math.max(Math.trunc(command.grupos[k].primeros), 0), POR_PAGINA_MAX) }))
      .filter((g) => g.primeros > 0)
      .map(
        ({ k, i, primeros }) => `(SELECT ${i} AS grupo, r.id, r.codigo, r.estado, u.nombre AS unidad, a.id AS asignado_id, a.nombre AS asignado_nombre,
                 r.vence_el::text AS vence
            FROM reclamo r
            LEFT JOIN unidad_organica u ON u.id = r.unidad_id
            LEFT JOIN usuario a ON a.id = r.asignado_a
           WHERE ${condicion(k, deListas)}
           ORDER BY r.vence_el ASC, r.codigo ASC
           LIMIT ${primeros})`,
      );
    const filas: CasoRow[] =
      listas.length === 0 ? [] : await this.dataSource.query(`SELECT * FROM (${listas.join(' UNION ALL ')}) l ORDER BY grupo, vence, codigo`, deListas.valores);

    const grupos = {} as Record<K, ResumenDeGrupo>;
    claves.forEach((k, i) => {
      grupos[k] = { total: conteos[`g${i}`], casos: filas.filter((f) => f.grupo === i).map((f) => casoResumido(f, ctx)) };
    });
    return { hoy: ctx.hoy, grupos };
  }
}

function casoResumido(row: CasoRow, { hoy, calendar, scope }: HoyDeLaEntidad): CasoResumido {
  return {
    id: row.id,
    codigo: row.codigo,
    estado: row.estado,
    unidad: row.unidad,
    asignadoA: row.asignado_id ? { id: row.asignado_id, nombre: row.asignado_nombre ?? '' } : null,
    vence: row.vence,
    diasHabilesRestantes: calendar.businessDaysBetween(hoy, row.vence, scope),
    vencido: row.vence < hoy,
  };
}
