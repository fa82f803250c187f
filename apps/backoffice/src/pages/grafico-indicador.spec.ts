import { IndicadorDetalle } from '@app/mejora';
import { graficoIndicador } from './grafico-indicador';

const indicador: IndicadorDetalle = {
  id: 'i',
  denominacion: 'Reclamos <por> espera',
  unidadMedida: 'reclamos',
  frecuencia: 'anual',
  lineaBaseAnio: 2025,
  lineaBaseValor: '12.00',
  medioVerificacion: 'Reporte',
  ambitoMedicion: 'resultado',
  ambitoControl: 'calidad',
  fuente: 'reclamos_recibidos',
  sede: null,
  unidad: null,
  metas: [
    { anio: 2026, valor: '10.00' },
    { anio: 2027, valor: '8.00' },
    { anio: 2028, valor: '6.00' },
    { anio: 2029, valor: '5.00' },
  ],
  mediciones: [
    { clave: '2025', etiqueta: '2025', desde: '2025-01-01', hasta: '2025-12-31', anio: 2025, posicion: 2025.5, completo: true, valor: 12 },
    { clave: '2026', etiqueta: '2026', desde: '2026-01-01', hasta: '2026-12-31', anio: 2026, posicion: 2026.5, completo: false, valor: null },
  ],
};

describe('graficoIndicador', () => {
  it('draws an accessible SVG: a title, a description with the numbers, one marker per target and per measured value', () => {
    const svg = graficoIndicador(indicador, 'g1');
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="g1-titulo g1-desc"/);
    expect(svg).toContain('<title id="g1-titulo">Reclamos &lt;por&gt; espera (reclamos)</title>');
    expect(svg).toContain('Metas: 2026: 10; 2027: 8; 2028: 6; 2029: 5.');
    expect(svg.match(/class="g-meta-punto"/g)).toHaveLength(4 + 1); // four targets and the legend
    expect(svg.match(/<circle [^>]*class="g-real-punto"/g)).toHaveLength(1 + 1); // one measured value (the other is empty) and the legend
    expect(svg).not.toContain('NaN');
  });
});
