import { ASPECTO_LABELS, Aspecto, FieldError, RolUsuario } from '@app/domain';

/**
 * The rules of an improvement action (Lineamientos de Mejora Continua, R.S.D. N° 009-2015-PCM/SD),
 * as plain TypeScript: phases and who moves them, the closed lists of an indicator, the series the
 * platform measures itself, and the checks of every field. No Nest, no SQL.
 */

export const FASES = ['diseno', 'aprobacion', 'implementacion', 'supervision', 'evaluacion'] as const;
export type Fase = (typeof FASES)[number];

export const FASE_LABELS: Readonly<Record<Fase, string>> = {
  diseno: 'Diseño',
  aprobacion: 'Aprobación',
  implementacion: 'Implementación',
  supervision: 'Supervisión',
  evaluacion: 'Evaluación',
};

export function isFase(value: unknown): value is Fase {
  return typeof value === 'string' && (FASES as readonly string[]).includes(value);
}

/** The one phase an action may move to from `fase`: forward, one step at a time; none after evaluación. */
export function siguienteFase(fase: Fase): Fase | null {
  const i = FASES.indexOf(fase);
  return i < FASES.length - 1 ? FASES[i + 1] : null;
}

export function isResponsableDelLibro(rol: RolUsuario): boolean {
  return rol === 'responsable_titular' || rol === 'responsable_alterno';
}

/**
 * Who moves an action out of `desde`. The responsables design it and submit it for approval, run
 * it, supervise it and evaluate it; leaving «aprobación» (approving it) belongs to the titular de la
 * entidad alone. Why: the domain README names the titular as the head who designates the
 * responsables and receives escalations, and the action commits the entity's budget (its costed
 * activities) and its units' work, which the responsables who designed it cannot approve for
 * themselves (the Lineamientos give approval to the entity's alta dirección).
 */
export function quienAvanza(desde: Fase): 'responsable' | 'titular_entidad' {
  return desde === 'aprobacion' ? 'titular_entidad' : 'responsable';
}

/** Why `rol` may not move the action out of `desde`, or null when it may. */
export function motivoSinPermisoParaAvanzar(rol: RolUsuario, desde: Fase): string | null {
  if (quienAvanza(desde) === 'titular_entidad') {
    return rol === 'titular_entidad' ? null : 'Solo el titular de la entidad aprueba una acción de mejora.';
  }
  return isResponsableDelLibro(rol) ? null : 'Solo el responsable del libro de reclamaciones hace avanzar esta fase.';
}

/** The design (problem, analysis, activities, indicators) is what gets approved: it changes only in «diseño». */
export function admiteCambiosDeDiseno(fase: Fase): boolean {
  return fase === 'diseno';
}

/** Progress is reported once the approved action runs. */
export function admiteAvances(fase: Fase): boolean {
  return fase === 'implementacion' || fase === 'supervision' || fase === 'evaluacion';
}

export const FRECUENCIAS = ['mensual', 'trimestral', 'semestral', 'anual'] as const;
export type Frecuencia = (typeof FRECUENCIAS)[number];
export const FRECUENCIA_LABELS: Readonly<Record<Frecuencia, string>> = { mensual: 'Mensual', trimestral: 'Trimestral', semestral: 'Semestral', anual: 'Anual' };

export const AMBITOS_MEDICION = ['insumo', 'proceso', 'producto', 'resultado'] as const;
export type AmbitoMedicion = (typeof AMBITOS_MEDICION)[number];
export const AMBITO_MEDICION_LABELS: Readonly<Record<AmbitoMedicion, string>> = { insumo: 'Insumo', proceso: 'Proceso', producto: 'Producto', resultado: 'Resultado' };

export const AMBITOS_CONTROL = ['eficiencia', 'calidad', 'economia', 'equidad'] as const;
export type AmbitoControl = (typeof AMBITOS_CONTROL)[number];
export const AMBITO_CONTROL_LABELS: Readonly<Record<AmbitoControl, string>> = { eficiencia: 'Eficiencia', calidad: 'Calidad', economia: 'Economía', equidad: 'Equidad' };

