import { Injectable } from '@nestjs/common';
import { Aspecto, FieldError } from '@app/domain';
import { isValidUbigeo } from '@app/domain/ubigeo';
import { isUuid } from '../access/reclamo-access';
import { ConfiguracionCommand, ConfiguracionContext, ConfiguracionTransaction, configuracionNotFound, conflictOnUnique, throwIfInvalid } from './configuracion-transaction';

/**
 * The entity's own lists a reclamo refers to: where it happened (sedes), which area handles it
 * (unidades orgánicas), the service, and the second-level topics under the six aspects (temas).
 * Rows are never deleted (reclamos keep pointing at them): they are renamed or deactivated, and a
 * deactivated row is no longer offered on new filings or assignments.
 */
export const CATALOGOS = ['sedes', 'unidades', 'servicios', 'temas'] as const;
export type Catalogo = (typeof CATALOGOS)[number];

export function isCatalogo(value: unknown): value is Catalogo {
  return typeof value === 'string' && (CATALOGOS as readonly string[]).includes(value);
}

// Table names come from here, never from input.
const TABLA: Readonly<Record<Catalogo, string>> = { sedes: 'sede', unidades: 'unidad_organica', servicios: 'servicio', temas: 'tema' };
const EXTRA: Readonly<Record<Catalogo, string>> = {
  sedes: ', direccion, ubigeo::text AS ubigeo',
  unidades: '',
  servicios: '',
  temas: ', aspecto',
};

export interface ElementoCatalogo {
  id: string;
  nombre: string;
  activo: boolean;
  direccion?: string;
  ubigeo?: string | null;
  aspecto?: Aspecto | null;
}

export interface CatalogoDatos {
  nombre?: string;
  /** Sedes only. */
  direccion?: string;
  /** Sedes only: the district's six-digit ubigeo. */
  ubigeo?: string | null;
  /** Temas only: one of the six aspects, or none. */
  aspecto?: Aspecto | null;
}

/** Checks the fields the command brings; `nuevo` requires the name. */
function validar(catalogo: Catalogo, datos: CatalogoDatos, nuevo: boolean): CatalogoDatos {
  const errors: FieldError[] = [];
  const clean: CatalogoDatos = {};
  if (datos.nombre !== undefined || nuevo) {
    const nombre = (datos.nombre ?? '').trim();
    if (nombre.length < 2 || nombre.length > 200) errors.push({ campo: 'nombre', mensaje: 'escriba entre 2 y 200 caracteres' });
    clean.nombre = nombre;
  }
  if (datos.direccion !== undefined) {
    if (catalogo !== 'sedes') errors.push({ campo: 'direccion', mensaje: 'solo las sedes tienen dirección' });
    else if (datos.direccion.trim().length > 300) errors.push({ campo: 'direccion', mensaje: 'escriba como máximo 300 caracteres' });
    clean.direccion = datos.direccion.trim();
  }
  if (datos.ubigeo !== undefined) {
    if (catalogo !== 'sedes') errors.push({ campo: 'ubigeo', mensaje: 'solo las sedes tienen ubigeo' });
    else if (datos.ubigeo !== null && !isValidUbigeo(datos.ubigeo)) errors.push({ campo: 'ubigeo', mensaje: 'indique el ubigeo de seis dígitos de un distrito' });
    clean.ubigeo = datos.ubigeo;
  }
  if (datos.aspecto !== undefined) {
    if (catalogo !== 'temas') errors.push({ campo: 'aspecto', mensaje: 'solo los temas se vinculan a un aspecto' });
    else if (datos.aspecto !== null && !(Object.values(Aspecto) as string[]).includes(datos.aspecto)) {
      errors.push({ campo: 'aspecto', mensaje: 'elija uno de los seis aspectos' });
    }
    clean.aspecto = datos.aspecto;
  }
  if (!nuevo && Object.keys(clean).length === 0) errors.push({ campo: 'nombre', mensaje: 'indique qué desea cambiar' });
  throwIfInvalid(errors);
  return clean;
}

const COLUMNA: Readonly<Record<keyof CatalogoDatos, string>> = { nombre: 'nombre', direccion: 'direccion', ubigeo: 'ubigeo', aspecto: 'aspecto' };

async function leer(ctx: ConfiguracionContext, catalogo: Catalogo, id: string, lock: boolean): Promise<ElementoCatalogo> {
  if (!isUuid(id)) throw configuracionNotFound();
  const [row]: ElementoCatalogo[] = await ctx.manager.query(
    `SELECT id, nombre, activo${EXTRA[catalogo]} FROM ${TABLA[catalogo]} WHERE id = $1 AND entidad_id = $2${lock ? ' FOR UPDATE' : ''}`,
    [id, ctx.entidadId],
  );
  if (!row) throw configuracionNotFound();
  return row;
}

