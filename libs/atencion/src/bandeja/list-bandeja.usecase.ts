import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ESTADOS_ABIERTOS, EstadoReclamo } from '@app/domain';
import { Clock } from '@app/platform/clock';
import { CalendarRepository } from '@app/plazos';
import { assertEntidadScope } from '../access/reclamo-access';
import { AccionDeAcceso, RegistroDeAcceso } from '@app/expediente';
import { EntidadCommand } from '../acciones/reclamo-command';
import { BandejaFiltros, Direccion, OrdenBandeja, ordenEfectivo, POR_PAGINA_MAX } from './bandeja-query';
import { alcanceDeBandeja, condicionesDeFiltros, hoyDeLaEntidad, ParametrosSql } from './bandeja-sql';

export interface BandejaItem {
  id: string;
  codigo: string;
  estado: EstadoReclamo;
  canal: string;
  aspecto: string;
  sede: string | null;
  unidad: string | null;
  asignadoA: { id: string; nombre: string } | null;
  reclamante: string;
  fechaRegistro: string;
  vence: string;
  /** Business days from today to the due date (negative when overdue); null once the reclamo is closed. */
  diasHabilesRestantes: number | null;
}

export interface Bandeja {
  items: BandejaItem[];
  total: number;
  pagina: number;
  porPagina: number;
  /** Reclamos per state in the caller's scope (before the filters), for the inbox's tabs. */
  conteoPorEstado: Record<string, number>;
  /** The sort that ran (legacy `-vence` read as vence/desc). */
  orden: OrdenBandeja;
  dir: Direccion;
}

export interface ListBandejaCommand extends EntidadCommand {
  filtros: BandejaFiltros;
}

/** The lifecycle's order of the states (the enum's, as the per-state chart lists them). */
const ESTADOS_EN_ORDEN: readonly string[] = Object.values(EstadoReclamo);

/** The state's place in the lifecycle, as SQL; ix_reclamo_entidad_estado_orden indexes this very expression. */
export const POSICION_DEL_ESTADO_SQL = `array_position('{${ESTADOS_EN_ORDEN.join(',')}}'::text[], r.estado)`;

/**
 * ORDER BY for a whitelisted sort (never text from the request). Every key, the tie-breaks included,
 * runs in the chosen direction: the code is unique, so equal keys keep one order and a page boundary
 * never moves, and one direction lets PostgreSQL read an index forwards or backwards and stop at the page.
 * `codigo`, `registro`, `vence` and `estado` (lifecycle order, not the label's alphabet) each have an index
 * from the entity's id (ix_reclamo_entidad_codigo, ix_reclamo_entidad_registro, ix_reclamo_entidad_vence,
 * ix_reclamo_entidad_estado_orden); `asignado` sorts by a joined name, so it sorts the filtered set (top-N,
 * bounded by LIMIT; unassigned last in both directions).
 */
export function ordenSql(orden: OrdenBandeja, dir: Direccion): string {
  const d = dir === 'desc' ? 'DESC' : 'ASC';
  switch (orden) {
    case 'codigo':
      return `r.codigo ${d}`;
    case 'registro':
      return `r.fecha_registro_lima ${d}, r.codigo ${d}`;
    case 'vence':
      return `r.vence_el ${d}, r.codigo ${d}`;
    case 'estado':
      return `${POSICION_DEL_ESTADO_SQL} ${d}, r.vence_el ${d}, r.codigo ${d}`;
    case 'asignado':
      return `a.nombre ${d} NULLS LAST, r.vence_el ${d}, r.codigo ${d}`;
  }
}

interface Row {
  id: string;
  codigo: string;
  estado: EstadoReclamo;
  canal: string;
  aspecto: string;
  sede: string | null;
  unidad: string | null;
  asignado_id: string | null;
  asignado_nombre: string | null;
  reclamante: string;
  fecha_registro: string;
  vence: string;
}

/**
 * The entity's inbox: scoped to the actor's entity in the query itself (and, for an officer, to
 * the reclamos assigned to them), filtered, sorted by due date by default, paginated, with counts per
 * state. Listing shows the reclamante's name, so each page read is logged in the log of reads (the codes
 * listed; a search's text is left out, as it may be a name or a document number).
 */
