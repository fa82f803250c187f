import { ASPECTO_LABELS, Aspecto, Canal, ESTADO_LABELS, EstadoReclamo, FieldError, RolPersona } from '@app/domain';
import { CanalReconduccion, EstadoRespuesta } from '@app/atencion';
import { TipoAdjunto } from '@app/expediente';
import { formatIsoDate } from '@app/platform/http';

/** Spanish words the reclamo pages show for the lifecycle's codes (one word per concept, as in the domain README). */
export const CANAL_LABELS: Readonly<Record<Canal, string>> = {
  [Canal.VIRTUAL]: 'Libro virtual',
  [Canal.FISICO]: 'Libro físico',
};

export const CANAL_RECONDUCCION_LABELS: Readonly<Record<CanalReconduccion, string>> = {
  [CanalReconduccion.QUEJA_DEFECTO_TRAMITACION]: 'Queja por defecto de tramitación (Ley N° 27444)',
  [CanalReconduccion.ACCESO_INFORMACION]: 'Solicitud de acceso a la información pública (Ley N° 27806)',
  [CanalReconduccion.DENUNCIA]: 'Denuncia (plataforma de denuncias del Estado)',
  [CanalReconduccion.MESA_DE_PARTES]: 'Consulta o petición administrativa (mesa de partes)',
};

export const ESTADO_RESPUESTA_LABELS: Readonly<Record<EstadoRespuesta, string>> = {
  pendiente_aprobacion: 'Pendiente de aprobación del responsable',
  aprobada: 'Aprobada',
  devuelta: 'Devuelta con comentarios',
};

export const ROL_PERSONA_LABELS: Readonly<Record<RolPersona, string>> = {
  [RolPersona.RECLAMANTE]: 'Reclamante',
  [RolPersona.REPRESENTADO]: 'Representado(a)',
  [RolPersona.APODERADO]: 'Padre, madre o apoderado',
};

/** What a file is to the reclamo, beside its name (the citizen's filed files need no word). */
export const ADJUNTO_LABELS: Readonly<Record<TipoAdjunto, string | null>> = {
  ciudadano: null,
  hoja_fisica: 'Escaneo de la hoja física',
  constancia_notificacion: 'Constancia de notificación',
  subsanacion: 'Enviado por el ciudadano con su subsanación',
};

/** What each staff action reads like in the timeline. */
const ACCION_LABELS: Readonly<Record<string, string>> = {
  asignado: 'Asignado',
  reasignado: 'Reasignado',
  subsanacion_solicitada: 'Subsanación solicitada al ciudadano',
  subsanacion_recibida: 'Subsanación recibida',
  subsanacion_respondida: 'Subsanación enviada en línea por el ciudadano',
  reconducido: 'Reconducido a otro canal',
  trasladado: 'Trasladado a otra entidad',
  respondido: 'Marcado como respondido',
  notificacion_en_curso: 'Notificación por correo iniciada',
  notificacion_fallida: 'El correo con la respuesta no fue aceptado',
  notificado: 'Respuesta notificada',
  archivado: 'Archivado',
  anulado: 'Anulado',
  respuesta_redactada: 'Respuesta redactada',
  respuesta_aprobada: 'Respuesta aprobada',
  respuesta_devuelta: 'Respuesta devuelta con comentarios',
  nota_interna: 'Nota interna agregada',
  registrado: 'Reclamo registrado',
};

export function estadoLabel(estado: string): string {
  return ESTADO_LABELS[estado as EstadoReclamo] ?? estado;
}

export function aspectoLabel(aspecto: string): string {
  return ASPECTO_LABELS[aspecto as Aspecto] ?? aspecto;
}

export function canalLabel(canal: string): string {
  return CANAL_LABELS[canal as Canal] ?? canal;
}

export function eventoLabel(evento: { tipo: string; estadoNuevo?: unknown; datos?: unknown }): string {
  const accion = evento.tipo === 'cambio_estado' ? (evento.datos as { accion?: string } | null)?.accion : evento.tipo;
  const label = ACCION_LABELS[accion ?? ''] ?? accion ?? evento.tipo;
  if (evento.tipo !== 'cambio_estado' || typeof evento.estadoNuevo !== 'string') return label;
  const estado = estadoLabel(evento.estadoNuevo);
  return estado === label ? label : `${label} → ${estado}`;
}

/**
 * The deadline as words, never colour alone: "Vence el …: quedan N días hábiles" or "Vencido hace N días hábiles".
 * `restantes` is null once the reclamo is closed. `vencidoPorFecha` (the due date is before today in Lima)
 * decides "vencido" when given: on a non-business day right after the due date the business days overdue
 * are still 0, and the reclamo is overdue all the same.
 */
export function plazoTexto(
  vence: string,
  restantes: number | null,
  vencidoPorFecha?: boolean,
): { iso: string; vence: string; venceCorto: string; restante: string; atraso: string; vencido: boolean; proximo: boolean } {
  const base = { iso: vence, vence: formatIsoDate(vence), venceCorto: fechaCorta(vence), atraso: '' };
  if (restantes === null) return { ...base, restante: 'Caso cerrado', vencido: false, proximo: false };
  const dias = (n: number) => `${n} ${n === 1 ? 'día hábil' : 'días hábiles'}`;
  if (vencidoPorFecha === true && restantes >= 0) {
    return { ...base, restante: `Vencido el ${base.venceCorto}`, atraso: `el ${base.venceCorto}`, vencido: true, proximo: false };
  }
  if (restantes < 0) return { ...base, restante: `Vencido hace ${dias(-restantes)}`, atraso: `hace ${dias(-restantes)}`, vencido: true, proximo: false };
  if (restantes === 0) return { ...base, restante: 'Vence hoy', vencido: false, proximo: true };
  return { ...base, restante: `${restantes === 1 ? 'Queda' : 'Quedan'} ${dias(restantes)}`, vencido: false, proximo: restantes <= 5 };
}

/** "2026-11-23" → "23/11/2026" (tables; the reclamo page spells the date out). */
export function fechaCorta(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

export interface ErrorItem {
  /** The id of the field on the page (the error summary links to it). */
  campo: string;
  etiqueta: string;
  mensaje: string;
}

/** Field errors of a use case as the error summary lists them, each pointing at its field on the page. */
export function errorItems(errors: FieldError[], etiquetas: Readonly<Record<string, string>>, idPrefix = ''): ErrorItem[] {
  return errors.map((e) => ({ campo: `${idPrefix}${e.campo}`, etiqueta: etiquetas[e.campo] ?? e.campo, mensaje: e.mensaje }));
}

export function errorsByField(items: ErrorItem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of items) out[e.campo] ??= e.mensaje;
  return out;
}

export interface SelectOption {
  value: string;
  label: string;
  selected: boolean;
}

export function options(pairs: Array<[string, string]>, current: unknown): SelectOption[] {
  return pairs.map(([value, label]) => ({ value, label, selected: value === current }));
}
