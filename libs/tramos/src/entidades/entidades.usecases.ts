import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, FieldError, TipoEntidad, ValidationFailedError } from '@app/domain';
import { StaffUser } from '@app/staff';
import { EntidadEntrada, EntidadValida, revisarEntidad } from '../reglas/entidad-datos';
import { assertGestionaRegistro } from '../registro/acceso';
import { aEntidad, COLUMNAS_ENTIDAD, Consultor, datosAuditables, EntidadRegistro, entidadPorCodigo, FilaEntidad, leerTramos } from '../registro/consultas';
import { RegistroCommand, RegistroTransaction } from '../registro/registro-transaction';

/** Refuses a code or RUC another entity already has (409, naming the field). */
async function assertUnica(q: Consultor, datos: Pick<EntidadValida, 'codigo' | 'ruc'>, excepto: string | null): Promise<void> {
  const otras: Array<{ codigo: string; nombre: string; ruc: string }> = await q.query(
    `SELECT codigo, nombre, ruc FROM entidad WHERE (codigo = $1 OR ruc = $2) AND ($3::uuid IS NULL OR id <> $3)`,
    [datos.codigo, datos.ruc, excepto],
  );
  const errores: FieldError[] = [];
  const mismoCodigo = otras.find((o) => o.codigo === datos.codigo);
  const mismoRuc = otras.find((o) => o.ruc === datos.ruc);
  if (mismoCodigo) errores.push({ campo: 'codigo', mensaje: `ya existe una entidad con el código ${datos.codigo} (${mismoCodigo.nombre})` });
  if (mismoRuc) errores.push({ campo: 'ruc', mensaje: `el RUC ${datos.ruc} ya es de la entidad ${mismoRuc.codigo} (${mismoRuc.nombre})` });
  if (errores.length > 0) throw new DomainError('CONFLICT', 'Ya existe una entidad con ese código o RUC.', errores);
}

async function revisar(q: Consultor, entrada: EntidadEntrada): Promise<EntidadValida> {
  const { datos, errores } = revisarEntidad(entrada, await leerTramos(q));
  if (!datos) throw new ValidationFailedError(errores);
  return datos;
}

/**
 * A coordinator registers one entity: every field checked as the import checks a row, code and RUC
 * unique, and the tramo of its kind unless another one is given. The entity is active at once
 * (citizens find it), with the platform's defaults for everything its responsables configure.
 */
@Injectable()
export class RegistrarEntidadUseCase {
  constructor(private readonly tx: RegistroTransaction) {}

