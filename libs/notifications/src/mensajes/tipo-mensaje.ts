/**
 * Every kind of message the platform sends: one closed union (`TipoMensaje`), the data its outbox
 * row carries (`DatosMensaje`: ids, and only what cannot be read again later, such as a one-time
 * link whose token is stored hashed) and the data its template shows (`ContenidoMensaje`). The lib
 * that produces a type writes it with `escribirMensaje` and registers the loader that turns the
 * row into that content (`@CargadorDeMensajes`); the worker refuses to start when a type has no
 * loader or two.
 */
export const TipoMensaje = {
  ACUSE_RECIBO: 'acuse_recibo',
  PLAZO_POR_VENCER: 'plazo_por_vencer',
  PLAZO_VENCIDO: 'plazo_vencido',
  SOLICITUD_SUBSANACION: 'solicitud_subsanacion',
  SUBSANACION_VENCIDA: 'subsanacion_vencida',
  RECONDUCCION: 'reconduccion',
  TRASLADO: 'traslado',
  RESPUESTA: 'respuesta',
  NOTIFICACION_FALLIDA: 'notificacion_fallida',
  RESTABLECER_PASSWORD: 'restablecer_password',
  INVITACION_PERSONAL: 'invitacion_personal',
  SUBSANACION_RESPONDIDA: 'subsanacion_respondida',
} as const;
export type TipoMensaje = (typeof TipoMensaje)[keyof typeof TipoMensaje];

export const TIPOS_MENSAJE: readonly TipoMensaje[] = Object.values(TipoMensaje);

export function isTipoMensaje(value: string): value is TipoMensaje {
  return (TIPOS_MENSAJE as readonly string[]).includes(value);
}

/** A reminder's outbox data: which reclamo, which threshold, to which staff member. */
interface DatosAlerta {
  reclamoId: string;
  /** The threshold crossed: business days left ('10', '5', …) or 'vencido'. */
  umbral: string;
  /** AAAA-MM-DD (Lima): the due date when the alert fired. */
  vence: string;
  usuarioId: string;
}

/** What each type's outbox row carries in `datos`. */
export interface DatosMensaje {
  acuse_recibo: { reclamoId: string };
  plazo_por_vencer: DatosAlerta;
  plazo_vencido: DatosAlerta;
  /** The request's own timeline event holds what is missing and until when. */
  solicitud_subsanacion: { reclamoId: string; eventoId: string };
  /** AAAA-MM-DD (Lima): the last day of the window that passed. */
  subsanacion_vencida: { reclamoId: string; venceSubsanacion: string; usuarioId: string };
  reconduccion: { reclamoId: string; eventoId: string };
  traslado: { reclamoId: string; nuevoReclamoId: string; eventoId: string };
  /** `eventoId`: the move to «notificación en curso» that wrote the message. */
  respuesta: { reclamoId: string; eventoId: string };
  /** `eventoId`: the move to «notificación fallida»; one row per staff member told. */
  notificacion_fallida: { reclamoId: string; eventoId: string; usuarioId: string };
  /** Only a hash of the link's token is stored, so the link itself travels in the row. `venceEn`: ISO instant. */
  restablecer_password: { usuarioId: string; nombre: string; enlace: string; venceEn: string };
  invitacion_personal: {
    usuarioId: string;
    nombre: string;
    rol: string;
    rolEtiqueta: string;
    entidadNombre: string;
    invitadoPor: string;
    enlace: string;
    venceEn: string;
  };
  /** The citizen's reply is its timeline event (`eventoId`); `usuarioId`: the staff member told. */
  subsanacion_respondida: { reclamoId: string; eventoId: string; usuarioId: string };
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

/** To the citizen: the reclamo is observado until they supply what is missing. */
export interface SolicitudSubsanacionData extends Base {
  codigo: string;
  /** What is missing, in the officer's words (written for the citizen). */
  observacion: string;
  plazoDiasHabiles: number;
  /** YYYY-MM-DD: last day to supply it. */
  venceSubsanacion: string;
  /** Where to hand it in: the entity's mesa de partes and, if known, the sede of the reclamo. */
  dondeResponder: string;
  seguimientoUrl: string;
  /** The single-use link to answer online (this request only, until its window ends). */
  responderUrl: string;
  /** Whether the entity's 30 días hábiles stop while the citizen answers, in the citizen's words. */
  plazoDuranteSubsanacion: string;
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

/** To the citizen: another entity served them; it has the reclamo now, under a new code and due date. */
export interface AvisoTrasladoData extends Base {
  codigo: string;
  entidadDestinoNombre: string;
  /** The reclamo's code at the receiving entity. */
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
  /** YYYY-MM-DD (Lima): the day it is sent; the notification takes effect when the server accepts it. */
  fechaNotificacion: string;
  /** The tracking page: where the citizen reads the answer again. */
  seguimientoUrl: string;
  /** The satisfaction survey of this reclamo (single use). */
  encuestaUrl: string;
}

/** To the responsables and the assigned officer: the answer's e-mail was never accepted, so the reclamo is not notified. */
export interface NotificacionFallidaData extends Base {
  codigo: string;
  /** AAAA-MM-DD (Lima): the due date, still running. */
  vence: string;
  /** The reclamo's page in the back-office, where the postal or in-person notification is recorded. */
  backofficeUrl: string;
}

/** To the responsables: an observado reclamo whose 2-business-day window passed with no reply (entity setting 'marcar'). */
export interface SubsanacionVencidaData extends Base {
  codigo: string;
  /** AAAA-MM-DD (Lima): the last day the citizen had. */
  venceSubsanacion: string;
  /** The reclamo's page in the back-office. */
  backofficeUrl: string;
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

/**
 * To the assigned officer (or the responsables): the citizen answered a request for missing
 * information online; the reclamo is back en atención. The reply itself is read in the back-office,
 * where each view is logged (Ley 29733), so it does not travel by e-mail.
 */
export interface SubsanacionRespondidaData extends Base {
  codigo: string;
  /** Files the citizen sent with the reply. */
  adjuntos: number;
  /** AAAA-MM-DD (Lima): the reclamo's due date now. */
  vence: string;
  /** Business days the clock stood still (entity setting), moving the due date; 0 when it did not stop. */
  diasPausados: number;
  backofficeUrl: string;
}

/** What each type's template shows. */
export interface ContenidoMensaje {
  acuse_recibo: AcuseReciboData;
  plazo_por_vencer: PlazoData;
  plazo_vencido: PlazoData;
  solicitud_subsanacion: SolicitudSubsanacionData;
  subsanacion_vencida: SubsanacionVencidaData;
  reconduccion: AvisoReconduccionData;
  traslado: AvisoTrasladoData;
  respuesta: RespuestaData;
  notificacion_fallida: NotificacionFallidaData;
  restablecer_password: RestablecerContrasenaData;
  invitacion_personal: InvitacionPersonalData;
  subsanacion_respondida: SubsanacionRespondidaData;
}
