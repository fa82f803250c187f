import { Canal } from '@app/domain';
import { StoredObject } from '@app/storage';
import { HojaReclamacionDto } from '../hoja/hoja-reclamacion.dto';
import type { AdjuntoEnEspera, FormularioDeHoja } from '../borrador/adjuntos-en-espera';

export interface IncomingAttachment extends StoredObject {
  nombreOriginal: string;
  tipoMime: string;
}

export interface IdempotencyRequest {
  /** 'api' for the Idempotency-Key header, 'form' for the form's hidden key. */
  ambito: 'api' | 'form';
  clave: string;
  /** SHA-256 of the request, so a reused key with another body is refused. */
  huella: string;
}

export interface SubmitReclamoCommand {
  entidadCodigo: string;
  hoja: HojaReclamacionDto;
  adjuntos: IncomingAttachment[];
  canal: Canal;
  idempotency?: IdempotencyRequest;
  /**
   * The form's files kept across an error or the review step (already in `adjuntos` too): taken off the
   * waiting list in the filing's transaction, so they are the reclamo's or still waiting, never lost.
   */
  enEspera?: { formulario: FormularioDeHoja; adjuntos: AdjuntoEnEspera[] };
}

export interface SubmitReclamoResult {
  id: string;
  codigo: string;
  entidad: { codigo: string; nombre: string };
  estado: string;
  registradoEn: string;
  fechaRegistro: string;
  plazoDiasHabiles: number;
  vence: string;
  /** True when this answer replays the first response to the same idempotency key. */
  repetido: boolean;
}
