import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TIPO_ENTIDAD_LABELS, TipoEntidad, ValidationFailedError } from '@app/domain';
import { StaffUser } from '@app/staff';
import { tramoDeTipo } from '../reglas/entidad-datos';
import { revisarTramo, TramoEntrada } from '../reglas/tramo-datos';
import { assertGestionaRegistro } from '../registro/acceso';
import { leerTramos, TramoRegistro } from '../registro/consultas';
import { RegistroCommand, RegistroTransaction } from '../registro/registro-transaction';

/** Every tramo, with its active entities counted; for the registry's pages and the import's checks. */
@Injectable()
export class ListarTramosUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(actor: StaffUser): Promise<TramoRegistro[]> {
    assertGestionaRegistro(actor);
    return leerTramos(this.dataSource);
  }
}

/** An entity that changed tramo because a tramo's kinds changed: from and to are tramo numbers (null: none). */
export interface EntidadMovida {
  id: string;
  codigo: string;
  nombre: string;
  de: number | null;
  a: number | null;
}

export interface TramoGuardado {
  tramo: TramoRegistro;
  /** True when the number was new: the tramo was created. */
  creado: boolean;
  /** Kinds this tramo took from other tramos (a kind belongs to one tramo). */
  tiposTomados: Array<{ numero: number; tipos: TipoEntidad[] }>;
  /** Entities that follow their kind (not assigned by hand) and so changed tramo, in code order. */
  entidadesMovidas: EntidadMovida[];
}

/**
 * A coordinator writes a tramo whole (PUT semantics: the number is its identity; a new number creates
 * it). A kind of entity belongs to one tramo: a kind ticked here is taken from the tramo that had it.
 * In the same transaction, the entities that follow their kind (`tramo_manual` false) move: those of
 * the kinds now here come to this tramo; those of a kind no longer here go to the tramo that covers it,
 * or to none. Entities given a tramo by hand stay where they are. One trail row keeps the tramo before
 * and after, the kinds taken and every entity moved.
 */
@Injectable()
export class GuardarTramoUseCase {
  constructor(private readonly tx: RegistroTransaction) {}

  async execute(command: RegistroCommand & { numero: number; datos: TramoEntrada }): Promise<TramoGuardado> {
    return this.tx.run(command, async ({ manager, now, audit }) => {
      const { datos, errores } = revisarTramo(command.datos);
      if (!datos) throw new ValidationFailedError(errores);
      const { numero } = command;
      const [antes]: Array<{ nombre: string; descripcion: string; tipos: TipoEntidad[]; inicio: string; limite: string }> = await manager.query(
        `SELECT nombre, descripcion, tipos_entidad AS tipos, to_char(fecha_inicio, 'YYYY-MM-DD') AS inicio, to_char(fecha_limite, 'YYYY-MM-DD') AS limite
           FROM tramo WHERE id = $1 FOR UPDATE`,
        [numero],
      );
      const valores = [numero, datos.nombre, datos.descripcion, datos.tiposEntidad, datos.fechaInicio, datos.fechaLimite, now];
      if (antes) {
        await manager.query(
          `UPDATE tramo SET nombre = $2, descripcion = $3, tipos_entidad = $4::text[], fecha_inicio = $5, fecha_limite = $6, updated_at = $7 WHERE id = $1`,
          valores,
        );
      } else {
        await manager.query(
          `INSERT INTO tramo (id, nombre, descripcion, tipos_entidad, fecha_inicio, fecha_limite, created_at, updated_at)
           VALUES ($1, $2, $3, $4::text[], $5, $6, $7, $7)`,
          valores,
        );
      }

      const tiposTomados = await this.tomarTipos(manager, numero, datos.tiposEntidad, now);
      const tramos = await leerTramos(manager);
      const movidas = await this.moverAlTramo(manager, numero, datos.tiposEntidad, now);
      const quitados = (antes?.tipos ?? []).filter((t) => !datos.tiposEntidad.includes(t));
      for (const tipo of quitados) movidas.push(...(await this.moverFuera(manager, numero, tipo, tramoDeTipo(tipo, tramos)?.numero ?? null, now)));
      movidas.sort((a, b) => a.codigo.localeCompare(b.codigo));

      const despues = { nombre: datos.nombre, descripcion: datos.descripcion, tiposEntidad: datos.tiposEntidad, fechaInicio: datos.fechaInicio, fechaLimite: datos.fechaLimite };
      await audit({
        accion: antes ? 'tramo_modificado' : 'tramo_creado',
        tramoId: numero,
        detalle: {
          antes: antes ? { nombre: antes.nombre, descripcion: antes.descripcion, tiposEntidad: antes.tipos, fechaInicio: antes.inicio, fechaLimite: antes.limite } : null,
          despues,
          tiposTomados,
          entidadesMovidas: movidas.map(({ id, codigo, de, a }) => ({ id, codigo, de, a })),
        },
      });
      const tramo = tramos.find((t) => t.numero === numero)!;
      // Counted after the moves.
      const [{ n }]: Array<{ n: number }> = await manager.query(`SELECT count(*)::int AS n FROM entidad WHERE tramo_id = $1 AND activo`, [numero]);
      return { tramo: { ...tramo, entidades: n }, creado: !antes, tiposTomados, entidadesMovidas: movidas };
    });
  }

