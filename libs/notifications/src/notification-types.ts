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

/** To the citizen: the case is observado until they supply what is missing. */
export interface SolicitudSubsanacionData extends Base {
  codigo: string;
  /** What is missing, in the officer's words (written for the citizen). */
  observacion: string;
  plazoDiasHabiles: number;
  /** YYYY-MM-DD: last day to supply it. */
  venceSubsanacion: string;
  /** Where to hand it in: the entity's mesa de partes and, if known, the sede of the case. */
  dondeResponder: string;
  seguimientoUrl: string;
}

/** To the citizen: what they filed is not a reclamo and went to its own channel. */
export interface AvisoReconduccionData extends Base {
  codigo: string;
  /** The channel it went to, e.g. "Solicitud de acceso a la información pública (Ley 27806)". */
  canalDestino: string;
  /** Why, in the responsable's message to the citizen. */
  motivo: string;
  /** How to reach that channel. */
  canalContacto: string;
  canalUrl?: string;
}

/** To the citizen: another entity served them; it has the case now, under a new code and due date. */
export interface AvisoTrasladoData extends Base {
  codigo: string;
  entidadDestinoNombre: string;
  /** The case's code at the receiving entity. */
  nuevoCodigo: string;
  /** YYYY-MM-DD: the receiving entity's due date, counted from the transfer. */
  nuevoVence: string;
  plazoDiasHabiles: number;
  /** Tracking page for the new code (same document number). */
  seguimientoUrl: string;
}

/** To the citizen: the approved answer, as notified. */
export interface RespuestaData extends Base {
  codigo: string;
  hechos: string;
  analisis: string;
  /** One item per line of the measures as written. */
  medidasAdoptadas: string[];
  /** YYYY-MM-DD: the notification date (what counts for "answered on time"). */
  fechaNotificacion: string;
  /** The tracking page: where the citizen reads the answer again and rates the service. */
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
