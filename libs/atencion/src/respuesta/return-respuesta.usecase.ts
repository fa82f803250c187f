import { Injectable } from '@nestjs/common';
import { FieldError } from '@app/domain';
import { ReclamoCommand } from '../acciones/reclamo-command';
import { ReclamoTransaction } from '../acciones/reclamo-transaction';
import { requiredText, throwIfAny } from '../acciones/field-errors';
import { EstadoRespuesta } from './respuesta';
import { draftAwaitingReview } from './review-respuesta';

export interface ReturnRespuestaCommand extends ReclamoCommand {
  comentarios: string;
}

/** Devolver la respuesta: the responsable sends the draft back to the unidad with comments. */
@Injectable()
export class ReturnRespuestaUseCase {
  constructor(private readonly reclamos: ReclamoTransaction) {}

  async execute(command: ReturnRespuestaCommand): Promise<{ estadoRespuesta: EstadoRespuesta }> {
    const errors: FieldError[] = [];
    const comentarios = requiredText(errors, 'comentarios', command.comentarios, 5, 4000);
    throwIfAny(errors);
    return this.reclamos.run(command, 'responsable', async (ctx) => {
      await draftAwaitingReview(ctx);
      await ctx.manager.query(
        `UPDATE respuesta SET estado = 'devuelta', revisado_por = $3, revisado_en = $4, comentarios_devolucion = $5
          WHERE reclamo_id = $1 AND entidad_id = $2`,
        [ctx.reclamo.id, ctx.reclamo.entidadId, command.actor.id, ctx.now, comentarios],
      );
      await ctx.record({ tipo: 'respuesta_devuelta', motivo: comentarios });
      return { estadoRespuesta: 'devuelta' as const };
    });
  }
}
