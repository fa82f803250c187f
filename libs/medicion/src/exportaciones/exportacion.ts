import { Aspecto, Canal, FieldError, RolUsuario, ValidationFailedError } from '@app/domain';
import { FiltrosCifras } from '../figures/cifras';
import { Periodo, resolverPeriodo } from '../figures/periodo';

/**
 * Long exports, as plain rules (no Nest, no SQL): what may be asked, who may see the result, how
 * its file is named and how long it is kept. The worker writes the file; `exportacion` keeps the request.
 */

/** What can be exported in the background. Today one kind: the figures' detail (the daily rollup, row by row). */
export const TIPOS_EXPORTACION = ['cifras_detalle'] as const;
export type TipoExportacion = (typeof TIPOS_EXPORTACION)[number];

export const FORMATOS_EXPORTACION = ['csv', 'xlsx'] as const;
export type FormatoExportacion = (typeof FORMATOS_EXPORTACION)[number];

/**
 * pendiente (asked, waiting for the worker) → en_proceso (being written; back to 0 % if an attempt
 * starts over) → lista (the file can be downloaded until `expiraEn`) or fallida (after the last
 * attempt, with a reason) → vencida (a ready file past its expiry, removed by the worker's sweep).
 */
export const ESTADOS_EXPORTACION = ['pendiente', 'en_proceso', 'lista', 'fallida', 'vencida'] as const;
export type EstadoExportacion = (typeof ESTADOS_EXPORTACION)[number];

/** Still being made: the page refreshes itself, and the same request is not queued twice. */
export function enCurso(estado: EstadoExportacion): boolean {
  return estado === 'pendiente' || estado === 'en_proceso';
}

export const ESTADO_EXPORTACION_LABELS: Readonly<Record<EstadoExportacion, string>> = {
  pendiente: 'En cola',
  en_proceso: 'Generándose',
  lista: 'Lista para descargar',
  fallida: 'No se pudo generar',
  vencida: 'Vencida (archivo eliminado)',
};

export const TIPO_EXPORTACION_LABELS: Readonly<Record<TipoExportacion, string>> = {
  cifras_detalle: 'Detalle de las cifras (una fila por día y combinación de canal, aspecto, sede, unidad, servicio y tema)',
};

export const FORMATO_EXPORTACION_LABELS: Readonly<Record<FormatoExportacion, string>> = {
  csv: 'CSV',
  xlsx: 'Excel (XLSX)',
};

/** A ready file is kept this many calendar days after it was finished; then the worker removes it. [design] */
export const VIGENCIA_EXPORTACION_DIAS = 7;

/** Requests of one person still in the queue or being written at once; one more is refused (409) until one ends. [design] */
export const MAX_EXPORTACIONES_EN_CURSO = 3;

export const TIPO_MIME_EXPORTACION: Readonly<Record<FormatoExportacion, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The request's period and filters, as stored in `exportacion.parametros`: Lima dates and catalogue ids only. */
export interface ParametrosExportacion {
  readonly desde: string;
  readonly hasta: string;
  readonly filtros: FiltrosCifras;
}

export interface SolicitudExportacion {
  readonly tipo: TipoExportacion;
  readonly formato: FormatoExportacion;
  readonly periodo: Periodo;
  readonly filtros: FiltrosCifras;
}

