/**
 * States of a reclamo and the moves between them (domain README, "Lifecycle").
 * The only place that decides whether a move is allowed: use cases ask
 * `assertTransition` and never set a state by hand.
 */
import { DomainError } from '../errors/domain-error';

export enum EstadoReclamo {
  REGISTRADO = 'registrado',
  EN_ATENCION = 'en_atencion',
  OBSERVADO = 'observado',
  RESPONDIDO = 'respondido',
  /** The answer's e-mail is written and waits for the SMTP server to accept it. */
  NOTIFICACION_EN_CURSO = 'notificacion_en_curso',
  /** The answer's e-mail was never accepted: the responsable notifies by postal or in-person means. */
  NOTIFICACION_FALLIDA = 'notificacion_fallida',
  NOTIFICADO = 'notificado',
  ARCHIVADO = 'archivado',
  RECONDUCIDO = 'reconducido',
  TRASLADADO = 'trasladado',
  ANULADO = 'anulado',
}

export const ESTADO_LABELS: Readonly<Record<EstadoReclamo, string>> = {
  [EstadoReclamo.REGISTRADO]: 'Registrado',
  [EstadoReclamo.EN_ATENCION]: 'En atención',
  [EstadoReclamo.OBSERVADO]: 'Observado (pendiente de subsanación)',
  [EstadoReclamo.RESPONDIDO]: 'Respondido (por notificar)',
  [EstadoReclamo.NOTIFICACION_EN_CURSO]: 'Notificación en curso (correo por confirmar)',
  [EstadoReclamo.NOTIFICACION_FALLIDA]: 'Notificación fallida (notificar por otro medio)',
  [EstadoReclamo.NOTIFICADO]: 'Respuesta notificada',
  [EstadoReclamo.ARCHIVADO]: 'Archivado',
  [EstadoReclamo.RECONDUCIDO]: 'Reconducido a otro canal',
  [EstadoReclamo.TRASLADADO]: 'Trasladado a otra entidad',
  [EstadoReclamo.ANULADO]: 'Anulado',
};

/**
 * Each state as the citizen reads it on the tracking page: plain words about what is happening to
 * their reclamo, not the office's terms (staff pages use ESTADO_LABELS).
 */
export const ESTADO_CIUDADANO_LABELS: Readonly<Record<EstadoReclamo, string>> = {
  [EstadoReclamo.REGISTRADO]: 'Registrado',
  [EstadoReclamo.EN_ATENCION]: 'En atención',
  [EstadoReclamo.OBSERVADO]: 'Falta información: la entidad le pidió completar su reclamo',
  [EstadoReclamo.RESPONDIDO]: 'Respuesta lista, por enviarse',
  [EstadoReclamo.NOTIFICACION_EN_CURSO]: 'Respuesta lista, enviándose a su correo',
  [EstadoReclamo.NOTIFICACION_FALLIDA]: 'Respuesta lista: no llegó a su correo y la entidad se la entregará por otro medio',
  [EstadoReclamo.NOTIFICADO]: 'Respondido',
  [EstadoReclamo.ARCHIVADO]: 'Cerrado',
  [EstadoReclamo.RECONDUCIDO]: 'Enviado a otro canal (no era un reclamo)',
  [EstadoReclamo.TRASLADADO]: 'Trasladado a otra entidad',
  [EstadoReclamo.ANULADO]: 'Anulado',
};

/** Stage of the law (D.S. 007-2020-PCM) that each state belongs to, for the citizen's view. */
export const ETAPA_DE_ESTADO: Readonly<Record<EstadoReclamo, string>> = {
  [EstadoReclamo.REGISTRADO]: '1. Registro',
  [EstadoReclamo.EN_ATENCION]: '2. Atención y respuesta',
  [EstadoReclamo.OBSERVADO]: '2. Atención y respuesta',
  [EstadoReclamo.RESPONDIDO]: '2. Atención y respuesta',
  [EstadoReclamo.NOTIFICACION_EN_CURSO]: '3. Notificación de la respuesta',
  [EstadoReclamo.NOTIFICACION_FALLIDA]: '3. Notificación de la respuesta',
  [EstadoReclamo.NOTIFICADO]: '3. Notificación de la respuesta',
  [EstadoReclamo.ARCHIVADO]: '4. Archivo y custodia',
  [EstadoReclamo.RECONDUCIDO]: '4. Archivo y custodia',
  [EstadoReclamo.TRASLADADO]: '4. Archivo y custodia',
  [EstadoReclamo.ANULADO]: '4. Archivo y custodia',
};

const MOVES: Readonly<Record<EstadoReclamo, readonly EstadoReclamo[]>> = {
  [EstadoReclamo.REGISTRADO]: [
    EstadoReclamo.EN_ATENCION,
    EstadoReclamo.RECONDUCIDO,
    EstadoReclamo.TRASLADADO,
    EstadoReclamo.ANULADO,
  ],
  [EstadoReclamo.EN_ATENCION]: [EstadoReclamo.RESPONDIDO, EstadoReclamo.OBSERVADO],
  [EstadoReclamo.OBSERVADO]: [EstadoReclamo.EN_ATENCION, EstadoReclamo.ARCHIVADO],
  // By e-mail the answer counts as notified only once the SMTP server accepts it (TUO Ley 27444,
  // art. 20.4: an electronic notification takes effect when its receipt is recorded); by postal or
  // in-person means, on the delivery date the responsable records with its proof.
  [EstadoReclamo.RESPONDIDO]: [EstadoReclamo.NOTIFICADO, EstadoReclamo.NOTIFICACION_EN_CURSO],
  [EstadoReclamo.NOTIFICACION_EN_CURSO]: [EstadoReclamo.NOTIFICADO, EstadoReclamo.NOTIFICACION_FALLIDA],
  // A failed e-mail is delivered by other means (or accepted on a resend from the messages page).
  [EstadoReclamo.NOTIFICACION_FALLIDA]: [EstadoReclamo.NOTIFICADO],
  [EstadoReclamo.NOTIFICADO]: [EstadoReclamo.ARCHIVADO],
  [EstadoReclamo.ARCHIVADO]: [],
  [EstadoReclamo.RECONDUCIDO]: [],
  [EstadoReclamo.TRASLADADO]: [],
  [EstadoReclamo.ANULADO]: [],
};

/**
 * States in which the entity still owes the citizen an answer (the deadline runs): until it is
 * notified, an answer written but not delivered does not count.
 */
export const ESTADOS_ABIERTOS: readonly EstadoReclamo[] = [
  EstadoReclamo.REGISTRADO,
  EstadoReclamo.EN_ATENCION,
  EstadoReclamo.OBSERVADO,
  EstadoReclamo.RESPONDIDO,
  EstadoReclamo.NOTIFICACION_EN_CURSO,
  EstadoReclamo.NOTIFICACION_FALLIDA,
];

export function canTransition(from: EstadoReclamo, to: EstadoReclamo): boolean {
  return MOVES[from].includes(to);
}

export function allowedMoves(from: EstadoReclamo): readonly EstadoReclamo[] {
  return MOVES[from];
}

export function assertTransition(from: EstadoReclamo, to: EstadoReclamo): void {
  if (!canTransition(from, to)) {
    throw new DomainError(
      'INVALID_TRANSITION',
      `No se puede pasar un reclamo de «${ESTADO_LABELS[from]}» a «${ESTADO_LABELS[to]}».`,
    );
  }
}
