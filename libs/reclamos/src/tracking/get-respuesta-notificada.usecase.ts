import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import { EnlacesCiudadano } from '@app/platform/links';
import type { RespuestaView } from '@app/receipt';
import { ReclamoDelCiudadanoFinder, type ReclamoDelCiudadanoQuery } from './reclamo-del-ciudadano.query';

/**
 * The entity's notified answer as its PDF prints it, for whoever holds the code and the filer's
 * document number (the same check as tracking). Throws `RECLAMO_NOT_FOUND`: with tracking's own
 * message for a wrong code or document, and with its own when the answer is not notified yet.
 */
@Injectable()
export class GetRespuestaNotificadaUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reclamos: ReclamoDelCiudadanoFinder,
    private readonly enlaces: EnlacesCiudadano,
  ) {}

  async execute(query: ReclamoDelCiudadanoQuery): Promise<RespuestaView> {
    const reclamo = await this.reclamos.find(query);
    const respuesta = await this.reclamos.respuestaNotificada(reclamo);
    // Before the notification there is no answer for the citizen, not even an approved one.
    if (!respuesta) throw new DomainError('RECLAMO_NOT_FOUND', 'Este reclamo todavía no tiene una respuesta notificada.');

    const [hoja]: Array<{ descripcion: string; nombres: string | null; apellidos: string | null; razon_social: string | null }> =
      await this.dataSource.query(
        `SELECT r.descripcion, p.nombres, p.apellidos, p.razon_social
           FROM reclamo r
           JOIN reclamo_persona p ON p.reclamo_id = r.id AND p.rol = 'reclamante'
          WHERE r.id = $1`,
        [reclamo.id],
      );
    const nombre = [hoja.nombres, hoja.apellidos].filter(Boolean).join(' ');
    return {
      codigo: reclamo.codigo,
      entidadNombre: reclamo.entidad_nombre,
      entidadCodigo: reclamo.entidad_codigo,
      reclamante: hoja.razon_social ? `${nombre} (${hoja.razon_social})` : nombre,
      registradoEn: new Date(reclamo.registrado_en),
      resumen: hoja.descripcion,
      hechos: respuesta.hechos,
      analisis: respuesta.analisis,
      medidasAdoptadas: respuesta.medidasAdoptadas,
      notificadaEl: respuesta.notificadaEl,
      medio: respuesta.medioEtiqueta,
      vence: reclamo.vence_el,
      dentroDelPlazo: respuesta.dentroDelPlazo,
      seguimientoUrl: this.enlaces.seguimiento(reclamo.codigo),
    };
  }
}
