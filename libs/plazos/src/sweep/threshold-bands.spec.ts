import fc from 'fast-check';
import { addDays, BusinessCalendar } from '@app/calendar';
import { thresholdBands, UMBRAL_VENCIDO, UMBRALES_POR_DEFECTO } from './threshold-bands';

const calendar = new BusinessCalendar({
  decreed: [{ date: '2026-03-05', decree: 'D.S. N° 999-2026-PCM', description: 'Prueba' }],
  regional: [],
  entityClosures: [],
});
const scope = { departamento: '15', entityCode: 'MINEDU' };

/** Which band (if any) a due date falls in. */
function bandOf(today: string, vence: string): string | null {
  const band = thresholdBands(calendar, today, UMBRALES_POR_DEFECTO, scope).find(
    (b) => (b.desde === null || vence >= b.desde) && vence < b.hasta,
  );
  return band?.umbral ?? null;
}

describe('thresholdBands', () => {
  it('puts a case in the band of the tightest threshold reached', () => {
    // Monday 2 March 2026; Thursday 5 March is a decreed day.
    const today = '2026-03-02';
    expect(bandOf(today, '2026-03-03')).toBe('1'); // 1 business day left
    expect(bandOf(today, '2026-03-02')).toBe('1'); // due today
    expect(bandOf(today, '2026-03-04')).toBe('2');
    expect(bandOf(today, '2026-03-06')).toBe('5'); // 3 left: Tue, Wed, Fri
    expect(bandOf(today, '2026-03-10')).toBe('5'); // 5 left
    expect(bandOf(today, '2026-03-11')).toBe('10'); // 6 left
    expect(bandOf(today, '2026-03-17')).toBe('10'); // 10 left
    expect(bandOf(today, '2026-03-18')).toBeNull(); // 11 left
    expect(bandOf(today, '2026-02-27')).toBe(UMBRAL_VENCIDO);
  });

  it('agrees with businessDaysBetween for any today and due date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: -30, max: 40 }), (offset, ahead) => {
        const today = addDays('2026-01-01', offset);
        const vence = calendar.businessDayOnOrAfter(addDays(today, ahead), scope);
        const left = calendar.businessDaysBetween(today, vence, scope);
        const band = bandOf(today, vence);
        if (vence < today) return band === UMBRAL_VENCIDO;
        if (left > 10) return band === null;
        const expected = left <= 1 ? '1' : left <= 2 ? '2' : left <= 5 ? '5' : '10';
        return band === expected;
      }),
    );
  });

  it('ignores repeated or invalid thresholds and sorts them', () => {
    const bands = thresholdBands(calendar, '2026-03-02', [2, 10, 2, 0, -1], scope);
    expect(bands.map((b) => b.umbral)).toEqual(['10', '2', UMBRAL_VENCIDO]);
  });
});
