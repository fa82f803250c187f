import { EntityManager } from 'typeorm';
import { DomainError, NivelGobierno, TIPO_ENTIDAD_LABELS, TipoEntidad } from '@app/domain';
import { ubigeoLabel } from '@app/domain/ubigeo';
import { NIVEL_GOBIERNO_LABELS, TramoResumen } from '../reglas/entidad-datos';

/** A DataSource or a transaction's EntityManager: both run SQL. */
export type Consultor = Pick<EntityManager, 'query'>;

/** A tramo as the registry shows it. Dates are calendar dates (Lima), YYYY-MM-DD. */
export interface TramoRegistro extends TramoResumen {
  descripcion: string;
  fechaInicio: string;
  fechaLimite: string;
  /** Active entities in the tramo now. */
  entidades: number;
}

/** An entity's registry record (no case data, no personal data). */
export interface EntidadRegistro {
  id: string;
  codigo: string;
  nombre: string;
  ruc: string;
  tipo: TipoEntidad;
  tipoEtiqueta: string;
  nivelGobierno: NivelGobierno;
  nivelEtiqueta: string;
  sector: string;
  /** INEI district code of the entity's seat, and its "Departamento / Provincia / Distrito". */
  ubigeo: string;
  ubigeoNombre: string;
  /** Null when no tramo covers the entity's kind and none was given by hand. */
  tramo: { numero: number; nombre: string } | null;
  /** True: a coordinator chose the tramo; false: it follows the entity's kind. */
  tramoManual: boolean;
  activo: boolean;
}

export const ENTIDAD_NOT_FOUND = 'No existe una entidad con ese código.';
export const entidadNoEncontrada = () => new DomainError('ENTIDAD_NOT_FOUND', ENTIDAD_NOT_FOUND);

export async function leerTramos(q: Consultor): Promise<TramoRegistro[]> {
  const rows: Array<{ numero: number; nombre: string; descripcion: string; tipos: TipoEntidad[]; inicio: string; limite: string; entidades: number }> = await q.query(
    `SELECT t.id AS numero, t.nombre, t.descripcion, t.tipos_entidad AS tipos, to_char(t.fecha_inicio, 'YYYY-MM-DD') AS inicio,
            to_char(t.fecha_limite, 'YYYY-MM-DD') AS limite,
            (SELECT count(*)::int FROM entidad e WHERE e.tramo_id = t.id AND e.activo) AS entidades
       FROM tramo t ORDER BY t.id`,
  );
  return rows.map((r) => ({
    numero: r.numero,
    nombre: r.nombre,
    descripcion: r.descripcion,
    tiposEntidad: r.tipos,
    fechaInicio: r.inicio,
    fechaLimite: r.limite,
    entidades: r.entidades,
  }));
}

/** The columns of an entity's record, for `aEntidad`; `e` is entidad, `t` the tramo LEFT JOINed. */
export const COLUMNAS_ENTIDAD = `e.id, e.codigo, e.nombre, e.ruc, e.tipo, e.nivel_gobierno, e.sector, e.ubigeo, e.tramo_manual, e.activo,
  t.id AS tramo_numero, t.nombre AS tramo_nombre`;

export interface FilaEntidad {
  id: string;
  codigo: string;
  nombre: string;
  ruc: string;
  tipo: TipoEntidad;
  nivel_gobierno: NivelGobierno;
  sector: string;
  ubigeo: string;
  tramo_manual: boolean;
  activo: boolean;
  tramo_numero: number | null;
  tramo_nombre: string | null;
}

export function aEntidad(r: FilaEntidad): EntidadRegistro {
  return {
    id: r.id,
    codigo: r.codigo,
    nombre: r.nombre,
    ruc: r.ruc,
    tipo: r.tipo,
    tipoEtiqueta: TIPO_ENTIDAD_LABELS[r.tipo] ?? r.tipo,
    nivelGobierno: r.nivel_gobierno,
    nivelEtiqueta: NIVEL_GOBIERNO_LABELS[r.nivel_gobierno] ?? r.nivel_gobierno,
    sector: r.sector,
    ubigeo: r.ubigeo,
    ubigeoNombre: ubigeoLabel(r.ubigeo) ?? r.ubigeo,
    tramo: r.tramo_numero === null ? null : { numero: r.tramo_numero, nombre: r.tramo_nombre ?? '' },
    tramoManual: r.tramo_manual,
    activo: r.activo,
  };
}

/** The entity with this code, or ENTIDAD_NOT_FOUND; `bloquear` takes its row lock for a change. */
export async function entidadPorCodigo(q: Consultor, codigo: string, bloquear = false): Promise<EntidadRegistro> {
  const rows: FilaEntidad[] = await q.query(
    `SELECT ${COLUMNAS_ENTIDAD} FROM entidad e LEFT JOIN tramo t ON t.id = e.tramo_id WHERE e.codigo = $1${bloquear ? ' FOR UPDATE OF e' : ''}`,
    [codigo],
  );
  if (!rows[0]) throw entidadNoEncontrada();
  return aEntidad(rows[0]);
}

/** The registry data of an entity as the trail keeps it (before/after of a change). */
export function datosAuditables(e: EntidadRegistro): Record<string, unknown> {
  return {
    codigo: e.codigo,
    nombre: e.nombre,
    ruc: e.ruc,
    tipo: e.tipo,
    nivelGobierno: e.nivelGobierno,
    sector: e.sector,
    ubigeo: e.ubigeo,
    tramo: e.tramo?.numero ?? null,
    tramoManual: e.tramoManual,
    activo: e.activo,
  };
}
