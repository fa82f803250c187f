import { Injectable } from '@nestjs/common';
import { assertTransition, EstadoReclamo, FieldError } from '@app/domain';
import { isUuid } from '../access/reclamo-access';
import { ReclamoCommand } from '../acciones/reclamo-command';
import { ReclamoTransaction } from '../acciones/reclamo-transaction';
import { requiredText, throwIfAny } from '../acciones/field-errors';
import { EstadoRespuesta } from './respuesta';

export interface DraftRespuestaCommand extends ReclamoCommand {
  hechos?: string;
  analisis?: string;
  medidasAdoptadas?: string;
  /** An entity template whose texts fill the fields not given. */
  plantillaId?: string;
}

/**
 * Redactar la respuesta: the facts, the analysis and the measures adopted, optionally from a
 * template of the entity. Allowed while the reclamo can still be answered (en_atencion). When the
 * entity switched approval off, the draft is ready at once; otherwise it waits for the responsable.
 */
@Injectable()
export class DraftRespuestaUseCase {
  constructor(private readonly reclamos: ReclamoTransaction) {}

  async execute(command: DraftRespuestaCommand): Promise<{ estadoRespuesta: EstadoRespuesta }> {
    return this.reclamos.run(command, 'gestionar', async ({ manager, reclamo, now, record }) => {
      assertTransition(reclamo.estado, EstadoReclamo.RESPONDIDO);
      const errors: FieldError[] = [];
      let plantilla: { hechos: string; analisis: string; medidas_adoptadas: string } | undefined;
      if (command.plantillaId) {
        [plantilla] = !isUuid(command.plantillaId) ? [] : await manager.query(
          `SELECT hechos, analisis, medidas_adoptadas FROM plantilla_respuesta WHERE id = $1 AND entidad_id = $2 AND activo`,
          [command.plantillaId, reclamo.entidadId],
        );
        if (!plantilla) errors.push({ campo: 'plantillaId', mensaje: 'elija una plantilla activa de su entidad' });
      }
      const hechos = requiredText(errors, 'hechos', command.hechos ?? plantilla?.hechos, 10, 10000);
      const analisis = requiredText(errors, 'analisis', command.analisis ?? plantilla?.analisis, 10, 10000);
      const medidas = requiredText(errors, 'medidasAdoptadas', command.medidasAdoptadas ?? plantilla?.medidas_adoptadas, 5, 10000);
      throwIfAny(errors);

      const estado: EstadoRespuesta = reclamo.aprobacionRequerida ? 'pendiente_aprobacion' : 'aprobada';
      await manager.query(
        `INSERT INTO respuesta (reclamo_id, entidad_id, hechos, analisis, medidas_adoptadas, estado, plantilla_id, redactado_por, redactado_en)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (reclamo_id) DO UPDATE SET hechos = EXCLUDED.hechos, analisis = EXCLUDED.analisis,
           medidas_adoptadas = EXCLUDED.medidas_adoptadas, estado = EXCLUDED.estado, plantilla_id = EXCLUDED.plantilla_id,
           redactado_por = EXCLUDED.redactado_por, redactado_en = EXCLUDED.redactado_en,
           comentarios_devolucion = NULL, revisado_por = NULL, revisado_en = NULL`,
        [reclamo.id, reclamo.entidadId, hechos, analisis, medidas, estado, command.plantillaId ?? null, command.actor.id, now],
      );
      await record({
        tipo: 'respuesta_redactada',
        datos: { estadoRespuesta: estado, plantillaId: command.plantillaId ?? null, hechos, analisis, medidasAdoptadas: medidas },
      });
      return { estadoRespuesta: estado };
    });
  }
}
