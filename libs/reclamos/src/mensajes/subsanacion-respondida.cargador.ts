import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CargadorDeMensajes, CargadorMensaje, MensajeCargado, MensajeGuardado, PermanentNotificationError } from '@app/notifications';
import { EnlacesBackoffice } from '@app/platform/links';

/**
 * To staff: the citizen answered a request for missing information online. Reads the reply's own
 * timeline event (how many files, how far a paused clock moved the due date) and the reclamo's due
 * date now; links to the reclamo's back-office page, where the reply is read.
 */
@Injectable()
@CargadorDeMensajes(['subsanacion_respondida'])
export class SubsanacionRespondidaCargador implements CargadorMensaje<'subsanacion_respondida'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly backoffice: EnlacesBackoffice,
  ) {}

  async cargar(mensaje: MensajeGuardado<'subsanacion_respondida'>): Promise<MensajeCargado<'subsanacion_respondida'>> {
    const { reclamoId, eventoId } = mensaje.datos;
    if (typeof eventoId !== 'string' || !/^\d{1,19}$/.test(eventoId)) {
      throw new PermanentNotificationError(`Al mensaje ${mensaje.id} (${mensaje.tipo}) le falta "eventoId" en sus datos`);
    }
    const [row]: Array<{ codigo: string; entidad_nombre: string; vence: string; adjuntos: number | null; dias: number | null }> =
      await this.dataSource.query(
        `SELECT r.codigo, e.nombre AS entidad_nombre, r.vence_el::text AS vence,
                jsonb_array_length(ev.datos->'adjuntoIds') AS adjuntos, (ev.datos->>'diasPausados')::int AS dias
           FROM reclamo r
           JOIN entidad e ON e.id = r.entidad_id
           JOIN reclamo_evento ev ON ev.reclamo_id = r.id AND ev.id = $2::bigint AND ev.datos->>'accion' = 'subsanacion_respondida'
          WHERE r.id = $1`,
        [reclamoId, eventoId],
      );
    if (!row) throw new PermanentNotificationError(`El mensaje ${mensaje.id} no corresponde a una subsanación respondida del reclamo ${reclamoId}`);
    return {
      contenido: {
        entidadNombre: row.entidad_nombre,
        codigo: row.codigo,
        adjuntos: row.adjuntos ?? 0,
        vence: row.vence,
        diasPausados: row.dias ?? 0,
        backofficeUrl: this.backoffice.reclamo(reclamoId),
      },
    };
  }
}
