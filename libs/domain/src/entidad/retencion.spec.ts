import { EstadoReclamo } from '../reclamo/estado';
import { ESTADOS_CERRADOS, problemaDeRetencion, RETENCION_MINIMA_MESES } from './retencion';

describe('retención de datos personales', () => {
  it('acepta el mínimo y por encima; rechaza por debajo, no enteros y textos, nombrando el campo', () => {
    expect(problemaDeRetencion('retencionMeses', RETENCION_MINIMA_MESES)).toBeNull();
    expect(problemaDeRetencion('retencionMeses', 60)).toBeNull();
    expect(problemaDeRetencion('retencionMeses', 23)).toEqual({ campo: 'retencionMeses', mensaje: expect.stringContaining('menor que 24 meses') });
    expect(problemaDeRetencion('retencionMeses', 30.5)?.campo).toBe('retencionMeses');
    expect(problemaDeRetencion('retencionMeses', '36')?.campo).toBe('retencionMeses');
    expect(problemaDeRetencion('retencionMeses', 1201)?.mensaje).toContain('mayor');
  });

  it('solo los estados en que el caso terminó son cerrados', () => {
    expect([...ESTADOS_CERRADOS].sort()).toEqual(
      [EstadoReclamo.NOTIFICADO, EstadoReclamo.ARCHIVADO, EstadoReclamo.RECONDUCIDO, EstadoReclamo.TRASLADADO, EstadoReclamo.ANULADO].sort(),
    );
  });
});
