import { CalendarError } from './calendar-error';
import { formatIsoDate, IsoDate } from './iso-date';

/**
 * The zone whose calendar decides which day a reclamo was filed on. Peru is UTC-5 all year (no
 * DST), but the offset is still taken from the IANA database through Intl rather than hard-coded,
 * so a future change of the legal time would arrive with a Node/ICU update, not a code change.
 */
export const LIMA_TIME_ZONE = 'America/Lima';

// Building a DateTimeFormat is costly; one instance serves every call.
const limaFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: LIMA_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  calendar: 'gregory',
  numberingSystem: 'latn',
});

/**
 * The America/Lima calendar date of an instant: 2026-03-03T04:30Z (23:30 in Lima on 2 March)
 * belongs to 2026-03-02, the day the citizen actually filed.
 */
export function limaDateOf(instant: Date): IsoDate {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new CalendarError('INVALID_INSTANT', 'La fecha y hora recibida no es un instante válido.');
  }
  const parts = limaFormatter.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number => {
    const found = parts.find((p) => p.type === type);
    if (found === undefined) {
      throw new CalendarError('INVALID_INSTANT', `No se pudo obtener la fecha de Lima (falta "${type}").`);
    }
    return Number(found.value);
  };
  return formatIsoDate(part('year'), part('month'), part('day'));
}
