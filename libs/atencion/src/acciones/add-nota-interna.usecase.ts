import { Injectable } from '@nestjs/common';
import { FieldError } from '@app/domain';
import { ReclamoCommand } from './reclamo-command';
import { ReclamoTransaction } from './reclamo-transaction';
import { requiredText, throwIfAny } from './field-errors';

export interface AddNotaInternaCommand extends ReclamoCommand {
  texto: string;
}

/**
 * An internal note on a reclamo, in any state. Never shown to the citizen: the timeline event's kind
 * ('nota_interna') is one the citizen's tracking hides, and the text lives in nota_interna.
 */
@Injectable()
export class AddNotaInternaUseCase {
  constructor(private readonly reclamos: ReclamoTransaction) {}

  async execute(command: AddNotaInternaCommand): Promise<{ id: string }> {
    const errors: FieldError[] = [];
    const texto = requiredText(errors, 'texto', command.texto, 2, 4000);
    throwIfAny(errors);
    return this.reclamos.run(command, 'gestionar', async ({ manager, reclamo, now, record }) => {
      const [nota]: Array<{ id: string }> = await manager.query(
        `INSERT INTO nota_interna (reclamo_id, entidad_id, autor_id, texto, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [reclamo.id, reclamo.entidadId, command.actor.id, texto, now],
      );
      await record({ tipo: 'nota_interna', datos: { notaId: nota.id } });
      return { id: nota.id };
    });
  }
}
