import { Injectable } from '@nestjs/common';
import { limaDateOf } from '@app/calendar';
import { ESTADO_LABELS, ESTADOS_ABIERTOS, EstadoReclamo } from '@app/domain';
import { TipoAdjunto } from '@app/expediente';
import { CalendarProvider } from '@app/reclamos';
import { findRespuesta, RespuestaRow } from '../respuesta/respuesta';
import { ReclamoCommand } from './reclamo-command';
import { ReclamoTransaction } from './reclamo-transaction';

export interface ReclamoDetalle {
  id: string;
  codigo: string;
  estado: EstadoReclamo;
  estadoEtiqueta: string;
  hoja: Record<string, unknown>;
  personas: Array<Record<string, unknown>>;
  adjuntos: Array<{ id: string; nombre: string; tipoMime: string; bytes: number; tipo: TipoAdjunto }>;
  timeline: Array<Record<string, unknown>>;
  notas: Array<{ id: string; autor: string; texto: string; creadoEn: Date }>;
  respuesta: RespuestaRow | null;
  notificaciones: Array<Record<string, unknown>>;
  plazo: { vence: string; diasHabilesRestantes: number | null; vencido: boolean; calendarioVersion: string; subsanacionVence: string | null };
}

/**
 * The reclamo for the staff who handle it: the hoja as filed, the people, the attachments list, the
 * timeline (internal notes included), the response draft and the deadline with business days left.
 * Every read is logged in the log of reads, `registro_acceso` (Ley 29733: who saw the personal data), not
 * in the hash chain: a read changes nothing, and the chain's head lock would queue it behind the entity's writes.
 */
@Injectable()
export class GetReclamoUseCase {
  constructor(
    private readonly reclamos: ReclamoTransaction,
    private readonly calendars: CalendarProvider,
  ) {}

  async execute(command: ReclamoCommand): Promise<ReclamoDetalle> {
    const calendar = await this.calendars.current();
    return this.reclamos.run(command, 'leer', async ({ manager, reclamo, now, registrarAcceso }) => {
      const [hoja]: Array<Record<string, unknown>> = await manager.query(
        `SELECT r.canal, r.numero_hoja_fisica AS "numeroHojaFisica", r.registrado_en AS "registradoEn",
                r.fecha_registro_lima::text AS "fechaRegistro", r.aspecto, r.sede_id AS "sedeId", se.nombre AS sede,
                r.unidad_id AS "unidadId", u.nombre AS unidad, r.servicio_id AS "servicioId", sv.nombre AS servicio,
                r.fecha_hechos::text AS "fechaHechos", r.descripcion, r.pedido, r.notificacion_email AS "notificacionEmail",
                r.asignado_a AS "asignadoA", a.nombre AS "asignadoNombre", r.reconducido_a AS "reconducidoA",
                r.origen_reclamo_id AS "origenReclamoId", r.trasladado_a_reclamo_id AS "trasladadoAReclamoId",
                r.notificado_el::text AS "notificadoEl", r.anulado_motivo AS "anuladoMotivo", r.calendario_version AS "calendarioVersion"
           FROM reclamo r
           LEFT JOIN sede se ON se.id = r.sede_id
           LEFT JOIN unidad_organica u ON u.id = r.unidad_id
           LEFT JOIN servicio sv ON sv.id = r.servicio_id
           LEFT JOIN usuario a ON a.id = r.asignado_a
          WHERE r.id = $1 AND r.entidad_id = $2`,
        [reclamo.id, reclamo.entidadId],
      );
      const personas: Array<Record<string, unknown>> = await manager.query(
        `SELECT rol, tipo_documento AS "tipoDocumento", numero_documento AS "numeroDocumento", nombres, apellidos,
                razon_social AS "razonSocial", email, telefono, ubigeo, direccion
           FROM reclamo_persona WHERE reclamo_id = $1 ORDER BY rol`,
        [reclamo.id],
      );
      const adjuntos: ReclamoDetalle['adjuntos'] = await manager.query(
        `SELECT id, nombre_original AS nombre, tipo_mime AS "tipoMime", bytes, tipo FROM adjunto WHERE reclamo_id = $1 ORDER BY created_at, id`,
        [reclamo.id],
      );
      const timeline: Array<Record<string, unknown>> = await manager.query(
        `SELECT ev.id::text AS id, ev.tipo, ev.estado_anterior AS "estadoAnterior", ev.estado_nuevo AS "estadoNuevo",
                ev.actor_tipo AS "actorTipo", us.nombre AS actor, ev.motivo, ev.datos, ev.ocurrido_en AS "ocurridoEn"
           FROM reclamo_evento ev LEFT JOIN usuario us ON us.id = ev.actor_id
          WHERE ev.reclamo_id = $1 AND ev.entidad_id = $2 ORDER BY ev.id`,
        [reclamo.id, reclamo.entidadId],
      );
      const notas: ReclamoDetalle['notas'] = await manager.query(
        `SELECT n.id, us.nombre AS autor, n.texto, n.created_at AS "creadoEn"
           FROM nota_interna n JOIN usuario us ON us.id = n.autor_id
          WHERE n.reclamo_id = $1 AND n.entidad_id = $2 ORDER BY n.created_at, n.id`,
        [reclamo.id, reclamo.entidadId],
      );
      const notificaciones: Array<Record<string, unknown>> = await manager.query(
        `SELECT medio, fecha::text AS fecha, constancia_adjunto_id AS "constanciaId", aceptada_en AS "aceptadaEn", created_at AS "registradoEn"
           FROM notificacion_respuesta WHERE reclamo_id = $1 AND entidad_id = $2 ORDER BY created_at`,
        [reclamo.id, reclamo.entidadId],
      );
      const respuesta = await findRespuesta(manager, reclamo.id, reclamo.entidadId);
      const hoy = limaDateOf(now);
      const abierto = ESTADOS_ABIERTOS.includes(reclamo.estado);
      const scope = this.calendars.scopeOf({ codigo: reclamo.entidadCodigo, ubigeo: reclamo.entidadUbigeo });
      await registrarAcceso('caso_consultado', { datosPersonales: personas.map((p) => p.rol) });
      return {
        id: reclamo.id,
        codigo: reclamo.codigo,
        estado: reclamo.estado,
        estadoEtiqueta: ESTADO_LABELS[reclamo.estado],
        hoja,
        personas,
        adjuntos,
        timeline,
        notas,
        respuesta,
        notificaciones,
        plazo: {
          vence: reclamo.venceEl,
          diasHabilesRestantes: abierto ? calendar.businessDaysBetween(hoy, reclamo.venceEl, scope) : null,
          vencido: abierto && hoy > reclamo.venceEl,
          calendarioVersion: String(hoja.calendarioVersion),
          subsanacionVence: reclamo.subsanacionVenceEl,
        },
      };
    });
  }
}
