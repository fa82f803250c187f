import { Injectable } from '@nestjs/common';
import { assertTransition, EstadoReclamo, FieldError } from '@app/domain';
import { actualizarReclamo, ColumnasDelReclamo } from '@app/expediente';
import { isUuid } from '../access/reclamo-access';
import { ReclamoCommand } from './reclamo-command';
import { ReclamoTransaction } from './reclamo-transaction';
import { throwIfAny } from './field-errors';

export interface AssignReclamoCommand extends ReclamoCommand {
  unidadId?: string | null;
  oficialId?: string | null;
  /** The entity's second-level topic the reclamo is classified under (optional). */
  temaId?: string | null;
  motivo?: string | null;
}

/**
 * Asignar: the responsable sends a reclamo to a unidad and/or an officer. A registered reclamo moves
 * to en_atencion; a reclamo already in atención (or observado) is re-assigned without a move.
 */
@Injectable()
export class AssignReclamoUseCase {
  constructor(private readonly reclamos: ReclamoTransaction) {}

  async execute(command: AssignReclamoCommand): Promise<{ estado: EstadoReclamo }> {
    return this.reclamos.run(command, 'responsable', async ({ manager, reclamo, now, move, record }) => {
      const errors: FieldError[] = [];
      if (!command.unidadId && !command.oficialId) errors.push({ campo: 'unidadId', mensaje: 'indique la unidad orgánica, el oficial o ambos' });
      if (command.unidadId && !isUuid(command.unidadId)) errors.push({ campo: 'unidadId', mensaje: 'elija una unidad orgánica activa de su entidad' });
      else if (command.unidadId) {
        const found: unknown[] = await manager.query(`SELECT 1 FROM unidad_organica WHERE id = $1 AND entidad_id = $2 AND activo`, [
          command.unidadId,
          reclamo.entidadId,
        ]);
        if (found.length === 0) errors.push({ campo: 'unidadId', mensaje: 'elija una unidad orgánica activa de su entidad' });
      }
      if (command.oficialId && !isUuid(command.oficialId)) errors.push({ campo: 'oficialId', mensaje: 'elija un oficial activo de su entidad' });
      else if (command.oficialId) {
        const found: unknown[] = await manager.query(
          `SELECT 1 FROM usuario WHERE id = $1 AND entidad_id = $2 AND activo AND rol IN ('oficial','responsable_titular','responsable_alterno')`,
          [command.oficialId, reclamo.entidadId],
        );
        if (found.length === 0) errors.push({ campo: 'oficialId', mensaje: 'elija un oficial activo de su entidad' });
      }
      if (command.temaId) {
        const found: unknown[] = !isUuid(command.temaId)
          ? []
          : await manager.query(`SELECT 1 FROM tema WHERE id = $1 AND entidad_id = $2 AND activo`, [command.temaId, reclamo.entidadId]);
        if (found.length === 0) errors.push({ campo: 'temaId', mensaje: 'elija un tema activo de su entidad' });
      }
      throwIfAny(errors);

      const set: ColumnasDelReclamo = { asignado_en: now };
      if (command.unidadId) set.unidad_id = command.unidadId;
      if (command.oficialId) set.asignado_a = command.oficialId;
      if (command.temaId) set.tema_id = command.temaId;
      const datos = { unidadId: command.unidadId ?? null, oficialId: command.oficialId ?? null, ...(command.temaId ? { temaId: command.temaId } : {}) };
      if (reclamo.estado === EstadoReclamo.REGISTRADO) {
        await move(EstadoReclamo.EN_ATENCION, { accion: 'asignado', motivo: command.motivo ?? null, datos, set });
      } else if (reclamo.estado === EstadoReclamo.EN_ATENCION || reclamo.estado === EstadoReclamo.OBSERVADO) {
        // Re-assignment is not a move of the lifecycle; it is still recorded like one.
        await actualizarReclamo(manager, { reclamoId: reclamo.id, entidadId: reclamo.entidadId, columnas: set, ahora: now });
        await record({ tipo: 'reasignado', motivo: command.motivo ?? null, datos });
      } else {
        assertTransition(reclamo.estado, EstadoReclamo.EN_ATENCION);
      }
      return { estado: reclamo.estado };
    });
  }
}
