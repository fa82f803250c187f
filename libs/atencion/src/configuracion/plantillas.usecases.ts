import { Injectable } from '@nestjs/common';
import { FieldError } from '@app/domain';
import { isUuid } from '../access/reclamo-access';
import { ConfiguracionCommand, ConfiguracionContext, ConfiguracionTransaction, configuracionNotFound, conflictOnUnique, throwIfInvalid } from './configuracion-transaction';

/** A response template: the parts of a response an officer starts from (DraftRespuestaUseCase's `plantillaId`). */
export interface PlantillaRespuesta {
  id: string;
  nombre: string;
  hechos: string;
  analisis: string;
  medidasAdoptadas: string;
  activo: boolean;
}

export interface PlantillaDatos {
  nombre?: string;
  hechos?: string;
  analisis?: string;
  medidasAdoptadas?: string;
  activo?: boolean;
}

const SELECT_PLANTILLA = `SELECT id, nombre, hechos, analisis, medidas_adoptadas AS "medidasAdoptadas", activo FROM plantilla_respuesta`;
const COLUMNA: Readonly<Record<keyof PlantillaDatos, string>> = {
  nombre: 'nombre',
  hechos: 'hechos',
  analisis: 'analisis',
  medidasAdoptadas: 'medidas_adoptadas',
  activo: 'activo',
};

function validar(datos: PlantillaDatos, nueva: boolean): PlantillaDatos {
  const errors: FieldError[] = [];
  const clean: PlantillaDatos = {};
  if (datos.nombre !== undefined || nueva) {
    clean.nombre = (datos.nombre ?? '').trim();
    if (clean.nombre.length < 2 || clean.nombre.length > 200) errors.push({ campo: 'nombre', mensaje: 'escriba entre 2 y 200 caracteres' });
  }
  for (const campo of ['hechos', 'analisis', 'medidasAdoptadas'] as const) {
    const value = datos[campo];
    if (value === undefined) continue;
    clean[campo] = value.trim();
    if (clean[campo].length > 10000) errors.push({ campo, mensaje: 'escriba como máximo 10000 caracteres' });
  }
  if (datos.activo !== undefined) clean.activo = datos.activo;
  if (nueva && !clean.hechos && !clean.analisis && !clean.medidasAdoptadas) {
    errors.push({ campo: 'hechos', mensaje: 'escriba al menos una parte de la respuesta (hechos, análisis o medidas adoptadas)' });
  }
  if (!nueva && Object.keys(clean).length === 0) errors.push({ campo: 'nombre', mensaje: 'indique qué desea cambiar' });
  throwIfInvalid(errors);
  return clean;
}

async function leer(ctx: ConfiguracionContext, id: string, lock: boolean): Promise<PlantillaRespuesta> {
  if (!isUuid(id)) throw configuracionNotFound();
  const [row]: PlantillaRespuesta[] = await ctx.manager.query(`${SELECT_PLANTILLA} WHERE id = $1 AND entidad_id = $2${lock ? ' FOR UPDATE' : ''}`, [
    id,
    ctx.entidadId,
  ]);
  if (!row) throw configuracionNotFound();
  return row;
}

@Injectable()
export class ListPlantillasUseCase {
  constructor(private readonly tx: ConfiguracionTransaction) {}

  async execute(query: ConfiguracionCommand): Promise<PlantillaRespuesta[]> {
    return this.tx.run(query, 'leer', ({ manager, entidadId }) =>
      manager.query(`${SELECT_PLANTILLA} WHERE entidad_id = $1 ORDER BY activo DESC, nombre`, [entidadId]),
    );
  }
}

@Injectable()
export class GetPlantillaUseCase {
  constructor(private readonly tx: ConfiguracionTransaction) {}

  async execute(query: ConfiguracionCommand & { id: string }): Promise<PlantillaRespuesta> {
    return this.tx.run(query, 'leer', (ctx) => leer(ctx, query.id, false));
  }
}

@Injectable()
export class CreatePlantillaUseCase {
  constructor(private readonly tx: ConfiguracionTransaction) {}

  async execute(command: ConfiguracionCommand & { datos: PlantillaDatos }): Promise<PlantillaRespuesta> {
    const datos = validar(command.datos, true);
    return this.tx.run(command, 'configurar', async (ctx) => {
      const columns = Object.keys(datos) as Array<keyof PlantillaDatos>;
      const [row]: Array<{ id: string }> = await ctx.manager
        .query(
          `INSERT INTO plantilla_respuesta (entidad_id, updated_at${columns.map((c) => `, ${COLUMNA[c]}`).join('')})
           VALUES ($1, $2${columns.map((_, i) => `, $${i + 3}`).join('')}) RETURNING id`,
          [ctx.entidadId, ctx.now, ...columns.map((c) => datos[c])],
        )
        .catch((error: unknown) => conflictOnUnique(error, 'nombre', 'ya existe una plantilla con ese nombre en su entidad'));
      await ctx.audit('plantilla_creada', { plantillaId: row.id, datos });
      return leer(ctx, row.id, false);
    });
  }
}

@Injectable()
export class UpdatePlantillaUseCase {
  constructor(private readonly tx: ConfiguracionTransaction) {}

  async execute(command: ConfiguracionCommand & { id: string; datos: PlantillaDatos }): Promise<PlantillaRespuesta> {
    const datos = validar(command.datos, false);
    return this.tx.run(command, 'configurar', async (ctx) => {
      const antes = await leer(ctx, command.id, true);
      const columns = Object.keys(datos) as Array<keyof PlantillaDatos>;
      await ctx.manager
        .query(
          `UPDATE plantilla_respuesta SET updated_at = $3${columns.map((c, i) => `, ${COLUMNA[c]} = $${i + 4}`).join('')}
            WHERE id = $1 AND entidad_id = $2`,
          [command.id, ctx.entidadId, ctx.now, ...columns.map((c) => datos[c])],
        )
        .catch((error: unknown) => conflictOnUnique(error, 'nombre', 'ya existe una plantilla con ese nombre en su entidad'));
      const despues = await leer(ctx, command.id, false);
      await ctx.audit('plantilla_modificada', { plantillaId: command.id, antes, despues });
      return despues;
    });
  }
}

/**
 * Deletes a template no response was drafted from; one that was used is deactivated instead, so
 * those responses keep saying where their text came from.
 */
@Injectable()
export class DeletePlantillaUseCase {
  constructor(private readonly tx: ConfiguracionTransaction) {}

  async execute(command: ConfiguracionCommand & { id: string }): Promise<{ eliminada: boolean; desactivada: boolean }> {
    return this.tx.run(command, 'configurar', async (ctx) => {
      const antes = await leer(ctx, command.id, true);
      const used: unknown[] = await ctx.manager.query(`SELECT 1 FROM respuesta WHERE plantilla_id = $1 LIMIT 1`, [command.id]);
      if (used.length > 0) {
        await ctx.manager.query(`UPDATE plantilla_respuesta SET activo = false, updated_at = $3 WHERE id = $1 AND entidad_id = $2`, [
          command.id,
          ctx.entidadId,
          ctx.now,
        ]);
        await ctx.audit('plantilla_desactivada', { plantillaId: command.id, nombre: antes.nombre, motivo: 'usada en respuestas' });
        return { eliminada: false, desactivada: true };
      }
      await ctx.manager.query(`DELETE FROM plantilla_respuesta WHERE id = $1 AND entidad_id = $2`, [command.id, ctx.entidadId]);
      await ctx.audit('plantilla_eliminada', { plantillaId: command.id, antes });
      return { eliminada: true, desactivada: false };
    });
  }
}
