import { diasCalendario, diasDeRetraso, estadoDeAdopcion, FechasDePasos, implementadoEl, pasosFaltantes, plazoDelTramo } from './adopcion';

const NINGUNO: FechasDePasos = {
  designacion_recibida: null,
  cuentas_responsables_activas: null,
  catalogos_configurados: null,
  oficiales_registrados: null,
  primer_reclamo_recibido: null,
  primer_reclamo_en_plazo: null,
};
const TODOS: FechasDePasos = {
  designacion_recibida: '2021-02-01',
  cuentas_responsables_activas: '2021-02-10',
  catalogos_configurados: '2021-02-05',
  oficiales_registrados: '2021-03-01',
  // Steps come in any order: a physical sheet may be transcribed before the officers are registered.
  primer_reclamo_recibido: '2021-01-20',
  primer_reclamo_en_plazo: '2021-03-15',
};

describe('the adoption checklist', () => {
  it('no step: no iniciado; some: en proceso; all six: implementado, on the day of the last one', () => {
    expect(estadoDeAdopcion(NINGUNO)).toBe('no_iniciado');
    expect(estadoDeAdopcion({ ...NINGUNO, designacion_recibida: '2021-02-01' })).toBe('en_proceso');
    expect(estadoDeAdopcion({ ...TODOS, oficiales_registrados: null })).toBe('en_proceso');
    expect(estadoDeAdopcion(TODOS)).toBe('implementado');
    expect(implementadoEl(TODOS)).toBe('2021-03-15');
    expect(implementadoEl({ ...TODOS, primer_reclamo_en_plazo: null })).toBeNull();
    expect(pasosFaltantes({ ...TODOS, cuentas_responsables_activas: null, primer_reclamo_en_plazo: null })).toEqual([
      'cuentas_responsables_activas',
      'primer_reclamo_en_plazo',
    ]);
  });

  it('counts calendar days across months, years and leap days', () => {
    expect(diasCalendario('2021-07-31', '2021-08-01')).toBe(1);
    expect(diasCalendario('2023-12-31', '2024-03-01')).toBe(61);
    expect(diasCalendario('2024-03-01', '2023-12-31')).toBe(-61);
  });

  it("a tramo's deadline the day before, of and after: 1 day left, 0 days left, 1 day past", () => {
    expect(plazoDelTramo('2021-07-31', '2021-07-30')).toEqual({ vencido: false, diasParaLimite: 1, diasVencido: null });
    expect(plazoDelTramo('2021-07-31', '2021-07-31')).toEqual({ vencido: false, diasParaLimite: 0, diasVencido: null });
    expect(plazoDelTramo('2021-07-31', '2021-08-01')).toEqual({ vencido: true, diasParaLimite: null, diasVencido: 1 });
  });

  it('an entity is late only after the deadline, only when not implementado, and never without a tramo', () => {
    expect(diasDeRetraso('en_proceso', '2021-07-31', '2021-07-31')).toBeNull();
    expect(diasDeRetraso('en_proceso', '2021-07-31', '2021-08-01')).toBe(1);
    expect(diasDeRetraso('no_iniciado', '2021-07-31', '2021-08-31')).toBe(31);
    expect(diasDeRetraso('implementado', '2021-07-31', '2021-08-31')).toBeNull();
    expect(diasDeRetraso('no_iniciado', null, '2021-08-31')).toBeNull();
  });
});
