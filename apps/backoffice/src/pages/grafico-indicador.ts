import { IndicadorDetalle } from '@app/mejora';

/**
 * The chart of one indicator, drawn on the server as SVG (it works without JavaScript): the
 * baseline, the four yearly targets and the platform-measured actuals on one time axis in years.
 * Lines differ by pattern and markers by shape, never by colour alone; the page shows the same
 * numbers in a table beside it, and the SVG carries a title and a description.
 *
 * Kept in this one module, with plain data in and a string out, so it can switch to the charting
 * library the figures page adopts (issue #11, branch `cifras`) without touching the page.
 */

// Small enough that its 14-unit text stays legible once a 360 px phone scales it down.
const ANCHO = 420;
const ALTO = 280;
const M = { izq: 44, der: 10, arr: 36, aba: 34 };

const escapar = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function numeroEs(valor: number): string {
  return valor.toLocaleString('es-PE', { maximumFractionDigits: 2 });
}

/** A round step for the y axis: 1, 2 or 5 × 10^n, about five ticks. */
function paso(max: number): number {
  const bruto = max / 5;
  const pot = 10 ** Math.floor(Math.log10(bruto));
  return [1, 2, 5, 10].map((k) => k * pot).find((p) => p >= bruto) ?? pot * 10;
}

export function graficoIndicador(indicador: IndicadorDetalle, id: string): string {
  const base = indicador.lineaBaseAnio;
  const x0 = base;
  const x1 = base + indicador.metas.length + 1;
  const lineaBase = Number(indicador.lineaBaseValor);
  const metas = indicador.metas.map((m) => ({ x: m.anio + 0.5, y: Number(m.valor) }));
  const reales = indicador.mediciones.filter((m) => m.valor !== null).map((m) => ({ x: m.posicion, y: m.valor as number }));
  const todos = [lineaBase, ...metas.map((m) => m.y), ...reales.map((r) => r.y)];
  const minimo = Math.min(0, ...todos);
  const maximoBruto = Math.max(...todos, 1);
  const p = paso(maximoBruto - minimo);
  const yMax = Math.ceil(maximoBruto / p) * p;
  const yMin = Math.floor(minimo / p) * p;
  const sx = (x: number) => M.izq + ((x - x0) / (x1 - x0)) * (ANCHO - M.izq - M.der);
  const sy = (y: number) => ALTO - M.aba - ((y - yMin) / (yMax - yMin || 1)) * (ALTO - M.arr - M.aba);
  const f = (n: number) => n.toFixed(1);

  const partes: string[] = [];
  // Grid and y ticks.
  for (let y = yMin; y <= yMax + p / 2; y += p) {
    partes.push(`<line x1="${M.izq}" x2="${ANCHO - M.der}" y1="${f(sy(y))}" y2="${f(sy(y))}" class="g-rejilla"/>`);
    partes.push(`<text x="${M.izq - 6}" y="${f(sy(y) + 4)}" text-anchor="end" class="g-eje">${escapar(numeroEs(y))}</text>`);
  }
  // Years on the x axis.
  for (let anio = x0; anio < x1; anio += 1) {
    partes.push(`<text x="${f(sx(anio + 0.5))}" y="${ALTO - M.aba + 18}" text-anchor="middle" class="g-eje">${anio}</text>`);
    partes.push(`<line x1="${f(sx(anio))}" x2="${f(sx(anio))}" y1="${M.arr}" y2="${ALTO - M.aba}" class="g-rejilla"/>`);
  }
  partes.push(`<line x1="${M.izq}" x2="${ANCHO - M.der}" y1="${ALTO - M.aba}" y2="${ALTO - M.aba}" class="g-ejes"/>`);
  // Baseline: a horizontal dotted reference and a square at its year.
  partes.push(`<line x1="${M.izq}" x2="${ANCHO - M.der}" y1="${f(sy(lineaBase))}" y2="${f(sy(lineaBase))}" class="g-base"/>`);
  partes.push(`<rect x="${f(sx(base + 0.5) - 5)}" y="${f(sy(lineaBase) - 5)}" width="10" height="10" class="g-base-punto"/>`);
  // Targets: dashed line, diamonds.
  if (metas.length > 0) {
    const puntos = [{ x: base + 0.5, y: lineaBase }, ...metas];
    partes.push(`<polyline points="${puntos.map((m) => `${f(sx(m.x))},${f(sy(m.y))}`).join(' ')}" class="g-meta"/>`);
    for (const m of metas) {
      const cx = sx(m.x);
      const cy = sy(m.y);
      partes.push(`<path d="M${f(cx)} ${f(cy - 6)} L${f(cx + 6)} ${f(cy)} L${f(cx)} ${f(cy + 6)} L${f(cx - 6)} ${f(cy)} Z" class="g-meta-punto"/>`);
    }
  }
  // Actuals: solid line, circles.
  if (reales.length > 0) {
    if (reales.length > 1) partes.push(`<polyline points="${reales.map((r) => `${f(sx(r.x))},${f(sy(r.y))}`).join(' ')}" class="g-real"/>`);
    for (const r of reales) partes.push(`<circle cx="${f(sx(r.x))}" cy="${f(sy(r.y))}" r="4" class="g-real-punto"/>`);
  }
  // Legend.
  partes.push(
    `<g class="g-leyenda" transform="translate(${M.izq},14)">` +
      `<rect x="0" y="-5" width="10" height="10" class="g-base-punto"/><text x="16" y="4">Línea de base</text>` +
      `<path d="M126 -6 L132 0 L126 6 L120 0 Z" class="g-meta-punto"/><text x="138" y="4">Meta</text>` +
      `<circle cx="196" cy="0" r="4" class="g-real-punto"/><text x="206" y="4">Valor medido</text></g>`,
  );

  const desc =
    `Línea de base ${base}: ${numeroEs(lineaBase)}. Metas: ${indicador.metas.map((m) => `${m.anio}: ${numeroEs(Number(m.valor))}`).join('; ')}. ` +
    (reales.length > 0 ? `Valores medidos en ${reales.length} periodos; el último, ${numeroEs(reales[reales.length - 1].y)}.` : 'Aún no hay valores medidos.') +
    ' Los mismos datos están en la tabla que sigue.';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${ANCHO} ${ALTO}" class="grafico" role="img" aria-labelledby="${id}-titulo ${id}-desc" focusable="false">` +
    `<title id="${id}-titulo">${escapar(`${indicador.denominacion} (${indicador.unidadMedida})`)}</title>` +
    `<desc id="${id}-desc">${escapar(desc)}</desc>${partes.join('')}</svg>`
  );
}
