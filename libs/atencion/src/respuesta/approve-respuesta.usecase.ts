import { Injectable } from '@nestjs/common';
import { ReclamoCommand } from '../acciones/reclamo-command';
import { ReclamoTransaction } from '../acciones/reclamo-transaction';
import { EstadoRespuesta } from './respuesta';
import { draftAwaitingReview } from './review-respuesta';

/** Aprobar la respuesta: responsables only; the approved answer can then be marked respondido. */
@Injectable()
export class ApproveRespuestaUseCase {
  constructor(private readonly reclamos: ReclamoTransaction) {}

  async execute(command: ReclamoCommand): Promise<{ estadoRespuesta: EstadoRespuesta }> {
    return this.reclamos.run(command, 'responsable', async (ctx) => {
      await draftAwaitingReview(ctx);
      await ctx.manager.query(
        `UPDATE respuesta SET estado = 'aprobada', revisado_por = $3, revisado_en = $4, comentarios_devolucion = NULL
          WHERE reclamo_id = $1 AND entidad_id = $2`,
        [ctx.reclamo.id, ctx.reclamo.entidadId, command.actor.id, ctx.now],
      );
      await ctx.record({ tipo: 'respuesta_aprobada' });
      return { estadoRespuesta: 'aprobada' as const };
    });
  }
}
