import * as vega from 'vega';
import * as vl from 'vega-lite';

/**
 * The figures' charts, drawn as SVG text on the server (Vega-Lite → Vega → SVG, no canvas, no DOM, no JavaScript in
 * the browser): the back-office's /cifras and the citizen app's public /estadisticas draw with this same code.
 * A value may be null (withheld by the small-cell rule of the public figures): no bar is drawn for it, the
 * description says so, and the table beside the chart shows «<5».
 */

/** A chart as a page shows it: an SVG, named and described for screen readers. */
export interface Grafico {
  readonly id: string;
  readonly titulo: string;
  readonly descripcion: string;
  readonly svg: string;
}

/** A bar of a breakdown (aspecto, unidad, sede, canal, entidad…). */
export interface BarraGrafico {
  readonly etiqueta: string;
  readonly valor: number | null;
}

/** A month of the trend: received, and answers notified within the legal term. */
export interface PuntoGrafico {
  /** AAAA-MM */
  readonly mes: string;
  readonly recibidos: number | null;
  readonly notificadosEnPlazoLegal: number | null;
}

const MESES = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'set', 'oct', 'nov', 'dic'];
const COLOR = { recibidos: '#1d4f91', enPlazo: '#2e7d32', fuera: '#b3261e' };
const ANCHO = 560;
const SERIES = ['Recibidos', 'Notificados en el plazo legal'];
const TRAMOS = ['Dentro del plazo legal', 'Fuera del plazo legal'];

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

/** "2031-03" → "mar 2031". */
export function mesCorto(mes: string): string {
  return `${MESES[Number(mes.slice(5, 7)) - 1]} ${mes.slice(0, 4)}`;
}

/** A number for a sentence: a withheld one reads «menos de 5». */
function cifra(n: number | null): string {
  return n === null ? 'menos de 5' : String(n);
}

