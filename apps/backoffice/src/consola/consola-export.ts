import { COMPONENTE_ETIQUETAS, FilaRanking, PASO_ETIQUETAS, PASOS_ADOPCION, Ranking, VistaTramo } from '@app/adopcion';
import { TablaCifras } from '@app/medicion';

export { xlsxDe } from '@app/medicion';

// The cell of the shared tables (@app/medicion); the console's own tables hold no dates.
type Celda = string | number | Date | null;

const NIVEL_ETIQUETAS: Readonly<Record<string, string>> = { nacional: 'Nacional', regional: 'Regional', local: 'Local' };

export function nivelEtiqueta(nivel: string): string {
  return NIVEL_ETIQUETAS[nivel] ?? nivel;
}

/** A tramo's view as tables: the tramo, its entities with every step's date, and the monthly evolution. */
export function tablasDeTramo(v: VistaTramo): TablaCifras[] {
  const t = v.tramo;
  return [
    {
      nombre: 'Tramo',
      columnas: ['Dato', 'Valor'],
      filas: [
        ['Tramo', `${t.numero}: ${t.nombre}`],
        ['Fecha de inicio (Lima)', t.fechaInicio],
        ['Fecha límite (Lima, incluida)', t.fechaLimite],
        ['Datos al (fecha de Lima)', v.fecha],
        ['Entidades', t.entidades],
        ['Implementadas', t.porEstado.implementado],
        ['En proceso', t.porEstado.en_proceso],
        ['No iniciadas', t.porEstado.no_iniciado],
        ['% implementadas', t.implementadoPct],
        ['Días calendario para la fecha límite', t.plazo.diasParaLimite],
        ['Días calendario desde la fecha límite', t.plazo.diasVencido],
        ['Implementadas a la fecha límite', t.implementadosAlLimite],
        ['Entidades atrasadas', t.atrasadas],
      ],
    },
    {
      nombre: 'Entidades',
      columnas: [
        'Código',
        'Entidad',
        'Tipo',
        'Nivel de gobierno',
        'Sector',
        'Departamento',
        'Estado',
        ...PASOS_ADOPCION.map((p) => PASO_ETIQUETAS[p]),
        'Implementada el',
        'Días de retraso (calendario)',
        'Pasos faltantes',
      ],
      filas: v.entidades.map((e): Celda[] => [
        e.codigo,
        e.nombre,
        e.tipoEtiqueta,
        nivelEtiqueta(e.nivelGobierno),
        e.sector,
        e.departamento,
        e.estadoEtiqueta,
        ...e.pasos.map((p) => p.fecha),
        e.implementadoEl,
        e.diasDeRetraso,
        e.pasosFaltantes.join('; '),
      ]),
    },
    {
      nombre: 'Evolución',
      columnas: ['Mes', 'Contado hasta (fecha de Lima)', 'Implementadas (acumulado)', '% de las entidades del tramo'],
      filas: t.evolucion.map((p): Celda[] => [p.mes, p.corte, p.implementados, p.pct]),
    },
  ];
}

const COLUMNAS_RANKING = [
  'Puesto',
  'Código',
  'Entidad',
  'Tramo',
  'Sector',
  'Nivel de gobierno',
  'Departamento',
  'Recibidos',
  'Notificados',
  'Notificados en el plazo legal',
  '% en el plazo legal',
  'Mediana de días hábiles hasta la notificación',
  'Vencidos hoy',
  '% vencidos',
  'Encuestas',
  'Satisfacción general (1 a 5)',
  COMPONENTE_ETIQUETAS.enPlazo,
  COMPONENTE_ETIQUETAS.rapidez,
  COMPONENTE_ETIQUETAS.sinVencidos,
  COMPONENTE_ETIQUETAS.satisfaccion,
  'Índice de calidad',
];

function filaRanking(f: FilaRanking): Celda[] {
  return [
    f.puesto ?? 'sin casos suficientes',
    f.codigo,
    f.nombre,
    f.tramo,
    f.sector,
    nivelEtiqueta(f.nivelGobierno),
    f.departamento,
    f.recibidos,
    f.notificados,
    f.notificadosEnPlazoLegal,
    f.enPlazoLegalPct,
    f.diasHabilesMediana,
    f.vencidosHoy,
    f.vencidosPct,
    f.encuestas,
    f.satisfaccionMedia,
    f.componentes.enPlazo,
    f.componentes.rapidez,
    f.componentes.sinVencidos,
    f.componentes.satisfaccion,
    f.indice,
  ];
}

/** The ranking as tables: ranked, «sin casos suficientes», and the formula with the period and filters. */
export function tablasDeRanking(r: Ranking): TablaCifras[] {
  const filtros = Object.entries(r.filtros).map(([k, v]) => `${k}=${String(v)}`);
  return [
    { nombre: 'Ranking', columnas: COLUMNAS_RANKING, filas: r.ranking.map(filaRanking) },
    { nombre: 'Sin casos suficientes', columnas: COLUMNAS_RANKING, filas: r.sinCasosSuficientes.map(filaRanking) },
    {
      nombre: 'Fórmula',
      columnas: ['Dato', 'Valor'],
      filas: [
        ['Periodo', `${r.periodo.clave} (del ${r.periodo.desde} al ${r.periodo.hasta}, fechas de Lima)`],
        ['Filtros', filtros.length > 0 ? filtros.join('; ') : 'ninguno'],
        ['Vencidos contados al (fecha de Lima)', r.fecha],
        ['Mínimo de respuestas notificadas para entrar al ranking', r.minimoNotificados],
        ...r.formula.map((linea, i): Celda[] => [`Regla ${i + 1}`, linea]),
      ],
    },
  ];
}

/** RFC 4180 field; a leading =, +, - or @ is neutralised so a spreadsheet never runs it as a formula. */
function campo(value: Celda): string {
  let text = value === null ? '' : value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One table as a CSV with a header row (UTF-8 with BOM, CRLF, for Excel's sake). */
export function csvDeTabla(t: TablaCifras): string {
  const lineas = [t.columnas.map(campo).join(','), ...t.filas.map((f) => f.map(campo).join(','))];
  return `\uFEFF${lineas.join('\r\n')}\r\n`;
}
