import { Injectable } from '@nestjs/common';
import { MensajeView, mensajeEnmascarado, mensajesDelReclamo } from '@app/notifications';
import { reclamoAccessRefusal } from '../access/reclamo-access';
import { ReclamoCommand } from './reclamo-command';
import { ReclamoTransaction } from './reclamo-transaction';

/**
 * The messages of one reclamo (`GET /api/v1/reclamos/{id}/mensajes`): who may read the reclamo may
 * read its messages, by the same rule as the case (another entity's: 404; an officer's case not
 * assigned to them, coordinators and administrators: 403). Those who handle it (responsables, the
 * assigned officer) see the recipient's address; those who only read (the titular of the entity)
 * see it masked. Every read leaves a row in the log of reads, as opening the case does (Ley 29733: who
 * saw personal data, and when).
 */
@Injectable()
export class ListMensajesDelReclamoUseCase {
  constructor(private readonly reclamos: ReclamoTransaction) {}

  async execute(command: ReclamoCommand): Promise<MensajeView[]> {
    return this.reclamos.run(command, 'leer', async ({ manager, reclamo, actor, registrarAcceso }) => {
      const mensajes = await mensajesDelReclamo(manager, reclamo.entidadId, reclamo.id);
      const loAtiende = reclamoAccessRefusal(actor, reclamo, 'gestionar') === null;
      await registrarAcceso('mensajes_consultados', { mensajes: mensajes.length, destinatarios: loAtiende ? 'completos' : 'enmascarados' });
      return loAtiende ? mensajes : mensajes.map(mensajeEnmascarado);
    });
  }
}
