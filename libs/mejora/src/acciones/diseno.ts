import { FieldError } from '@app/domain';
import { Diseno } from '../reglas/accion-mejora';
import { MejoraContext, throwIfInvalid } from './accion-transaction';

type Ctx = Pick<MejoraContext, 'manager' | 'entidadId'>;

/**
 * Checks that every catalogue row and reclamo the design names is the entity's own (a row of
 * another entity is refused as "not in your catalogue", naming the field), then replaces the
 * action's links with them.
 */
export async function guardarVinculos(ctx: Ctx, accionId: string, diseno: Diseno, nuevo: boolean): Promise<void> {
  const errores: FieldError[] = [];
  const propios = async (tabla: string, ids: string[], campo: string, nombre: string) => {
    if (ids.length === 0) return;
    const [row]: Array<{ n: number }> = await ctx.manager.query(`SELECT count(*)::int AS n FROM ${tabla} WHERE entidad_id = $1 AND id = ANY ($2::uuid[])`, [
      ctx.entidadId,
      ids,
    ]);
    if (row.n !== ids.length) errores.push({ campo, mensaje: `elija ${nombre} del catálogo de su entidad` });
  };
  await propios('unidad_organica', diseno.unidadId ? [diseno.unidadId] : [], 'unidadId', 'una unidad orgánica');
  await propios('sede', diseno.sedeIds, 'sedeIds', 'sedes');
  await propios('servicio', diseno.servicioIds, 'servicioIds', 'servicios');
  await propios('tema', diseno.temaIds, 'temaIds', 'temas');
  let reclamoIds: string[] = [];
  if (diseno.reclamos.length > 0) {
    const rows: Array<{ id: string; codigo: string }> = await ctx.manager.query(`SELECT id, codigo FROM reclamo WHERE entidad_id = $1 AND codigo = ANY ($2::text[])`, [
      ctx.entidadId,
      diseno.reclamos,
    ]);
    const encontrados = new Set(rows.map((r) => r.codigo));
    const faltan = diseno.reclamos.filter((c) => !encontrados.has(c));
    if (faltan.length > 0) errores.push({ campo: 'reclamos', mensaje: `no hay reclamos de su entidad con ${faltan.length === 1 ? 'el código' : 'los códigos'} ${faltan.join(', ')}` });
    reclamoIds = rows.map((r) => r.id);
  }
  throwIfInvalid(errores);
  if (!nuevo) {
    await ctx.manager.query(`DELETE FROM accion_mejora_vinculo WHERE accion_id = $1`, [accionId]);
    await ctx.manager.query(`DELETE FROM accion_mejora_reclamo WHERE accion_id = $1`, [accionId]);
  }
  await ctx.manager.query(
    `INSERT INTO accion_mejora_vinculo (accion_id, sede_id, servicio_id, tema_id)
     SELECT $1::uuid, s, NULL::uuid, NULL::uuid FROM unnest($2::uuid[]) s
     UNION ALL SELECT $1::uuid, NULL::uuid, v, NULL::uuid FROM unnest($3::uuid[]) v
     UNION ALL SELECT $1::uuid, NULL::uuid, NULL::uuid, t FROM unnest($4::uuid[]) t`,
    [accionId, diseno.sedeIds, diseno.servicioIds, diseno.temaIds],
  );
  if (reclamoIds.length > 0) {
    await ctx.manager.query(`INSERT INTO accion_mejora_reclamo (accion_id, reclamo_id) SELECT $1, unnest($2::uuid[])`, [accionId, reclamoIds]);
  }
}
