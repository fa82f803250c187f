import { DataSource } from 'typeorm';
import { BusinessCalendar, CalendarScope, IsoDate, limaDateOf } from '@app/calendar';
import { ESTADOS_ABIERTOS } from '@app/domain';
import { documentoParaBuscar } from '@app/domain/documents';
import { CalendarRepository, scopeOfEntidad } from '@app/plazos';
import { StaffUser } from '@app/staff';
import { BandejaFiltros } from './bandeja-query';
import { condicionPendiente } from './pendientes';

/** Today in Lima and the entity's calendar (national holidays, decreed and regional days, its closures). */
export interface HoyDeLaEntidad {
  /** AAAA-MM-DD, the Lima date of the clock's now. */
  hoy: IsoDate;
  calendar: BusinessCalendar;
  scope: CalendarScope;
}

export async function hoyDeLaEntidad(dataSource: DataSource, calendars: CalendarRepository, entidadId: string, now: Date): Promise<HoyDeLaEntidad> {
  const [entidad]: Array<{ codigo: string; ubigeo: string }> = await dataSource.query(`SELECT codigo, ubigeo FROM entidad WHERE id = $1`, [entidadId]);
  return { hoy: limaDateOf(now), calendar: await calendars.current(), scope: scopeOfEntidad(entidad) };
}

/** The last Lima date of "due within `dias` business days": `dias` business days after today (or after the next business day, on a non-business day). */
export function limiteVenceEnDias({ hoy, calendar, scope }: HoyDeLaEntidad, dias: number): IsoDate {
  return calendar.addBusinessDays(calendar.businessDayOnOrAfter(hoy, scope), dias, scope);
}

/** Positional parameters of one statement; `$1` is always the entity's id, so no bandeja query runs unscoped. */
export class ParametrosSql {
  readonly valores: unknown[];

  constructor(entidadId: string) {
    this.valores = [entidadId];
  }

  p(value: unknown): string {
    this.valores.push(value);
    return `$${this.valores.length}`;
  }
}

/** Whose reclamos the actor's bandeja holds (over `reclamo r`): the entity's, and for an officer only those assigned to them. */
export function alcanceDeBandeja(actor: StaffUser, params: ParametrosSql): string[] {
  const alcance = ['r.entidad_id = $1'];
  // Officers handle the reclamos assigned to them; responsables and the titular see the whole entity.
  if (actor.rol === 'oficial') alcance.push(`r.asignado_a = ${params.p(actor.id)}`);
  return alcance;
}

/**
 * The bandeja's filters as conditions over `reclamo r`: the one reading of each filter, for the bandeja
 * (page, JSON, CSV) and for the landing pages' counts, so a count and the bandeja its link opens agree.
 * Dates are Lima dates; `venceEnDias` counts business days with the entity's calendar.
 */
export function condicionesDeFiltros(filtros: BandejaFiltros, actor: StaffUser, ctx: HoyDeLaEntidad, params: ParametrosSql): string[] {
  const p = (value: unknown) => params.p(value);
  const where: string[] = [];
  if (filtros.estado) where.push(`r.estado = ${p(filtros.estado)}`);
  if (filtros.aspecto) where.push(`r.aspecto = ${p(filtros.aspecto)}`);
  if (filtros.sedeId) where.push(`r.sede_id = ${p(filtros.sedeId)}`);
  if (filtros.unidadId) where.push(`r.unidad_id = ${p(filtros.unidadId)}`);
  if (filtros.canal) where.push(`r.canal = ${p(filtros.canal)}`);
  if (filtros.asignadoAMi) where.push(`r.asignado_a = ${p(actor.id)}`);
  if (filtros.abiertos || filtros.venceEnDias !== undefined || filtros.vencidos) where.push(`r.estado = ANY (${p(ESTADOS_ABIERTOS)}::text[])`);
  if (filtros.venceEnDias !== undefined) {
    where.push(`r.vence_el >= ${p(ctx.hoy)}::date`, `r.vence_el <= ${p(limiteVenceEnDias(ctx, filtros.venceEnDias))}::date`);
  }
  if (filtros.vencidos) where.push(`r.vence_el < ${p(ctx.hoy)}::date`);
  if (filtros.pendiente) where.push(condicionPendiente(filtros.pendiente, '$1'));
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
  return where;
}
