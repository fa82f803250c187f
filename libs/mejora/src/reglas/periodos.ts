import { Frecuencia } from './accion-mejora';

/** One measurement period of an indicator: Lima calendar dates, both ends included. */
export interface Periodo {
  /** "2026-03" (mensual), "2026-T1", "2026-S1" or "2026". */
  clave: string;
  etiqueta: string;
  desde: string;
  hasta: string;
  anio: number;
  /** Where the period sits on a time axis measured in years (its middle), for the chart. */
  posicion: number;
  /** Whether the period has ended by `hoy` (an ongoing one is shown as such). */
  completo: boolean;
}

const MESES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'setiembre', 'octubre', 'noviembre', 'diciembre'];
const MESES_POR_PERIODO: Readonly<Record<Frecuencia, number>> = { mensual: 1, trimestral: 3, semestral: 6, anual: 12 };

const pad = (n: number) => String(n).padStart(2, '0');

function ultimoDia(anio: number, mes: number): number {
  return new Date(Date.UTC(anio, mes, 0)).getUTCDate();
}

/**
 * The periods of `frecuencia` from January of `desdeAnio` to December of `hastaAnio` that have
 * begun by `hoy` (a Lima date, YYYY-MM-DD). Pure: the caller passes today.
 */
export function periodos(frecuencia: Frecuencia, desdeAnio: number, hastaAnio: number, hoy: string): Periodo[] {
  const paso = MESES_POR_PERIODO[frecuencia];
  const out: Periodo[] = [];
  for (let anio = desdeAnio; anio <= hastaAnio; anio += 1) {
    for (let mes = 1; mes <= 12; mes += paso) {
      const desde = `${anio}-${pad(mes)}-01`;
      if (desde > hoy) return out;
      const mesFin = mes + paso - 1;
      const hasta = `${anio}-${pad(mesFin)}-${pad(ultimoDia(anio, mesFin))}`;
      const n = (mes - 1) / paso + 1;
      const clave = frecuencia === 'mensual' ? `${anio}-${pad(mes)}` : frecuencia === 'trimestral' ? `${anio}-T${n}` : frecuencia === 'semestral' ? `${anio}-S${n}` : `${anio}`;
      const etiqueta =
        frecuencia === 'mensual' ? `${MESES[mes - 1]} ${anio}` : frecuencia === 'trimestral' ? `${n}.º trimestre ${anio}` : frecuencia === 'semestral' ? `${n}.º semestre ${anio}` : `${anio}`;
      out.push({ clave, etiqueta, desde, hasta, anio, posicion: anio + (mes - 1 + paso / 2) / 12, completo: hasta < hoy });
    }
  }
  return out;
}
