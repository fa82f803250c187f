import { Injectable } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainError, ValidationFailedError } from '@app/domain';
import {
  admiteCambiosDeDiseno,
  DisenoDatos,
  Fase,
  faltantesParaAprobacion,
  isFase,
  motivoSinPermisoParaAvanzar,
  siguienteFase,
  validarDiseno,
  FASE_LABELS,
} from '../reglas/accion-mejora';
import { AccionMejoraTransaction, MejoraCommand, MejoraContext, throwIfInvalid } from './accion-transaction';
import { guardarVinculos } from './diseno';

export interface CreateAccionMejoraCommand extends MejoraCommand {
  datos: DisenoDatos;
}

function designFrozen(fase: Fase): DomainError {
  return new DomainError(
    'INVALID_TRANSITION',
    `La acción está en la fase «${FASE_LABELS[fase]}»: su diseño (problema, análisis, actividades, indicadores) ya fue enviado a aprobación y no se modifica.`,
  );
}

async function insertAccion(ctx: Omit<MejoraContext, 'accion'>, command: MejoraCommand, datos: DisenoDatos, origenAccionId: string | null): Promise<string> {
  const { diseno, errores } = validarDiseno(datos);
  throwIfInvalid(errores);
  const [row]: Array<{ id: string }> = await ctx.manager.query(
    `INSERT INTO accion_mejora (entidad_id, titulo, problema, analisis_causal, alternativas, alternativa_seleccionada, unidad_id, aspectos,
                                origen_accion_id, creado_por, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8::text[], $9, $10, $11, $11) RETURNING id`,
    [
      ctx.entidadId,
      diseno.titulo,
      diseno.problema,
      diseno.analisisCausal,
      diseno.alternativas,
      diseno.alternativaSeleccionada,
      diseno.unidadId,
      diseno.aspectos,
      origenAccionId,
      command.actor.id,
      ctx.now,
    ],
  );
  await guardarVinculos(ctx, row.id, diseno, true);
  await ctx.manager.query(`INSERT INTO accion_mejora_fase (accion_id, fase, fecha, registrado_por, registrado_en) VALUES ($1, 'diseno', $2, $3, $4)`, [
    row.id,
    ctx.hoy,
    command.actor.id,
    ctx.now,
  ]);
  await ctx.audit('accion_mejora_creada', { accionMejoraId: row.id, origenAccionId, titulo: diseno.titulo });
  return row.id;
}

/** Records a new action in «diseño». Responsables of the entity only. */
@Injectable()
export class CreateAccionMejoraUseCase {
  constructor(private readonly tx: AccionMejoraTransaction) {}

  async execute(command: CreateAccionMejoraCommand): Promise<{ id: string }> {
    const { errores } = validarDiseno(command.datos);
    throwIfInvalid(errores);
    return this.tx.runEntidad(command, 'editar', async (ctx) => ({ id: await insertAccion(ctx, command, command.datos, null) }));
  }
}

export interface UpdateAccionMejoraCommand extends MejoraCommand {
  accionId: string;
  datos: DisenoDatos;
}

/** Replaces the design (every field, as the form shows them all). Only while the action is in «diseño». */
@Injectable()
export class UpdateAccionMejoraUseCase {
  constructor(private readonly tx: AccionMejoraTransaction) {}

  async execute(command: UpdateAccionMejoraCommand): Promise<{ id: string }> {
    const { diseno, errores } = validarDiseno(command.datos);
    throwIfInvalid(errores);
    return this.tx.run(command, 'editar', async (ctx) => {
      if (!admiteCambiosDeDiseno(ctx.accion.fase)) throw designFrozen(ctx.accion.fase);
      await ctx.manager.query(
        `UPDATE accion_mejora SET titulo = $2, problema = $3, analisis_causal = $4, alternativas = $5::text[], alternativa_seleccionada = $6,
                unidad_id = $7, aspectos = $8::text[], updated_at = $9 WHERE id = $1`,
        [ctx.accion.id, diseno.titulo, diseno.problema, diseno.analisisCausal, diseno.alternativas, diseno.alternativaSeleccionada, diseno.unidadId, diseno.aspectos, ctx.now],
      );
      await guardarVinculos(ctx, ctx.accion.id, diseno, false);
      await ctx.audit('accion_mejora_modificada', { accionMejoraId: ctx.accion.id, titulo: diseno.titulo });
      return { id: ctx.accion.id };
    });
  }
}

export interface AvanzarFaseCommand extends MejoraCommand {
  accionId: string;
  /** The phase the actor means to reach: a double submit or a stale page cannot skip one. */
  fase: unknown;
}

/**
 * Moves the action one phase forward, dated with the Lima date. Order is enforced (only the next
 * phase, never back), and who may move it depends on the phase (see quienAvanza). Going to
 * approval needs a complete design.
 */
@Injectable()
export class AvanzarFaseUseCase {
  constructor(private readonly tx: AccionMejoraTransaction) {}

