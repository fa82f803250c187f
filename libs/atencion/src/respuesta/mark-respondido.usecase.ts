import { Injectable } from '@nestjs/common';
import { DomainError, EstadoReclamo } from '@app/domain';
import { ReclamoCommand } from '../acciones/reclamo-command';
import { ReclamoTransaction } from '../acciones/reclamo-transaction';
import { findRespuesta } from './respuesta';

/** Marcar respondido: en_atencion → respondido, once the answer is approved (or approval is off). */
@Injectable()
export class MarkRespondidoUseCase {
  constructor(private readonly reclamos: ReclamoTransaction) {}

  async execute(command: ReclamoCommand): Promise<{ estado: EstadoReclamo }> {
    return this.reclamos.run(command, 'gestionar', async ({ manager, reclamo, move }) => {
      const respuesta = reclamo.estado === EstadoReclamo.EN_ATENCION ? await findRespuesta(manager, reclamo.id, reclamo.entidadId) : null;
      if (reclamo.estado === EstadoReclamo.EN_ATENCION && respuesta?.estado !== 'aprobada') {
        throw new DomainError('CONFLICT', 'La respuesta aún no está aprobada por el responsable del libro.');
      }
      await move(EstadoReclamo.RESPONDIDO, { accion: 'respondido' });
      return { estado: reclamo.estado };
    });
  }
}
