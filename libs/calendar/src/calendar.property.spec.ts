import fc from 'fast-check';

import { BusinessCalendar } from './business-calendar';
import { CalendarData } from './calendar-data';
import { computeDueDate } from './due-date';
import { addDays, compareIsoDate } from './iso-date';

// Dates from 2020 to 2030, the range the platform actually works in.
const isoDate = fc.integer({ min: 0, max: 4017 }).map((offset) => addDays('2020-01-01', offset));
const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true });
const departamento = fc.constantFrom('04', '07', '15');
const entityCode = fc.constantFrom('MINEDU', 'SUNAT', 'MUNILIMA');
const scope = fc.record({ departamento, entityCode }, { requiredKeys: [] });
const calendarData: fc.Arbitrary<CalendarData> = fc.record({
  decreed: fc.array(fc.record({ date: isoDate, decree: fc.constantFrom('D.S. N° 001-2025-PCM', 'D.S. N° 002-2026-PCM'), description: fc.constant('No laborable') }), { maxLength: 20 }),
  regional: fc.array(fc.record({ date: isoDate, departamento, description: fc.constant('Regional') }), { maxLength: 20 }),
  entityClosures: fc.array(fc.record({ date: isoDate, entityCode, description: fc.constant('Cierre') }), { maxLength: 20 }),
});

describe('calendar properties', () => {
  it('the due date is always a business day, after the filing date', () => {
    fc.assert(
      fc.property(calendarData, instant, fc.integer({ min: 1, max: 40 }), scope, (data, registeredAt, businessDays, sc) => {
        const calendar = new BusinessCalendar(data);
        const result = computeDueDate({ registeredAt, businessDays, calendar, scope: sc });
        expect(calendar.isBusinessDay(result.vence, sc)).toBe(true);
        expect(compareIsoDate(result.vence, result.registro)).toBeGreaterThan(0);
        expect(calendar.businessDaysBetween(result.registroEfectivo, result.vence, sc)).toBe(businessDays);
        for (const { fecha } of result.omitidos) expect(calendar.isBusinessDay(fecha, sc)).toBe(false);
      }),
    );
  });

  it('addBusinessDays composes: (d + m) + n = d + (m + n) for a business day d', () => {
    fc.assert(
      fc.property(calendarData, isoDate, fc.nat(40), fc.nat(40), scope, (data, date, m, n, sc) => {
        const calendar = new BusinessCalendar(data);
        const d = calendar.businessDayOnOrAfter(date, sc);
        expect(calendar.addBusinessDays(calendar.addBusinessDays(d, m, sc), n, sc)).toBe(calendar.addBusinessDays(d, m + n, sc));
      }),
    );
  });

  it('businessDaysBetween is antisymmetric and inverts addBusinessDays', () => {
    fc.assert(
      fc.property(isoDate, isoDate, fc.nat(40), (a, b, n) => {
        const calendar = new BusinessCalendar();
        expect(calendar.businessDaysBetween(a, b) + calendar.businessDaysBetween(b, a)).toBe(0);
        expect(calendar.businessDaysBetween(a, calendar.addBusinessDays(a, n))).toBe(n);
      }),
    );
  });

  it('a later filing never gives an earlier due date', () => {
    fc.assert(
      fc.property(calendarData, instant, instant, fc.integer({ min: 1, max: 40 }), scope, (data, x, y, businessDays, sc) => {
        const calendar = new BusinessCalendar(data);
        const [earlier, later] = x <= y ? [x, y] : [y, x];
        const first = computeDueDate({ registeredAt: earlier, businessDays, calendar, scope: sc });
        const second = computeDueDate({ registeredAt: later, businessDays, calendar, scope: sc });
        expect(compareIsoDate(second.vence, first.vence)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('version is stable for equal data, in any order', () => {
    fc.assert(
      fc.property(calendarData, (data) => {
        const shuffled: CalendarData = {
          decreed: [...data.decreed].reverse(),
          regional: [...data.regional].reverse(),
          entityClosures: [...data.entityClosures].reverse(),
        };
        expect(new BusinessCalendar(shuffled).version).toBe(new BusinessCalendar(data).version);
        expect(new BusinessCalendar(structuredClone(data)).version).toBe(new BusinessCalendar(data).version);
      }),
    );
  });

  it('version changes when the data changes', () => {
    fc.assert(
      fc.property(calendarData, isoDate, fc.constantFrom('decreed', 'regional', 'entityClosures'), (data, date, kind) => {
        const changed: CalendarData = {
          decreed: kind === 'decreed' ? [...data.decreed, { date, decree: 'D.S. N° 999-2026-PCM', description: 'Nuevo' }] : data.decreed,
          regional: kind === 'regional' ? [...data.regional, { date, departamento: '25', description: 'Nuevo' }] : data.regional,
          entityClosures: kind === 'entityClosures' ? [...data.entityClosures, { date, entityCode: 'NUEVA', description: 'Nuevo' }] : data.entityClosures,
        };
        expect(new BusinessCalendar(changed).version).not.toBe(new BusinessCalendar(data).version);
      }),
    );
  });
});