/** Vega-Lite → Vega → SVG text, headless (no canvas, no DOM). `id` prefixes the SVG's title and description ids. */
export async function dibujar(id: string, titulo: string, descripcion: string, spec: vl.TopLevelSpec): Promise<Grafico> {
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

/**
 * Horizontal bars of one breakdown, in the order given (the largest first, as the tables list them). `nombre`
 * names the dimension in the description ("aspecto"); `eje` titles the axis.
 */
export function graficoDeBarras(id: string, titulo: string, filas: readonly BarraGrafico[], nombre: string, eje = 'Reclamos recibidos'): Promise<Grafico> {
  const dibujadas = filas.filter((f): f is BarraGrafico & { valor: number } => f.valor !== null);
  const reservadas = filas.length - dibujadas.length;
  const mayor = dibujadas[0];
  const sinDibujar = reservadas === 0 ? '' : ` ${reservadas} ${reservadas === 1 ? 'valor no se dibuja' : 'valores no se dibujan'}: se reservan por tener menos de 5 casos o para no deducirlos.`;
  const descripcion =
    filas.length === 0
      ? `Sin reclamos en el periodo por ${nombre}.`
      : `${eje} por ${nombre}: ${filas.length} ${filas.length === 1 ? 'valor' : 'valores'}${mayor ? `; el mayor, ${mayor.etiqueta}, con ${mayor.valor}` : ''}.${sinDibujar} Los números están en la tabla siguiente.`;
  return dibujar(id, titulo, descripcion, {
    width: ANCHO - 220,
    height: { step: 26 },
    data: { values: dibujadas.map((f) => ({ etiqueta: f.etiqueta, valor: f.valor })) },
    mark: { type: 'bar', color: COLOR.recibidos },
    encoding: {
      y: { field: 'etiqueta', type: 'nominal', sort: null, title: null },
      x: { field: 'valor', type: 'quantitative', title: eje, axis: { tickMinStep: 1, format: 'd' } },
    },
  });
}

/** Two bars a month: received, and notified within the legal term; `totales` are the period's, for the description. */
export function graficoDeTendencia(
  id: string,
  puntos: readonly PuntoGrafico[],
  totales: { readonly recibidos: number | null; readonly notificadosEnPlazoLegal: number | null },
  periodo: { readonly desde: string; readonly hasta: string },
): Promise<Grafico> {
  const serie = puntos.flatMap((p) => [
    { mes: mesCorto(p.mes), orden: p.mes, serie: SERIES[0], n: p.recibidos },
    { mes: mesCorto(p.mes), orden: p.mes, serie: SERIES[1], n: p.notificadosEnPlazoLegal },
  ]);
  const reservados = serie.filter((s) => s.n === null).length;
  const primero = mesCorto(puntos[0]?.mes ?? periodo.desde.slice(0, 7));
  const ultimo = mesCorto(puntos[puntos.length - 1]?.mes ?? periodo.hasta.slice(0, 7));
  return dibujar(
    id,
    'Reclamos recibidos y notificados en el plazo legal, por mes',
    `Dos barras por mes, de ${primero} a ${ultimo}: ${cifra(totales.recibidos)} recibidos y ${cifra(totales.notificadosEnPlazoLegal)} notificados en el plazo legal en total.` +
      (reservados === 0 ? '' : ` ${reservados} ${reservados === 1 ? 'barra no se dibuja' : 'barras no se dibujan'}: se reservan por tener menos de 5 casos o para no deducirlos.`) +
      ' Los números están en la tabla siguiente.',
    {
      width: ANCHO - 80,
      height: 200,
      // A withheld month keeps its place on the axis, with no bar.
      data: { values: serie.map((s) => ({ ...s, n: s.n ?? undefined })) },
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'mes', type: 'ordinal', sort: { field: 'orden' }, title: null, axis: { labelAngle: -45 } },
        xOffset: { field: 'serie', sort: SERIES },
        y: { field: 'n', type: 'quantitative', title: 'Reclamos', axis: { tickMinStep: 1, format: 'd' } },
        color: { field: 'serie', type: 'nominal', title: null, sort: SERIES, scale: { domain: SERIES, range: [COLOR.recibidos, COLOR.enPlazo] } },
      },
    },
  );
}

/** One bar split into answers notified within and beyond the legal term; nothing drawn when the share is withheld. */
export function graficoEnPlazo(
  id: string,
  r: { readonly notificados: number | null; readonly notificadosEnPlazoLegal: number | null; readonly enPlazoLegalPct: number | null },
): Promise<Grafico> {
  const { notificados, notificadosEnPlazoLegal: legal } = r;
  const publicable = notificados !== null && legal !== null && r.enPlazoLegalPct !== null;
  const fuera = notificados !== null && legal !== null ? notificados - legal : 0;
  const descripcion =
    r.notificados === 0
      ? 'Ninguna respuesta notificada en el periodo.'
      : !publicable
        ? 'La proporción no se publica: se reserva por tener menos de 5 casos o para no deducir otra cifra.'
        : `De ${r.notificados} respuestas notificadas, ${r.notificadosEnPlazoLegal} (${r.enPlazoLegalPct} %) dentro del plazo legal de 30 días hábiles y ${fuera} fuera de él.`;
  return dibujar(id, 'Respuestas notificadas dentro y fuera del plazo legal', descripcion, {
    width: ANCHO - 40,
    height: 40,
    data: {
      values: publicable
        ? [
            { tramo: TRAMOS[0], n: legal, orden: 1 },
            { tramo: TRAMOS[1], n: fuera, orden: 2 },
          ]
        : [],
    },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'n', type: 'quantitative', stack: 'normalize', title: 'Proporción de respuestas notificadas', axis: { format: '%' } },
      color: { field: 'tramo', type: 'nominal', title: null, scale: { domain: TRAMOS, range: [COLOR.enPlazo, COLOR.fuera] } },
      order: { field: 'orden' },
    },
  });
}
