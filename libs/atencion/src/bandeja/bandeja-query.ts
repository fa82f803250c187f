import { Aspecto, Canal, EstadoReclamo } from '@app/domain';

export type OrdenBandeja = 'vence' | '-vence' | 'registro' | '-registro';

/** Filters of the inbox; every one optional. */
export interface BandejaFiltros {
  estado?: EstadoReclamo;
  aspecto?: Aspecto;
  sedeId?: string;
  unidadId?: string;
  canal?: Canal;
  asignadoAMi?: boolean;
  /** Open reclamos due within this many business days from today (inclusive). */
  venceEnDias?: number;
  /** Open reclamos past their due date. */
  vencidos?: boolean;
  /** Code, name or document number. */
  q?: string;
  orden?: OrdenBandeja;
  pagina?: number;
  porPagina?: number;
}

export const POR_PAGINA_MAX = 100;
