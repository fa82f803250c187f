import { CalendarData, CalendarScope, DecreedDay, EMPTY_CALENDAR_DATA, EntityClosure, RegionalDay } from './calendar-data';
import { CalendarError } from './calendar-error';
import { calendarVersionOf } from './calendar-version';
import { civilFromDayNumber, fromDayNumber, IsoDate, isIsoDate, toDayNumber, weekdayOfDayNumber } from './iso-date';
import { NATIONAL_HOLIDAY_DEFINITIONS, NationalHoliday, nationalHolidaysOf } from './national-holidays';

/** Why a day is not a business day; `label` is the Spanish text shown to people. */
export type NonWorkingReason =
  | { readonly kind: 'weekend'; readonly label: 'sábado' | 'domingo' }
  | { readonly kind: 'national-holiday'; readonly label: string; readonly holiday: NationalHoliday }
  | { readonly kind: 'decreed'; readonly label: string; readonly day: DecreedDay }
  | { readonly kind: 'regional'; readonly label: string; readonly day: RegionalDay }
  | { readonly kind: 'entity-closure'; readonly label: string; readonly day: EntityClosure };

export interface NonWorkingDay {
  readonly fecha: IsoDate;
  readonly motivo: string;
}

// Two-digit ubigeo of Peru's departamentos: 01 Amazonas … 25 Ucayali (07 is Callao).
const DEPARTAMENTO_PATTERN = /^(0[1-9]|1\d|2[0-5])$/;

/**
 * No real calendar has a year without a business day; a run this long means the supplied data
 * is wrong (e.g. a closure loaded for every day), and looping on would hang the caller.
 */
const MAX_CONSECUTIVE_NON_WORKING_DAYS = 366;

/**
 * The business-day calendar of Peru's public sector.
 *
 * Ley 27444 (TUO, art. 145.1) counts plazos in días hábiles consecutivos, leaving out the days the
 * service does not work and the national or regional non-working holidays. Here that means a day
 * is NOT a business day when it is a Saturday or Sunday, a national holiday (D.Leg. 713 as
 * amended), a decreed public-sector día no laborable, a regional non-working day of the reclamo's
 * departamento, or a closure of the reclamo's entity.
 *
 * Immutable: build a new instance when the data changes, and compare `version`.
 */
export class BusinessCalendar {
  /** Deterministic fingerprint of the rules and data; store it next to every computed due date. */
  readonly version: string;
  readonly data: CalendarData;

  // Indexed by day number (days since 1970-01-01) so the counting loops never build strings or Dates.
  private readonly decreedByDay: ReadonlyMap<number, readonly DecreedDay[]>;
  private readonly regionalByDay: ReadonlyMap<number, readonly RegionalDay[]>;
  private readonly closuresByDay: ReadonlyMap<number, readonly EntityClosure[]>;
  private readonly holidaysByYear = new Map<number, ReadonlyMap<number, readonly NationalHoliday[]>>();

  constructor(data: CalendarData = EMPTY_CALENDAR_DATA) {
    validateData(data);
    // A private copy: a caller mutating its arrays later must not change a calendar whose version is fixed.
    this.data = Object.freeze({
      decreed: Object.freeze(data.decreed.map((d) => Object.freeze({ ...d }))),
      regional: Object.freeze(data.regional.map((r) => Object.freeze({ ...r }))),
      entityClosures: Object.freeze(data.entityClosures.map((c) => Object.freeze({ ...c }))),
    });
    this.decreedByDay = groupByDay(this.data.decreed);
    this.regionalByDay = groupByDay(this.data.regional);
    this.closuresByDay = groupByDay(this.data.entityClosures);
    this.version = calendarVersionOf(this.data, NATIONAL_HOLIDAY_DEFINITIONS);
  }

  /**
   * A version that depends only on what applies to one scope (national rules, decreed days, that
   * departamento's days, that entity's closures). Use it to ask "did the calendar change for this
   * reclamo?" without being disturbed by another entity's closures.
   */
  versionFor(scope: CalendarScope = {}): string {
    assertScope(scope);
    return calendarVersionOf(
      {
        decreed: this.data.decreed,
        regional: this.data.regional.filter((r) => r.departamento === scope.departamento),
        entityClosures: this.data.entityClosures.filter((c) => c.entityCode === scope.entityCode),
      },
      NATIONAL_HOLIDAY_DEFINITIONS,
    );
  }

  nationalHolidaysOn(date: IsoDate): readonly NationalHoliday[] {
    return this.holidaysOn(toDayNumber(date));
  }

  /** Every reason the day is skipped, in a fixed order (weekend, national, decreed, regional, entity); empty on a business day. */
  nonWorkingReasons(date: IsoDate, scope: CalendarScope = {}): NonWorkingReason[] {
    const day = toDayNumber(date);
    assertScope(scope);
    return this.reasonsOf(day, scope);
  }

