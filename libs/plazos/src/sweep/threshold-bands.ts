import { BusinessCalendar, CalendarScope, IsoDate } from '@app/calendar';

/** Reminders at these business days left unless the entity set its own (domain README). */
export const UMBRALES_POR_DEFECTO: readonly number[] = [10, 5, 2, 1];

/** The threshold of a reclamo already past its due date. */
export const UMBRAL_VENCIDO = 'vencido';

/**
 * A range of due dates that, today, means "this threshold was crossed": the sweep selects open
 * reclamos with `desde <= vence_el < hasta`. `desde` null means no lower bound.
 */
export interface ThresholdBand {
  readonly umbral: string;
  readonly desde: IsoDate | null;
  readonly hasta: IsoDate;
}

/**
 * The due-date bands of each threshold as of `today`, computed once per entity with the calendar
 * so the sweep is one range query instead of a loop over reclamos.
 *
 * With days left = businessDaysBetween(today, vence), "days left ≤ k" is exactly
 * "vence < addBusinessDays(today, k + 1)". A reclamo belongs to the band of the tightest threshold it
 * has reached and not of the wider ones: a reclamo first seen with 3 days left gets the 5-day
 * reminder, not the 10-day one as well; a sweep that missed a day still catches every reclamo. The
 * lowest threshold also covers "due today" (0 days left); before today is overdue.
 */
export function thresholdBands(
  calendar: BusinessCalendar,
  today: IsoDate,
  umbrales: readonly number[],
  scope: CalendarScope,
): ThresholdBand[] {
  const sorted = [...new Set(umbrales)].filter((k) => Number.isInteger(k) && k > 0).sort((a, b) => b - a);
  const upperOf = (k: number): IsoDate => calendar.addBusinessDays(today, k + 1, scope);
  const bands: ThresholdBand[] = sorted.map((k, i) => ({
    umbral: String(k),
    desde: i + 1 < sorted.length ? upperOf(sorted[i + 1]) : today,
    hasta: upperOf(k),
  }));
  bands.push({ umbral: UMBRAL_VENCIDO, desde: null, hasta: today });
  return bands;
}
