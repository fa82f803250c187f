import { EstadoReclamo, ESTADOS_ABIERTOS } from '../reclamo/estado';

/**
 * How long an entity keeps the personal data of a closed reclamo, in calendar months counted from the
 * move that closed it (domain README: Ley 29733 — use personal data only to handle the case, and so not
 * keep it once the case no longer needs it: its art. 8 principle of proportionality and the duty to
 * delete data no longer needed for the purpose they were collected for).
 *
 * **The floor, 24 months [believed law, by analogy; not settled for public entities].** Neither D.S.
 * N° 007-2020-PCM nor the Norma Técnica N° 001-2021-PCM-SGP, as the domain README reads them, sets how long
 * an entity must keep its hojas. The nearest rule found is the consumer-protection book's regulation
 * (D.S. N° 011-2011-PCM, Reglamento del Libro de Reclamaciones del Código de Protección y Defensa del
 * Consumidor), which has the provider keep each hoja for **at least two years** from its filing; we take
 * those two years as the floor, counted from closing (later than filing, so never shorter). An entity's own
 * archive rules (Ley 25323, Sistema Nacional de Archivos, and the entity's *Programa de Control de
 * Documentos Archivísticos* with its retention table) may ask for longer: that is why the period is
 * configurable above the floor, never below. Have the floor confirmed by the SGP's legal team.
 */
export const RETENCION_MINIMA_MESES = 24;
/** A sanity ceiling (100 years): above it a typing error is likelier than a policy. */
export const RETENCION_MAXIMA_MESES = 1200;

/** The states in which a reclamo is closed (its handling ended): everything the deadline no longer runs for. */
export const ESTADOS_CERRADOS: readonly EstadoReclamo[] = Object.values(EstadoReclamo).filter((e) => !ESTADOS_ABIERTOS.includes(e));

/** Why a retention period typed by a person is refused, in Spanish naming the field; null when it is valid. */
export function problemaDeRetencion(campo: string, valor: unknown): { campo: string; mensaje: string } | null {
  if (typeof valor !== 'number' || !Number.isInteger(valor)) return { campo, mensaje: 'indique un número entero de meses' };
  if (valor < RETENCION_MINIMA_MESES) {
    return { campo, mensaje: `no puede ser menor que ${RETENCION_MINIMA_MESES} meses (el mínimo de conservación de las hojas de reclamación)` };
  }
  if (valor > RETENCION_MAXIMA_MESES) return { campo, mensaje: `no puede ser mayor que ${RETENCION_MAXIMA_MESES} meses` };
  return null;
}
