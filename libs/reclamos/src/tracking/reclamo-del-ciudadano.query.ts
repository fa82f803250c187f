import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { documentoParaBuscar } from '@app/domain/documents';
import { DomainError, EstadoReclamo, MEDIO_NOTIFICACION_LABELS, MedioNotificacion, medidasDe, parseCodigoReclamo } from '@app/domain';

/** What the citizen gives to open their reclamo: its code and the filer's document number. */
export interface ReclamoDelCiudadanoQuery {
  codigo: string;
  documento: string;
}

/** The reclamo a code and document opened, as stored. */
export interface ReclamoDelCiudadano {
  id: string;
  codigo: string;
  estado: EstadoReclamo;
  registrado_en: Date;
  fecha_registro_lima: string;
  plazo_dias_habiles: number;
  vence_el: string;
  entidad_codigo: string;
  entidad_nombre: string;
  entidad_ubigeo: string;
}

/** The approved answer as notified (D.S. 007-2020-PCM: it answers the facts and states the measures adopted). */
export interface RespuestaParaCiudadano {
  hechos: string;
  analisis: string;
  /** One item per line of the measures as written. */
  medidasAdoptadas: string[];
  /** AAAA-MM-DD, Lima date of the notification: the date that counts for "answered on time". */
  notificadaEl: string;
  medio: MedioNotificacion;
  medioEtiqueta: string;
  /** The notification date is on or before the due date (30 días hábiles, or the entity's target). */
  dentroDelPlazo: boolean;
  /** The citizen already rated the service (one survey per reclamo). */
  encuestaRespondida: boolean;
}

/** One answer for an unknown code and for a wrong document, so codes cannot be probed. */
const NOT_FOUND_MESSAGE = 'No encontramos un reclamo con ese código y ese número de documento. Revise ambos datos.';

/**
 * The one check of seguimiento: a reclamo opens to whoever holds its code and the filer's document
 * number. Every citizen view of a reclamo (tracking, the answer's PDF) goes through `find`.
 */
@Injectable()
export class ReclamoDelCiudadanoFinder {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The reclamo with that code whose reclamante has that document, as the person types it
   * (`documentoParaBuscar`: "12345678-9" finds the DNI 12345678, "20-13137099-8" the RUC).
   * Throws `RECLAMO_NOT_FOUND`, with the same message, for a malformed or unknown code and for a
   * wrong document.
   */
  async find(query: ReclamoDelCiudadanoQuery): Promise<ReclamoDelCiudadano> {
    const codigo = parseCodigoReclamo(query.codigo);
    const documentos = documentoParaBuscar(query.documento);
    if (!codigo || !documentos.some((d) => d.length >= 6)) throw new DomainError('RECLAMO_NOT_FOUND', NOT_FOUND_MESSAGE);

    const rows: ReclamoDelCiudadano[] = await this.dataSource.query(
      `SELECT r.id, r.codigo, r.estado, r.registrado_en, r.fecha_registro_lima::text, r.plazo_dias_habiles,
              r.vence_el::text, e.codigo AS entidad_codigo, e.nombre AS entidad_nombre, e.ubigeo AS entidad_ubigeo
         FROM reclamo r
         JOIN entidad e ON e.id = r.entidad_id
         JOIN reclamo_persona p ON p.reclamo_id = r.id AND p.rol = 'reclamante'
        WHERE r.codigo = $1 AND p.numero_documento = ANY ($2::text[])`,
      [`${codigo.entidad}-${codigo.anio}-${String(codigo.correlativo).padStart(6, '0')}`, documentos],
    );
    const row = rows[0];
    if (!row) throw new DomainError('RECLAMO_NOT_FOUND', NOT_FOUND_MESSAGE);
    return row;
  }

  /** Only an approved answer with a recorded notification: never a draft, never before it was sent. Null otherwise. */
  async respuestaNotificada(reclamo: Pick<ReclamoDelCiudadano, 'id' | 'vence_el'>): Promise<RespuestaParaCiudadano | null> {
    const [row]: Array<{ hechos: string; analisis: string; medidas: string; medio: MedioNotificacion; fecha: string; encuesta: boolean }> =
      await this.dataSource.query(
        `SELECT x.hechos, x.analisis, x.medidas_adoptadas AS medidas, n.medio, n.fecha::text AS fecha,
                EXISTS (SELECT 1 FROM encuesta e WHERE e.reclamo_id = x.reclamo_id) AS encuesta
           FROM respuesta x
           JOIN notificacion_respuesta n ON n.reclamo_id = x.reclamo_id
          WHERE x.reclamo_id = $1 AND x.estado = 'aprobada'
          ORDER BY n.created_at DESC
          LIMIT 1`,
        [reclamo.id],
      );
    if (!row) return null;
    return {
      hechos: row.hechos,
      analisis: row.analisis,
      medidasAdoptadas: medidasDe(row.medidas),
      notificadaEl: row.fecha,
      medio: row.medio,
      medioEtiqueta: MEDIO_NOTIFICACION_LABELS[row.medio],
      // AAAA-MM-DD strings compare as dates.
      dentroDelPlazo: row.fecha <= reclamo.vence_el,
      encuestaRespondida: row.encuesta,
    };
  }
}