  async execute(command: RegistroCommand & { datos: EntidadEntrada }): Promise<EntidadRegistro> {
    return this.tx.run(command, async ({ manager, now, audit }) => {
      const datos = await revisar(manager, command.datos);
      await assertUnica(manager, datos, null);
      const [{ id }]: Array<{ id: string }> = await manager.query(
        `INSERT INTO entidad (codigo, nombre, ruc, tipo, nivel_gobierno, sector, ubigeo, tramo_id, tramo_manual, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
        [datos.codigo, datos.nombre, datos.ruc, datos.tipo, datos.nivelGobierno, datos.sector, datos.ubigeo, datos.tramoId, datos.tramoManual, now],
      );
      const entidad = await entidadPorCodigo(manager, datos.codigo);
      await audit({ accion: 'entidad_registrada', entidadId: id, tramoId: datos.tramoId, detalle: { despues: datosAuditables(entidad) } });
      return entidad;
    });
  }
}

/**
 * A coordinator corrects an entity's registry data (all of it, as the form shows it). The code prefixes
 * every reclamo code, so it changes only while the entity has no reclamo; the RUC stays unique. A tramo
 * left empty means "the tramo of its kind" again.
 */
@Injectable()
export class ModificarEntidadUseCase {
  constructor(private readonly tx: RegistroTransaction) {}

  async execute(command: RegistroCommand & { codigo: string; datos: EntidadEntrada }): Promise<EntidadRegistro> {
    return this.tx.run(command, async ({ manager, now, audit }) => {
      const antes = await entidadPorCodigo(manager, command.codigo, true);
      const datos = await revisar(manager, command.datos);
      await assertUnica(manager, datos, antes.id);
      if (datos.codigo !== antes.codigo) {
        const [{ hay }]: Array<{ hay: boolean }> = await manager.query(`SELECT EXISTS (SELECT 1 FROM reclamo WHERE entidad_id = $1) AS hay`, [antes.id]);
        if (hay) {
          throw new DomainError('CONFLICT', 'El código no se puede cambiar.', [
            { campo: 'codigo', mensaje: `la entidad ya tiene reclamos con el código ${antes.codigo}, que es parte del código de cada uno; no se puede cambiar` },
          ]);
        }
      }
      await manager.query(
        `UPDATE entidad SET codigo = $2, nombre = $3, ruc = $4, tipo = $5, nivel_gobierno = $6, sector = $7, ubigeo = $8, tramo_id = $9,
                tramo_manual = $10, updated_at = $11
          WHERE id = $1`,
        [antes.id, datos.codigo, datos.nombre, datos.ruc, datos.tipo, datos.nivelGobierno, datos.sector, datos.ubigeo, datos.tramoId, datos.tramoManual, now],
      );
      const despues = await entidadPorCodigo(manager, datos.codigo);
      await audit({ accion: 'entidad_modificada', entidadId: antes.id, tramoId: datos.tramoId, detalle: { antes: datosAuditables(antes), despues: datosAuditables(despues) } });
      return despues;
    });
  }
}

/**
 * Deactivates or reactivates an entity. An entity is never deleted: its reclamos, staff and trail keep
 * pointing at it. Deactivated, citizens no longer find it nor file with it; its staff keep working the
 * open cases. Doing what is already done changes nothing and writes nothing.
 */
@Injectable()
export class CambiarEstadoEntidadUseCase {
  constructor(private readonly tx: RegistroTransaction) {}

  async execute(command: RegistroCommand & { codigo: string; activo: boolean }): Promise<EntidadRegistro> {
    return this.tx.run(command, async ({ manager, now, audit }) => {
      const antes = await entidadPorCodigo(manager, command.codigo, true);
      if (antes.activo === command.activo) return antes;
      await manager.query(`UPDATE entidad SET activo = $2, updated_at = $3 WHERE id = $1`, [antes.id, command.activo, now]);
      await audit({ accion: command.activo ? 'entidad_reactivada' : 'entidad_desactivada', entidadId: antes.id, detalle: { codigo: antes.codigo } });
      return { ...antes, activo: command.activo };
    });
  }
}

export type EstadoFiltro = 'activas' | 'inactivas' | 'todas';

export interface FiltroEntidades {
  /** Part of the name or the code, any case. */
  q?: string;
  /** A tramo's number, or 0 for the entities without a tramo. */
  tramo?: number;
  tipo?: TipoEntidad;
  estado?: EstadoFiltro;
  /** 1-based. */
  pagina?: number;
}

export const ENTIDADES_POR_PAGINA = 50;

/** The registry's list, filtered and paged (2,000+ entities), ordered by name. */
@Injectable()
export class ListarRegistroEntidadesUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(command: { actor: StaffUser; filtro: FiltroEntidades }): Promise<{ entidades: EntidadRegistro[]; total: number; pagina: number; paginas: number }> {
    assertGestionaRegistro(command.actor);
    const f = command.filtro;
    const q = (f.q ?? '').trim().toLowerCase();
    const estado = f.estado ?? 'activas';
    const where = `($1 = '' OR lower(e.nombre) LIKE $2 OR lower(e.codigo) LIKE $2)
      AND ($3::int IS NULL OR ($3 = 0 AND e.tramo_id IS NULL) OR e.tramo_id = $3)
      AND ($4::text IS NULL OR e.tipo = $4)
      AND ($5 = 'todas' OR e.activo = ($5 = 'activas'))`;
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const params = [q, like, f.tramo ?? null, f.tipo ?? null, estado];
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(`SELECT count(*)::int AS total FROM entidad e WHERE ${where}`, params);
    const paginas = Math.max(1, Math.ceil(total / ENTIDADES_POR_PAGINA));
    const pagina = Math.min(Math.max(1, f.pagina ?? 1), paginas);
    const rows: FilaEntidad[] = await this.dataSource.query(
      `SELECT ${COLUMNAS_ENTIDAD} FROM entidad e LEFT JOIN tramo t ON t.id = e.tramo_id WHERE ${where}
        ORDER BY e.nombre, e.codigo LIMIT ${ENTIDADES_POR_PAGINA} OFFSET ${(pagina - 1) * ENTIDADES_POR_PAGINA}`,
      params,
    );
    return { entidades: rows.map(aEntidad), total, pagina, paginas };
  }
}
