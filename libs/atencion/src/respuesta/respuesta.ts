import { EntityManager } from 'typeorm';

/** A response draft's state: waiting for the responsable, approved (ready to send), or sent back with comments. */
export type EstadoRespuesta = 'pendiente_aprobacion' | 'aprobada' | 'devuelta';

export interface RespuestaRow {
  hechos: string;
  analisis: string;
  medidasAdoptadas: string;
  estado: EstadoRespuesta;
  comentariosDevolucion: string | null;
  redactadoPor: string;
  redactadoEn: Date;
  revisadoPor: string | null;
  revisadoEn: Date | null;
}

export async function findRespuesta(manager: EntityManager, reclamoId: string, entidadId: string): Promise<RespuestaRow | null> {
  const [row]: RespuestaRow[] = await manager.query(
    `SELECT hechos, analisis, medidas_adoptadas AS "medidasAdoptadas", estado, comentarios_devolucion AS "comentariosDevolucion",
            redactado_por AS "redactadoPor", redactado_en AS "redactadoEn", revisado_por AS "revisadoPor", revisado_en AS "revisadoEn"
       FROM respuesta WHERE reclamo_id = $1 AND entidad_id = $2`,
    [reclamoId, entidadId],
  );
  return row ?? null;
}
