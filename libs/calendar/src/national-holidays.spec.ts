import { NATIONAL_HOLIDAY_DEFINITIONS, nationalHolidaysOf } from './national-holidays';

const datesOf = (year: number): string[] => nationalHolidaysOf(year).map((h) => h.date);

describe('nationalHolidaysOf', () => {
  it('lists the 16 holidays of 2026 in date order', () => {
    expect(nationalHolidaysOf(2026).map((h) => [h.date, h.name])).toEqual([
      ['2026-01-01', 'Año Nuevo'],
      ['2026-04-02', 'Jueves Santo'],
      ['2026-04-03', 'Viernes Santo'],
      ['2026-05-01', 'Día del Trabajo'],
      ['2026-06-07', 'Batalla de Arica y Día de la Bandera'],
      ['2026-06-29', 'San Pedro y San Pablo'],
      ['2026-07-23', 'Día de la Fuerza Aérea del Perú'],
      ['2026-07-28', 'Fiestas Patrias'],
      ['2026-07-29', 'Fiestas Patrias'],
      ['2026-08-06', 'Batalla de Junín'],
      ['2026-08-30', 'Santa Rosa de Lima'],
      ['2026-10-08', 'Combate de Angamos'],
      ['2026-11-01', 'Todos los Santos'],
      ['2026-12-08', 'Inmaculada Concepción'],
      ['2026-12-09', 'Batalla de Ayacucho'],
      ['2026-12-25', 'Navidad del Señor'],
    ]);
  });

  it.each([
    [2024, '2024-03-28', '2024-03-29'],
    [2025, '2025-04-17', '2025-04-18'],
    [2026, '2026-04-02', '2026-04-03'],
    [2027, '2027-03-25', '2027-03-26'],
    [2028, '2028-04-13', '2028-04-14'],
  ])('Semana Santa %i: Jueves Santo %s and Viernes Santo %s', (year, jueves, viernes) => {
    const holidays = nationalHolidaysOf(year);
    expect(holidays.find((h) => h.id === 'jueves-santo')?.date).toBe(jueves);
    expect(holidays.find((h) => h.id === 'viernes-santo')?.date).toBe(viernes);
  });

  it.each([2024, 2025, 2026, 2027, 2028])('%i has Fiestas Patrias, 6–9 December, Christmas and New Year', (year) => {
    expect(datesOf(year)).toEqual(
      expect.arrayContaining([`${year}-01-01`, `${year}-07-28`, `${year}-07-29`, `${year}-12-08`, `${year}-12-09`, `${year}-12-25`]),
    );
  });

  it('adds each newer holiday only from the year its law took effect', () => {
    // 2021: before 9 Dec (Ley 31381), 6 Aug (Ley 31530), 23 Jul (Ley 31822) and 7 Jun (Ley 31788).
    expect(datesOf(2021)).toHaveLength(12);
    expect(datesOf(2021)).not.toEqual(expect.arrayContaining(['2021-12-09']));
    expect(datesOf(2022)).toEqual(expect.arrayContaining(['2022-08-06', '2022-12-09']));
    expect(datesOf(2022)).not.toContain('2022-07-23');
    expect(datesOf(2023)).toContain('2023-07-23');
    expect(datesOf(2023)).not.toContain('2023-06-07');
    expect(datesOf(2024)).toContain('2024-06-07');
  });

  it('gives every definition a name, a legal basis and a start year', () => {
    for (const definition of NATIONAL_HOLIDAY_DEFINITIONS) {
      expect(definition.name).not.toHaveLength(0);
      expect(definition.legalBasis).toMatch(/D\.Leg\. N° 713|Ley N° \d+/);
      expect(Number.isInteger(definition.sinceYear)).toBe(true);
    }
    expect(new Set(NATIONAL_HOLIDAY_DEFINITIONS.map((d) => d.id)).size).toBe(NATIONAL_HOLIDAY_DEFINITIONS.length);
  });
});
