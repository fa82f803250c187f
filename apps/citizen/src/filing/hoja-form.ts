import { leerFechaEnPartes, ParteDeFecha, VENTANAS_DE_FECHA } from '@app/calendar';
import { FieldError } from '@app/domain';

/** What the person asked the page to do with the form (the button pressed). */
export type AccionDeHoja =
  /** «Continuar»: check everything and show «Revise su reclamo». */
  | 'revisar'
  /** «Cambiar» on the review: back to the form with everything kept. */
  | 'cambiar'
  /** «Enviar reclamo» on the review (and a form posted without a button's value, as before the review step): file it. */
  | 'enviar'
  /** «Quitar» beside a kept file. */
  | 'quitar';

/** The date of the facts as the page asks it: three boxes. */
export const PARTES_DE_FECHA = { dia: 'fechaHechosDia', mes: 'fechaHechosMes', anio: 'fechaHechosAnio' } as const;

export interface HojaDelFormulario {
  /** The hoja's own fields, as the DTO takes them (the date composed as AAAA-MM-DD when it could be). */
  campos: Record<string, string>;
  /** What the page shows again: the fields as typed, the date's boxes included. */
  valores: Record<string, string>;
  accion: AccionDeHoja;
  /** Kept files to remove (their ids), with «Quitar». */
  quitar: string[];
  /** The date's own error, naming the box (it replaces the DTO's message on `fechaHechos`). */
  errorFecha: FieldError | null;
  /** The box that error is about, so the summary's link lands in it. */
  parteConError: ParteDeFecha | null;
}

/**
 * Splits the page's post into the hoja's fields and the page's controls (`accion`, `quitarAdjunto`),
 * and composes the date of the facts from its three boxes against today's Lima date. A post with no
 * boxes (the review step, an older form) keeps its `fechaHechos` as sent.
 */
export function leerHojaDelFormulario(fields: Record<string, string>, hoyLima: string): HojaDelFormulario {
  const { accion: accionEnviada, quitarAdjunto, ...resto } = fields;
  const valores = { ...resto };
  const { [PARTES_DE_FECHA.dia]: dia, [PARTES_DE_FECHA.mes]: mes, [PARTES_DE_FECHA.anio]: anio, ...campos } = resto;
  let errorFecha: FieldError | null = null;
  let parteConError: ParteDeFecha | null = null;
  if (dia !== undefined || mes !== undefined || anio !== undefined) {
    delete campos.fechaHechos;
    const lectura = leerFechaEnPartes({ dia, mes, anio }, VENTANAS_DE_FECHA.hechos, hoyLima);
    if ('fecha' in lectura) campos.fechaHechos = lectura.fecha;
    else {
      errorFecha = { campo: 'fechaHechos', mensaje: minuscula(lectura.error) };
      parteConError = lectura.parte;
    }
  }
  const quitar = quitarAdjunto ? [quitarAdjunto] : [];
  const accion: AccionDeHoja = quitar.length > 0 ? 'quitar' : accionEnviada === 'revisar' || accionEnviada === 'cambiar' ? accionEnviada : 'enviar';
  return { campos, valores, accion, quitar, errorFecha, parteConError };
}

/** Messages follow the field's label in the summary («Fecha de los hechos: falta el mes…»). */
function minuscula(texto: string): string {
  return texto.charAt(0).toLowerCase() + texto.slice(1);
}
