/**
 * Every kind of message the platform sends, with the data its template needs. The outbox row's
 * `tipo` is one of these; its `datos` carry ids only and the sender loads the rest when it renders.
 */
export const TipoNotificacion = {
  ACUSE_RECIBO: 'acuse_recibo',
  PLAZO_POR_VENCER: 'plazo_por_vencer',
  PLAZO_VENCIDO: 'plazo_vencido',
  SOLICITUD_SUBSANACION: 'solicitud_subsanacion',
  RECONDUCCION: 'reconduccion',
  TRASLADO: 'traslado',
  RESPUESTA: 'respuesta',
  RESTABLECER_PASSWORD: 'restablecer_password',
  INVITACION_PERSONAL: 'invitacion_personal',
} as const;
export type TipoNotificacion = (typeof TipoNotificacion)[keyof typeof TipoNotificacion];

export function isTipoNotificacion(value: string): value is TipoNotificacion {
  return (Object.values(TipoNotificacion) as string[]).includes(value);
}

/** Every message names the entity it comes from (or the platform, for staff accounts). */
interface Base {
  entidadNombre: string;
}

/** To the citizen, on filing. The constancia PDF goes as an attachment. */
export interface AcuseReciboData extends Base {
  codigo: string;
  /** What happened, as the citizen wrote it (cut). */
  resumen: string;
  /** YYYY-MM-DD */
  vence: string;
  plazoDiasHabiles: number;
  seguimientoUrl: string;
}

/** To the responsables (and the titular when overdue). */
export interface PlazoData extends Base {
  codigo: string;
  vence: string;
  /** Business days from today to the due date; 0 or less when overdue. */
  diasHabilesRestantes: number;
  backofficeUrl: string;
}

export interface SolicitudSubsanacionData extends Base {
  codigo: string;
  /** What is missing, in the officer's words. */
  observacion: string;
  plazoDiasHabiles: number;
  /** YYYY-MM-DD: last day to supply it. */
  venceSubsanacion: string;
  subsanacionUrl: string;
}

export interface AvisoReconduccionData extends Base {
  codigo: string;
  /** The channel it went to, e.g. "Mesa de partes (queja por defecto de tramitación)". */
  canalDestino: string;
  motivo: string;
  canalUrl?: string;
}

export interface AvisoTrasladoData extends Base {
  codigo: string;
  entidadDestinoNombre: string;
  motivo: string;
  seguimientoUrl: string;
}

export interface RespuestaData extends Base {
  codigo: string;
  respuesta: string;
  medidasAdoptadas: string[];
  encuestaUrl: string;
  seguimientoUrl: string;
}

export interface RestablecerContrasenaData extends Base {
  nombre: string;
  enlace: string;
  expiraEnMinutos: number;
}

export interface InvitacionPersonalData extends Base {
  nombre: string;
  /** The role's label as staff read it, e.g. "Responsable del libro (alterno)". */
  rol: string;
  enlace: string;
  expiraEnDias: number;
}

export interface NotificationDataByTipo {
  acuse_recibo: AcuseReciboData;
  plazo_por_vencer: PlazoData;
  plazo_vencido: PlazoData;
  solicitud_subsanacion: SolicitudSubsanacionData;
  reconduccion: AvisoReconduccionData;
  traslado: AvisoTrasladoData;
  respuesta: RespuestaData;
  restablecer_password: RestablecerContrasenaData;
  invitacion_personal: InvitacionPersonalData;
}
