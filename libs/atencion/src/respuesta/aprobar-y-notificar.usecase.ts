import { Injectable } from '@nestjs/common';
import { DomainError, EstadoReclamo } from '@app/domain';
import { ReclamoCommand } from '../acciones/reclamo-command';
import { ReclamoTransaction, reclamanteEmail } from '../acciones/reclamo-transaction';
import { ApproveRespuestaUseCase } from './approve-respuesta.usecase';
import { MarkRespondidoUseCase } from './mark-respondido.usecase';
import { NotifyRespuestaUseCase } from './notify-respuesta.usecase';
import { findRespuesta } from './respuesta';

/** Which steps ran: the answer approved now (false when it already was), and where the reclamo stands. */
export interface AprobadaYNotificada {
  aprobada: boolean;
  estado: EstadoReclamo.NOTIFICACION_EN_CURSO;
}

/**
 * «Aprobar y notificar» (issue 13): approve the answer (if it waits for approval), mark the reclamo
 * respondido and send the answer by e-mail, in one request, through the three use cases a person would
 * otherwise click one after another. Each step keeps its own transaction, timeline event and audit
 * entry, and each checks its own role and state again; the reclamo ends «notificación en curso» and
 * becomes «notificado» only when the citizen's server accepts the e-mail (TUO Ley 27444, art. 20.4;
 * NotificacionEfectiva), never here.
 *
 * Offered only when the entity allows it (`entidad.aprobar_y_notificar`, /configuracion) and the answer
 * goes by e-mail (consent and an address): a postal or in-person delivery needs its date and scan, a
 * separate step. The checks run first, so a refused request changes nothing; if a later step is refused
 * because someone acted in between, the earlier steps stand (each is a legal state on its own) and the
 * error says what is left.
 * Errors: 409 CONFLICT (setting off, no e-mail, no answer to approve), INVALID_TRANSITION (wrong state), 403/404 as every action.
 */
@Injectable()
export class AprobarYNotificarUseCase {
  constructor(
    private readonly reclamos: ReclamoTransaction,
    private readonly approve: ApproveRespuestaUseCase,
    private readonly markRespondido: MarkRespondidoUseCase,
    private readonly notify: NotifyRespuestaUseCase,
  ) {}

  async execute(command: ReclamoCommand): Promise<AprobadaYNotificada> {
    const { aprobar } = await this.reclamos.run(command, 'gestionar', async ({ manager, reclamo }) => {
      const [entidad]: Array<{ aprobar_y_notificar: boolean }> = await manager.query(`SELECT aprobar_y_notificar FROM entidad WHERE id = $1`, [
        reclamo.entidadId,
      ]);
      if (!entidad?.aprobar_y_notificar) {
        throw new DomainError('CONFLICT', 'La entidad aprueba y notifica las respuestas en pasos separados (Configuración).');
      }
      if (reclamo.estado !== EstadoReclamo.EN_ATENCION) {
        throw new DomainError('INVALID_TRANSITION', 'Solo se aprueba y notifica en un paso una respuesta de un reclamo en atención.');
      }
      if (!reclamo.notificacionEmail || !(await reclamanteEmail(manager, reclamo.id))) {
        throw new DomainError('CONFLICT', 'El ciudadano no aceptó el correo: apruebe la respuesta y registre la notificación postal o presencial.');
      }
      const respuesta = await findRespuesta(manager, reclamo.id, reclamo.entidadId);
      if (respuesta?.estado !== 'pendiente_aprobacion' && respuesta?.estado !== 'aprobada') {
        throw new DomainError('CONFLICT', 'No hay una respuesta por aprobar o aprobada en este caso.');
      }
      return { aprobar: respuesta.estado === 'pendiente_aprobacion' };
    });
    if (aprobar) await this.approve.execute(command);
    await this.markRespondido.execute(command);
    const notificacion = await this.notify.execute(command);
    if (notificacion.medio !== 'email') {
      // Unreachable after the checks above (no medio given, so notify either e-mails or refuses); kept so the type says so.
      throw new DomainError('CONFLICT', 'La respuesta no se envió por correo.');
    }
    return { aprobada: aprobar, estado: EstadoReclamo.NOTIFICACION_EN_CURSO };
  }
}
