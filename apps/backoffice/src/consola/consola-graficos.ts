import { RangoDistribucion, TramoEnVista } from '@app/adopcion';
// The figures' drawing core (Vega-Lite → SVG, one accessible image per chart), shared with /cifras and /estadisticas.
import { dibujar, Grafico } from '@app/medicion/graficos';

export type { Grafico };

const COLOR = { implementado: '#2e7d32', enProceso: '#b26a00', noIniciado: '#6b6b6b', linea: '#1d4f91', limite: '#b3261e', barra: '#1d4f91' };
const TRAMO_COLORES = ['#1d4f91', '#2e7d32', '#8a1538', '#b26a00', '#5b3f8c', '#00687a', '#6b6b6b'];
const ANCHO = 560;
const MES_ES = "['ene','feb','mar','abr','may','jun','jul','ago','set','oct','nov','dic'][utcmonth(datum.value)] + ' ' + utcyear(datum.value)";

export function fechaCorta(fecha: string): string {
  return `${fecha.slice(8, 10)}/${fecha.slice(5, 7)}/${fecha.slice(0, 4)}`;
}

const etiquetaTramo = (numero: number) => `Tramo ${numero}`;

/** The time axis of the adoption charts: one label every few months (about six in all), each a month and its year, in UTC. */
function ejeDeMeses(fechas: readonly string[]) {
  const meses = fechas.map((f) => Number(f.slice(0, 4)) * 12 + Number(f.slice(5, 7)) - 1);
  const span = meses.length === 0 ? 0 : Math.max(...meses) - Math.min(...meses);
  return {
    field: 'fecha',
    type: 'temporal' as const,
    scale: { type: 'utc' as const },
    title: null,
    axis: { labelExpr: MES_ES, labelAngle: -45, tickCount: { interval: 'month' as const, step: Math.max(1, Math.ceil(span / 6)) } },
  };
}

/** Entities per state in each tramo: one stacked bar per tramo. */
export function graficoEstadosPorTramo(tramos: readonly TramoEnVista[]): Promise<Grafico> {
  const serie = ['Implementado', 'En proceso', 'No iniciado'];
  const valores = tramos.flatMap((t) => [
    { tramo: etiquetaTramo(t.numero), orden: t.numero, estado: 'Implementado', n: t.porEstado.implementado, o: 1 },
    { tramo: etiquetaTramo(t.numero), orden: t.numero, estado: 'En proceso', n: t.porEstado.en_proceso, o: 2 },
    { tramo: etiquetaTramo(t.numero), orden: t.numero, estado: 'No iniciado', n: t.porEstado.no_iniciado, o: 3 },
  ]);
  const descripcion =
    tramos.length === 0
      ? 'No hay tramos registrados.'
      : `Una barra por tramo con sus entidades implementadas, en proceso y no iniciadas: ${tramos
          .map((t) => `${etiquetaTramo(t.numero)}, ${t.porEstado.implementado} de ${t.entidades} implementadas`)
          .join('; ')}. Los números están en la tabla siguiente.`;
  return dibujar('g-estados', 'Entidades por estado de adopción en cada tramo', descripcion, {
    width: ANCHO - 160,
    height: { step: 30 },
    data: { values: valores },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'tramo', type: 'nominal', sort: { field: 'orden' }, title: null },
      x: { field: 'n', type: 'quantitative', title: 'Entidades', axis: { tickMinStep: 1, format: 'd' } },
      color: {
        field: 'estado',
        type: 'nominal',
        title: null,
        sort: serie,
        scale: { domain: serie, range: [COLOR.implementado, COLOR.enProceso, COLOR.noIniciado] },
      },
      order: { field: 'o' },
    },
  });
}

/** Every tramo's share of entities implementado, month by month, with each tramo's deadline as a dashed line. */
export function graficoEvolucionTramos(tramos: readonly TramoEnVista[], hoy: string): Promise<Grafico> {
  const nombres = tramos.map((t) => etiquetaTramo(t.numero));
  // The legend wraps in rows of four, so many tramos never widen the drawing (it would shrink on a phone).
  const color = {
    field: 'tramo',
    type: 'nominal' as const,
    title: null,
    sort: nombres,
    scale: nombres.length <= TRAMO_COLORES.length ? { domain: nombres, range: TRAMO_COLORES.slice(0, Math.max(nombres.length, 1)) } : { domain: nombres, scheme: 'tableau20' },
    legend: { columns: 4 },
  };
  const puntos = tramos.flatMap((t) => t.evolucion.map((p) => ({ tramo: etiquetaTramo(t.numero), fecha: p.corte, pct: p.pct ?? 0 })));
  const limites = tramos.map((t) => ({ tramo: etiquetaTramo(t.numero), fecha: t.fechaLimite }));
  const descripcion =
    tramos.length === 0
      ? 'No hay tramos registrados.'
      : `Porcentaje acumulado de entidades implementadas por mes hasta el ${fechaCorta(hoy)}, una línea por tramo; la línea discontinua del mismo color marca su fecha límite. ${tramos
          .map((t) => `${etiquetaTramo(t.numero)}: ${t.implementadoPct ?? 0} % hoy, fecha límite ${fechaCorta(t.fechaLimite)}`)
          .join('; ')}. Los números están en la tabla siguiente.`;
  return dibujar('g-evolucion', 'Adopción en el tiempo por tramo: % de entidades implementadas', descripcion, {
    width: ANCHO - 80,
    height: 220,
    layer: [
      {
        data: { values: puntos },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2.5 },
        encoding: {
          x: ejeDeMeses([...puntos.map((p) => p.fecha), ...limites.map((l) => l.fecha)]),
          y: { field: 'pct', type: 'quantitative', title: '% implementadas', scale: { domain: [0, 100] } },
          color,
        },
      },
      {
        data: { values: limites },
        mark: { type: 'rule', strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { x: { field: 'fecha', type: 'temporal', scale: { type: 'utc' } }, color },
      },
    ],
  });
}

