import { Aspecto, Canal, EstadoReclamo } from '@app/domain';
import { Pendiente } from './pendientes';

export type OrdenBandeja = 'vence' | '-vence' | 'registro' | '-registro';

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
  orden?: OrdenBandeja;
  pagina?: number;
  porPagina?: number;
}

export const POR_PAGINA_MAX = 100;
