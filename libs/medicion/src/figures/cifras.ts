import { Aspecto, Canal } from '@app/domain';
import { Periodo } from './periodo';

/** Filters of the figures: each one a dimension of the rollup. Ids are the entity's own catalogue rows. */
export interface FiltrosCifras {
  readonly canal?: Canal;
  readonly aspecto?: Aspecto;
  readonly sedeId?: string;
  readonly unidadId?: string;
  readonly servicioId?: string;
  readonly temaId?: string;
}

export interface Satisfaccion {
  readonly encuestas: number;
  /** Surveys answered per answer notified in the period, %. */
  readonly tasaRespuesta: number | null;
  /** Means on the 1–5 scale, one decimal. */
  readonly general: number | null;
  readonly rapidez: number | null;
  readonly claridad: number | null;
  readonly trato: number | null;
  /** "Sí" answers to "¿se resolvió su problema?", %; "en parte" apart. */
  readonly resueltoPct: number | null;
  readonly resueltoEnPartePct: number | null;
}

/** What one period's figures say (an entity's, or the country's). */
export interface ResumenCifras {
  readonly recibidos: number;
  /** Answers notified in the period (the notification's date counts). */
  readonly notificados: number;
  readonly notificadosEnPlazoLegal: number;
  readonly enPlazoLegalPct: number | null;
  readonly notificadosEnMeta: number;
  readonly enMetaPct: number | null;
  /** Business days from filing to notification. */
  readonly diasHabilesMedia: number | null;
  readonly diasHabilesMediana: number | null;
  readonly reconducidos: number;
  readonly trasladados: number;
  readonly anulados: number;
  readonly subsanaciones: { readonly pedidas: number; readonly respondidas: number; readonly vencidas: number };
  readonly satisfaccion: Satisfaccion;
}

export interface PuntoMensual {
  /** AAAA-MM */
  readonly mes: string;
  readonly recibidos: number;
  readonly notificados: number;
  readonly notificadosEnPlazoLegal: number;
}

export interface Desglose {
  /** The dimension's value (an aspect's key, a catalogue row's id), or null when the reclamo has none. */
  readonly clave: string | null;
  readonly etiqueta: string;
  readonly recibidos: number;
  readonly notificados: number;
  readonly notificadosEnPlazoLegal: number;
  readonly enPlazoLegalPct: number | null;
}

export interface CifrasEntidad {
  readonly entidad: { readonly id: string; readonly codigo: string; readonly nombre: string; readonly metaDiasHabiles: number };
  readonly periodo: Periodo;
  readonly filtros: FiltrosCifras;
  readonly resumen: ResumenCifras;
  /**
   * Now (Lima date `fecha`), whatever the period: reclamos still owed an answer, those past their due date, and
   * those waiting in 'observado' whose subsanación window (2 business days) has passed with no reply.
   */
  readonly ahora: { readonly fecha: string; readonly abiertos: number; readonly vencidos: number; readonly subsanacionesVencidas: number };
  readonly porMes: readonly PuntoMensual[];
  readonly porAspecto: readonly Desglose[];
  readonly porUnidad: readonly Desglose[];
  readonly porSede: readonly Desglose[];
}

export interface CifrasNacionales {
  readonly periodo: Periodo;
  readonly resumen: ResumenCifras;
  readonly porMes: readonly PuntoMensual[];
}
