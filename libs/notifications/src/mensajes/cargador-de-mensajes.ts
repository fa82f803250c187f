import { DiscoveryService } from '@nestjs/core';
import { EntityManager } from 'typeorm';
import { ContenidoMensaje, DatosMensaje, TipoMensaje } from './tipo-mensaje';

/** An outbox row as its loader receives it: `datos` is the payload its producer wrote with `escribirMensaje`. */
export type MensajeGuardado<T extends TipoMensaje = TipoMensaje> = T extends TipoMensaje
  ? {
      id: string;
      entidadId: string | null;
      reclamoId: string | null;
      tipo: T;
      destinatario: string;
      datos: DatosMensaje[T];
      intentos: number;
    }
  : never;

export interface AdjuntoDeMensaje {
  filename: string;
  content: Buffer;
  contentType: string;
}

/** What a loader hands back: the template's data, and files to attach. */
export type MensajeCargado<T extends TipoMensaje = TipoMensaje> = T extends TipoMensaje
  ? { contenido: ContenidoMensaje[T]; adjuntos?: AdjuntoDeMensaje[] }
  : never;

/**
 * Loads, at send time, what one or more message types show: re-reads the reclamo (the row carries
 * ids only) and builds every link with the app's link builder. Throws PermanentNotificationError
 * when the row can never be sent (its reclamo is gone, a link expired).
 */
export interface CargadorMensaje<T extends TipoMensaje = TipoMensaje> {
  cargar(mensaje: MensajeGuardado<T>): Promise<MensajeCargado<T>>;
  /**
   * Optional: `cargar` for many rows at once (a batch job's), with one read for all of them, in their
   * order; a row that cannot be loaded has its error in its place. A batch's rows of a type without it
   * are loaded one by one.
   */
  cargarVarios?(mensajes: ReadonlyArray<MensajeGuardado<T>>): Promise<Array<MensajeCargado<T> | Error>>;
  /**
   * The SMTP server accepted the message at `aceptadoEn` (the database's clock: the instant stored
   * as the row's `enviado_en`). Runs inside the transaction that marks the row 'enviado', so what it
   * writes (a reclamo notified on that date) commits with it or not at all. Optional: most types
   * only need to be sent.
   */
  alEnviarse?(manager: EntityManager, mensaje: MensajeGuardado<T>, aceptadoEn: Date): Promise<void>;
  /**
   * The message will never be sent (refused by the server, unrenderable, or out of attempts). Runs
   * inside the transaction that marks the row 'fallido'.
   */
  alFallar?(manager: EntityManager, mensaje: MensajeGuardado<T>): Promise<void>;
}

/**
 * Marks a provider as the loader of these message types. The lib that produces a type declares its
 * loader in its own module; notifications finds it through Nest's DiscoveryService and never
 * imports that lib.
 */
export const CargadorDeMensajes = DiscoveryService.createDecorator<readonly TipoMensaje[]>();
