import { Injectable } from '@nestjs/common';
import { CaseCommand } from '../acciones/reclamo-command';
import { CaseTransaction } from '../acciones/reclamo-transaction';
import { EstadoRespuesta } from './respuesta';
import { draftAwaitingReview } from './review-respuesta';

/** Aprobar la respuesta: responsables only; the approved answer can then be marked respondido. */
@Injectable()
export class ApproveRespuestaUseCase {
  constructor(private readonly cases: CaseTransaction) {}

  async execute(command: CaseCommand): Promise<{ estadoRespuesta: EstadoRespuesta }> {
    return this.cases.run(command, 'responsable', async (ctx) => {
      await draftAwaitingReview(ctx);
      await ctx.manager.query(
        `UPDATE respuesta SET estado = 'aprobada', revisado_por = $3, revisado_en = $4, comentarios_devolucion = NULL
          WHERE reclamo_id = $1 AND entidad_id = $2`,
        [ctx.caso.id, ctx.caso.entidadId, command.actor.id, ctx.now],
      );
      await ctx.record({ tipo: 'respuesta_aprobada' });
      return { estadoRespuesta: 'aprobada' as const };
    });
  }
}
