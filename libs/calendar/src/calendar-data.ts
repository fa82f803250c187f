import { IsoDate } from './iso-date';

/**
 * Non-working days that are not national holidays. They change every year and come from the
 * database, where platform administrators add them without a deploy (domain README, "Deadlines
 * and the calendar").
 */
export interface DecreedDay {
  readonly date: IsoDate;
  /** The decree that made it a día no laborable for the public sector, e.g. "D.S. N° 123-2025-PCM". */
  readonly decree: string;
  readonly description: string;
}

export interface RegionalDay {
  readonly date: IsoDate;
  /** Two-digit ubigeo code of the departamento ("15" Lima, "07" Callao, "04" Arequipa…). */
  readonly departamento: string;
  readonly description: string;
}

export interface EntityClosure {
  readonly date: IsoDate;
  /** The entity's short code, the same one used in reclamo codes. */
  readonly entityCode: string;
  readonly description: string;
}

export interface CalendarData {
  readonly decreed: readonly DecreedDay[];
  readonly regional: readonly RegionalDay[];
  readonly entityClosures: readonly EntityClosure[];
}

/**
 * Whose calendar a question is about. A regional day counts only when the departamento matches,
 * an entity closure only when the entity matches; without them only national rules apply.
 */
export interface CalendarScope {
  readonly departamento?: string;
  readonly entityCode?: string;
}

export const EMPTY_CALENDAR_DATA: CalendarData = { decreed: [], regional: [], entityClosures: [] };
