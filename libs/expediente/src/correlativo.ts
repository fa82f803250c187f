import { EntityManager } from 'typeorm';

/**
 * The next page of an entity's book for a year, taken inside the caller's transaction: the
 * per-entity-and-year counter row stays locked until it commits, so a rolled-back filing gives
 * its number back (no gaps) and concurrent filings queue (no duplicates). Used by registro, by
 * physical-sheet transcription and by traslado.
 */
export async function nextCorrelativo(manager: EntityManager, entidadId: string, anio: number): Promise<number> {
  const rows: Array<{ ultimo: number }> = await manager.query(
    `INSERT INTO correlativo_reclamo (entidad_id, anio, ultimo) VALUES ($1, $2, 1)
     ON CONFLICT (entidad_id, anio) DO UPDATE SET ultimo = correlativo_reclamo.ultimo + 1
     RETURNING ultimo`,
    [entidadId, anio],
  );
  return rows[0].ultimo;
}

/**
 * A block of `cantidad` consecutive pages of an entity's book for a year, for a bulk load that opens many
 * reclamos in one transaction (the demo history); returns the first number. The counter row stays locked
 * until commit, as with nextCorrelativo, and the caller must use every number of the block in that same
 * transaction, or the book would have torn-out pages.
 */
export async function reservarCorrelativos(manager: EntityManager, entidadId: string, anio: number, cantidad: number): Promise<number> {
  const rows: Array<{ ultimo: number }> = await manager.query(
    `INSERT INTO correlativo_reclamo (entidad_id, anio, ultimo) VALUES ($1, $2, $3)
     ON CONFLICT (entidad_id, anio) DO UPDATE SET ultimo = correlativo_reclamo.ultimo + EXCLUDED.ultimo
     RETURNING ultimo`,
    [entidadId, anio, cantidad],
  );
  return rows[0].ultimo - cantidad + 1;
}