/** Targets are set for the four years after the baseline's year. */
export const ANIOS_DE_METAS = 4;

export function aniosDeMetas(lineaBaseAnio: number): number[] {
  return Array.from({ length: ANIOS_DE_METAS }, (_, i) => lineaBaseAnio + 1 + i);
}

/**
 * The series the platform measures itself (a closed list). An indicator with one of them as its
 * `fuente` gets its actual values per period from the platform, not from staff.
 */
export type Fuente = 'reclamos_recibidos' | `reclamos_por_aspecto:${Aspecto}` | 'porcentaje_notificado_en_plazo' | 'satisfaccion_general';

export const FUENTES: readonly Fuente[] = [
  'reclamos_recibidos',
  ...Object.values(Aspecto).map((a) => `reclamos_por_aspecto:${a}` as const),
  'porcentaje_notificado_en_plazo',
  'satisfaccion_general',
];

export function isFuente(value: unknown): value is Fuente {
  return typeof value === 'string' && (FUENTES as readonly string[]).includes(value);
}

/**
 * What the series counts, in the words of the entity's figures page (/cifras), narrowed to a sede and a
 * unidad when the indicator names them (their names, as the catalogue has them now).
 */
export function fuenteLabel(fuente: Fuente, alcance: { sede?: string | null; unidad?: string | null } = {}): string {
  const donde = [alcance.sede ? ` en la sede «${alcance.sede}»` : '', alcance.unidad ? ` de la unidad «${alcance.unidad}»` : ''].join('');
  if (fuente === 'reclamos_recibidos') return `Reclamos recibidos${donde}, por su fecha de registro (medido por la plataforma)`;
  if (fuente === 'porcentaje_notificado_en_plazo') {
    return `Porcentaje de respuestas notificadas dentro del plazo legal de 30 días hábiles${donde}, por su fecha de notificación (medido por la plataforma)`;
  }
  if (fuente === 'satisfaccion_general') return `Satisfacción general promedio, de 1 a 5${donde}, por la fecha de la encuesta (medido por la plataforma)`;
  const aspecto = fuente.slice('reclamos_por_aspecto:'.length) as Aspecto;
  return `Reclamos sobre «${ASPECTO_LABELS[aspecto]}»${donde}, por su fecha de registro (medido por la plataforma)`;
}

/** Soles with at most two decimals, as typed ("1200", "1200.5", "1 200,50" is refused: one notation only). */
const MONTO = /^\d{1,10}(\.\d{1,2})?$/;
/** A quantity or an indicator's value: up to two decimals, may be negative for a value (a reduction target is still positive). */
const VALOR = /^-?\d{1,12}(\.\d{1,2})?$/;

