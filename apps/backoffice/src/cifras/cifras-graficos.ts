import * as vega from 'vega';
import * as vl from 'vega-lite';
import { CifrasEntidad, Desglose } from '@app/medicion';

/** A chart as the page shows it: an SVG drawn on the server, named and described for screen readers. */
export interface Grafico {
  readonly id: string;
  readonly titulo: string;
  readonly descripcion: string;
  readonly svg: string;
}

const MESES = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'set', 'oct', 'nov', 'dic'];
const COLOR = { recibidos: '#1d4f91', enPlazo: '#2e7d32', fuera: '#b3261e' };
const ANCHO = 560;

// ARIA off inside the drawing: its marks would otherwise be announced one by one; the SVG is one image
// with a title and a description, and the table beside it carries every number.
const CONFIG: vl.TopLevelSpec['config'] = {
  aria: false,
  font: 'Noto Sans, Arial, sans-serif',
  axis: { labelFontSize: 12, titleFontSize: 12, labelLimit: 180 },
  legend: { labelFontSize: 12, titleFontSize: 12, orient: 'bottom', labelLimit: 0 },
  view: { stroke: null },
};

function escapar(texto: string): string {
  return texto.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Vega-Lite → Vega → SVG text, headless (no canvas, no DOM). */
async function dibujar(id: string, titulo: string, descripcion: string, spec: vl.TopLevelSpec): Promise<Grafico> {
  const view = new vega.View(vega.parse(vl.compile({ ...spec, config: CONFIG }).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    // One image for assistive technology, named by its <title> and described by its <desc>: the roles Vega
    // gives its groups and marks are taken out (the table beside the chart carries every number), and the
    // drawing scales down to a phone's width.
    const inicio = svg.indexOf('>') + 1;
    const dibujo = svg.slice(inicio).replace(/ (role|aria-[a-z]+)="[^"]*"/g, '');
    const raiz = svg
      .slice(0, inicio)
      .replace(/ (role|aria-[a-z]+)="[^"]*"/g, '')
      .replace(/^<svg /, `<svg role="img" aria-labelledby="${id}-titulo" aria-describedby="${id}-desc" focusable="false" class="chart" `);
    const svgAccesible = `${raiz}<title id="${id}-titulo">${escapar(titulo)}</title><desc id="${id}-desc">${escapar(descripcion)}</desc>${dibujo}`;
    return { id, titulo, descripcion, svg: svgAccesible };
  } finally {
    view.finalize();
  }
}

export function mesCorto(mes: string): string {
  return `${MESES[Number(mes.slice(5, 7)) - 1]} ${mes.slice(0, 4)}`;
}

function barrasDe(id: string, titulo: string, filas: readonly Desglose[], nombre: string): Promise<Grafico> {
  const mayor = filas[0];
  const descripcion =
    filas.length === 0
      ? `Sin reclamos en el periodo por ${nombre}.`
      : `Reclamos recibidos por ${nombre}: ${filas.length} ${filas.length === 1 ? 'valor' : 'valores'}; el mayor, ${mayor.etiqueta}, con ${mayor.recibidos}. Los números están en la tabla siguiente.`;
  return dibujar(id, titulo, descripcion, {
    width: ANCHO - 220,
    height: { step: 26 },
    data: { values: filas.map((f) => ({ etiqueta: f.etiqueta, recibidos: f.recibidos })) },
    mark: { type: 'bar', color: COLOR.recibidos },
    encoding: {
      y: { field: 'etiqueta', type: 'nominal', sort: null, title: null },
      x: { field: 'recibidos', type: 'quantitative', title: 'Reclamos recibidos', axis: { tickMinStep: 1, format: 'd' } },
    },
  });
}

/**
 * The page's charts, each from the same numbers as the table beside it: the monthly trend (received
 * against notified within the legal term), the on-time share, and the breakdowns by aspecto, unidad and sede.
 */
export async function graficosDe(c: CifrasEntidad): Promise<{ tendencia: Grafico; enPlazo: Grafico; aspecto: Grafico; unidad: Grafico; sede: Grafico }> {
  const serie = c.porMes.flatMap((p) => [
    { mes: mesCorto(p.mes), orden: p.mes, serie: 'Recibidos', n: p.recibidos },
    { mes: mesCorto(p.mes), orden: p.mes, serie: 'Notificados en el plazo legal', n: p.notificadosEnPlazoLegal },
  ]);
  const r = c.resumen;
  const fuera = r.notificados - r.notificadosEnPlazoLegal;
  const [tendencia, enPlazo, aspecto, unidad, sede] = await Promise.all([
    dibujar(
      'g-tendencia',
      'Reclamos recibidos y notificados en el plazo legal, por mes',
      `Dos barras por mes, de ${mesCorto(c.porMes[0]?.mes ?? c.periodo.desde.slice(0, 7))} a ${mesCorto(c.porMes[c.porMes.length - 1]?.mes ?? c.periodo.hasta.slice(0, 7))}: ${r.recibidos} recibidos y ${r.notificadosEnPlazoLegal} notificados en el plazo legal en total. Los números están en la tabla siguiente.`,
      {
        width: ANCHO - 80,
        height: 200,
        data: { values: serie },
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'mes', type: 'ordinal', sort: { field: 'orden' }, title: null, axis: { labelAngle: -45 } },
          xOffset: { field: 'serie', sort: ['Recibidos', 'Notificados en el plazo legal'] },
          y: { field: 'n', type: 'quantitative', title: 'Reclamos', axis: { tickMinStep: 1, format: 'd' } },
          color: {
            field: 'serie',
            type: 'nominal',
            title: null,
            sort: ['Recibidos', 'Notificados en el plazo legal'],
            scale: { domain: ['Recibidos', 'Notificados en el plazo legal'], range: [COLOR.recibidos, COLOR.enPlazo] },
          },
        },
      },
    ),
    dibujar(
      'g-en-plazo',
      'Respuestas notificadas dentro y fuera del plazo legal',
      r.notificados === 0
        ? 'Ninguna respuesta notificada en el periodo.'
        : `De ${r.notificados} respuestas notificadas, ${r.notificadosEnPlazoLegal} (${r.enPlazoLegalPct ?? 0} %) dentro del plazo legal de 30 días hábiles y ${fuera} fuera de él.`,
      {
        width: ANCHO - 40,
        height: 40,
        data: {
          values: [
            { tramo: 'Dentro del plazo legal', n: r.notificadosEnPlazoLegal, orden: 1 },
            { tramo: 'Fuera del plazo legal', n: fuera, orden: 2 },
          ],
        },
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'n', type: 'quantitative', stack: 'normalize', title: 'Proporción de respuestas notificadas', axis: { format: '%' } },
          color: {
            field: 'tramo',
            type: 'nominal',
            title: null,
            scale: { domain: ['Dentro del plazo legal', 'Fuera del plazo legal'], range: [COLOR.enPlazo, COLOR.fuera] },
          },
          order: { field: 'orden' },
        },
      },
    ),
    barrasDe('g-aspecto', 'Reclamos recibidos por aspecto', c.porAspecto, 'aspecto'),
    barrasDe('g-unidad', 'Reclamos recibidos por unidad orgánica', c.porUnidad, 'unidad orgánica'),
    barrasDe('g-sede', 'Reclamos recibidos por sede', c.porSede, 'sede'),
  ]);
  return { tendencia, enPlazo, aspecto, unidad, sede };
}
