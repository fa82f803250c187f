import { Injectable } from '@nestjs/common';
import { isIsoDate, limaDateOf } from '@app/calendar';
import { EstadoReclamo, FieldError } from '@app/domain';
import { ReceivedAttachment } from '@app/storage';
import { agregarAdjuntos } from '@app/expediente';
import { escribirMensaje } from '@app/notifications';
import { CaseCommand } from '../acciones/reclamo-command';
import { CaseTransaction, reclamanteEmail } from '../acciones/reclamo-transaction';
import { throwIfAny } from '../acciones/field-errors';
import { checkEscaneo } from '../escaneos/escaneo';

export type MedioNotificacion = 'email' | 'postal' | 'presencial';

export interface NotifyRespuestaCommand extends CaseCommand {
  /** Only when the citizen did not consent to e-mail: how the answer was delivered. */
  medio?: 'postal' | 'presencial';
  /** AAAA-MM-DD of the postal or in-person delivery. */
  fecha?: string;
  /** Scan of the proof (cargo, acuse) of a postal or in-person delivery, already stored; kept as an adjunto of the case. */
  constancia?: ReceivedAttachment;
}

/**
 * Notificar: respondido → notificado. By e-mail through the outbox when the citizen consented
 * (dated today); otherwise the staff member records the postal or in-person delivery with its
 * date and the scan of its proof. That date is what counts for "answered on time".
 */
@Injectable()
export class NotifyRespuestaUseCase {
  constructor(private readonly cases: CaseTransaction) {}

  async execute(command: NotifyRespuestaCommand): Promise<{ estado: EstadoReclamo; medio: MedioNotificacion; fecha: string }> {
    return this.cases.run(command, 'gestionar', async ({ manager, caso, now, move }) => {
      const hoy = limaDateOf(now);
      const email = caso.notificacionEmail ? await reclamanteEmail(manager, caso.id) : null;
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
      const constanciaId = email ? null : (await agregarAdjuntos(manager, caso.id, 'constancia_notificacion', [command.constancia!]))[0];
      const eventoId = await move(EstadoReclamo.NOTIFICADO, {
        accion: 'notificado',
        datos: { medio, fecha, constanciaId },
        set: { notificado_el: fecha },
      });
      await manager.query(
        `INSERT INTO notificacion_respuesta (reclamo_id, entidad_id, medio, fecha, constancia_adjunto_id, registrado_por, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [caso.id, caso.entidadId, medio, fecha, constanciaId, command.actor.id, now],
      );
      if (email) {
        await escribirMensaje(manager, {
          entidadId: caso.entidadId,
          reclamoId: caso.id,
          tipo: 'respuesta',
          destinatario: email,
          datos: { reclamoId: caso.id, eventoId },
          claveUnica: `respuesta:${caso.id}`,
        });
      }
      return { estado: caso.estado, medio, fecha };
    });
  }
}
