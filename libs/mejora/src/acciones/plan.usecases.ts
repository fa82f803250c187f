import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/domain';
import { yearOf } from '@app/calendar';
import { ActividadDatos, admiteCambiosDeDiseno, FASE_LABELS, Fase, IndicadorDatos, validarActividad, validarIndicador } from '../reglas/accion-mejora';
import { AccionMejoraTransaction, isUuidMejora, MejoraCommand, throwIfInvalid } from './accion-transaction';

function designFrozen(fase: Fase): DomainError {
  return new DomainError('INVALID_TRANSITION', `La acción está en la fase «${FASE_LABELS[fase]}»: sus actividades e indicadores ya no se modifican.`);
}

function elementoNotFound(): DomainError {
  return new DomainError('ACCION_MEJORA_NOT_FOUND', 'No existe ese elemento en la acción de mejora.');
}

export interface AddActividadCommand extends MejoraCommand {
  accionId: string;
  datos: ActividadDatos;
}

/** A costed activity: unit cost × quantity; the total is computed by the database, never typed. */
@Injectable()
export class AddActividadUseCase {
  constructor(private readonly tx: AccionMejoraTransaction) {}

  async execute(command: AddActividadCommand): Promise<{ id: string; costoTotal: string }> {
    const { actividad, errores } = validarActividad(command.datos);
    throwIfInvalid(errores);
    return this.tx.run(command, 'editar', async (ctx) => {
      if (!admiteCambiosDeDiseno(ctx.accion.fase)) throw designFrozen(ctx.accion.fase);
      const [row]: Array<{ id: string; costoTotal: string }> = await ctx.manager.query(
        `INSERT INTO accion_mejora_actividad (accion_id, descripcion, costo_unitario, cantidad, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id, costo_total::text AS "costoTotal"`,
        [ctx.accion.id, actividad.descripcion, actividad.costoUnitario, actividad.cantidad, ctx.now],
      );
      await ctx.audit('accion_mejora_actividad_agregada', { accionMejoraId: ctx.accion.id, actividadId: row.id, ...actividad, costoTotal: row.costoTotal });
      return row;
    });
  }
}

export interface RemoveElementoCommand extends MejoraCommand {
  accionId: string;
  elementoId: string;
}

@Injectable()
export class RemoveActividadUseCase {
  constructor(private readonly tx: AccionMejoraTransaction) {}

  async execute(command: RemoveElementoCommand): Promise<void> {
    return this.tx.run(command, 'editar', async (ctx) => {
      if (!isUuidMejora(command.elementoId)) throw elementoNotFound();
      if (!admiteCambiosDeDiseno(ctx.accion.fase)) throw designFrozen(ctx.accion.fase);
      const rows: Array<{ descripcion: string }> = await ctx.manager.query(
        `DELETE FROM accion_mejora_actividad WHERE id = $1 AND accion_id = $2 RETURNING descripcion`,
        [command.elementoId, ctx.accion.id],
      );
      if (rows.length === 0) throw elementoNotFound();
      await ctx.audit('accion_mejora_actividad_quitada', { accionMejoraId: ctx.accion.id, actividadId: command.elementoId, descripcion: rows[0].descripcion });
    });
  }
}

export interface AddIndicadorCommand extends MejoraCommand {
  accionId: string;
  datos: IndicadorDatos;
}

/**
 * An indicator with its baseline and the targets of the four years after the baseline's year; a
 * platform-measured one (`fuente`) may be narrowed to one sede and/or one unidad orgánica of the entity.
 * Errors: 422 naming each wrong field (a sede or unidad of another entity: `sedeId`, `unidadId`), 409
 * once the design is frozen.
 */
@Injectable()
export class AddIndicadorUseCase {
  constructor(private readonly tx: AccionMejoraTransaction) {}

  async execute(command: AddIndicadorCommand): Promise<{ id: string }> {
    return this.tx.run(command, 'editar', async (ctx) => {
      const { indicador, errores } = validarIndicador(command.datos, yearOf(ctx.hoy));
      // The sede and the unidad a series is narrowed to are the entity's own (another entity's: as if unknown).
      const [propios]: Array<{ sede: boolean; unidad: boolean }> = await ctx.manager.query(
        `SELECT $2::uuid IS NULL OR EXISTS (SELECT 1 FROM sede WHERE id = $2 AND entidad_id = $1) AS sede,
                $3::uuid IS NULL OR EXISTS (SELECT 1 FROM unidad_organica WHERE id = $3 AND entidad_id = $1) AS unidad`,
        [ctx.entidadId, errores.some((e) => e.campo === 'sedeId') ? null : indicador.sedeId, errores.some((e) => e.campo === 'unidadId') ? null : indicador.unidadId],
      );
      if (!propios.sede) errores.push({ campo: 'sedeId', mensaje: 'elija una sede de su entidad' });
      if (!propios.unidad) errores.push({ campo: 'unidadId', mensaje: 'elija una unidad orgánica de su entidad' });
      throwIfInvalid(errores);
      if (!admiteCambiosDeDiseno(ctx.accion.fase)) throw designFrozen(ctx.accion.fase);
      const [row]: Array<{ id: string }> = await ctx.manager.query(
        `INSERT INTO accion_mejora_indicador (accion_id, denominacion, unidad_medida, frecuencia, linea_base_anio, linea_base_valor, medio_verificacion,
                                              ambito_medicion, ambito_control, fuente, sede_id, unidad_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [
          ctx.accion.id,
          indicador.denominacion,
          indicador.unidadMedida,
          indicador.frecuencia,
          indicador.lineaBaseAnio,
          indicador.lineaBaseValor,
          indicador.medioVerificacion,
          indicador.ambitoMedicion,
          indicador.ambitoControl,
          indicador.fuente,
          indicador.sedeId,
          indicador.unidadId,
          ctx.now,
        ],
      );
      await ctx.manager.query(`INSERT INTO accion_mejora_meta (indicador_id, anio, valor) SELECT $1, a, v FROM unnest($2::int[], $3::numeric[]) AS m(a, v)`, [
        row.id,
        indicador.metas.map((m) => m.anio),
        indicador.metas.map((m) => m.valor),
      ]);
      await ctx.audit('accion_mejora_indicador_agregado', { accionMejoraId: ctx.accion.id, indicadorId: row.id, ...indicador });
      return row;
    });
  }
}

@Injectable()
export class RemoveIndicadorUseCase {
  constructor(private readonly tx: AccionMejoraTransaction) {}

  async execute(command: RemoveElementoCommand): Promise<void> {
    return this.tx.run(command, 'editar', async (ctx) => {
      if (!isUuidMejora(command.elementoId)) throw elementoNotFound();
      if (!admiteCambiosDeDiseno(ctx.accion.fase)) throw designFrozen(ctx.accion.fase);
      const rows: Array<{ denominacion: string }> = await ctx.manager.query(
        `DELETE FROM accion_mejora_indicador WHERE id = $1 AND accion_id = $2 RETURNING denominacion`,
        [command.elementoId, ctx.accion.id],
      );
      if (rows.length === 0) throw elementoNotFound();
      await ctx.audit('accion_mejora_indicador_quitado', { accionMejoraId: ctx.accion.id, indicadorId: command.elementoId, denominacion: rows[0].denominacion });
    });
  }
}