/** One tramo: entities implementado (cumulative) against its deadline and its number of entities. */
export function graficoEvolucionTramo(tramo: TramoEnVista, implementadoEl: ReadonlyArray<string | null>, hoy: string): Promise<Grafico> {
  // A step on each day an entity reached its last step (the table beside it sums them by month).
  const fechas = implementadoEl.filter((f): f is string => f !== null && f <= hoy).sort();
  const inicio = fechas[0] !== undefined && fechas[0] < tramo.fechaInicio ? fechas[0] : tramo.fechaInicio;
  const puntos = [
    { fecha: inicio, n: 0 },
    ...fechas.map((fecha, i) => ({ fecha, n: i + 1 })),
    { fecha: hoy, n: fechas.length },
  ];
  const alLimite =
    tramo.implementadosAlLimite === null
      ? `la fecha límite, ${fechaCorta(tramo.fechaLimite)}, aún no llega`
      : `a su fecha límite, ${fechaCorta(tramo.fechaLimite)}, había ${tramo.implementadosAlLimite}`;
  const descripcion = `Entidades implementadas acumuladas, día a día, hasta el ${fechaCorta(hoy)}: hoy ${tramo.porEstado.implementado} de ${tramo.entidades}; ${alLimite}. La línea vertical roja marca la fecha límite y la horizontal, el total de entidades del tramo. Los números están en la tabla siguiente.`;
  const x = ejeDeMeses([...puntos.map((p) => p.fecha), tramo.fechaLimite]);
  return dibujar('g-evolucion', `Adopción en el tiempo: entidades implementadas en el ${etiquetaTramo(tramo.numero)}`, descripcion, {
    width: ANCHO - 80,
    height: 220,
    layer: [
      {
        data: { values: puntos },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2.5, color: COLOR.linea },
        encoding: { x, y: { field: 'n', type: 'quantitative', title: 'Entidades implementadas', scale: { domainMin: 0, domainMax: Math.max(tramo.entidades, 1) }, axis: { tickMinStep: 1, format: 'd' } } },
      },
      {
        data: { values: [{ fecha: tramo.fechaLimite, texto: 'Fecha límite' }] },
        layer: [
          { mark: { type: 'rule', color: COLOR.limite, strokeWidth: 2, strokeDash: [6, 4] }, encoding: { x } },
          { mark: { type: 'text', color: COLOR.limite, align: 'right', dx: -4, dy: 8, baseline: 'top', fontSize: 12 }, encoding: { x, y: { value: 0 }, text: { field: 'texto' } } },
        ],
      },
      {
        data: { values: [{ n: tramo.entidades, texto: `Entidades del tramo: ${tramo.entidades}` }] },
        layer: [
          { mark: { type: 'rule', color: COLOR.noIniciado, strokeDash: [2, 3] }, encoding: { y: { field: 'n', type: 'quantitative' } } },
          { mark: { type: 'text', align: 'left', dx: 4, dy: -8, x: 0, fontSize: 12, color: '#1f1f1f' }, encoding: { y: { field: 'n', type: 'quantitative' }, text: { field: 'texto' } } },
        ],
      },
    ],
  });
}

/** How many ranked entities fall in each tenth of "% notified within the legal term". */
export function graficoDistribucionEnPlazo(rangos: readonly RangoDistribucion[]): Promise<Grafico> {
  const total = rangos.reduce((s, r) => s + r.entidades, 0);
  const mayor = [...rangos].sort((a, b) => b.entidades - a.entidades)[0];
  const descripcion =
    total === 0
      ? 'Ninguna entidad tiene casos suficientes para el ranking en este periodo.'
      : `${total} entidades del ranking repartidas por su porcentaje de respuestas notificadas en el plazo legal, en tramos de 10 puntos; el tramo con más entidades es «${mayor.etiqueta}», con ${mayor.entidades}. Los números están en la tabla siguiente.`;
  return dibujar('g-distribucion', 'Distribución de las entidades según su % de respuestas en el plazo legal', descripcion, {
    width: ANCHO - 80,
    height: 200,
    data: { values: rangos.map((r) => ({ rango: `${r.desde}–${r.desde === 90 ? 100 : r.hasta}`, orden: r.desde, n: r.entidades })) },
    mark: { type: 'bar', color: COLOR.barra },
    encoding: {
      x: { field: 'rango', type: 'ordinal', sort: { field: 'orden' }, title: '% de respuestas notificadas en el plazo legal', axis: { labelAngle: 0 } },
      y: { field: 'n', type: 'quantitative', title: 'Entidades', axis: { tickMinStep: 1, format: 'd' } },
    },
  });
}
