import { EntityManager } from 'typeorm';
import { MedioNotificacion } from '@app/domain';

/** One notification of a reclamo's answer: how, on which date, and the proof. */
export interface NotificacionRegistrada {
  reclamoId: string;
  entidadId: string;
  medio: MedioNotificacion;
  /** AAAA-MM-DD (Lima): the date that counts for "answered on time". */
  fecha: string;
  /** Postal or in-person: the scan of the cargo or acuse, an adjunto of the reclamo. */
  constanciaAdjuntoId: string | null;
  /** E-mail: the instant the SMTP server accepted it, and the outbox row (its Message-ID is the proof). */
  aceptadaEn: Date | null;
  outboxId: string | null;
  /** The staff member who recorded a postal or in-person delivery; null when the platform recorded an accepted e-mail. */
  registradoPor: string | null;
  ahora: Date;
}

/** The only writer of `notificacion_respuesta`: the staff action (postal, in person) and the e-mail's acceptance both write through it. */
export async function registrarNotificacion(manager: EntityManager, n: NotificacionRegistrada): Promise<void> {
  await manager.query(
    `INSERT INTO notificacion_respuesta (reclamo_id, entidad_id, medio, fecha, constancia_adjunto_id, aceptada_en, outbox_id, registrado_por, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [n.reclamoId, n.entidadId, n.medio, n.fecha, n.constanciaAdjuntoId, n.aceptadaEn, n.outboxId, n.registradoPor, n.ahora],
  );
}
