import type { CifraDeSerie, FiltrosCifras } from '@app/medicion';
import { Aspecto } from '@app/domain';
import { Fuente } from '../reglas/accion-mejora';

/**
 * The figure of the entity's figures (libs/medicion, the page /cifras) that a platform-measured
 * indicator follows, and its filters: the indicator shows for each period exactly what /cifras shows
 * for the same dates and filters. Plain data in and out; the use case asks libs/medicion.
 */
export function serieDeFuente(
  fuente: Fuente,
  alcance: { sedeId: string | null; unidadId: string | null },
): { cifra: CifraDeSerie; filtros: FiltrosCifras } {
  const filtros: { aspecto?: Aspecto; sedeId?: string; unidadId?: string } = {};
  if (alcance.sedeId) filtros.sedeId = alcance.sedeId;
  if (alcance.unidadId) filtros.unidadId = alcance.unidadId;
  if (fuente === 'reclamos_recibidos') return { cifra: 'recibidos', filtros };
  if (fuente === 'porcentaje_notificado_en_plazo') return { cifra: 'enPlazoLegalPct', filtros };
  if (fuente === 'satisfaccion_general') return { cifra: 'satisfaccionGeneral', filtros };
  return { cifra: 'recibidos', filtros: { ...filtros, aspecto: fuente.slice('reclamos_por_aspecto:'.length) as Aspecto } };
}
