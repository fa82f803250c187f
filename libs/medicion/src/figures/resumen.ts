import { Contadores, CONTADORES } from '../rollup/contadores';
import { porcentaje } from './periodo';
import { ResumenCifras } from './cifras';

function media(suma: number, n: number): number | null {
  return n === 0 ? null : Math.round((suma * 10) / n) / 10;
}

/** Counters as pg returns them (bigint sums arrive as text, or null when no row matched). */
export function contadoresDe(row: Record<string, unknown> | undefined): Contadores {
  const c = {} as Contadores;
  for (const k of CONTADORES) c[k] = Number(row?.[k] ?? 0);
  return c;
}

/** The figures of a period from its summed counters and the median of business days. */
export function resumenDe(c: Contadores, mediana: number | null): ResumenCifras {
  return {
    recibidos: c.recibidos,
    notificados: c.notificados,
    notificadosEnPlazoLegal: c.notificados_en_plazo_legal,
    enPlazoLegalPct: porcentaje(c.notificados_en_plazo_legal, c.notificados),
    notificadosEnMeta: c.notificados_en_meta,
    enMetaPct: porcentaje(c.notificados_en_meta, c.notificados),
    diasHabilesMedia: media(c.dias_habiles_suma, c.notificados),
    diasHabilesMediana: mediana,
    reconducidos: c.reconducidos,
    trasladados: c.trasladados,
    anulados: c.anulados,
    subsanaciones: { pedidas: c.subsanaciones_pedidas, respondidas: c.subsanaciones_respondidas, vencidas: c.subsanaciones_vencidas },
    satisfaccion: {
      encuestas: c.encuestas,
      tasaRespuesta: porcentaje(c.encuestas, c.notificados),
      general: media(c.satisfaccion_suma, c.encuestas),
      rapidez: media(c.rapidez_suma, c.encuestas),
      claridad: media(c.claridad_suma, c.encuestas),
      trato: media(c.trato_suma, c.encuestas),
      resueltoPct: porcentaje(c.resueltos, c.encuestas),
      resueltoEnPartePct: porcentaje(c.resueltos_en_parte, c.encuestas),
    },
  };
}
