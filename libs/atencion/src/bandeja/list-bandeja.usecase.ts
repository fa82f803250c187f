import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { limaDateOf } from '@app/calendar';
import { ESTADOS_ABIERTOS, EstadoReclamo } from '@app/domain';
import { documentoParaBuscar } from '@app/domain/documents';
import { Clock } from '@app/platform/clock';
import { CalendarProvider } from '@app/reclamos';
import { assertEntidadScope } from '../access/reclamo-access';
import { AuditTrail } from '@app/expediente';
import { EntidadCommand } from '../acciones/reclamo-command';
import { BandejaFiltros, OrdenBandeja, POR_PAGINA_MAX } from './bandeja-query';

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
}

export interface ListBandejaCommand extends EntidadCommand {
  filtros: BandejaFiltros;
}

const ORDER_BY: Readonly<Record<OrdenBandeja, string>> = {
  vence: 'r.vence_el ASC, r.codigo ASC',
  '-vence': 'r.vence_el DESC, r.codigo ASC',
  registro: 'r.registrado_en ASC, r.codigo ASC',
  '-registro': 'r.registrado_en DESC, r.codigo ASC',
};

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
  total: string;
}

/**
 * The entity's inbox: scoped to the actor's entity in the query itself (and, for an officer, to
 * the reclamos assigned to them), filtered, sorted by due date by default, paginated, with counts per
 * state. Listing shows the reclamante's name, so each page read is logged in the audit trail.
 */
@Injectable()
export class ListBandejaUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendars: CalendarProvider,
    private readonly auditTrail: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async execute(command: ListBandejaCommand, options: { todo?: boolean; accion?: string } = {}): Promise<Bandeja> {
    assertEntidadScope(command.actor, command.entidadId);
    const { filtros } = command;
    const now = this.clock.now();
    const hoy = limaDateOf(now);
    const [entidad]: Array<{ codigo: string; ubigeo: string }> = await this.dataSource.query(
      `SELECT codigo, ubigeo FROM entidad WHERE id = $1`,
      [command.entidadId],
    );
    const calendar = await this.calendars.current();
    const scope = this.calendars.scopeOf(entidad);

    const params: unknown[] = [command.entidadId];
    const p = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const scopeWhere = ['r.entidad_id = $1'];
    // Officers handle the reclamos assigned to them; responsables and the titular see the whole entity.
    if (command.actor.rol === 'oficial') scopeWhere.push(`r.asignado_a = ${p(command.actor.id)}`);
    const scopeParams = [...params];
    const where = [...scopeWhere];
    if (filtros.estado) where.push(`r.estado = ${p(filtros.estado)}`);
    if (filtros.aspecto) where.push(`r.aspecto = ${p(filtros.aspecto)}`);
    if (filtros.sedeId) where.push(`r.sede_id = ${p(filtros.sedeId)}`);
    if (filtros.unidadId) where.push(`r.unidad_id = ${p(filtros.unidadId)}`);
    if (filtros.canal) where.push(`r.canal = ${p(filtros.canal)}`);
    if (filtros.asignadoAMi) where.push(`r.asignado_a = ${p(command.actor.id)}`);
    if (filtros.venceEnDias !== undefined || filtros.vencidos) where.push(`r.estado = ANY (${p(ESTADOS_ABIERTOS)}::text[])`);
    if (filtros.venceEnDias !== undefined) {
      const limite = calendar.addBusinessDays(calendar.businessDayOnOrAfter(hoy, scope), filtros.venceEnDias, scope);
      where.push(`r.vence_el >= ${p(hoy)}::date`, `r.vence_el <= ${p(limite)}::date`);
    }
    if (filtros.vencidos) where.push(`r.vence_el < ${p(hoy)}::date`);
    const q = filtros.q?.trim();
    if (q) {
      // A code fragment as typed; a document however it is written («12345678-9»); a name by its words, in
      // any order, folded as the database folds it (plegar_texto: no accents, no case, NFKC), so «quispe
      // huaman», «HUAMÁN» and a name typed in decomposed Unicode all find «María Quispe Huamán».
      const like = p(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      const documentos = p(documentoParaBuscar(q));
      const palabras = (q.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
      const nombre = `plegar_texto(coalesce(s.nombres, '') || ' ' || coalesce(s.apellidos, '') || ' ' || coalesce(s.razon_social, ''))`;
      const porNombre = palabras.length > 0 ? palabras.map((w) => `${nombre} LIKE '%' || plegar_texto(${p(w)}) || '%'`).join(' AND ') : 'false';
      where.push(`(r.codigo ILIKE ${like} OR EXISTS (SELECT 1 FROM reclamo_persona s WHERE s.reclamo_id = r.id AND
        (s.numero_documento = ANY (${documentos}::text[]) OR (${porNombre}))))`);
    }
    const order = ORDER_BY[filtros.orden ?? 'vence'];
    const porPagina = options.todo ? 10_000 : Math.min(Math.max(filtros.porPagina ?? 25, 1), POR_PAGINA_MAX);
    const pagina = options.todo ? 1 : Math.max(filtros.pagina ?? 1, 1);

    const rows: Row[] = await this.dataSource.query(
      `SELECT r.id, r.codigo, r.estado, r.canal, r.aspecto, se.nombre AS sede, u.nombre AS unidad,
              a.id AS asignado_id, a.nombre AS asignado_nombre,
              coalesce(nullif(trim(coalesce(pr.nombres, '') || ' ' || coalesce(pr.apellidos, '')), ''), pr.razon_social, '') AS reclamante,
              r.fecha_registro_lima::text AS fecha_registro, r.vence_el::text AS vence, count(*) OVER () AS total
         FROM reclamo r
         LEFT JOIN sede se ON se.id = r.sede_id
         LEFT JOIN unidad_organica u ON u.id = r.unidad_id
         LEFT JOIN usuario a ON a.id = r.asignado_a
         LEFT JOIN reclamo_persona pr ON pr.reclamo_id = r.id AND pr.rol = 'reclamante'
        WHERE ${where.join(' AND ')}
        ORDER BY ${order}
        LIMIT ${porPagina} OFFSET ${(pagina - 1) * porPagina}`,
      params,
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
    await this.dataSource.transaction((manager) =>
      this.auditTrail.append(manager, {
        entidadId: command.entidadId,
        reclamoId: null,
        actor: command.actor,
        ip: command.ip ?? null,
        accion: options.accion ?? 'bandeja_consultada',
        detalle: { filtros: { ...filtros }, casos: items.map((i) => i.codigo) },
        ocurridoEn: now,
      }),
    );
    return { items, total: rows.length > 0 ? Number(rows[0].total) : 0, pagina, porPagina, conteoPorEstado };
  }
}