export interface ListCatalogoQuery extends ConfiguracionCommand {
  catalogo: Catalogo;
}

@Injectable()
export class ListCatalogoUseCase {
  constructor(private readonly tx: ConfiguracionTransaction) {}

  async execute(query: ListCatalogoQuery): Promise<ElementoCatalogo[]> {
    return this.tx.run(query, 'leer', ({ manager, entidadId }) =>
      manager.query(`SELECT id, nombre, activo${EXTRA[query.catalogo]} FROM ${TABLA[query.catalogo]} WHERE entidad_id = $1 ORDER BY activo DESC, nombre`, [
        entidadId,
      ]),
    );
  }
}

export interface AddCatalogoCommand extends ConfiguracionCommand {
  catalogo: Catalogo;
  datos: CatalogoDatos;
}

@Injectable()
export class AddCatalogoUseCase {
  constructor(private readonly tx: ConfiguracionTransaction) {}

  async execute(command: AddCatalogoCommand): Promise<ElementoCatalogo> {
    const datos = validar(command.catalogo, command.datos, true);
    return this.tx.run(command, 'configurar', async (ctx) => {
      const columns = Object.keys(datos) as Array<keyof CatalogoDatos>;
      const [row]: Array<{ id: string }> = await ctx.manager
        .query(
          `INSERT INTO ${TABLA[command.catalogo]} (entidad_id${columns.map((c) => `, ${COLUMNA[c]}`).join('')})
           VALUES ($1${columns.map((_, i) => `, $${i + 2}`).join('')}) RETURNING id`,
          [ctx.entidadId, ...columns.map((c) => datos[c] ?? null)],
        )
        .catch((error: unknown) => conflictOnUnique(error, 'nombre', 'ya existe uno con ese nombre en su entidad'));
      const creado = await leer(ctx, command.catalogo, row.id, false);
      await ctx.audit('catalogo_agregado', { catalogo: command.catalogo, id: row.id, datos });
      return creado;
    });
  }
}

export interface UpdateCatalogoCommand extends ConfiguracionCommand {
  catalogo: Catalogo;
  id: string;
  datos: CatalogoDatos;
}

/** Rename (and, for a sede, its address; for a tema, its aspect). Reclamos keep the row and show its new name. */
@Injectable()
export class UpdateCatalogoUseCase {
  constructor(private readonly tx: ConfiguracionTransaction) {}

  async execute(command: UpdateCatalogoCommand): Promise<ElementoCatalogo> {
    const datos = validar(command.catalogo, command.datos, false);
    return this.tx.run(command, 'configurar', async (ctx) => {
      const antes = await leer(ctx, command.catalogo, command.id, true);
      const columns = Object.keys(datos) as Array<keyof CatalogoDatos>;
      await ctx.manager
        .query(
          `UPDATE ${TABLA[command.catalogo]} SET ${columns.map((c, i) => `${COLUMNA[c]} = $${i + 3}`).join(', ')} WHERE id = $1 AND entidad_id = $2`,
          [command.id, ctx.entidadId, ...columns.map((c) => datos[c] ?? null)],
        )
        .catch((error: unknown) => conflictOnUnique(error, 'nombre', 'ya existe uno con ese nombre en su entidad'));
      const despues = await leer(ctx, command.catalogo, command.id, false);
      await ctx.audit('catalogo_modificado', { catalogo: command.catalogo, id: command.id, antes, despues });
      return despues;
    });
  }
}

export interface SetCatalogoActivoCommand extends ConfiguracionCommand {
  catalogo: Catalogo;
  id: string;
  activo: boolean;
}

/** Deactivate (or reactivate). Never a DELETE: reclamos already filed keep their sede, unidad, service and topic. */
@Injectable()
export class SetCatalogoActivoUseCase {
  constructor(private readonly tx: ConfiguracionTransaction) {}

  async execute(command: SetCatalogoActivoCommand): Promise<ElementoCatalogo> {
    return this.tx.run(command, 'configurar', async (ctx) => {
      const antes = await leer(ctx, command.catalogo, command.id, true);
      if (antes.activo === command.activo) return antes;
      await ctx.manager.query(`UPDATE ${TABLA[command.catalogo]} SET activo = $3 WHERE id = $1 AND entidad_id = $2`, [
        command.id,
        ctx.entidadId,
        command.activo,
      ]);
      await ctx.audit(command.activo ? 'catalogo_reactivado' : 'catalogo_desactivado', { catalogo: command.catalogo, id: command.id, nombre: antes.nombre });
      return { ...antes, activo: command.activo };
    });
  }
}