  async execute(command: AvanzarFaseCommand): Promise<{ id: string; fase: Fase }> {
    if (!isFase(command.fase)) throw new ValidationFailedError([{ campo: 'fase', mensaje: 'indique la fase a la que pasa la acción' }]);
    const destino = command.fase;
    return this.tx.run(command, 'avanzar', async (ctx) => {
      const desde = ctx.accion.fase;
      const motivo = motivoSinPermisoParaAvanzar(command.actor.rol, desde);
      if (motivo) throw new DomainError('FORBIDDEN', motivo);
      const siguiente = siguienteFase(desde);
      if (siguiente !== destino) {
        throw new DomainError(
          'INVALID_TRANSITION',
          siguiente === null
            ? 'La acción ya está en evaluación, la última fase: para repetir el ciclo, abra una nueva acción vinculada.'
            : `La acción está en «${FASE_LABELS[desde]}»: solo puede pasar a «${FASE_LABELS[siguiente]}».`,
        );
      }
      if (desde === 'diseno') {
        const [conteo]: Array<{ actividades: number; indicadores: number }> = await ctx.manager.query(
          `SELECT (SELECT count(*)::int FROM accion_mejora_actividad WHERE accion_id = $1) AS actividades,
                  (SELECT count(*)::int FROM accion_mejora_indicador WHERE accion_id = $1) AS indicadores`,
          [ctx.accion.id],
        );
        throwIfInvalid(faltantesParaAprobacion({ ...ctx.accion, ...conteo }));
      }
      await ctx.manager.query(`UPDATE accion_mejora SET fase = $2, updated_at = $3 WHERE id = $1`, [ctx.accion.id, destino, ctx.now]);
      await ctx.manager.query(`INSERT INTO accion_mejora_fase (accion_id, fase, fecha, registrado_por, registrado_en) VALUES ($1, $2, $3, $4, $5)`, [
        ctx.accion.id,
        destino,
        ctx.hoy,
        command.actor.id,
        ctx.now,
      ]);
      await ctx.audit(destino === 'implementacion' ? 'accion_mejora_aprobada' : 'accion_mejora_fase', { accionMejoraId: ctx.accion.id, desde, hacia: destino });
      return { id: ctx.accion.id, fase: destino };
    });
  }
}

/**
 * The cycle repeats: an action in «evaluación» opens a new one in «diseño», linked to it, with the
 * same problem and links to start from. One follow-up per evaluated action.
 */
@Injectable()
export class AbrirSiguienteAccionUseCase {
  constructor(private readonly tx: AccionMejoraTransaction) {}

  async execute(command: MejoraCommand & { accionId: string }): Promise<{ id: string }> {
    return this.tx.run(command, 'editar', async (ctx) => {
      if (ctx.accion.fase !== 'evaluacion') {
        throw new DomainError('INVALID_TRANSITION', 'Solo una acción en evaluación abre una nueva acción que repite el ciclo.');
      }
      const [ya]: Array<{ id: string }> = await ctx.manager.query(`SELECT id FROM accion_mejora WHERE origen_accion_id = $1`, [ctx.accion.id]);
      if (ya) throw new DomainError('CONFLICT', 'Esta acción ya abrió una nueva acción de mejora.', [{ campo: 'accion', mensaje: 'ya se abrió la acción siguiente' }]);
      const [base]: Array<{ problema: string; aspectos: string[]; unidadId: string | null }> = await ctx.manager.query(
        `SELECT problema, aspectos, unidad_id AS "unidadId" FROM accion_mejora WHERE id = $1`,
        [ctx.accion.id],
      );
      const vinculos: Array<{ sede_id: string | null; servicio_id: string | null; tema_id: string | null }> = await ctx.manager.query(
        `SELECT sede_id, servicio_id, tema_id FROM accion_mejora_vinculo WHERE accion_id = $1`,
        [ctx.accion.id],
      );
      const reclamos: Array<{ codigo: string }> = await ctx.manager.query(
        `SELECT r.codigo FROM accion_mejora_reclamo ar JOIN reclamo r ON r.id = ar.reclamo_id WHERE ar.accion_id = $1`,
        [ctx.accion.id],
      );
      const titulo = `${ctx.accion.titulo.slice(0, 170)} (nuevo ciclo)`;
      const id = await insertAccion(
        ctx,
        command,
        {
          titulo,
          problema: base.problema,
          aspectos: base.aspectos,
          unidadId: base.unidadId ?? '',
          sedeIds: vinculos.flatMap((v) => (v.sede_id ? [v.sede_id] : [])),
          servicioIds: vinculos.flatMap((v) => (v.servicio_id ? [v.servicio_id] : [])),
          temaIds: vinculos.flatMap((v) => (v.tema_id ? [v.tema_id] : [])),
          reclamos: reclamos.map((r) => r.codigo),
        },
        ctx.accion.id,
      ).catch((error: unknown) => {
        if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
          throw new DomainError('CONFLICT', 'Esta acción ya abrió una nueva acción de mejora.', [{ campo: 'accion', mensaje: 'ya se abrió la acción siguiente' }]);
        }
        throw error;
      });
      return { id };
    });
  }
}
