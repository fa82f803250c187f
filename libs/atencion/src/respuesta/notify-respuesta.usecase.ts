import { Injectable } from '@nestjs/common';
import { limaDateOf, revisarFecha, VENTANAS_DE_FECHA } from '@app/calendar';
import { DomainError, ESTADO_LABELS, EstadoReclamo, FieldError } from '@app/domain';
import { ReceivedAttachment } from '@app/storage';
import { agregarAdjuntos } from '@app/expediente';
import { escribirMensaje } from '@app/notifications';
import { ReclamoCommand } from '../acciones/reclamo-command';
import { ReclamoTransaction, reclamanteEmail } from '../acciones/reclamo-transaction';
import { throwIfAny } from '../acciones/field-errors';
import { checkEscaneo } from '../escaneos/escaneo';
import { registrarNotificacion } from './notificacion-respuesta.writer';

export interface NotifyRespuestaCommand extends ReclamoCommand {
  /** Only when the citizen did not consent to e-mail, or the e-mail failed: how the answer was delivered. */
  medio?: 'postal' | 'presencial';
  /** AAAA-MM-DD of the postal or in-person delivery. */
  fecha?: string;
  /** Scan of the proof (cargo, acuse) of a postal or in-person delivery, already stored; kept as an adjunto of the reclamo. */
  constancia?: ReceivedAttachment;
}

/** The outcome of «Notificar»: by e-mail, «en curso» and no date yet; by other means, notified on the recorded date. */
export type NotificacionOrdenada =
  | { estado: EstadoReclamo.NOTIFICACION_EN_CURSO; medio: 'email'; fecha: null }
  | { estado: EstadoReclamo.NOTIFICADO; medio: 'postal' | 'presencial'; fecha: string };

/**
 * Notificar (domain README, "Notification"; TUO Ley 27444, art. 20.4).
 * - The citizen consented to e-mail and the reclamo is «respondido»: the answer's e-mail goes to the
 *   outbox and the reclamo waits in «notificación en curso». It becomes «notificado», dated with the
 *   Lima date of the SMTP server's acceptance, only when that happens (NotificacionEfectiva); if the
 *   e-mail fails for good, it goes to «notificación fallida».
 * - No e-mail consent, or the e-mail failed: the staff member records the postal or in-person
 *   delivery with its date (AAAA-MM-DD, Lima, not in the future) and the scan of its proof; the
 *   reclamo is notified on that date.
 * That date is what every "answered on time" figure compares with the due date.
 * Errors: 422 naming `medio`, `fecha` or `constancia`; 409 from any other state (an e-mail already
 * on its way included).
 */
@Injectable()
export class NotifyRespuestaUseCase {
  constructor(private readonly reclamos: ReclamoTransaction) {}

  async execute(command: NotifyRespuestaCommand): Promise<NotificacionOrdenada> {
    return this.reclamos.run(command, 'gestionar', async ({ manager, reclamo, now, move, actor }) => {
      if (reclamo.estado === EstadoReclamo.NOTIFICACION_EN_CURSO) {
        throw new DomainError('INVALID_TRANSITION', 'La respuesta ya se está enviando por correo: espere a que el servidor la acepte o la rechace.');
      }
      if (reclamo.estado !== EstadoReclamo.RESPONDIDO && reclamo.estado !== EstadoReclamo.NOTIFICACION_FALLIDA) {
        throw new DomainError('INVALID_TRANSITION', `No se puede notificar un reclamo «${ESTADO_LABELS[reclamo.estado]}».`);
      }
      const email =
        reclamo.estado === EstadoReclamo.RESPONDIDO && reclamo.notificacionEmail ? await reclamanteEmail(manager, reclamo.id) : null;
      if (email) {
        const eventoId = await move(EstadoReclamo.NOTIFICACION_EN_CURSO, { accion: 'notificacion_en_curso', datos: { medio: 'email' } });
        await escribirMensaje(manager, {
          entidadId: reclamo.entidadId,
          reclamoId: reclamo.id,
          tipo: 'respuesta',
          destinatario: email,
          datos: { reclamoId: reclamo.id, eventoId },
          claveUnica: `respuesta:${reclamo.id}`,
        });
        return { estado: EstadoReclamo.NOTIFICACION_EN_CURSO, medio: 'email', fecha: null };
      }
      const hoy = limaDateOf(now);
      const errors: FieldError[] = [];
      if (command.medio !== 'postal' && command.medio !== 'presencial') {
        const por = reclamo.estado === EstadoReclamo.NOTIFICACION_FALLIDA ? 'el correo no fue aceptado' : 'el ciudadano no aceptó el correo';
        errors.push({ campo: 'medio', mensaje: `${por}: indique postal o presencial` });
      }
      const fechaFuera = revisarFecha(command.fecha, VENTANAS_DE_FECHA.entregaNotificacion, hoy);
      if (fechaFuera) errors.push({ campo: 'fecha', mensaje: `la fecha de entrega ${fechaFuera}` });
      checkEscaneo(errors, 'constancia', command.constancia, 'la constancia de la entrega');
      throwIfAny(errors);
      const medio = command.medio!;
      const fecha = command.fecha!;
      const [constanciaId] = await agregarAdjuntos(manager, reclamo.id, 'constancia_notificacion', [command.constancia!]);
      await move(EstadoReclamo.NOTIFICADO, {
        accion: 'notificado',
        datos: { medio, fecha, constanciaId },
        set: { notificado_el: fecha },
      });
      await registrarNotificacion(manager, {
        reclamoId: reclamo.id,
        entidadId: reclamo.entidadId,
        medio,
        fecha,
        constanciaAdjuntoId: constanciaId,
        aceptadaEn: null,
        outboxId: null,
        registradoPor: actor.id,
        ahora: now,
      });
      return { estado: EstadoReclamo.NOTIFICADO, medio, fecha };
    });
  }
}
