import { BusinessCalendar } from '@app/calendar';
import { diasANotificacion } from './dias-a-notificacion';

describe('business days to notification', () => {
  const calendar = new BusinessCalendar();
  const caso = (fechaRegistro: string, notificadoEl: string, plazo = 30, diasPausados = 0) =>
    diasANotificacion(calendar, {}, { fechaRegistro, notificadoEl, plazo, diasPausados });

  it('counts from the business day the reclamo counts as filed, skipping holidays', () => {
    expect(caso('2031-03-03', '2031-03-17')).toEqual({ dias: 10, enPlazoLegal: true, enMeta: true });
    // Filed on a Saturday: counted from Monday 3 March; Jueves and Viernes Santo 2031 are 10 and 11 April.
    expect(caso('2031-03-01', '2031-04-14', 20)).toEqual({ dias: 28, enPlazoLegal: true, enMeta: false });
    // Notified the same day: 0.
    expect(caso('2031-03-03', '2031-03-03').dias).toBe(0);
  });

  it('leaves the paused days out of the on-time checks, not out of the days waited', () => {
    // 31 business days waited, one of them paused: on time by the law.
    const r = caso('2031-01-20', '2031-03-04', 30, 1);
    expect(r.dias).toBe(31);
    expect(r.enPlazoLegal).toBe(true);
    expect(caso('2031-01-20', '2031-03-04', 30, 0).enPlazoLegal).toBe(false);
  });
});
