import { addDays, IsoDate, isIsoDate, yearOf } from './iso-date';

/**
 * How far from today a date of one kind may be. Each kind of date field has one window, here, with
 * its reason; the decorators and use cases that read those fields ask `revisarFecha`. A date out of
 * its window is a typo (a sheet dated 0001 gave the code SUNAT-1-000001 and a due date in year 1) or
 * an abuse (every days-left count walks the calendar from that date).
 */
export interface VentanaDeFecha {
  /** Whether a date after today is allowed. */
  futuro: boolean;
  /** The earliest date allowed, as days before today; or… */
  diasAtras?: number;
  /** …as whole years: from 1 January of (this year − aniosAtras). */
  aniosAtras?: number;
  /** The latest allowed (when `futuro`): until 31 December of (this year + aniosAdelante). */
  aniosAdelante?: number;
  /** Why the floor is there, said to the person who hit it. */
  motivo: string;
}

export const VENTANAS_DE_FECHA = {
  /**
   * Fecha de los hechos. Neither D.S. 007-2020-PCM nor the domain notes set a term to file a reclamo;
   * the floor only catches a mistyped year. Two years keeps any plausible late reclamo and refuses
   * 1925 for 2025; the entity still has the records and staff to look into facts that recent.
   */
  hechos: { futuro: false, diasAtras: 730, motivo: 'revise el año: los hechos deben ser de los últimos dos años' },
  /**
   * Fecha de una hoja del libro físico. The physical book is the backup while the platform is down,
   * and its sheets are transcribed once it is back; the plazo runs from the sheet's date, so a sheet
   * older than 90 days would enter already overdue and is a case for the responsable, not a typing.
   */
  hojaFisica: { futuro: false, diasAtras: 90, motivo: 'las hojas del libro físico se registran dentro de los 90 días de su fecha' },
  /** Fecha de entrega of a postal or in-person notification: it happened, and recently. */
  entregaNotificacion: { futuro: false, diasAtras: 365, motivo: 'la entrega debe ser del último año' },
  /**
   * Días no laborables (administrators, responsables). Decrees come for this year or the next and
   * entities plan closures (an anniversary) a few years ahead; a past year is corrected only for
   * cases still open, which two years back covers.
   */
  diaNoLaborable: { futuro: true, aniosAtras: 2, aniosAdelante: 5, motivo: 'el calendario se administra desde dos años atrás hasta cinco años adelante' },
  /** Start of a plazo in the public calculator: any registration of the platform's years, a little ahead. */
  inicioPlazo: { futuro: true, aniosAtras: 5, aniosAdelante: 2, motivo: 'el cálculo se hace para fechas de cinco años atrás a dos años adelante' },
} as const satisfies Record<string, VentanaDeFecha>;

/**
 * Checks a date field against its window, with `hoy` the Lima date of now.
 * @returns null when valid; otherwise a Spanish sentence for the field's message (no field name,
 *          no final period): wrong format, in the future, or before/after the window and why.
 */
export function revisarFecha(valor: unknown, ventana: VentanaDeFecha, hoy: IsoDate): string | null {
  if (!isIsoDate(valor)) return 'escriba una fecha real con el formato AAAA-MM-DD, por ejemplo 2026-03-02';
  const { desde, hasta } = limitesDe(ventana, hoy);
  if (!ventana.futuro && valor > hoy) return 'no puede ser una fecha futura';
  if (valor < desde) return `no puede ser anterior al ${desde}: ${ventana.motivo}`;
  if (valor > hasta) return `no puede ser posterior al ${hasta}: ${ventana.motivo}`;
  return null;
}

/** The first and last dates a window allows today (same-length ISO dates compare as strings). */
export function limitesDe(ventana: VentanaDeFecha, hoy: IsoDate): { desde: IsoDate; hasta: IsoDate } {
  const anio = yearOf(hoy);
  const desde = ventana.diasAtras !== undefined ? addDays(hoy, -ventana.diasAtras) : `${anio - (ventana.aniosAtras ?? 0)}-01-01`;
  const hasta = !ventana.futuro ? hoy : `${anio + (ventana.aniosAdelante ?? 0)}-12-31`;
  return { desde, hasta };
}
