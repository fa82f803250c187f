/**
 * Everything the PDF of the entity's answer prints, already resolved to plain values, so
 * rendering needs no database and no Nest. Only for an answer already notified to the citizen.
 */
export interface RespuestaView {
  /** e.g. 'MINEDU-2026-000123' */
  codigo: string;
  entidadNombre: string;
  entidadCodigo: string;
  /** The filer's name as on the hoja (with the company's name when they filed for one). */
  reclamante: string;
  /** The instant the reclamo was registered (UTC). */
  registradoEn: Date;
  /** The citizen's own account of what happened, as typed; the PDF prints its first ~600 characters. */
  resumen: string;
  /** The answer: the facts as the entity established them, its analysis and the measures adopted. */
  hechos: string;
  analisis: string;
  /** One item per measure; at least one. */
  medidasAdoptadas: string[];
  /** YYYY-MM-DD, Lima: the date the answer was notified, the one that counts for "on time". */
  notificadaEl: string;
  /** How it was notified, as a label: 'correo electrónico', 'notificación postal', … */
  medio: string;
  /** YYYY-MM-DD: the due date of the answer. */
  vence: string;
  /** The notification date is on or before `vence`. */
  dentroDelPlazo: boolean;
  /** Absolute URL of the tracking page with the code prefilled. */
  seguimientoUrl: string;
}
