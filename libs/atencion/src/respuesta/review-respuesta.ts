import { assertTransition, DomainError, EstadoReclamo } from '@app/domain';
import { ReclamoContext } from '../acciones/reclamo-transaction';
import { findRespuesta, RespuestaRow } from './respuesta';

/** Approval and send-back both need a reclamo that can still be answered and a draft waiting for review. */
export async function draftAwaitingReview({ manager, reclamo }: ReclamoContext): Promise<RespuestaRow> {
  assertTransition(reclamo.estado, EstadoReclamo.RESPONDIDO);
  const respuesta = await findRespuesta(manager, reclamo.id, reclamo.entidadId);
  if (!respuesta || respuesta.estado !== 'pendiente_aprobacion') {
    throw new DomainError('CONFLICT', 'No hay una respuesta pendiente de aprobación en este caso.');
  }
  return respuesta;
}
