import { isIsoDate } from '@app/calendar';
import { FieldError, TipoEntidad } from '@app/domain';
import { TRAMO_NUMERO_MAX } from './entidad-datos';

/** A tramo as a coordinator writes it (the number comes from the address). */
export interface TramoEntrada {
  nombre?: unknown;
  descripcion?: unknown;
  /** Kinds of entity the tramo covers: codes of TipoEntidad. */
  tiposEntidad?: unknown;
  /** YYYY-MM-DD, a calendar date (Lima). */
  fechaInicio?: unknown;
  /** YYYY-MM-DD, the last day to be on the platform (Lima). */
  fechaLimite?: unknown;
}

export interface TramoValido {
  nombre: string;
  descripcion: string;
  tiposEntidad: TipoEntidad[];
  fechaInicio: string;
  fechaLimite: string;
}

export type CampoTramo = keyof TramoEntrada | 'numero';

export const ETIQUETAS_TRAMO: Readonly<Record<CampoTramo, string>> = {
  numero: 'Número',
  nombre: 'Nombre',
  descripcion: 'Descripción',
  tiposEntidad: 'Tipos de entidad',
  fechaInicio: 'Fecha de inicio',
  fechaLimite: 'Fecha límite',
};

export const DESCRIPCION_TRAMO_MAX = 2000;
/** The platform's legal frame starts with D.S. N° 007-2020-PCM (17 January 2020); no rollout is dated before 2020. */
const FECHA_MINIMA = '2020-01-01';
const FECHA_MAXIMA = '2100-12-31';

/** A tramo's number from its address: a whole number from 1 to 9999, nothing else. */
export function numeroTramoValido(value: string): number | null {
  if (!/^\d{1,4}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 && n <= TRAMO_NUMERO_MAX ? n : null;
}

const texto = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Checks a tramo's fields and names every wrong one in Spanish. Kinds arrive as a list (JSON) or one text (a form with one box ticked). */
export function revisarTramo(entrada: TramoEntrada): { datos: TramoValido | null; errores: FieldError[] } {
  const errores: FieldError[] = [];
  const error = (campo: CampoTramo, mensaje: string) => errores.push({ campo, mensaje });

  const nombre = texto(entrada.nombre).replace(/\s+/g, ' ');
  if (nombre.length < 3) error('nombre', 'escriba el nombre del tramo (al menos 3 caracteres, por ejemplo «Tramo II: Gobiernos regionales»)');
  else if (nombre.length > 200) error('nombre', 'escriba como máximo 200 caracteres');

  const descripcion = texto(entrada.descripcion);
  if (descripcion.length > DESCRIPCION_TRAMO_MAX) error('descripcion', `escriba como máximo ${DESCRIPCION_TRAMO_MAX} caracteres`);

  const crudos = entrada.tiposEntidad === undefined || entrada.tiposEntidad === null || entrada.tiposEntidad === '' ? [] : [entrada.tiposEntidad].flat();
  const validos = new Set<string>(Object.values(TipoEntidad));
  const desconocidos = crudos.filter((t) => typeof t !== 'string' || !validos.has(t));
  const tiposEntidad = [...new Set(crudos.filter((t): t is TipoEntidad => typeof t === 'string' && validos.has(t)))];
  // No kind at all is allowed: a tramo may hold only entities given to it by hand.
  if (desconocidos.length > 0) {
    error('tiposEntidad', `${desconocidos.map((t) => `«${(typeof t === 'string' ? t : JSON.stringify(t) ?? '').slice(0, 40)}»`).join(', ')} no es un tipo de entidad; use ${[...validos].join(', ')}`);
  }

  const fecha = (campo: 'fechaInicio' | 'fechaLimite', nombreCampo: string): string | null => {
    const valor = texto(entrada[campo]);
    const leida = valor.slice(0, 20);
    if (valor === '') error(campo, `indique la ${nombreCampo} (AAAA-MM-DD)`);
    else if (!isIsoDate(valor)) error(campo, `«${leida}» no es una fecha válida; use AAAA-MM-DD`);
    else if (valor < FECHA_MINIMA || valor > FECHA_MAXIMA) error(campo, 'indique una fecha entre 2020 y 2100');
    else return valor;
    return null;
  };
  const fechaInicio = fecha('fechaInicio', 'fecha de inicio');
  const fechaLimite = fecha('fechaLimite', 'fecha límite');
  if (fechaInicio !== null && fechaLimite !== null && fechaLimite < fechaInicio) {
    error('fechaLimite', 'la fecha límite no puede ser anterior a la fecha de inicio');
  }

  if (errores.length > 0 || fechaInicio === null || fechaLimite === null) return { datos: null, errores };
  return { datos: { nombre, descripcion, tiposEntidad, fechaInicio, fechaLimite }, errores };
}
