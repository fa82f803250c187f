import { Injectable } from '@nestjs/common';
import { computeDueDate, limaDateOf, yearOf } from '@app/calendar';
import { EstadoReclamo, FieldError, formatCodigoReclamo } from '@app/domain';
import { CalendarProvider, nextCorrelativo } from '@app/reclamos';
import { AuditTrail } from '../audit/audit-trail';
import { CaseCommand } from './case-command';
import { CaseTransaction, insertOutbox, reclamanteEmail } from './case-transaction';
import { requiredText, throwIfAny } from './field-errors';

export const OUTBOX_TRASLADO = 'traslado';

export interface TrasladarReclamoCommand extends CaseCommand {
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
 * One transaction writes both cases, both timelines, both entities' audit chains and the message
 * telling the citizen.
 */
@Injectable()
export class TrasladarReclamoUseCase {
  constructor(
    private readonly cases: CaseTransaction,
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

    return this.cases.run(command, 'responsable', async ({ manager, caso, now, move }) => {
      const [destino]: Array<{ id: string; codigo: string; ubigeo: string; plazo: number }> = await manager.query(
        `SELECT id, codigo, ubigeo, plazo_respuesta_dias AS plazo FROM entidad WHERE codigo = $1 AND activo`,
        [codigoDestino],
      );
      if (!destino) throwIfAny([{ campo: 'entidadDestino', mensaje: 'no existe una entidad activa con ese código' }]);
      if (destino.id === caso.entidadId) throwIfAny([{ campo: 'entidadDestino', mensaje: 'elija una entidad distinta de la suya' }]);

      const due = computeDueDate({ registeredAt: now, businessDays: destino.plazo, scope: this.calendars.scopeOf(destino), calendar });
      const anio = yearOf(limaDateOf(now));
      const correlativo = await nextCorrelativo(manager, destino.id, anio);
      const codigo = formatCodigoReclamo({ entidad: destino.codigo, anio, correlativo });
      const [nuevo]: Array<{ id: string }> = await manager.query(
        `INSERT INTO reclamo (entidad_id, codigo, anio, correlativo, estado, canal, numero_hoja_fisica, registrado_en, fecha_registro_lima,
                              plazo_dias_habiles, vence_el, calendario_version, aspecto, fecha_hechos, descripcion, pedido,
                              notificacion_email, origen_reclamo_id, updated_at)
         SELECT $2, $3, $4, $5, 'registrado', canal, numero_hoja_fisica, $6, $7, $8, $9, $10, aspecto, fecha_hechos, descripcion, pedido,
                notificacion_email, id, $6
           FROM reclamo WHERE id = $1
         RETURNING id`,
        [caso.id, destino.id, codigo, anio, correlativo, now, due.registro, destino.plazo, due.vence, due.calendarVersion],
      );
      // The hoja as filed travels with it: the people and the attachments' records (the bytes are shared, not copied).
      await manager.query(
        `INSERT INTO reclamo_persona (reclamo_id, rol, tipo_documento, numero_documento, nombres, apellidos, razon_social, email, telefono, ubigeo, direccion)
         SELECT $2, rol, tipo_documento, numero_documento, nombres, apellidos, razon_social, email, telefono, ubigeo, direccion
           FROM reclamo_persona WHERE reclamo_id = $1`,
        [caso.id, nuevo.id],
      );
      await manager.query(
        `INSERT INTO adjunto (reclamo_id, nombre_original, tipo_mime, bytes, sha256, clave_almacen)
         SELECT $2, nombre_original, tipo_mime, bytes, sha256, clave_almacen FROM adjunto WHERE reclamo_id = $1`,
        [caso.id, nuevo.id],
      );
      await manager.query(
        `INSERT INTO reclamo_evento (reclamo_id, entidad_id, tipo, estado_anterior, estado_nuevo, actor_tipo, actor_id, motivo, datos, ocurrido_en)
         VALUES ($1, $2, 'registrado', NULL, 'registrado', 'personal', $3, $4, $5, $6)`,
        [nuevo.id, destino.id, command.actor.id, motivo, { trasladadoDesde: caso.codigo, origenReclamoId: caso.id, vence: due.vence }, now],
      );

      const eventoId = await move(EstadoReclamo.TRASLADADO, {
        accion: 'trasladado',
        motivo,
        datos: { entidadDestino: destino.codigo, nuevoReclamoId: nuevo.id, nuevoCodigo: codigo },
        set: { trasladado_a_reclamo_id: nuevo.id },
      });
      // The receiving entity's own chain records where the case came from. (Chains are locked origin first;
      // two opposite transfers at the same instant would deadlock and one would be retried by its user.)
      await this.auditTrail.append(manager, {
        entidadId: destino.id,
        reclamoId: nuevo.id,
        actor: command.actor,
        ip: command.ip ?? null,
        accion: 'recibido_por_traslado',
        detalle: { codigo, origenReclamoId: caso.id, origenCodigo: caso.codigo, vence: due.vence },
        ocurridoEn: now,
      });
      const email = await reclamanteEmail(manager, caso.id);
      if (email) {
        await insertOutbox(manager, {
          entidadId: caso.entidadId,
          reclamoId: caso.id,
          tipo: OUTBOX_TRASLADO,
          destinatario: email,
          datos: { reclamoId: caso.id, nuevoReclamoId: nuevo.id, eventoId },
          claveUnica: `${OUTBOX_TRASLADO}:${caso.id}`,
        });
      }
      return { estado: caso.estado, nuevoReclamo: { id: nuevo.id, codigo, entidad: destino.codigo, vence: due.vence } };
    });
  }
}
