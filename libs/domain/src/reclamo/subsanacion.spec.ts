import { fechaLimiteSubsanacion, plazoDuranteSubsanacion } from './subsanacion';

describe('subsanación wording', () => {
  it('says the deadline as a Lima date and time, at the end of the day', () => {
    expect(fechaLimiteSubsanacion('2026-12-04')).toBe('viernes 4 de diciembre de 2026, 23:59 (hora de Lima)');
    expect(fechaLimiteSubsanacion('2027-01-04')).toBe('lunes 4 de enero de 2027, 23:59 (hora de Lima)');
  });

  it('says whether the entity’s clock stops', () => {
    expect(plazoDuranteSubsanacion(true)).toContain('se suspende');
    expect(plazoDuranteSubsanacion(false)).toContain('sigue corriendo');
  });
});
