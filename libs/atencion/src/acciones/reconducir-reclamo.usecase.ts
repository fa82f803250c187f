import { Injectable } from '@nestjs/common';
import { EstadoReclamo, FieldError } from '@app/domain';
import { escribirMensaje } from '@app/notifications';
import { ReclamoCommand } from './reclamo-command';
import { ReclamoTransaction, reclamanteEmail } from './reclamo-transaction';
import { requiredText, throwIfAny } from './field-errors';

/** Where something that is not a reclamo belongs (domain README, "What is and is not a reclamo"). */
export enum CanalReconduccion {
  QUEJA_DEFECTO_TRAMITACION = 'queja_defecto_tramitacion',
  ACCESO_INFORMACION = 'acceso_informacion',
  DENUNCIA = 'denuncia',
  MESA_DE_PARTES = 'mesa_de_partes',
}

export interface ReconducirReclamoCommand extends ReclamoCommand {
  canal: CanalReconduccion;
  /** The message to the citizen: where it went and why. */
  mensaje: string;
}

/** Reconducir: registrado → reconducido, with the channel and a message to the citizen. Responsables only. */
@Injectable()
export class ReconducirReclamoUseCase {
  constructor(private readonly reclamos: ReclamoTransaction) {}

  async execute(command: ReconducirReclamoCommand): Promise<{ estado: EstadoReclamo }> {
    const errors: FieldError[] = [];
    if (!Object.values(CanalReconduccion).includes(command.canal)) {
      errors.push({ campo: 'canal', mensaje: 'elija queja_defecto_tramitacion, acceso_informacion, denuncia o mesa_de_partes' });
    }
    const mensaje = requiredText(errors, 'mensaje', command.mensaje, 10, 2000);
    throwIfAny(errors);
    return this.reclamos.run(command, 'responsable', async ({ manager, reclamo, move }) => {
      const eventoId = await move(EstadoReclamo.RECONDUCIDO, {
        accion: 'reconducido',
        motivo: mensaje,
        datos: { canal: command.canal },
        set: { reconducido_a: command.canal },
      });
      const email = await reclamanteEmail(manager, reclamo.id);
      if (email) {
        await escribirMensaje(manager, {
          entidadId: reclamo.entidadId,
          reclamoId: reclamo.id,
          tipo: 'reconduccion',
          destinatario: email,
          datos: { reclamoId: reclamo.id, eventoId },
          claveUnica: `reconduccion:${reclamo.id}`,
        });
      }
      return { estado: reclamo.estado };
    });
  }
}
