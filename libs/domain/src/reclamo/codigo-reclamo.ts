/**
 * The human-readable code of a reclamo: ENTITY-YEAR-CORRELATIVE, e.g. MINEDU-2026-000123.
 * The correlative is per entity and year and has no gaps (a book's numbered pages);
 * the database hands it out, this module only formats and parses it.
 */
const CODE_PATTERN = /^([A-Z0-9]{2,20})-(\d{4})-(\d{6,})$/;

export interface CodigoReclamoPartes {
  entidad: string;
  anio: number;
  correlativo: number;
}

export function formatCodigoReclamo({ entidad, anio, correlativo }: CodigoReclamoPartes): string {
  return `${entidad}-${anio}-${String(correlativo).padStart(6, '0')}`;
}

export function parseCodigoReclamo(codigo: string): CodigoReclamoPartes | null {
  const match = CODE_PATTERN.exec(codigo.trim().toUpperCase());
  if (!match) return null;
  return { entidad: match[1], anio: Number(match[2]), correlativo: Number(match[3]) };
}