  /** Why the day is skipped ("sábado", "Viernes Santo", "Día no laborable (D.S. N° …)"), or null on a business day. */
  nonWorkingReason(date: IsoDate, scope: CalendarScope = {}): string | null {
    return labelOf(this.nonWorkingReasons(date, scope));
  }

  isBusinessDay(date: IsoDate, scope: CalendarScope = {}): boolean {
    const day = toDayNumber(date);
    assertScope(scope);
    return this.isBusinessDayNumber(day, scope);
  }

  /**
   * The date itself if it is a business day, else the next one. Ley 27444 (TUO, art. 145.2): a
   * plazo whose last day is not a business day is extended to the first business day after it;
   * the platform applies the same to a reclamo filed on a non-working day.
   */
  businessDayOnOrAfter(date: IsoDate, scope: CalendarScope = {}): IsoDate {
    const start = toDayNumber(date);
    assertScope(scope);
    for (let day = start; day <= start + MAX_CONSECUTIVE_NON_WORKING_DAYS; day += 1) {
      if (this.isBusinessDayNumber(day, scope)) return fromDayNumber(day);
    }
    throw noBusinessDayFound(date);
  }

  /**
   * The n-th business day after `date`, not counting `date` itself (Ley 27444, TUO art. 144.1: a
   * plazo in days runs from the business day after the triggering act). `n = 0` returns `date`
   * unchanged. `date` itself may be a non-business day: only the days after it are counted.
   */
  addBusinessDays(date: IsoDate, n: number, scope: CalendarScope = {}): IsoDate {
    if (!Number.isInteger(n) || n < 0) {
      throw new CalendarError(
        'INVALID_BUSINESS_DAYS',
        `La cantidad de días hábiles a sumar debe ser un entero mayor o igual a cero; se recibió ${String(n)}.`,
      );
    }
    let day = toDayNumber(date);
    assertScope(scope);
    let counted = 0;
    let run = 0;
    while (counted < n) {
      day += 1;
      if (this.isBusinessDayNumber(day, scope)) {
        counted += 1;
        run = 0;
      } else if (++run > MAX_CONSECUTIVE_NON_WORKING_DAYS) {
        throw noBusinessDayFound(date);
      }
    }
    return n === 0 ? date : fromDayNumber(day);
  }

  /**
   * Business days left from `from` (usually today in Lima) until `to` (a due date), for the
   * "días hábiles restantes" display and reminders:
   * - `to` after `from`: the number of business days d with from < d ≤ to. The day before a due
   *   date that is a business day gives 1; `addBusinessDays(from, result) === to` when `to` is a
   *   business day.
   * - `to` equal to `from`: 0 (due today).
   * - `to` before `from` (overdue): minus the business days d with to < d ≤ from, so the first
   *   business day after the due date gives -1. Always `between(a, b) === -between(b, a)`.
   * On a weekend right after the due date it is 0 although the reclamo is overdue: decide "vencido"
   * by comparing dates (`from > to`), not by the sign of this number.
   */
  businessDaysBetween(from: IsoDate, to: IsoDate, scope: CalendarScope = {}): number {
    const start = toDayNumber(from);
    const end = toDayNumber(to);
    assertScope(scope);
    if (start === end) return 0;
    const [low, high, sign] = start < end ? [start, end, 1] : [end, start, -1];
    let count = 0;
    for (let day = low + 1; day <= high; day += 1) {
      if (this.isBusinessDayNumber(day, scope)) count += 1;
    }
    return count === 0 ? 0 : sign * count;
  }

  /** Every non-business day from `from` to `to`, both included, with its reason, in date order. */
  nonWorkingDaysBetween(from: IsoDate, to: IsoDate, scope: CalendarScope = {}): NonWorkingDay[] {
    const start = toDayNumber(from);
    const end = toDayNumber(to);
    assertScope(scope);
    const days: NonWorkingDay[] = [];
    for (let day = start; day <= end; day += 1) {
      const motivo = labelOf(this.reasonsOf(day, scope));
      if (motivo !== null) days.push({ fecha: fromDayNumber(day), motivo });
    }
    return days;
  }

  // The hot path: cheapest checks first, no allocation for a plain weekday.
  private isBusinessDayNumber(day: number, scope: CalendarScope): boolean {
    const weekday = weekdayOfDayNumber(day);
    if (weekday === 0 || weekday === 6) return false;
    if (this.decreedByDay.has(day) || this.holidaysOn(day).length > 0) return false;
    if (scope.departamento !== undefined && this.regionalByDay.get(day)?.some((r) => r.departamento === scope.departamento)) {
      return false;
    }
    if (scope.entityCode !== undefined && this.closuresByDay.get(day)?.some((c) => c.entityCode === scope.entityCode)) {
      return false;
    }
    return true;
  }

