import { Injectable } from '@nestjs/common';
import { DomainError, EstadoReclamo } from '@app/domain';
import { CaseCommand } from '../acciones/reclamo-command';
import { CaseTransaction } from '../acciones/reclamo-transaction';
import { findRespuesta } from './respuesta';

/** Marcar respondido: en_atencion → respondido, once the answer is approved (or approval is off). */
@Injectable()
export class MarkRespondidoUseCase {
  constructor(private readonly cases: CaseTransaction) {}

  async execute(command: CaseCommand): Promise<{ estado: EstadoReclamo }> {
    return this.cases.run(command, 'gestionar', async ({ manager, caso, move }) => {
      const respuesta = caso.estado === EstadoReclamo.EN_ATENCION ? await findRespuesta(manager, caso.id, caso.entidadId) : null;
      if (caso.estado === EstadoReclamo.EN_ATENCION && respuesta?.estado !== 'aprobada') {
        throw new DomainError('CONFLICT', 'La respuesta aún no está aprobada por el responsable del libro.');
      }
      await move(EstadoReclamo.RESPONDIDO, { accion: 'respondido' });
      return { estado: caso.estado };
    });
  }
}
