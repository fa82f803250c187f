import { Grafico, graficoDeBarras, graficoDeTendencia, graficoEnPlazo } from '@app/medicion/graficos';
import { CifrasEntidad, Desglose } from '@app/medicion';

export { mesCorto } from '@app/medicion/graficos';

const barras = (filas: readonly Desglose[]) => filas.map((f) => ({ etiqueta: f.etiqueta, valor: f.recibidos }));

/**
 * The page's charts, each from the same numbers as the table beside it: the monthly trend (received
 * against notified within the legal term), the on-time share, and the breakdowns by aspecto, unidad and sede.
 * Drawn by the figures' shared chart code (`@app/medicion/graficos`), as the public pages are.
 */
export async function graficosDe(c: CifrasEntidad): Promise<{ tendencia: Grafico; enPlazo: Grafico; aspecto: Grafico; unidad: Grafico; sede: Grafico }> {
  const r = c.resumen;
  const [tendencia, enPlazo, aspecto, unidad, sede] = await Promise.all([
    graficoDeTendencia('g-tendencia', c.porMes, r, c.periodo),
    graficoEnPlazo('g-en-plazo', r),
    graficoDeBarras('g-aspecto', 'Reclamos recibidos por aspecto', barras(c.porAspecto), 'aspecto'),
    graficoDeBarras('g-unidad', 'Reclamos recibidos por unidad orgánica', barras(c.porUnidad), 'unidad orgánica'),
    graficoDeBarras('g-sede', 'Reclamos recibidos por sede', barras(c.porSede), 'sede'),
  ]);
  return { tendencia, enPlazo, aspecto, unidad, sede };
}
