/** One attached file as the citizen sees it on the receipt. */
export interface ReceiptAdjunto {
  nombre: string;
  bytes: number;
  /** Hex SHA-256 of the stored file; the receipt prints a short prefix. */
  sha256: string;
}

export interface ReceiptCiudadano {
  nombreCompleto: string;
  /** Label as printed, e.g. 'DNI', 'Carné de extranjería', 'Pasaporte', 'RUC'. */
  tipoDocumento: string;
  /** Already masked by the caller (see `maskDocumentNumber`); printed as given. */
  numeroDocumentoEnmascarado: string;
}

export type ReceiptCanal = 'virtual' | 'fisico';

/**
 * Everything the "constancia de registro" prints, already resolved to plain values
 * (labels, not ids), so rendering needs no database and no Nest.
 */
export interface ReceiptView {
  /** e.g. 'MINEDU-2026-000123' */
  codigo: string;
  entidadNombre: string;
  entidadCodigo: string;
  /** The instant the reclamo was registered (UTC). */
  registradoEn: Date;
  /** YYYY-MM-DD: the Lima date the reclamo belongs to. */
  fechaLima: string;
  /** YYYY-MM-DD: the due date of the answer. */
  vence: string;
  /** Business days of the answer deadline (30 by law; an entity may set fewer, never more). */
  plazoDiasHabiles: number;
  /** YYYY-MM-DD: the date of the facts, as the citizen gave it. */
  /** AAAA-MM-DD; null only for rows written before the field was required (shown as «No indicada»). */
  fechaHechos: string | null;
  /** Label of the aspect (first-level classification). */
  aspecto: string;
  sede?: string;
  unidad?: string;
  servicio?: string;
  /** The first ~300 characters of what happened. */
  resumen: string;
  pedido?: string;
  canal: ReceiptCanal;
  /** Sheet number of the physical book, when `canal` is 'fisico'. */
  numeroHoja?: string;
  ciudadano: ReceiptCiudadano;
  notificacionPorCorreo: boolean;
  /** The filer's e-mail, masked (see `maskEmail`), when they gave one: a copy of the receipt goes there. */
  correoEnmascarado?: string;
  adjuntos: ReceiptAdjunto[];
  /** Absolute URL of the tracking page with the code prefilled. */
  seguimientoUrl: string;
}
