import { easterSunday } from './easter';
import { addDays, formatIsoDate, IsoDate } from './iso-date';

/**
 * How a holiday lands on the calendar: a fixed day of the year, or a number of days from Easter
 * Sunday (Jueves Santo = -3, Viernes Santo = -2).
 */
export type HolidayRule = { kind: 'fixed'; month: number; day: number } | { kind: 'easter'; offsetDays: number };

export interface NationalHolidayDefinition {
  /** Stable identifier, safe to store or use as a translation key. */
  readonly id: string;
  /** Name as the law lists it; shown to the citizen as the reason a day was skipped. */
  readonly name: string;
  readonly legalBasis: string;
  /** First year in which the day was a holiday (the law was in force on that date). */
  readonly sinceYear: number;
  readonly rule: HolidayRule;
}

export interface NationalHoliday {
  readonly date: IsoDate;
  readonly id: string;
  readonly name: string;
  readonly legalBasis: string;
  readonly sinceYear: number;
}

const DLEG_713 = 'D.Leg. N° 713, art. 6';

/**
 * Peru's national holidays (feriados), the one table to correct if a fact below is wrong.
 *
 * The list follows art. 6 of D.Leg. 713 as amended, which the domain README takes as authoritative.
 * Every public entity is closed on these days, so Ley 27444 (TUO, art. 145.1) excludes them from
 * any plazo counted in días hábiles.
 *
 * Start years: the first-time holidays are dated by when their law was published in El Peruano.
 * - 1991 for the original list is the year D.Leg. 713 consolidated it (those days were holidays
 *   earlier under older laws). The platform has no reclamo before 2020, so nothing depends on it.
 * - 9 Dec: Ley 31381, published 31 Dec 2021 → first holiday 9 Dec 2022.
 * - 6 Aug: Ley 31530, published 26 Jul 2022 → first holiday 6 Aug 2022 (a Saturday).
 * - 7 Jun: Ley 31788, published June 2023, after that year's 7 June → first holiday 7 Jun 2024
 *   (as the domain README states).
 * - 23 Jul: Ley 31822 (July 2023) declares it "Día de la Fuerza Aérea del Perú y feriado nacional"
 *   by amending Ley 16126, not art. 6 of D.Leg. 713. It was published before 23 Jul 2023, so 2023
 *   is used. That day was a Sunday, so choosing 2023 or 2024 changes no business-day count.
 *
 * Changing any entry changes BusinessCalendar#version: dates already computed keep theirs.
 */
export const NATIONAL_HOLIDAY_DEFINITIONS: readonly NationalHolidayDefinition[] = [
  { id: 'ano-nuevo', name: 'Año Nuevo', legalBasis: DLEG_713, sinceYear: 1991, rule: { kind: 'fixed', month: 1, day: 1 } },
  { id: 'jueves-santo', name: 'Jueves Santo', legalBasis: DLEG_713, sinceYear: 1991, rule: { kind: 'easter', offsetDays: -3 } },
  { id: 'viernes-santo', name: 'Viernes Santo', legalBasis: DLEG_713, sinceYear: 1991, rule: { kind: 'easter', offsetDays: -2 } },
  { id: 'dia-del-trabajo', name: 'Día del Trabajo', legalBasis: DLEG_713, sinceYear: 1991, rule: { kind: 'fixed', month: 5, day: 1 } },
  {
    id: 'batalla-de-arica',
    name: 'Batalla de Arica y Día de la Bandera',
    legalBasis: `${DLEG_713}, modificado por la Ley N° 31788`,
    sinceYear: 2024,
    rule: { kind: 'fixed', month: 6, day: 7 },
  },
  { id: 'san-pedro-y-san-pablo', name: 'San Pedro y San Pablo', legalBasis: DLEG_713, sinceYear: 1991, rule: { kind: 'fixed', month: 6, day: 29 } },
  {
    id: 'dia-de-la-fuerza-aerea',
    name: 'Día de la Fuerza Aérea del Perú',
    legalBasis: 'Ley N° 31822 (modifica la Ley N° 16126)',
    sinceYear: 2023,
    rule: { kind: 'fixed', month: 7, day: 23 },
  },
  { id: 'fiestas-patrias-28', name: 'Fiestas Patrias', legalBasis: DLEG_713, sinceYear: 1991, rule: { kind: 'fixed', month: 7, day: 28 } },
  { id: 'fiestas-patrias-29', name: 'Fiestas Patrias', legalBasis: DLEG_713, sinceYear: 1991, rule: { kind: 'fixed', month: 7, day: 29 } },
  {
    id: 'batalla-de-junin',
    name: 'Batalla de Junín',
    legalBasis: `${DLEG_713}, modificado por la Ley N° 31530`,
    sinceYear: 2022,
    rule: { kind: 'fixed', month: 8, day: 6 },
  },
  { id: 'santa-rosa-de-lima', name: 'Santa Rosa de Lima', legalBasis: DLEG_713, sinceYear: 1991, rule: { kind: 'fixed', month: 8, day: 30 } },
  { id: 'combate-de-angamos', name: 'Combate de Angamos', legalBasis: DLEG_713, sinceYear: 1991, rule: { kind: 'fixed', month: 10, day: 8 } },
  { id: 'todos-los-santos', name: 'Todos los Santos', legalBasis: DLEG_713, sinceYear: 1991, rule: { kind: 'fixed', month: 11, day: 1 } },
  {
    id: 'inmaculada-concepcion',
    name: 'Inmaculada Concepción',
    legalBasis: DLEG_713,
    sinceYear: 1991,
    rule: { kind: 'fixed', month: 12, day: 8 },
  },
  {
    id: 'batalla-de-ayacucho',
    name: 'Batalla de Ayacucho',
    legalBasis: `${DLEG_713}, modificado por la Ley N° 31381`,
    sinceYear: 2022,
    rule: { kind: 'fixed', month: 12, day: 9 },
  },
  { id: 'navidad', name: 'Navidad del Señor', legalBasis: DLEG_713, sinceYear: 1991, rule: { kind: 'fixed', month: 12, day: 25 } },
];

function dateOfRule(rule: HolidayRule, year: number): IsoDate {
  switch (rule.kind) {
    case 'fixed':
      return formatIsoDate(year, rule.month, rule.day);
    case 'easter':
      return addDays(easterSunday(year), rule.offsetDays);
  }
}

/** The national holidays of one year, in date order. */
export function nationalHolidaysOf(
  year: number,
  definitions: readonly NationalHolidayDefinition[] = NATIONAL_HOLIDAY_DEFINITIONS,
): NationalHoliday[] {
  return definitions
    .filter((definition) => year >= definition.sinceYear)
    .map(({ id, name, legalBasis, sinceYear, rule }) => ({ date: dateOfRule(rule, year), id, name, legalBasis, sinceYear }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
