import { BusinessCalendar } from './business-calendar';
import { CalendarData } from './calendar-data';
import { CalendarError } from './calendar-error';

// Decree numbers and descriptions in these tests are illustrative, not the real ones.
const data: CalendarData = {
  decreed: [{ date: '2026-01-02', decree: 'D.S. N° 123-2025-PCM', description: 'Día no laborable para el sector público' }],
  regional: [{ date: '2026-03-04', departamento: '04', description: 'Día no laborable en Arequipa' }],
  entityClosures: [{ date: '2026-03-05', entityCode: 'MINEDU', description: 'Inventario anual' }],
};

describe('BusinessCalendar', () => {
  const national = new BusinessCalendar();
  const calendar = new BusinessCalendar(data);

  describe('isBusinessDay and nonWorkingReason', () => {
    it('treats weekdays without holidays as business days', () => {
      expect(national.isBusinessDay('2026-03-02')).toBe(true);
      expect(national.nonWorkingReason('2026-03-02')).toBeNull();
    });

    it('skips Saturdays and Sundays', () => {
      expect(national.nonWorkingReason('2026-03-07')).toBe('sábado');
      expect(national.nonWorkingReason('2026-03-08')).toBe('domingo');
    });

    it.each([
      ['2024-03-28', 'Jueves Santo'],
      ['2025-04-18', 'Viernes Santo'],
      ['2027-03-25', 'Jueves Santo'],
      ['2028-04-14', 'Viernes Santo'],
      ['2026-07-28', 'Fiestas Patrias'],
      ['2025-07-29', 'Fiestas Patrias'],
      ['2026-12-08', 'Inmaculada Concepción'],
      ['2026-12-09', 'Batalla de Ayacucho'],
      ['2025-12-25', 'Navidad del Señor'],
      ['2027-01-01', 'Año Nuevo'],
    ])('skips %s (%s)', (date, name) => {
      expect(national.isBusinessDay(date)).toBe(false);
      expect(national.nonWorkingReason(date)).toBe(name);
    });

    it('gives every reason when a holiday falls on a weekend', () => {
      // 2027-12-25 is a Saturday.
      expect(national.nonWorkingReason('2027-12-25')).toBe('sábado; Navidad del Señor');
      expect(national.nonWorkingReasons('2027-12-25').map((r) => r.kind)).toEqual(['weekend', 'national-holiday']);
    });

    it('treats the days around the holidays as business days', () => {
      expect(national.isBusinessDay('2026-12-07')).toBe(true);
      expect(national.isBusinessDay('2026-12-10')).toBe(true);
      expect(national.isBusinessDay('2026-07-27')).toBe(true);
      expect(national.isBusinessDay('2026-07-30')).toBe(true);
      expect(national.isBusinessDay('2026-12-24')).toBe(true);
    });

    it('skips a decreed día no laborable, naming the decree, and only when it is in the data', () => {
      expect(national.isBusinessDay('2026-01-02')).toBe(true);
      expect(calendar.isBusinessDay('2026-01-02')).toBe(false);
      expect(calendar.nonWorkingReason('2026-01-02')).toBe('Día no laborable (D.S. N° 123-2025-PCM)');
    });

    it('applies a regional day to its departamento only', () => {
      expect(calendar.isBusinessDay('2026-03-04', { departamento: '04' })).toBe(false);
      expect(calendar.nonWorkingReason('2026-03-04', { departamento: '04' })).toBe('Día no laborable regional (04): Día no laborable en Arequipa');
      expect(calendar.isBusinessDay('2026-03-04', { departamento: '15' })).toBe(true);
      expect(calendar.isBusinessDay('2026-03-04')).toBe(true);
    });

    it('applies an entity closure to that entity only', () => {
      expect(calendar.isBusinessDay('2026-03-05', { entityCode: 'MINEDU' })).toBe(false);
      expect(calendar.nonWorkingReason('2026-03-05', { entityCode: 'MINEDU' })).toBe('Cierre de la entidad: Inventario anual');
      expect(calendar.isBusinessDay('2026-03-05', { entityCode: 'SUNAT' })).toBe(true);
      expect(calendar.isBusinessDay('2026-03-05')).toBe(true);
    });

    it('rejects a malformed date or scope', () => {
      expect(() => national.isBusinessDay('2026-02-30')).toThrow(CalendarError);
      expect(() => national.isBusinessDay('2026-03-02', { departamento: '150101' })).toThrow(/ubigeo de dos dígitos/);
      expect(() => national.isBusinessDay('2026-03-02', { departamento: '26' })).toThrow(CalendarError);
    });
  });

  describe('addBusinessDays', () => {
    it('counts from the day after the given date', () => {
      expect(national.addBusinessDays('2026-03-02', 1)).toBe('2026-03-03');
      expect(national.addBusinessDays('2026-03-06', 1)).toBe('2026-03-09'); // Friday → Monday
      expect(national.addBusinessDays('2026-03-07', 1)).toBe('2026-03-09'); // from a Saturday
    });

    it('returns the same date for zero days', () => {
      expect(national.addBusinessDays('2026-03-07', 0)).toBe('2026-03-07');
    });

    it('jumps Semana Santa, Fiestas Patrias and the December holidays', () => {
      expect(national.addBusinessDays('2026-04-01', 1)).toBe('2026-04-06');
      expect(national.addBusinessDays('2026-07-27', 1)).toBe('2026-07-30');
      expect(national.addBusinessDays('2026-12-07', 1)).toBe('2026-12-10');
      expect(national.addBusinessDays('2026-12-31', 1)).toBe('2027-01-04');
    });

    it('rejects negative or fractional counts', () => {
      expect(() => national.addBusinessDays('2026-03-02', -1)).toThrow(CalendarError);
      expect(() => national.addBusinessDays('2026-03-02', 1.5)).toThrow(/entero/);
    });

    it('fails loudly instead of looping when the data closes every day', () => {
      const entityClosures = Array.from({ length: 400 }, (_, i) => ({
        date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
        entityCode: 'X',
        description: 'cerrado',
      }));
      const closed = new BusinessCalendar({ decreed: [], regional: [], entityClosures });
      expect(() => closed.addBusinessDays('2026-01-01', 1, { entityCode: 'X' })).toThrow(/No hay ningún día hábil/);
      expect(() => closed.businessDayOnOrAfter('2026-01-01', { entityCode: 'X' })).toThrow(CalendarError);
    });
  });

  describe('businessDaysBetween', () => {
    it('counts business days left until the due date', () => {
      expect(national.businessDaysBetween('2026-03-02', '2026-03-03')).toBe(1);
      expect(national.businessDaysBetween('2026-03-06', '2026-03-09')).toBe(1); // Friday → Monday
      expect(national.businessDaysBetween('2026-03-02', '2026-04-15')).toBe(30);
    });

    it('is zero on the due date', () => {
      expect(national.businessDaysBetween('2026-04-15', '2026-04-15')).toBe(0);
    });

    it('is negative when overdue', () => {
      expect(national.businessDaysBetween('2026-04-16', '2026-04-15')).toBe(-1);
      expect(national.businessDaysBetween('2026-04-20', '2026-04-15')).toBe(-3);
    });

    it('is zero, not -0, on the weekend right after a Friday due date', () => {
      expect(Object.is(national.businessDaysBetween('2026-03-07', '2026-03-06'), 0)).toBe(true);
    });
  });

  describe('data validation', () => {
    it('rejects invalid rows with one message listing every problem', () => {
      const bad: CalendarData = {
        decreed: [{ date: '2026-02-30', decree: '', description: 'x' }],
        regional: [{ date: '2026-03-04', departamento: '150101', description: 'x' }],
        entityClosures: [{ date: '2026-03-05', entityCode: ' ', description: 'x' }],
      };
      expect(() => new BusinessCalendar(bad)).toThrow(CalendarError);
      expect(() => new BusinessCalendar(bad)).toThrow(/decreed\[0\].*2026-02-30.*decreto.*regional\[0\].*entityClosures\[0\]/);
    });

    it('is not affected when the caller mutates its arrays afterwards', () => {
      const decreed = [{ date: '2026-01-02', decree: 'D.S. N° 123-2025-PCM', description: 'x' }];
      const copy = new BusinessCalendar({ decreed, regional: [], entityClosures: [] });
      const version = copy.version;
      decreed.push({ date: '2026-03-02', decree: 'D.S. N° 999-2026-PCM', description: 'y' });
      expect(copy.isBusinessDay('2026-03-02')).toBe(true);
      expect(copy.version).toBe(version);
    });
  });

  describe('version', () => {
    it('is a 16-character hex string', () => {
      expect(calendar.version).toMatch(/^[0-9a-f]{16}$/);
    });

    it('does not depend on the order rows were loaded in', () => {
      const a = new BusinessCalendar({
        decreed: [
          { date: '2026-01-02', decree: 'D.S. N° 123-2025-PCM', description: 'x' },
          { date: '2025-12-26', decree: 'D.S. N° 100-2025-PCM', description: 'y' },
        ],
        regional: [],
        entityClosures: [],
      });
      const b = new BusinessCalendar({ decreed: [...a.data.decreed].reverse(), regional: [], entityClosures: [] });
      expect(b.version).toBe(a.version);
    });

    it('versionFor ignores other entities’ closures and other departamentos’ days', () => {
      const more = new BusinessCalendar({
        ...data,
        entityClosures: [...data.entityClosures, { date: '2026-03-06', entityCode: 'SUNAT', description: 'Mudanza' }],
      });
      expect(more.version).not.toBe(calendar.version);
      expect(more.versionFor({ entityCode: 'MINEDU', departamento: '15' })).toBe(calendar.versionFor({ entityCode: 'MINEDU', departamento: '15' }));
      expect(more.versionFor({ entityCode: 'SUNAT' })).not.toBe(calendar.versionFor({ entityCode: 'SUNAT' }));
    });
  });
});
