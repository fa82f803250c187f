import { Injectable } from '@nestjs/common';
import { computeDueDate, limaDateOf, yearOf } from '@app/calendar';
import { EstadoReclamo, FieldError } from '@app/domain';
import { abrirReclamoTrasladado, AuditTrail, registrarEvento } from '@app/expediente';
import { CalendarProvider } from '@app/reclamos';
import { escribirMensaje } from '@app/notifications';
import { ReclamoCommand } from './reclamo-command';
import { ReclamoTransaction, reclamanteEmail } from './reclamo-transaction';
import { requiredText, throwIfAny } from './field-errors';

export interface TrasladarReclamoCommand extends ReclamoCommand {
  /** Short code of the entity that actually served the citizen. */
  entidadDestino: string;
  motivo: string;
}

export interface TrasladarReclamoResult {
  estado: EstadoReclamo;
  nuevoReclamo: { id: string; codigo: string; entidad: string; vence: string };
}

/**
 * Trasladar: registrado → trasladado. The receiving entity gets a NEW reclamo in its inbox, with
 * its own code and its own deadline counted from the transfer, linked both ways to the original.
 * One transaction writes both reclamos, both timelines, both entities' audit chains and the message
 * telling the citizen.
 */
@Injectable()
export class TrasladarReclamoUseCase {
  constructor(
    private readonly reclamos: ReclamoTransaction,
    private readonly calendars: CalendarProvider,
    private readonly auditTrail: AuditTrail,
  ) {}

  async execute(command: TrasladarReclamoCommand): Promise<TrasladarReclamoResult> {
    const errors: FieldError[] = [];
    const motivo = requiredText(errors, 'motivo', command.motivo, 10, 2000);
    const codigoDestino = (command.entidadDestino ?? '').trim().toUpperCase();
    if (!/^[A-Z0-9]{2,20}$/.test(codigoDestino)) errors.push({ campo: 'entidadDestino', mensaje: 'indique el código de la entidad destino' });
    throwIfAny(errors);
    const calendar = await this.calendars.current();

    return this.reclamos.run(command, 'responsable', async ({ manager, reclamo, now, move }) => {
      const [destino]: Array<{ id: string; codigo: string; ubigeo: string; plazo: number }> = await manager.query(
        `SELECT id, codigo, ubigeo, plazo_respuesta_dias AS plazo FROM entidad WHERE codigo = $1 AND activo`,
        [codigoDestino],
      );
      if (!destino) throwIfAny([{ campo: 'entidadDestino', mensaje: 'no existe una entidad activa con ese código' }]);
      if (destino.id === reclamo.entidadId) throwIfAny([{ campo: 'entidadDestino', mensaje: 'elija una entidad distinta de la suya' }]);

      const due = computeDueDate({ registeredAt: now, businessDays: destino.plazo, scope: this.calendars.scopeOf(destino), calendar });
      const nuevo = await abrirReclamoTrasladado(manager, {
        origenId: reclamo.id,
        destino: { id: destino.id, codigo: destino.codigo },
        anio: yearOf(limaDateOf(now)),
        registradoEn: now,
        fechaRegistroLima: due.registro,
        plazoDiasHabiles: destino.plazo,
        venceEl: due.vence,
        calendarioVersion: due.calendarVersion,
      });
      const { codigo } = nuevo;
      await registrarEvento(manager, {
        reclamoId: nuevo.id,
        entidadId: destino.id,
        tipo: 'registrado',
        estadoNuevo: EstadoReclamo.REGISTRADO,
        actor: { tipo: 'personal', id: command.actor.id },
        motivo,
        datos: { trasladadoDesde: reclamo.codigo, origenReclamoId: reclamo.id, vence: due.vence },
        ocurridoEn: now,
      });

      const eventoId = await move(EstadoReclamo.TRASLADADO, {
        accion: 'trasladado',
        motivo,
        datos: { entidadDestino: destino.codigo, nuevoReclamoId: nuevo.id, nuevoCodigo: codigo },
        set: { trasladado_a_reclamo_id: nuevo.id },
      });
      // The receiving entity's own chain records where the reclamo came from. (Chains are locked origin first;
      // two opposite transfers at the same instant would deadlock and one would be retried by its user.)
      await this.auditTrail.append(manager, {
        entidadId: destino.id,
        reclamoId: nuevo.id,
        actor: command.actor,
        ip: command.ip ?? null,
        accion: 'recibido_por_traslado',
        detalle: { codigo, origenReclamoId: reclamo.id, origenCodigo: reclamo.codigo, vence: due.vence },
        ocurridoEn: now,
      });
      const email = await reclamanteEmail(manager, reclamo.id);
      if (email) {
        await escribirMensaje(manager, {
          entidadId: reclamo.entidadId,
          reclamoId: reclamo.id,
          tipo: 'traslado',
          destinatario: email,
          datos: { reclamoId: reclamo.id, nuevoReclamoId: nuevo.id, eventoId },
          claveUnica: `traslado:${reclamo.id}`,
        });
      }
      return { estado: reclamo.estado, nuevoReclamo: { id: nuevo.id, codigo, entidad: destino.codigo, vence: due.vence } };
    });
  }
}
