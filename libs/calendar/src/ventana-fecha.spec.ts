import { revisarFecha, VENTANAS_DE_FECHA } from './ventana-fecha';

const HOY = '2026-11-23';

describe('revisarFecha', () => {
  it('accepts the date of the facts from two years back to today', () => {
    expect(revisarFecha('2026-11-23', VENTANAS_DE_FECHA.hechos, HOY)).toBeNull();
    expect(revisarFecha('2024-11-23', VENTANAS_DE_FECHA.hechos, HOY)).toBeNull();
  });

  it('refuses the future, year 0001 and a mistyped century, saying why', () => {
    expect(revisarFecha('2026-11-24', VENTANAS_DE_FECHA.hechos, HOY)).toBe('no puede ser una fecha futura');
    expect(revisarFecha('0001-03-01', VENTANAS_DE_FECHA.hechos, HOY)).toMatch(/^no puede ser anterior al 2024-11-23: revise el año/);
    expect(revisarFecha('1926-11-20', VENTANAS_DE_FECHA.hechos, HOY)).toMatch(/anterior al/);
  });

  it('keeps a physical sheet within 90 days and never ahead', () => {
    expect(revisarFecha('2026-08-25', VENTANAS_DE_FECHA.hojaFisica, HOY)).toBeNull();
    expect(revisarFecha('2026-08-24', VENTANAS_DE_FECHA.hojaFisica, HOY)).toMatch(/90 días/);
    expect(revisarFecha('0001-01-01', VENTANAS_DE_FECHA.hojaFisica, HOY)).toMatch(/anterior al 2026-08-25/);
  });

  it('lets administrators set non-working days two years back and five ahead, by whole years', () => {
    expect(revisarFecha('2024-01-01', VENTANAS_DE_FECHA.diaNoLaborable, HOY)).toBeNull();
    expect(revisarFecha('2031-12-31', VENTANAS_DE_FECHA.diaNoLaborable, HOY)).toBeNull();
    expect(revisarFecha('2023-12-31', VENTANAS_DE_FECHA.diaNoLaborable, HOY)).toMatch(/anterior al 2024-01-01/);
    expect(revisarFecha('9999-01-01', VENTANAS_DE_FECHA.diaNoLaborable, HOY)).toMatch(/posterior al 2031-12-31/);
  });

  it('refuses what is not a date', () => {
    expect(revisarFecha('2026-02-30', VENTANAS_DE_FECHA.hechos, HOY)).toMatch(/AAAA-MM-DD/);
    expect(revisarFecha(20261123, VENTANAS_DE_FECHA.hechos, HOY)).toMatch(/AAAA-MM-DD/);
  });
});
