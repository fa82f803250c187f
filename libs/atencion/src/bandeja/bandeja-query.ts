import { Aspecto, Canal, EstadoReclamo } from '@app/domain';
import { Pendiente } from './pendientes';

/**
 * The columns the inbox sorts by (a closed list: the page's headers and the API's `orden`):
 * - `codigo`: the reclamo's code (ENTIDAD-AÑO-CORRELATIVO, the correlative zero-padded, so text order is filing order per year);
 * - `registro`: the Lima date of registration (a physical sheet's own date), then the code;
 * - `vence`: the due date (Lima date; business days left follow the same order), then the code;
 * - `estado`: the lifecycle's order (registrado … anulado, as the per-state chart lists them), then due date and code;
 * - `asignado`: the assigned officer's name (unassigned last), then due date and code.
 */
export const ORDENES_BANDEJA = ['codigo', 'registro', 'vence', 'estado', 'asignado'] as const;
export type OrdenBandeja = (typeof ORDENES_BANDEJA)[number];
export const DIRECCIONES = ['asc', 'desc'] as const;
export type Direccion = (typeof DIRECCIONES)[number];
/** Earlier clients sent `-vence` / `-registro` for "descending": still accepted, read as `dir=desc`. */
export const ORDENES_ANTERIORES = ['-vence', '-registro'] as const;
export type OrdenAnterior = (typeof ORDENES_ANTERIORES)[number];
/** The inbox's default: the most urgent first. */
export const ORDEN_POR_DEFECTO: { orden: OrdenBandeja; dir: Direccion } = { orden: 'vence', dir: 'asc' };

/** `orden` and `dir` as given (legacy `-vence` included) → the sort that runs. */
export function ordenEfectivo(orden: OrdenBandeja | OrdenAnterior | undefined, dir: Direccion | undefined): { orden: OrdenBandeja; dir: Direccion } {
  if (orden === '-vence' || orden === '-registro') return { orden: orden.slice(1) as OrdenBandeja, dir: dir ?? 'desc' };
  return { orden: orden ?? ORDEN_POR_DEFECTO.orden, dir: dir ?? 'asc' };
}

/** Filters of the inbox; every one optional. */
export interface BandejaFiltros {
  estado?: EstadoReclamo;
  aspecto?: Aspecto;
  sedeId?: string;
  unidadId?: string;
  canal?: Canal;
  asignadoAMi?: boolean;
  /** Only reclamos the entity still owes an answer (ESTADOS_ABIERTOS: the deadline runs). */
  abiertos?: boolean;
  /** Open reclamos due within this many business days from today (inclusive). */
  venceEnDias?: number;
  /** Open reclamos past their due date. */
  vencidos?: boolean;
  /** Reclamos waiting for this kind of staff work (see `condicionPendiente`). */
  pendiente?: Pendiente;
  /** Code, name or document number. */
  q?: string;
  orden?: OrdenBandeja | OrdenAnterior;
  /** asc (default) or desc; the tie-break (the code) always runs ascending so a page never reshuffles. */
  dir?: Direccion;
  pagina?: number;
  porPagina?: number;
}

export const POR_PAGINA_MAX = 100;