/** The request as it arrives (JSON body or page form): anything, checked by `validarSolicitud`. */
export interface EntradaSolicitud {
  readonly tipo?: unknown;
  readonly formato?: unknown;
  readonly desde?: unknown;
  readonly hasta?: unknown;
  readonly filtros?: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The catalogue filters, each with the Spanish message of a bad value (the same words as /cifras). */
export const FILTROS_DE_CATALOGO = {
  sedeId: 'elija una sede de su entidad',
  unidadId: 'elija una unidad orgánica de su entidad',
  servicioId: 'elija un servicio de su entidad',
  temaId: 'elija un tema de su entidad',
} as const;
export type FiltroDeCatalogo = keyof typeof FILTROS_DE_CATALOGO;

function validarFiltros(filtros: unknown, errores: FieldError[]): FiltrosCifras {
  if (filtros === undefined || filtros === null) return {};
  if (typeof filtros !== 'object' || Array.isArray(filtros)) {
    errores.push({ campo: 'filtros', mensaje: 'debe ser un objeto con los filtros (canal, aspecto, sedeId, unidadId, servicioId, temaId)' });
    return {};
  }
  const salida: Record<string, string> = {};
  for (const [clave, valor] of Object.entries(filtros as Record<string, unknown>)) {
    const campo = `filtros.${clave}`;
    if (valor === undefined || valor === null || valor === '') continue;
    if (clave === 'canal') {
      if (!(Object.values(Canal) as unknown[]).includes(valor)) errores.push({ campo, mensaje: 'elija virtual o fisico' });
      else salida.canal = valor as string;
    } else if (clave === 'aspecto') {
      if (!(Object.values(Aspecto) as unknown[]).includes(valor)) errores.push({ campo, mensaje: 'elija uno de los seis aspectos' });
      else salida.aspecto = valor as string;
    } else if (clave in FILTROS_DE_CATALOGO) {
      if (typeof valor !== 'string' || !UUID.test(valor)) errores.push({ campo, mensaje: FILTROS_DE_CATALOGO[clave as FiltroDeCatalogo] });
      else salida[clave] = valor.toLowerCase();
    } else {
      errores.push({ campo, mensaje: 'este filtro no existe; use canal, aspecto, sedeId, unidadId, servicioId o temaId' });
    }
  }
  return salida;
}

/**
 * Checks a request and names every wrong field in Spanish at once (`tipo`, `formato`, `desde`,
 * `hasta`, `filtros.<filtro>`): a kind and a format of the lists above, a period of Lima dates
 * (AAAA-MM-DD, both included, at most five years: the /cifras page's rule) and the figures' filters.
 * Whether a catalogue id is the entity's own is the use case's check (it needs the database).
 */
export function validarSolicitud(entrada: EntradaSolicitud): SolicitudExportacion {
  const errores: FieldError[] = [];
  const { tipo, formato } = entrada;
  if (tipo === undefined || tipo === null || tipo === '') errores.push({ campo: 'tipo', mensaje: 'indique qué exportar: cifras_detalle' });
  else if (!(TIPOS_EXPORTACION as readonly unknown[]).includes(tipo)) errores.push({ campo: 'tipo', mensaje: 'solo se puede exportar cifras_detalle' });
  if (formato === undefined || formato === null || formato === '') errores.push({ campo: 'formato', mensaje: 'elija el formato: csv o xlsx' });
  else if (!(FORMATOS_EXPORTACION as readonly unknown[]).includes(formato)) errores.push({ campo: 'formato', mensaje: 'elija csv o xlsx' });
  const filtros = validarFiltros(entrada.filtros, errores);
  let periodo: Periodo | null = null;
  const texto = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : undefined);
  if (texto(entrada.desde) === undefined || texto(entrada.desde) === '') errores.push({ campo: 'desde', mensaje: 'indique la fecha inicial como AAAA-MM-DD' });
  if (texto(entrada.hasta) === undefined || texto(entrada.hasta) === '') errores.push({ campo: 'hasta', mensaje: 'indique la fecha final como AAAA-MM-DD' });
  if (!errores.some((e) => e.campo === 'desde' || e.campo === 'hasta')) {
    try {
      periodo = resolverPeriodo('rango', { desde: texto(entrada.desde), hasta: texto(entrada.hasta) });
    } catch (error) {
      if (!(error instanceof ValidationFailedError)) throw error;
      errores.push(...error.errores);
    }
  }
  if (errores.length > 0 || periodo === null) throw new ValidationFailedError(errores);
  return { tipo: tipo as TipoExportacion, formato: formato as FormatoExportacion, periodo, filtros };
}

/** Who asks or reads: a staff member of one entity (coordinators and administrators are refused before this). */
export interface LectorExportacion {
  readonly id: string;
  readonly rol: RolUsuario;
  readonly entidadId: string | null;
}

/**
 * Who may see an export and download its file [design]: the person who asked, and the responsables del
 * libro (titular and alterno) of the same entity, who run the book and may need a file its author left
 * behind. Nobody else: not another officer, not the titular de la entidad (both can ask for their own),
 * and never another entity; to them it does not exist (404). The file holds counts, no personal data, so
 * this is about whose work it is, not Ley 29733.
 */
export function puedeVerExportacion(lector: LectorExportacion, exportacion: { entidadId: string; solicitadoPor: string }): boolean {
  if (lector.entidadId === null || lector.entidadId !== exportacion.entidadId) return false;
  return lector.id === exportacion.solicitadoPor || lector.rol === 'responsable_titular' || lector.rol === 'responsable_alterno';
}

/** `cifras-detalle-minedu-2026-01-01-2026-06-30.xlsx`: the kind, the entity's code and the period (Lima dates). */
export function nombreDeArchivoExportacion(e: { tipo: TipoExportacion; formato: FormatoExportacion; entidadCodigo: string; parametros: ParametrosExportacion }): string {
  const tipo = e.tipo.replace(/_/g, '-');
  return `${tipo}-${e.entidadCodigo.toLowerCase()}-${e.parametros.desde}-${e.parametros.hasta}.${e.formato}`;
}

/** The instant a file finished at `terminadoEn` expires: VIGENCIA_EXPORTACION_DIAS × 24 h later (calendar days). */
export function expiraEn(terminadoEn: Date): Date {
  return new Date(terminadoEn.getTime() + VIGENCIA_EXPORTACION_DIAS * 24 * 3600 * 1000);
}
