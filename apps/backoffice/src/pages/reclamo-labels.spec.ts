import { plazoTexto } from './reclamo-labels';

describe('plazoTexto: the deadline in words', () => {
  it('counts business days left, in the singular for one, and marks five or fewer as soon', () => {
    expect(plazoTexto('2026-11-24', 1)).toMatchObject({ restante: 'Queda 1 día hábil', vencido: false, proximo: true, venceCorto: '24/11/2026' });
    expect(plazoTexto('2026-11-30', 5)).toMatchObject({ restante: 'Quedan 5 días hábiles', proximo: true });
    expect(plazoTexto('2026-12-07', 10)).toMatchObject({ restante: 'Quedan 10 días hábiles', proximo: false });
    expect(plazoTexto('2026-11-23', 0)).toMatchObject({ restante: 'Vence hoy', vencido: false, proximo: true });
  });

  it('says how many business days overdue', () => {
    expect(plazoTexto('2026-10-14', -28)).toMatchObject({ restante: 'Vencido hace 28 días hábiles', atraso: 'hace 28 días hábiles', vencido: true });
    expect(plazoTexto('2026-11-20', -1, true)).toMatchObject({ atraso: 'hace 1 día hábil', vencido: true });
  });

  it('on a non-business day right after the due date (0 business days), the date decides: overdue, not "due today"', () => {
    // Due Friday 20 November; on Saturday 21 no business day has passed since.
    expect(plazoTexto('2026-11-20', 0, true)).toMatchObject({ restante: 'Vencido el 20/11/2026', atraso: 'el 20/11/2026', vencido: true, proximo: false });
    // Without the date comparison (the bandeja's call) the count alone decides, as before.
    expect(plazoTexto('2026-11-20', 0)).toMatchObject({ restante: 'Vence hoy', vencido: false });
  });

  it('says nothing of a deadline once the reclamo is closed', () => {
    expect(plazoTexto('2026-11-20', null)).toMatchObject({ restante: 'Caso cerrado', vencido: false, proximo: false });
  });
});
