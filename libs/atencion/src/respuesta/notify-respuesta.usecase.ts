import { Injectable } from '@nestjs/common';
import { isIsoDate, limaDateOf } from '@app/calendar';
import { EstadoReclamo, FieldError, MedioNotificacion } from '@app/domain';
import { ReceivedAttachment } from '@app/storage';
import { agregarAdjuntos } from '@app/expediente';
import { escribirMensaje } from '@app/notifications';
import { ReclamoCommand } from '../acciones/reclamo-command';
import { ReclamoTransaction, reclamanteEmail } from '../acciones/reclamo-transaction';
import { throwIfAny } from '../acciones/field-errors';
import { checkEscaneo } from '../escaneos/escaneo';


export interface NotifyRespuestaCommand extends ReclamoCommand {
  /** Only when the citizen did not consent to e-mail: how the answer was delivered. */
  medio?: 'postal' | 'presencial';
  /** AAAA-MM-DD of the postal or in-person delivery. */
  fecha?: string;
  /** Scan of the proof (cargo, acuse) of a postal or in-person delivery, already stored; kept as an adjunto of the reclamo. */
  constancia?: ReceivedAttachment;
}

/**
 * Notificar: respondido → notificado. By e-mail through the outbox when the citizen consented
 * (dated today); otherwise the staff member records the postal or in-person delivery with its
 * date and the scan of its proof. That date is what counts for "answered on time".
 */
@Injectable()
export class NotifyRespuestaUseCase {
  constructor(private readonly reclamos: ReclamoTransaction) {}

  async execute(command: NotifyRespuestaCommand): Promise<{ estado: EstadoReclamo; medio: MedioNotificacion; fecha: string }> {
    return this.reclamos.run(command, 'gestionar', async ({ manager, reclamo, now, move }) => {
      const hoy = limaDateOf(now);
      const email = reclamo.notificacionEmail ? await reclamanteEmail(manager, reclamo.id) : null;
      let medio: MedioNotificacion = 'email';
      let fecha = hoy;
      if (!email) {
        const errors: FieldError[] = [];
        if (command.medio !== 'postal' && command.medio !== 'presencial') {
          errors.push({ campo: 'medio', mensaje: 'el ciudadano no aceptó el correo: indique postal o presencial' });
        }
        if (!isIsoDate(command.fecha) || command.fecha > hoy) {
          errors.push({ campo: 'fecha', mensaje: 'indique la fecha de entrega (AAAA-MM-DD), no futura' });
        }
        checkEscaneo(errors, 'constancia', command.constancia, 'la constancia de la entrega');
        throwIfAny(errors);
        medio = command.medio!;
        fecha = command.fecha!;
      }
      const constanciaId = email ? null : (await agregarAdjuntos(manager, reclamo.id, 'constancia_notificacion', [command.constancia!]))[0];
      const eventoId = await move(EstadoReclamo.NOTIFICADO, {
        accion: 'notificado',
        datos: { medio, fecha, constanciaId },
        set: { notificado_el: fecha },
      });
      await manager.query(
        `INSERT INTO notificacion_respuesta (reclamo_id, entidad_id, medio, fecha, constancia_adjunto_id, registrado_por, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [reclamo.id, reclamo.entidadId, medio, fecha, constanciaId, command.actor.id, now],
      );
      if (email) {
        await escribirMensaje(manager, {
          entidadId: reclamo.entidadId,
          reclamoId: reclamo.id,
          tipo: 'respuesta',
          destinatario: email,
          datos: { reclamoId: reclamo.id, eventoId },
          claveUnica: `respuesta:${reclamo.id}`,
        });
      }
      return { estado: reclamo.estado, medio, fecha };
    });
  }
}
