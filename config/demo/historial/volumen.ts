import { semillaDe } from './azar';

/**
 * How many reclamos an entity of the demo receives in the year: the ministry whose figures the demo shows
 * (MINEDU) the most, the two other entities with demo accounts (SUNAT, MML) several hundred, the rest by
 * kind of entity, ±25 % so no two look alike. About 5,000 in all.
 */
export function reclamosDelAnio(entidad: { codigo: string; tipo: string }): number {
  const propios: Readonly<Record<string, number>> = { MINEDU: 1400, SUNAT: 650, MML: 450 };
  if (propios[entidad.codigo] !== undefined) return propios[entidad.codigo];
  const porTipo: Readonly<Record<string, number>> = {
    ministerio: 110,
    organismo_publico: 120,
    ffaa_policia: 80,
    gobierno_regional: 60,
    municipalidad_provincial: 70,
    municipalidad_distrital: 45,
    universidad: 40,
    empresa_estado: 80,
  };
  const variacion = 0.75 + (semillaDe(entidad.codigo) % 1000) / 2000;
  return Math.round((porTipo[entidad.tipo] ?? 40) * variacion);
}
