import { daysInMonth, IsoDate } from './iso-date';
import { limitesDe, VentanaDeFecha } from './ventana-fecha';

/** A date as a person types it in three boxes: día, mes, año (texts, maybe empty). */
export interface FechaEnPartes {
  dia?: string;
  mes?: string;
  anio?: string;
}

/** Which box a message is about, so a page can put the person's cursor in it. */
export type ParteDeFecha = 'dia' | 'mes' | 'anio';

export type LecturaDeFecha = { fecha: IsoDate } | { error: string; parte: ParteDeFecha };

const MESES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
const NOMBRE_DE_PARTE: Readonly<Record<ParteDeFecha, string>> = { dia: 'el día', mes: 'el mes', anio: 'el año' };

/** «16 de noviembre de 2026» (a calendar date: no zone, no weekday). */
export function fechaEnPalabras(fecha: IsoDate): string {
  return `${Number(fecha.slice(8, 10))} de ${MESES[Number(fecha.slice(5, 7)) - 1]} de ${fecha.slice(0, 4)}`;
}

/**
 * Reads a date typed in three numeric boxes, against its window (`VENTANAS_DE_FECHA`) with `hoy` the
 * Lima date of now. Each refusal is one Spanish sentence for a person, saying what to do, and names
 * the box to correct: «Falta el mes», «El 31 de abril no existe», a date after today or before the window.
 * A separate box per part, not `<input type="date">`: that control's format follows the device's
 * language, and 16/11/2026 typed on an English-locale phone was stored as 2026-12-11 (issue 13).
 */
export function leerFechaEnPartes(partes: FechaEnPartes, ventana: VentanaDeFecha, hoy: IsoDate): LecturaDeFecha {
  const texto = { dia: limpio(partes.dia), mes: limpio(partes.mes), anio: limpio(partes.anio) };
  const faltan = (['dia', 'mes', 'anio'] as const).filter((p) => texto[p] === '');
  if (faltan.length === 3) return { error: 'Escriba la fecha en que ocurrieron los hechos: día, mes y año', parte: 'dia' };
  if (faltan.length > 0) {
    const nombres = faltan.map((p) => NOMBRE_DE_PARTE[p]);
    const lista = nombres.length === 1 ? nombres[0] : `${nombres[0]} y ${nombres[1]}`;
    return { error: `Falta${faltan.length > 1 ? 'n' : ''} ${lista} de la fecha`, parte: faltan[0] };
  }
  if (!/^\d{1,2}$/.test(texto.dia)) return { error: 'Escriba el día con números, del 1 al 31', parte: 'dia' };
  if (!/^\d{1,2}$/.test(texto.mes)) return { error: 'Escriba el mes con números, del 1 al 12 (por ejemplo, 4 para abril)', parte: 'mes' };
  if (!/^\d{4}$/.test(texto.anio)) return { error: 'Escriba el año con sus cuatro cifras, por ejemplo 2026', parte: 'anio' };
  const [dia, mes, anio] = [Number(texto.dia), Number(texto.mes), Number(texto.anio)];
  if (mes < 1 || mes > 12) return { error: 'Escriba un mes del 1 al 12 (por ejemplo, 4 para abril)', parte: 'mes' };
  if (dia < 1 || dia > 31) return { error: 'Escriba un día del 1 al 31', parte: 'dia' };
  if (dia > daysInMonth(anio, mes)) {
    const cual = mes === 2 && dia === 29 ? `El 29 de febrero de ${anio} no existe (no es año bisiesto)` : `El ${dia} de ${MESES[mes - 1]} no existe`;
    return { error: `${cual}: revise el día`, parte: 'dia' };
  }
  const fecha = `${anio}-${String(mes).padStart(2, '0')}-${String(dia).padStart(2, '0')}`;
  const { desde, hasta } = limitesDe(ventana, hoy);
  if (!ventana.futuro && fecha > hoy) {
    return { error: `La fecha no puede ser posterior a hoy, ${fechaEnPalabras(hoy)}: revise el día, el mes y el año`, parte: 'anio' };
  }
  if (fecha > hasta) return { error: `${mayuscula(ventana.motivo)}; la fecha más lejana posible es el ${fechaEnPalabras(hasta)}`, parte: 'anio' };
  if (fecha < desde) {
    return { error: `${mayuscula(ventana.motivo)}; la fecha más antigua posible es el ${fechaEnPalabras(desde)}`, parte: 'anio' };
  }
  return { fecha };
}

/** Spaces and a leading zero are how people type («07»); only the digits matter. */
function limpio(valor: string | undefined): string {
  return (valor ?? '').trim().replace(/^0+(?=\d)/, '');
}

const mayuscula = (texto: string): string => texto.charAt(0).toUpperCase() + texto.slice(1);
