import { BusinessCalendar } from './business-calendar';
import { CalendarData } from './calendar-data';
import { CalendarError } from './calendar-error';
import { computeDueDate } from './due-date';
import { PLAZO_RESPUESTA_DIAS_HABILES, PLAZO_SUBSANACION_DIAS_HABILES } from './plazos';

const national = new BusinessCalendar();
const due = (registeredAt: Date | string, businessDays = PLAZO_RESPUESTA_DIAS_HABILES, calendar = national) =>
  computeDueDate({ registeredAt, businessDays, calendar });

describe('computeDueDate', () => {
  it('exports the legal plazos', () => {
    expect(PLAZO_RESPUESTA_DIAS_HABILES).toBe(30);
    expect(PLAZO_SUBSANACION_DIAS_HABILES).toBe(2);
  });

  it('counts from the business day after filing: Monday + 1 = Tuesday', () => {
    const result = due('2026-03-02', 1);
    expect(result).toEqual({
      registro: '2026-03-02',
      registroEfectivo: '2026-03-02',
      inicio: '2026-03-03',
      vence: '2026-03-03',
      omitidos: [],
      calendarVersion: national.version,
    });
  });

  it('30 días hábiles from Monday 2026-03-02, across Semana Santa 2026', () => {
    // Counted by hand (Easter 2026 = 5 April, so Jueves/Viernes Santo = 2 and 3 April):
    //  1–4  Tue 3 … Fri 6 March
    //  5–9  Mon 9 … Fri 13      10–14 Mon 16 … Fri 20      15–19 Mon 23 … Fri 27
    // 20–22 Mon 30, Tue 31 March, Wed 1 April; Thu 2 and Fri 3 April skipped (Semana Santa)
    // 23–27 Mon 6 … Fri 10 April      28–30 Mon 13, Tue 14, Wed 15 April → vence 2026-04-15
    const result = due('2026-03-02');
    expect(result.inicio).toBe('2026-03-03');
    expect(result.vence).toBe('2026-04-15');
    expect(result.omitidos).toHaveLength(14); // 6 weekends (12 days) + Jueves and Viernes Santo
    expect(result.omitidos).toEqual(
      expect.arrayContaining([
        { fecha: '2026-03-07', motivo: 'sábado' },
        { fecha: '2026-03-08', motivo: 'domingo' },
        { fecha: '2026-04-02', motivo: 'Jueves Santo' },
        { fecha: '2026-04-03', motivo: 'Viernes Santo' },
      ]),
    );
  });

  it('30 días hábiles from Friday 2026-07-17, across Fiestas Patrias and Junín', () => {
    // Counted by hand (July 2026 starts on a Wednesday):
    //  1–3  Mon 20, Tue 21, Wed 22 July; Thu 23 skipped (Día de la Fuerza Aérea); 4 Fri 24
    //  5    Mon 27; Tue 28 and Wed 29 skipped (Fiestas Patrias); 6–7 Thu 30, Fri 31
    //  8–10 Mon 3, Tue 4, Wed 5 August; Thu 6 skipped (Batalla de Junín); 11 Fri 7
    // 12–16 Mon 10 … Fri 14     17–21 Mon 17 … Fri 21     22–26 Mon 24 … Fri 28
    // Sun 30 Aug is Santa Rosa and a Sunday anyway; 27 Mon 31 Aug; 28–30 Tue 1, Wed 2, Thu 3 Sep
    const result = due('2026-07-17');
    expect(result.inicio).toBe('2026-07-20');
    expect(result.vence).toBe('2026-09-03');
    expect(result.omitidos).toHaveLength(18); // 7 weekends + 23, 28, 29 July + 6 August
    expect(result.omitidos).toContainEqual({ fecha: '2026-08-30', motivo: 'domingo; Santa Rosa de Lima' });
  });

  it('30 días hábiles from Wednesday 2026-11-25, across 8–9 December, Christmas and New Year', () => {
    // Counted by hand:
    //  1–2  Thu 26, Fri 27 Nov     3–7 Mon 30 Nov … Fri 4 Dec
    //  8    Mon 7 Dec; Tue 8 and Wed 9 skipped (Inmaculada Concepción, Batalla de Ayacucho); 9–10 Thu 10, Fri 11
    // 11–15 Mon 14 … Fri 18        16–19 Mon 21 … Thu 24; Fri 25 skipped (Navidad)
    // 20–23 Mon 28 … Thu 31 Dec; Fri 1 Jan 2027 skipped (Año Nuevo)
    // 24–28 Mon 4 … Fri 8 Jan      29–30 Mon 11, Tue 12 Jan → vence 2027-01-12
    const result = due('2026-11-25');
    expect(result.vence).toBe('2027-01-12');
    expect(result.omitidos.map((o) => o.fecha)).toEqual(
      expect.arrayContaining(['2026-12-08', '2026-12-09', '2026-12-25', '2027-01-01']),
    );
  });

  describe('a decreed día no laborable', () => {
    // Illustrative decree numbers; the real ones come from the database.
    const withDecree = (decreed: CalendarData['decreed']): BusinessCalendar =>
      new BusinessCalendar({ decreed, regional: [], entityClosures: [] });

    it('moves the due date when added and not when absent (2 January 2026)', () => {
      const calendar = withDecree([{ date: '2026-01-02', decree: 'D.S. N° 123-2025-PCM', description: 'Día no laborable' }]);
      // Filed Wed 31 Dec 2025: Thu 1 Jan is Año Nuevo; Fri 2 Jan is decreed → first business day Mon 5 Jan.
      expect(due('2025-12-31', 1, national).vence).toBe('2026-01-02');
      const result = due('2025-12-31', 1, calendar);
      expect(result.vence).toBe('2026-01-05');
      expect(result.omitidos).toEqual([
        { fecha: '2026-01-01', motivo: 'Año Nuevo' },
        { fecha: '2026-01-02', motivo: 'Día no laborable (D.S. N° 123-2025-PCM)' },
        { fecha: '2026-01-03', motivo: 'sábado' },
        { fecha: '2026-01-04', motivo: 'domingo' },
      ]);
      expect(result.calendarVersion).not.toBe(national.version);
    });

    it('moves a 30-day due date by one day (2 May 2025, Semana Santa 2025)', () => {
      // Filed Thu 10 April 2025, counted by hand (Easter 2025 = 20 April):
      //  1 Fri 11 April   2–4 Mon 14 … Wed 16; Thu 17 and Fri 18 skipped (Semana Santa)
      //  5–9 Mon 21 … Fri 25   10–12 Mon 28 … Wed 30; Thu 1 May skipped (Día del Trabajo)
      // 13 Fri 2 May (unless decreed)   14–18 Mon 5 … Fri 9   19–23 Mon 12 … Fri 16
      // 24–28 Mon 19 … Fri 23   29–30 Mon 26, Tue 27 May → vence 2025-05-27; with 2 May decreed, Wed 28
      expect(due('2025-04-10').vence).toBe('2025-05-27');
      const calendar = withDecree([{ date: '2025-05-02', decree: 'D.S. N° 045-2025-PCM', description: 'Día no laborable' }]);
      expect(due('2025-04-10', 30, calendar).vence).toBe('2025-05-28');
    });
  });

  it('applies a regional day only to cases of that departamento', () => {
    const calendar = new BusinessCalendar({
      decreed: [],
      regional: [{ date: '2026-03-03', departamento: '04', description: 'Día no laborable regional' }],
      entityClosures: [],
    });
    const arequipa = computeDueDate({ registeredAt: '2026-03-02', businessDays: 1, calendar, scope: { departamento: '04' } });
    const lima = computeDueDate({ registeredAt: '2026-03-02', businessDays: 1, calendar, scope: { departamento: '15' } });
    expect(arequipa.vence).toBe('2026-03-04');
    expect(arequipa.omitidos).toEqual([{ fecha: '2026-03-03', motivo: 'Día no laborable regional (04): Día no laborable regional' }]);
    expect(lima.vence).toBe('2026-03-03');
  });

  it('puts a reclamo filed at 23:30 in Lima on the Lima day', () => {
    // 2026-03-02 23:30 Lima = 2026-03-03 04:30 UTC; filed Monday, so 1 business day → Tuesday.
    const result = due(new Date('2026-03-03T04:30:00Z'), 1);
    expect(result.registro).toBe('2026-03-02');
    expect(result.vence).toBe('2026-03-03');
  });

  it('treats a Saturday filing as filed on Monday, starting the count on Tuesday', () => {
    const result = due(new Date('2026-03-07T15:00:00Z'), 1);
    expect(result).toMatchObject({ registro: '2026-03-07', registroEfectivo: '2026-03-09', inicio: '2026-03-10', vence: '2026-03-10' });
    expect(result.omitidos).toEqual([
      { fecha: '2026-03-07', motivo: 'sábado' },
      { fecha: '2026-03-08', motivo: 'domingo' },
    ]);
    // 30 days: as the Monday 2 March count above, shifted by the week: day 1 is Tue 10 March, and
    // 30 business days end on Wed 22 April (Semana Santa 2–3 April still skipped).
    expect(due('2026-03-07').vence).toBe('2026-04-22');
  });

  it('gives the subsanación plazo of 2 días hábiles', () => {
    // Requested Thu 2026-07-23 (a holiday, so counted as Fri 24): Mon 27 is day 1, then Tue 28 and
    // Wed 29 are Fiestas Patrias, so day 2 is Thu 30.
    expect(due('2026-07-23', PLAZO_SUBSANACION_DIAS_HABILES).vence).toBe('2026-07-30');
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects a plazo of %p días hábiles in Spanish', (businessDays) => {
    expect(() => due('2026-03-02', businessDays)).toThrow(CalendarError);
    expect(() => due('2026-03-02', businessDays)).toThrow(/entero positivo de días hábiles/);
  });

  it('rejects an impossible registration date', () => {
    let error: unknown;
    try {
      due('2026-02-30');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CalendarError);
    expect(error).toMatchObject({ code: 'INVALID_DATE', message: expect.stringContaining('"registeredAt"') as unknown });
  });
});