@Injectable()
export class ListBandejaUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarRepository,
    private readonly registroDeAcceso: RegistroDeAcceso,
    private readonly clock: Clock,
  ) {}

  async execute(command: ListBandejaCommand, options: { todo?: boolean; accion?: Extract<AccionDeAcceso, 'bandeja_consultada' | 'bandeja_exportada'> } = {}): Promise<Bandeja> {
    assertEntidadScope(command.actor, command.entidadId);
    const { filtros } = command;
    const now = this.clock.now();
    const ctx = await hoyDeLaEntidad(this.dataSource, this.calendars, command.entidadId, now);
    const { hoy, calendar, scope } = ctx;

    const params = new ParametrosSql(command.entidadId);
    const scopeWhere = alcanceDeBandeja(command.actor, params);
    const scopeParams = [...params.valores];
    const where = [...scopeWhere, ...condicionesDeFiltros(filtros, command.actor, ctx, params)];
    const { orden, dir } = ordenEfectivo(filtros.orden, filtros.dir);
    const porPagina = options.todo ? 10_000 : Math.min(Math.max(filtros.porPagina ?? 25, 1), POR_PAGINA_MAX);
    const pagina = options.todo ? 1 : Math.max(filtros.pagina ?? 1, 1);

    const rows: Row[] = await this.dataSource.query(
      `SELECT r.id, r.codigo, r.estado, r.canal, r.aspecto, se.nombre AS sede, u.nombre AS unidad,
              a.id AS asignado_id, a.nombre AS asignado_nombre,
              coalesce(nullif(trim(coalesce(pr.nombres, '') || ' ' || coalesce(pr.apellidos, '')), ''), pr.razon_social, '') AS reclamante,
              r.fecha_registro_lima::text AS fecha_registro, r.vence_el::text AS vence
         FROM reclamo r
         LEFT JOIN sede se ON se.id = r.sede_id
         LEFT JOIN unidad_organica u ON u.id = r.unidad_id
         LEFT JOIN usuario a ON a.id = r.asignado_a
         LEFT JOIN reclamo_persona pr ON pr.reclamo_id = r.id AND pr.rol = 'reclamante'
        WHERE ${where.join(' AND ')}
        ORDER BY ${ordenSql(orden, dir)}
        LIMIT ${porPagina} OFFSET ${(pagina - 1) * porPagina}`,
      params.valores,
    );
    // Counted apart from the page: a window count(*) OVER () would read every matching row before the
    // LIMIT, so no index order could stop at the page. Only the person's name needs a join here.
    const [{ total }]: Array<{ total: string }> = await this.dataSource.query(
      `SELECT count(*) AS total FROM reclamo r WHERE ${where.join(' AND ')}`,
      params.valores,
    );
    const counts: Array<{ estado: string; n: string }> = await this.dataSource.query(
      `SELECT r.estado, count(*) AS n FROM reclamo r WHERE ${scopeWhere.join(' AND ')} GROUP BY r.estado`,
      scopeParams,
    );
    const conteoPorEstado: Record<string, number> = Object.fromEntries(Object.values(EstadoReclamo).map((e) => [e, 0]));
    for (const c of counts) conteoPorEstado[c.estado] = Number(c.n);

    const items: BandejaItem[] = rows.map((r) => ({
      id: r.id,
      codigo: r.codigo,
      estado: r.estado,
      canal: r.canal,
      aspecto: r.aspecto,
      sede: r.sede,
      unidad: r.unidad,
      asignadoA: r.asignado_id ? { id: r.asignado_id, nombre: r.asignado_nombre ?? '' } : null,
      reclamante: r.reclamante,
      fechaRegistro: r.fecha_registro,
      vence: r.vence,
      diasHabilesRestantes: ESTADOS_ABIERTOS.includes(r.estado) ? calendar.businessDaysBetween(hoy, r.vence, scope) : null,
    }));
    const { q, ...sinBusqueda } = filtros;
    await this.registroDeAcceso.registrar(this.dataSource.manager, {
      entidadId: command.entidadId,
      reclamoId: null,
      actor: { id: command.actor.id, rol: command.actor.rol },
      ip: command.ip ?? null,
      accion: options.accion ?? 'bandeja_consultada',
      detalle: { filtros: { ...sinBusqueda, ...(q ? { busqueda: true } : {}), orden, dir }, casos: items.map((i) => i.codigo) },
      ocurridoEn: now,
    });
    return { items, total: Number(total), pagina, porPagina, conteoPorEstado, orden, dir };
  }
}