  /** Removes `tipos` from every other tramo that had any of them; says which tramo lost which. */
  private async tomarTipos(manager: EntityManager, numero: number, tipos: TipoEntidad[], now: Date): Promise<TramoGuardado['tiposTomados']> {
    const otros: Array<{ numero: number; tipos: TipoEntidad[] }> = await manager.query(
      `SELECT id AS numero, tipos_entidad AS tipos FROM tramo WHERE id <> $1 AND tipos_entidad && $2::text[] ORDER BY id FOR UPDATE`,
      [numero, tipos],
    );
    if (otros.length === 0) return [];
    await manager.query(
      `UPDATE tramo SET tipos_entidad = ARRAY(SELECT k FROM unnest(tipos_entidad) WITH ORDINALITY AS u(k, i) WHERE k <> ALL($2::text[]) ORDER BY i), updated_at = $3
        WHERE id <> $1 AND tipos_entidad && $2::text[]`,
      [numero, tipos, now],
    );
    return otros.map((o) => ({ numero: o.numero, tipos: o.tipos.filter((t) => tipos.includes(t)) }));
  }

  /** Entities of these kinds that follow their kind and are elsewhere (or nowhere) come to this tramo. */
  private moverAlTramo(manager: EntityManager, numero: number, tipos: TipoEntidad[], now: Date): Promise<EntidadMovida[]> {
    return mover(manager, `NOT e.tramo_manual AND e.tipo = ANY($2::text[]) AND e.tramo_id IS DISTINCT FROM $1`, [numero, tipos], numero, now);
  }

  /** Entities of a kind this tramo no longer covers, and that followed it here, go where the kind is now. */
  private moverFuera(manager: EntityManager, numero: number, tipo: TipoEntidad, destino: number | null, now: Date): Promise<EntidadMovida[]> {
    return mover(manager, `NOT e.tramo_manual AND e.tipo = $2 AND e.tramo_id = $1`, [numero, tipo], destino, now);
  }
}

async function mover(manager: EntityManager, where: string, params: unknown[], destino: number | null, now: Date): Promise<EntidadMovida[]> {
  const n = params.length;
  return manager.query(
    `WITH movidas AS (
       SELECT e.id, e.codigo, e.nombre, e.tramo_id AS de FROM entidad e WHERE ${where} FOR UPDATE
     ), hecho AS (
       UPDATE entidad e SET tramo_id = $${n + 1}::smallint, updated_at = $${n + 2} FROM movidas m WHERE e.id = m.id RETURNING e.id
     )
     SELECT m.id, m.codigo, m.nombre, m.de, $${n + 1}::smallint AS a FROM movidas m JOIN hecho h ON h.id = m.id`,
    [...params, destino, now],
  );
}

/** The Spanish names of a list of kinds, for pages and messages. */
export function etiquetasDeTipos(tipos: readonly TipoEntidad[]): string[] {
  return tipos.map((t) => TIPO_ENTIDAD_LABELS[t] ?? t);
}