function texto(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** A decimal as text ("12.5" → "12.50") or null when it is not one. Numbers typed in forms arrive as text, the API may send numbers. */
export function decimal(value: unknown, patron: RegExp = VALOR): string | null {
  const t = texto(value);
  if (!patron.test(t)) return null;
  const [entero, fraccion = ''] = t.split('.');
  return `${entero}.${fraccion.padEnd(2, '0')}`;
}

function requerido(errors: FieldError[], campo: string, value: unknown, min: number, max: number, nombre: string): string {
  const t = texto(value);
  if (t.length < min || t.length > max) errors.push({ campo, mensaje: `escriba ${nombre} (entre ${min} y ${max} caracteres)` });
  return t;
}

function opcional(errors: FieldError[], campo: string, value: unknown, max: number): string {
  const t = texto(value);
  if (t.length > max) errors.push({ campo, mensaje: `escriba como máximo ${max} caracteres` });
  return t;
}

export interface DisenoDatos {
  titulo?: unknown;
  problema?: unknown;
  analisisCausal?: unknown;
  /** One per item (the page sends one per line). */
  alternativas?: unknown;
  /** 1-based position in `alternativas`. */
  alternativaSeleccionada?: unknown;
  unidadId?: unknown;
  aspectos?: unknown;
  sedeIds?: unknown;
  servicioIds?: unknown;
  temaIds?: unknown;
  /** Codes of the entity's reclamos that show the problem. */
  reclamos?: unknown;
}

export interface Diseno {
  titulo: string;
  problema: string;
  analisisCausal: string;
  alternativas: string[];
  alternativaSeleccionada: number | null;
  unidadId: string | null;
  aspectos: Aspecto[];
  sedeIds: string[];
  servicioIds: string[];
  temaIds: string[];
  reclamos: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function lista(errors: FieldError[], campo: string, value: unknown, max: number): string[] {
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : [value];
  if (items.some((v) => typeof v !== 'string') || items.length > max) {
    errors.push({ campo, mensaje: `indique una lista de hasta ${max} elementos` });
    return [];
  }
  return [...new Set((items as string[]).map((v) => v.trim()).filter((v) => v !== ''))];
}

function ids(errors: FieldError[], campo: string, value: unknown): string[] {
  const out = lista(errors, campo, value, 50);
  if (out.some((v) => !UUID.test(v))) {
    errors.push({ campo, mensaje: 'elija elementos del catálogo de su entidad' });
    return [];
  }
  return out;
}

/** Checks a whole design (create and edit send every field); field names are the API's. */
export function validarDiseno(datos: DisenoDatos): { diseno: Diseno; errores: FieldError[] } {
  const errores: FieldError[] = [];
  const titulo = requerido(errores, 'titulo', datos.titulo, 5, 200, 'un título');
  const problema = requerido(errores, 'problema', datos.problema, 10, 5000, 'el problema');
  const analisisCausal = opcional(errores, 'analisisCausal', datos.analisisCausal, 10000);
  const alternativas = lista(errores, 'alternativas', datos.alternativas, 10);
  if (alternativas.some((a) => a.length > 1000)) errores.push({ campo: 'alternativas', mensaje: 'escriba cada alternativa en 1000 caracteres como máximo' });
  let alternativaSeleccionada: number | null = null;
  const sel = texto(datos.alternativaSeleccionada);
  if (sel !== '') {
    const n = /^\d{1,2}$/.test(sel) ? Number(sel) : NaN;
    if (!(n >= 1 && n <= alternativas.length)) {
      errores.push({ campo: 'alternativaSeleccionada', mensaje: alternativas.length === 0 ? 'escriba primero las alternativas' : `indique el número de una de las ${alternativas.length} alternativas` });
    } else alternativaSeleccionada = n;
  }
  const unidad = texto(datos.unidadId);
  if (unidad !== '' && !UUID.test(unidad)) errores.push({ campo: 'unidadId', mensaje: 'elija una unidad orgánica de su entidad' });
  const aspectos = lista(errores, 'aspectos', datos.aspectos, 6);
  if (aspectos.some((a) => !(Object.values(Aspecto) as string[]).includes(a))) errores.push({ campo: 'aspectos', mensaje: 'elija entre los seis aspectos' });
  const reclamos = lista(errores, 'reclamos', datos.reclamos, 50).map((c) => c.toUpperCase());
  return {
    diseno: {
      titulo,
      problema,
      analisisCausal,
      alternativas,
      alternativaSeleccionada,
      unidadId: unidad === '' ? null : unidad,
      aspectos: aspectos as Aspecto[],
      sedeIds: ids(errores, 'sedeIds', datos.sedeIds),
      servicioIds: ids(errores, 'servicioIds', datos.servicioIds),
      temaIds: ids(errores, 'temaIds', datos.temaIds),
      reclamos,
    },
    errores,
  };
}

/** What an action needs before it goes to approval: a design someone can approve. */
export function faltantesParaAprobacion(accion: {
  analisisCausal: string;
  alternativaSeleccionada: number | null;
  unidadId: string | null;
  actividades: number;
  indicadores: number;
}): FieldError[] {
  const faltan: FieldError[] = [];
  if (accion.analisisCausal.trim() === '') faltan.push({ campo: 'analisisCausal', mensaje: 'escriba el análisis causal antes de pedir la aprobación' });
  if (accion.alternativaSeleccionada === null) faltan.push({ campo: 'alternativaSeleccionada', mensaje: 'elija la alternativa seleccionada antes de pedir la aprobación' });
  if (accion.unidadId === null) faltan.push({ campo: 'unidadId', mensaje: 'indique la unidad orgánica responsable antes de pedir la aprobación' });
  if (accion.actividades === 0) faltan.push({ campo: 'actividades', mensaje: 'agregue al menos una actividad con su costo antes de pedir la aprobación' });
  if (accion.indicadores === 0) faltan.push({ campo: 'indicadores', mensaje: 'agregue al menos un indicador con sus metas antes de pedir la aprobación' });
  return faltan;
}

export interface ActividadDatos {
  descripcion?: unknown;
  costoUnitario?: unknown;
  cantidad?: unknown;
}

export interface Actividad {
  descripcion: string;
  costoUnitario: string;
  cantidad: string;
}

export function validarActividad(datos: ActividadDatos): { actividad: Actividad; errores: FieldError[] } {
  const errores: FieldError[] = [];
  const descripcion = requerido(errores, 'descripcion', datos.descripcion, 3, 1000, 'la actividad');
  const costoUnitario = decimal(datos.costoUnitario, MONTO);
  if (costoUnitario === null) errores.push({ campo: 'costoUnitario', mensaje: 'escriba el costo unitario en soles, con punto decimal y hasta dos decimales (p. ej. 1500.50)' });
  const cantidad = decimal(datos.cantidad, /^\d{1,8}(\.\d{1,2})?$/);
  if (cantidad === null || Number(cantidad) <= 0) errores.push({ campo: 'cantidad', mensaje: 'escriba una cantidad mayor que cero, con hasta dos decimales' });
  return { actividad: { descripcion, costoUnitario: costoUnitario ?? '0.00', cantidad: cantidad ?? '0.00' }, errores };
}

export interface IndicadorDatos {
  denominacion?: unknown;
  unidadMedida?: unknown;
  frecuencia?: unknown;
  lineaBaseAnio?: unknown;
  lineaBaseValor?: unknown;
  medioVerificacion?: unknown;
  ambitoMedicion?: unknown;
  ambitoControl?: unknown;
  fuente?: unknown;
  /** With a `fuente` only: count one sede's reclamos (a sede of the entity). */
  sedeId?: unknown;
  /** With a `fuente` only: count one unidad orgánica's reclamos (a unidad of the entity). */
  unidadId?: unknown;
  /** The four targets, in year order (the years after the baseline's). */
  metas?: unknown;
}

export interface Indicador {
  denominacion: string;
  unidadMedida: string;
  frecuencia: Frecuencia;
  lineaBaseAnio: number;
  lineaBaseValor: string;
  medioVerificacion: string;
  ambitoMedicion: AmbitoMedicion;
  ambitoControl: AmbitoControl;
  fuente: Fuente | null;
  /** The sede and the unidad the platform series is narrowed to (ids of the entity's catalogues; the use case checks whose). */
  sedeId: string | null;
  unidadId: string | null;
  metas: Array<{ anio: number; valor: string }>;
}

function unoDe<T extends string>(errores: FieldError[], campo: string, value: unknown, valores: readonly T[], mensaje: string): T {
  const t = texto(value);
  if (!(valores as readonly string[]).includes(t)) errores.push({ campo, mensaje });
  return t as T;
}

export function validarIndicador(datos: IndicadorDatos, anioActual: number): { indicador: Indicador; errores: FieldError[] } {
  const errores: FieldError[] = [];
  const denominacion = requerido(errores, 'denominacion', datos.denominacion, 3, 300, 'la denominación');
  const unidadMedida = requerido(errores, 'unidadMedida', datos.unidadMedida, 1, 100, 'la unidad de medida');
  const frecuencia = unoDe(errores, 'frecuencia', datos.frecuencia, FRECUENCIAS, 'elija mensual, trimestral, semestral o anual');
  const anioTexto = texto(datos.lineaBaseAnio);
  const lineaBaseAnio = /^\d{4}$/.test(anioTexto) ? Number(anioTexto) : NaN;
  if (!(lineaBaseAnio >= 2000 && lineaBaseAnio <= anioActual)) errores.push({ campo: 'lineaBaseAnio', mensaje: `indique el año de la línea de base, entre 2000 y ${anioActual}` });
  const lineaBaseValor = decimal(datos.lineaBaseValor);
  if (lineaBaseValor === null) errores.push({ campo: 'lineaBaseValor', mensaje: 'escriba el valor de la línea de base, con punto decimal y hasta dos decimales' });
  const medioVerificacion = requerido(errores, 'medioVerificacion', datos.medioVerificacion, 3, 500, 'el medio de verificación');
  const ambitoMedicion = unoDe(errores, 'ambitoMedicion', datos.ambitoMedicion, AMBITOS_MEDICION, 'elija insumo, proceso, producto o resultado');
  const ambitoControl = unoDe(errores, 'ambitoControl', datos.ambitoControl, AMBITOS_CONTROL, 'elija eficiencia, calidad, economía o equidad');
  const fuenteTexto = texto(datos.fuente);
  if (fuenteTexto !== '' && !isFuente(fuenteTexto)) errores.push({ campo: 'fuente', mensaje: 'elija una de las series que mide la plataforma, o ninguna' });
  // A sede or unidad narrows a platform series: without one there is nothing to narrow.
  const filtro = (campo: 'sedeId' | 'unidadId', catalogo: string): string | null => {
    const id = texto(datos[campo]);
    if (id === '') return null;
    if (!UUID.test(id)) errores.push({ campo, mensaje: `elija ${catalogo} de su entidad` });
    else if (fuenteTexto === '') errores.push({ campo, mensaje: `elija primero la serie que mide la plataforma; ${catalogo} solo acota esa serie` });
    return id;
  };
  const sedeId = filtro('sedeId', 'una sede');
  const unidadId = filtro('unidadId', 'una unidad orgánica');
  const anios = Number.isNaN(lineaBaseAnio) ? [] : aniosDeMetas(lineaBaseAnio);
  const metasIn = Array.isArray(datos.metas) ? datos.metas : [];
  const metas: Array<{ anio: number; valor: string }> = [];
  if (metasIn.length !== ANIOS_DE_METAS) {
    errores.push({ campo: 'metas', mensaje: `indique las metas de los ${ANIOS_DE_METAS} años siguientes a la línea de base` });
  } else {
    metasIn.forEach((m, i) => {
      const valor = decimal(m);
      if (valor === null) errores.push({ campo: `metas[${i}]`, mensaje: `escriba la meta del año ${anios[i] ?? i + 1}, con punto decimal y hasta dos decimales` });
      else if (anios[i] !== undefined) metas.push({ anio: anios[i], valor });
    });
  }
  return {
    indicador: {
      denominacion,
      unidadMedida,
      frecuencia,
      lineaBaseAnio,
      lineaBaseValor: lineaBaseValor ?? '0.00',
      medioVerificacion,
      ambitoMedicion,
      ambitoControl,
      fuente: fuenteTexto === '' ? null : (fuenteTexto as Fuente),
      sedeId,
      unidadId,
      metas,
    },
    errores,
  };
}

export function validarAvance(datos: { descripcion?: unknown }): { descripcion: string; errores: FieldError[] } {
  const errores: FieldError[] = [];
  const descripcion = requerido(errores, 'descripcion', datos.descripcion, 5, 5000, 'el avance');
  return { descripcion, errores };
}

/** Evidence is a document or a photo: PDF or image, decided by content (the storage sniffs it). */
export const TIPOS_EVIDENCIA = ['application/pdf', 'image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;
