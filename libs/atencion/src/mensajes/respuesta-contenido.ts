import { EntityManager } from 'typeorm';
import { IsoDate } from '@app/calendar';
import { EstadoReclamo, medidasDe } from '@app/domain';
import { ContenidoMensaje } from '@app/notifications';

/** What the answer's e-mail shows, as read from the reclamo, its entity and its answer (no personal data). */
export interface RespuestaParaCorreo {
  codigo: string;
  entidad_nombre: string;
  estado: EstadoReclamo;
  notificado_el: string | null;
  hechos: string | null;
  analisis: string | null;
  medidas: string | null;
  estado_respuesta: string | null;
}

/** The one read of the answer's e-mail, for the sender's loader and for the case page's preview. */
export async function leerRespuestaParaCorreo(manager: Pick<EntityManager, 'query'>, reclamoId: string): Promise<RespuestaParaCorreo | null> {
  const [row]: RespuestaParaCorreo[] = await manager.query(
    `SELECT r.codigo, e.nombre AS entidad_nombre, r.estado, r.notificado_el::text AS notificado_el,
            x.hechos, x.analisis, x.medidas_adoptadas AS medidas, x.estado AS estado_respuesta
       FROM reclamo r JOIN entidad e ON e.id = r.entidad_id
       LEFT JOIN respuesta x ON x.reclamo_id = r.id AND x.entidad_id = r.entidad_id
      WHERE r.id = $1`,
    [reclamoId],
  );
  return row ?? null;
}

/**
 * The answer's e-mail content from that read: the one builder, so the case page's preview and the
 * message the sender renders are the same text. `hoy` is the Lima date of sending (a reclamo already
 * notified, on a resend, keeps its own date); the caller has checked the answer has its three parts.
 */
export function contenidoDeRespuesta(
  row: RespuestaParaCorreo & { hechos: string; analisis: string; medidas: string },
  hoy: IsoDate,
  enlaces: { seguimientoUrl: string; encuestaUrl: string },
): ContenidoMensaje['respuesta'] {
  return {
    entidadNombre: row.entidad_nombre,
    codigo: row.codigo,
    hechos: row.hechos,
    analisis: row.analisis,
    medidasAdoptadas: medidasDe(row.medidas),
    fechaNotificacion: row.estado === EstadoReclamo.NOTIFICADO && row.notificado_el ? row.notificado_el : hoy,
    ...enlaces,
  };
}

/** The answer has the three parts the e-mail prints. */
export function respuestaCompleta(row: RespuestaParaCorreo): row is RespuestaParaCorreo & { hechos: string; analisis: string; medidas: string } {
  return Boolean(row.hechos && row.analisis && row.medidas);
}
