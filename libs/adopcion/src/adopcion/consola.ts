import { IsoDate } from '@app/calendar';
import { NivelGobierno, TIPO_ENTIDAD_LABELS, TipoEntidad } from '@app/domain';
import { ubigeoLabel } from '@app/domain/ubigeo';
import {
  diasDeRetraso,
  ESTADO_ADOPCION_ETIQUETAS,
  EstadoAdopcion,
  estadoDeAdopcion,
  implementadoEl,
  PASO_ETIQUETAS,
  PasoAdopcion,
  PASOS_ADOPCION,
  pasosFaltantes,
  PlazoDelTramo,
} from '../reglas/adopcion';
import { FilaAdopcion } from './adopcion.query';

/** A tramo as the console shows it. Dates are Lima dates; days are calendar days. */
export interface TramoConsola {
  readonly numero: number;
  readonly nombre: string;
  readonly descripcion: string;
  readonly tiposEntidad: readonly string[];
  readonly fechaInicio: IsoDate;
  /** The last day included. */
  readonly fechaLimite: IsoDate;
}

export type ConteoPorEstado = Record<EstadoAdopcion, number>;

/** A tramo's adoption on a Lima date (`fecha` of the answer that carries it). */
export interface ResumenTramo extends TramoConsola {
  /** Active entities assigned to the tramo. */
  readonly entidades: number;
  readonly porEstado: ConteoPorEstado;
  /** Implementado ÷ entities × 100, one decimal; null without entities. */
  readonly implementadoPct: number | null;
  /** Where the deadline stands today, in calendar days. */
  readonly plazo: PlazoDelTramo;
  /** Entities past the deadline and not implementado. */
  readonly atrasadas: number;
}

export interface PasoDeEntidad {
  readonly paso: PasoAdopcion;
  readonly etiqueta: string;
  /** Lima date the step was reached, or null. */
  readonly fecha: IsoDate | null;
}

/** One entity's adoption. Public facts about the entity only (its name, kind, place): no person. */
export interface AdopcionEntidad {
  readonly codigo: string;
  readonly nombre: string;
  readonly tipo: TipoEntidad;
  readonly tipoEtiqueta: string;
  readonly nivelGobierno: NivelGobierno;
  readonly sector: string;
  readonly ubigeo: string;
  /** The departamento of the entity's seat (INEI name). */
  readonly departamento: string;
  readonly tramo: { readonly numero: number; readonly nombre: string; readonly fechaLimite: IsoDate } | null;
  readonly estado: EstadoAdopcion;
  readonly estadoEtiqueta: string;
  readonly pasos: readonly PasoDeEntidad[];
  /** Lima date the last step was reached; null until every step is. */
  readonly implementadoEl: IsoDate | null;
  /** Calendar days past its tramo's deadline without being implementado; null when not late. */
  readonly diasDeRetraso: number | null;
  /** The steps still missing, in the checklist's order (their Spanish names). */
  readonly pasosFaltantes: readonly string[];
}

export function departamentoDe(ubigeo: string): string {
  return ubigeoLabel(ubigeo.slice(0, 2)) ?? 'Sin departamento';
}

export function conteoVacio(): ConteoPorEstado {
  return { no_iniciado: 0, en_proceso: 0, implementado: 0 };
}

export function porcentaje(parte: number, total: number): number | null {
  return total === 0 ? null : Math.round((parte * 1000) / total) / 10;
}

/** A row of the adoption query, with its state, lateness on `hoy` and missing steps. */
export function adopcionDe(fila: FilaAdopcion, tramos: ReadonlyMap<number, TramoConsola>, hoy: IsoDate): AdopcionEntidad {
  const estado = estadoDeAdopcion(fila.fechas);
  const tramo = fila.tramoId === null ? undefined : tramos.get(fila.tramoId);
  return {
    codigo: fila.codigo,
    nombre: fila.nombre,
    tipo: fila.tipo,
    tipoEtiqueta: TIPO_ENTIDAD_LABELS[fila.tipo] ?? fila.tipo,
    nivelGobierno: fila.nivelGobierno,
    sector: fila.sector,
    ubigeo: fila.ubigeo,
    departamento: departamentoDe(fila.ubigeo),
    tramo: tramo ? { numero: tramo.numero, nombre: tramo.nombre, fechaLimite: tramo.fechaLimite } : null,
    estado,
    estadoEtiqueta: ESTADO_ADOPCION_ETIQUETAS[estado],
    pasos: PASOS_ADOPCION.map((paso) => ({ paso, etiqueta: PASO_ETIQUETAS[paso], fecha: fila.fechas[paso] })),
    implementadoEl: implementadoEl(fila.fechas),
    diasDeRetraso: diasDeRetraso(estado, tramo?.fechaLimite ?? null, hoy),
    pasosFaltantes: pasosFaltantes(fila.fechas).map((p) => PASO_ETIQUETAS[p]),
  };
}
