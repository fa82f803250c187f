import { Injectable } from '@nestjs/common';
import { limaDateOf } from '@app/calendar';
import { EstadoReclamo } from '@app/domain';
import { MessageRenderer } from '@app/notifications';
import { EnlacesCiudadano } from '@app/platform/links';
import { ReclamoCommand } from '../acciones/reclamo-command';
import { ReclamoTransaction, reclamanteEmail } from '../acciones/reclamo-transaction';
import { contenidoDeRespuesta, leerRespuestaParaCorreo, respuestaCompleta } from '../mensajes/respuesta-contenido';

/**
 * Stands in the preview for the survey's link: the real one carries the citizen's single-use token,
 * which staff must not hold (they could fill in their own satisfaction survey). Everything else is
 * the message as sent.
 */
export const ENCUESTA_EN_VISTA_PREVIA = '[enlace personal a la encuesta: solo va en el correo del ciudadano]';

export interface VistaPreviaCorreo {
  /** The citizen's address, as the reclamo page already shows it to whoever may read the case. */
  para: string;
  asunto: string;
  /** The plain-text part exactly as the sender renders it (survey link aside, see ENCUESTA_EN_VISTA_PREVIA). */
  texto: string;
  /** The entity offers «Aprobar y notificar» in one step (`entidad.aprobar_y_notificar`). */
  aprobarYNotificar: boolean;
}

/**
 * The e-mail the citizen will receive when this answer is notified, rendered by the sender's own
 * renderer and templates (libs/notifications/templates/respuesta.*.hbs) from the same content builder
 * as the sender's loader, dated today in Lima (the day it would go out). Null when the answer would not
 * go by e-mail: no answer with its three parts yet, no consent to e-mail or no address, or the
 * reclamo is past «respondido». Read-only ('leer'): the case view that shows it is audited.
 */
@Injectable()
export class PreviewRespuestaCorreoUseCase {
  constructor(
    private readonly reclamos: ReclamoTransaction,
    private readonly renderer: MessageRenderer,
    private readonly ciudadano: EnlacesCiudadano,
  ) {}

  async execute(command: ReclamoCommand): Promise<VistaPreviaCorreo | null> {
    return this.reclamos.run(command, 'leer', async ({ manager, reclamo, now }) => {
      if (reclamo.estado !== EstadoReclamo.EN_ATENCION && reclamo.estado !== EstadoReclamo.RESPONDIDO) return null;
      if (!reclamo.notificacionEmail) return null;
      const para = await reclamanteEmail(manager, reclamo.id);
      const row = await leerRespuestaParaCorreo(manager, reclamo.id);
      if (!para || !row || !respuestaCompleta(row)) return null;
      const contenido = contenidoDeRespuesta(row, limaDateOf(now), {
        seguimientoUrl: this.ciudadano.seguimiento(row.codigo),
        encuestaUrl: ENCUESTA_EN_VISTA_PREVIA,
      });
      const { subject, text } = this.renderer.render('respuesta', contenido);
      const [entidad]: Array<{ aprobar_y_notificar: boolean }> = await manager.query(`SELECT aprobar_y_notificar FROM entidad WHERE id = $1`, [
        reclamo.entidadId,
      ]);
      return { para, asunto: subject, texto: text, aprobarYNotificar: entidad?.aprobar_y_notificar === true };
    });
  }
}