  private reasonsOf(day: number, scope: CalendarScope): NonWorkingReason[] {
    const reasons: NonWorkingReason[] = [];
    const weekday = weekdayOfDayNumber(day);
    if (weekday === 6) reasons.push({ kind: 'weekend', label: 'sábado' });
    if (weekday === 0) reasons.push({ kind: 'weekend', label: 'domingo' });
    for (const holiday of this.holidaysOn(day)) {
      reasons.push({ kind: 'national-holiday', label: holiday.name, holiday });
    }
    for (const decreed of this.decreedByDay.get(day) ?? []) {
      reasons.push({ kind: 'decreed', label: `Día no laborable (${decreed.decree})`, day: decreed });
    }
    if (scope.departamento !== undefined) {
      for (const regional of this.regionalByDay.get(day) ?? []) {
        if (regional.departamento === scope.departamento) {
          reasons.push({
            kind: 'regional',
            label: `Día no laborable regional (${regional.departamento}): ${regional.description}`,
            day: regional,
          });
        }
      }
    }
    if (scope.entityCode !== undefined) {
      for (const closure of this.closuresByDay.get(day) ?? []) {
        if (closure.entityCode === scope.entityCode) {
          reasons.push({ kind: 'entity-closure', label: `Cierre de la entidad: ${closure.description}`, day: closure });
        }
      }
    }
    return reasons;
  }

  private holidaysOn(day: number): readonly NationalHoliday[] {
    const { year } = civilFromDayNumber(day);
    let byDay = this.holidaysByYear.get(year);
    if (byDay === undefined) {
      byDay = groupByDay(nationalHolidaysOf(year));
      this.holidaysByYear.set(year, byDay);
    }
    return byDay.get(day) ?? NO_HOLIDAYS;
  }
}

const NO_HOLIDAYS: readonly NationalHoliday[] = Object.freeze([]);

function labelOf(reasons: readonly NonWorkingReason[]): string | null {
  return reasons.length === 0 ? null : reasons.map((r) => r.label).join('; ');
}

function groupByDay<T extends { readonly date: IsoDate }>(items: readonly T[]): Map<number, T[]> {
  const byDay = new Map<number, T[]>();
  for (const item of items) {
    const day = toDayNumber(item.date);
    const list = byDay.get(day);
    if (list === undefined) byDay.set(day, [item]);
    else list.push(item);
  }
  return byDay;
}

function noBusinessDayFound(date: IsoDate): CalendarError {
  return new CalendarError(
    'NO_BUSINESS_DAY_FOUND',
    `No hay ningún día hábil en los ${MAX_CONSECUTIVE_NON_WORKING_DAYS} días siguientes a ${date}; revise los días no laborables cargados.`,
  );
}

function assertScope(scope: CalendarScope): void {
  if (scope.departamento !== undefined && !DEPARTAMENTO_PATTERN.test(scope.departamento)) {
    throw new CalendarError(
      'INVALID_SCOPE',
      `El departamento debe ser un código de ubigeo de dos dígitos (01 a 25); se recibió ${JSON.stringify(scope.departamento)}.`,
    );
  }
  if (scope.entityCode !== undefined && scope.entityCode.trim() === '') {
    throw new CalendarError('INVALID_SCOPE', 'El código de la entidad no puede estar vacío.');
  }
}

function validateData(data: CalendarData): void {
  const problems: string[] = [];
  const checkDate = (date: unknown, where: string): void => {
    if (!isIsoDate(date)) problems.push(`${where}: la fecha ${JSON.stringify(date)} no es válida (AAAA-MM-DD)`);
  };
  const checkText = (text: unknown, where: string, field: string): void => {
    if (typeof text !== 'string' || text.trim() === '') problems.push(`${where}: falta ${field}`);
  };
  data.decreed.forEach((d, i) => {
    checkDate(d.date, `decreed[${i}]`);
    checkText(d.decree, `decreed[${i}]`, 'el número del decreto');
    checkText(d.description, `decreed[${i}]`, 'la descripción');
  });
  data.regional.forEach((r, i) => {
    checkDate(r.date, `regional[${i}]`);
    if (typeof r.departamento !== 'string' || !DEPARTAMENTO_PATTERN.test(r.departamento)) {
      problems.push(`regional[${i}]: el departamento ${JSON.stringify(r.departamento)} no es un ubigeo de dos dígitos (01 a 25)`);
    }
    checkText(r.description, `regional[${i}]`, 'la descripción');
  });
  data.entityClosures.forEach((c, i) => {
    checkDate(c.date, `entityClosures[${i}]`);
    checkText(c.entityCode, `entityClosures[${i}]`, 'el código de la entidad');
    checkText(c.description, `entityClosures[${i}]`, 'la descripción');
  });
  if (problems.length > 0) {
    throw new CalendarError('INVALID_CALENDAR_DATA', `Datos de calendario inválidos: ${problems.join('; ')}.`);
  }
}
