import { IsoDate } from '@app/calendar';

/**
 * An entity's adoption of the platform as a checklist (domain README, "Rollout by tramo"; issue #12).
 * Each step has the Lima date it was reached, or null. The first is what the coordinator enters from the
 * entity's oficio; every other one is read from what the entity did on the platform, never typed.
 */
export const PASOS_ADOPCION = [
  'designacion_recibida',
  'cuentas_responsables_activas',
  'catalogos_configurados',
  'oficiales_registrados',
  'primer_reclamo_recibido',
  'primer_reclamo_en_plazo',
] as const;
export type PasoAdopcion = (typeof PASOS_ADOPCION)[number];

export const PASO_ETIQUETAS: Readonly<Record<PasoAdopcion, string>> = {
  designacion_recibida: 'Designación de responsables recibida',
  cuentas_responsables_activas: 'Cuentas de los responsables activas',
  catalogos_configurados: 'Sedes, unidades y servicios configurados',
  oficiales_registrados: 'Oficiales registrados',
  primer_reclamo_recibido: 'Primer reclamo recibido',
  primer_reclamo_en_plazo: 'Primer reclamo notificado en el plazo legal',
};

/** Where each step's date comes from, as the console explains it (one sentence each). */
export const PASO_FUENTES: Readonly<Record<PasoAdopcion, string>> = {
  designacion_recibida: 'Fecha del primer oficio de designación registrado por la coordinación.',
  cuentas_responsables_activas:
    'Fecha en que se activó la última de las dos cuentas (responsable titular y alterno), cuando ambas están activas.',
  catalogos_configurados: 'Fecha en que existió la última de las tres: una sede, una unidad orgánica y un servicio activos.',
  oficiales_registrados: 'Fecha en que se activó la cuenta del primer oficial que sigue activo.',
  primer_reclamo_recibido: 'Fecha de registro (hora de Lima) del primer reclamo de la entidad.',
  primer_reclamo_en_plazo: 'Primer día con una respuesta notificada dentro de los 30 días hábiles, según las cifras de la plataforma.',
};

export type FechasDePasos = Readonly<Record<PasoAdopcion, IsoDate | null>>;

export const ESTADOS_ADOPCION = ['no_iniciado', 'en_proceso', 'implementado'] as const;
export type EstadoAdopcion = (typeof ESTADOS_ADOPCION)[number];

export const ESTADO_ADOPCION_ETIQUETAS: Readonly<Record<EstadoAdopcion, string>> = {
  no_iniciado: 'No iniciado',
  en_proceso: 'En proceso',
  implementado: 'Implementado',
};

/** No step reached: no iniciado; every step: implementado; anything between: en proceso. */
export function estadoDeAdopcion(fechas: FechasDePasos): EstadoAdopcion {
  const alcanzados = PASOS_ADOPCION.filter((p) => fechas[p] !== null).length;
  if (alcanzados === 0) return 'no_iniciado';
  return alcanzados === PASOS_ADOPCION.length ? 'implementado' : 'en_proceso';
}

/** The day the last step was reached (steps may be reached in any order), or null while one is missing. */
export function implementadoEl(fechas: FechasDePasos): IsoDate | null {
  let ultima: IsoDate | null = null;
  for (const p of PASOS_ADOPCION) {
    const f = fechas[p];
    if (f === null) return null;
    if (ultima === null || f > ultima) ultima = f;
  }
  return ultima;
}

export function pasosFaltantes(fechas: FechasDePasos): PasoAdopcion[] {
  return PASOS_ADOPCION.filter((p) => fechas[p] === null);
}

/** Calendar days from `desde` to `hasta` (ISO dates; negative when `hasta` is earlier). */
export function diasCalendario(desde: IsoDate, hasta: IsoDate): number {
  const ms = (d: IsoDate) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((ms(hasta) - ms(desde)) / 86_400_000);
}

/**
 * Where a tramo's deadline (`fecha_limite`, the last day included) stands on `hoy` (Lima dates), in
 * **calendar days**: up to and including the deadline, the days left (0 on the day itself); from the
 * day after, the days past it.
 */
export interface PlazoDelTramo {
  readonly vencido: boolean;
  /** Calendar days from today to the deadline; null once it has passed. */
  readonly diasParaLimite: number | null;
  /** Calendar days since the deadline; null until it has passed. */
  readonly diasVencido: number | null;
}

export function plazoDelTramo(fechaLimite: IsoDate, hoy: IsoDate): PlazoDelTramo {
  const dias = diasCalendario(hoy, fechaLimite);
  return dias >= 0 ? { vencido: false, diasParaLimite: dias, diasVencido: null } : { vencido: true, diasParaLimite: null, diasVencido: -dias };
}

/**
 * An entity is late when its tramo's deadline has passed (`hoy` after `fecha_limite`) and it is not
 * implementado; how late in calendar days since the deadline. An entity without a tramo is never late.
 */
export function diasDeRetraso(estado: EstadoAdopcion, fechaLimite: IsoDate | null, hoy: IsoDate): number | null {
  if (estado === 'implementado' || fechaLimite === null) return null;
  const plazo = plazoDelTramo(fechaLimite, hoy);
  return plazo.vencido ? plazo.diasVencido : null;
}
