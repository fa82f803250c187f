import { formatCodigoReclamo, parseCodigoReclamo } from './codigo-reclamo';

describe('codigo de reclamo', () => {
  it('pads the correlative to six digits', () => {
    expect(formatCodigoReclamo({ entidad: 'MINEDU', anio: 2026, correlativo: 123 })).toBe('MINEDU-2026-000123');
  });

  it('keeps correlatives beyond a million readable', () => {
    expect(formatCodigoReclamo({ entidad: 'MML', anio: 2026, correlativo: 1234567 })).toBe('MML-2026-1234567');
  });

  it('parses what it formats, case-insensitively', () => {
    expect(parseCodigoReclamo(' minedu-2026-000123 ')).toEqual({ entidad: 'MINEDU', anio: 2026, correlativo: 123 });
  });

  it.each(['', 'MINEDU-26-1', 'MINEDU2026000123', 'MIN EDU-2026-000001'])('rejects %p', (raw) => {
    expect(parseCodigoReclamo(raw)).toBeNull();
  });
});
