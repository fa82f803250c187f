import {
  aniosDeMetas,
  decimal,
  FASES,
  faltantesParaAprobacion,
  FUENTES,
  isFuente,
  motivoSinPermisoParaAvanzar,
  siguienteFase,
  validarActividad,
  validarIndicador,
} from './accion-mejora';
import { periodos } from './periodos';
import { serieDeFuente } from '../medicion/serie-de-fuente';

describe('acciones de mejora: rules', () => {
  it('moves forward one phase at a time and stops at evaluación', () => {
    expect(FASES.map(siguienteFase)).toEqual(['aprobacion', 'implementacion', 'supervision', 'evaluacion', null]);
  });

  it('lets only the titular de la entidad approve, and only responsables move every other phase', () => {
    for (const fase of FASES) {
      const aprueba = fase === 'aprobacion';
      expect(motivoSinPermisoParaAvanzar('titular_entidad', fase) === null).toBe(aprueba);
      expect(motivoSinPermisoParaAvanzar('responsable_titular', fase) === null).toBe(!aprueba);
      expect(motivoSinPermisoParaAvanzar('responsable_alterno', fase) === null).toBe(!aprueba);
      expect(motivoSinPermisoParaAvanzar('oficial', fase)).not.toBeNull();
      expect(motivoSinPermisoParaAvanzar('coordinador', fase)).not.toBeNull();
    }
  });

  it('names what a design lacks before approval', () => {
    expect(faltantesParaAprobacion({ analisisCausal: ' ', alternativaSeleccionada: null, unidadId: null, actividades: 0, indicadores: 0 }).map((e) => e.campo)).toEqual([
      'analisisCausal',
      'alternativaSeleccionada',
      'unidadId',
      'actividades',
      'indicadores',
    ]);
    expect(faltantesParaAprobacion({ analisisCausal: 'Causas', alternativaSeleccionada: 1, unidadId: 'u', actividades: 1, indicadores: 1 })).toEqual([]);
  });

  it('reads amounts in one notation with at most two decimals', () => {
    expect(decimal('12')).toBe('12.00');
    expect(decimal(12.5)).toBe('12.50');
    expect(decimal('-3.1')).toBe('-3.10');
    for (const bad of ['12,50', '1.234', '1e3', '', ' ', 'doce', null, undefined]) expect(decimal(bad)).toBeNull();
  });

  it('refuses a negative cost and a zero quantity, naming each field', () => {
    expect(validarActividad({ descripcion: 'Afiches', costoUnitario: '-1', cantidad: '0' }).errores.map((e) => e.campo)).toEqual(['costoUnitario', 'cantidad']);
    expect(validarActividad({ descripcion: 'Afiches', costoUnitario: '0', cantidad: '0.5' }).errores).toEqual([]);
  });

  it('sets targets for the four years after the baseline, and refuses a future baseline', () => {
    expect(aniosDeMetas(2025)).toEqual([2026, 2027, 2028, 2029]);
    const datos = {
      denominacion: 'Reclamos',
      unidadMedida: 'reclamos',
      frecuencia: 'anual',
      lineaBaseAnio: '2026',
      lineaBaseValor: '10',
      medioVerificacion: 'Reporte',
      ambitoMedicion: 'producto',
      ambitoControl: 'equidad',
      metas: ['9', '8', '7', '6'],
    };
    expect(validarIndicador(datos, 2026).indicador.metas.map((m) => m.anio)).toEqual([2027, 2028, 2029, 2030]);
    expect(validarIndicador(datos, 2025).errores.map((e) => e.campo)).toEqual(['lineaBaseAnio']);
  });

  it('knows the platform-measured series as a closed list', () => {
    expect(FUENTES).toContain('reclamos_por_aspecto:tiempo_espera');
    expect(isFuente('reclamos_por_aspecto:otro')).toBe(false);
    expect(isFuente('satisfaccion_general')).toBe(true);
  });

  it('narrows a platform series to a sede or a unidad, never an indicator the entity records', () => {
    const sede = '0b5f3a9e-4d1c-4c57-9d2a-111111111111';
    const unidad = '0b5f3a9e-4d1c-4c57-9d2a-222222222222';
    const datos = {
      denominacion: 'Espera en la sede',
      unidadMedida: 'reclamos',
      frecuencia: 'mensual',
      lineaBaseAnio: '2025',
      lineaBaseValor: '10',
      medioVerificacion: 'Reporte',
      ambitoMedicion: 'resultado',
      ambitoControl: 'calidad',
      metas: ['9', '8', '7', '6'],
    };
    expect(validarIndicador({ ...datos, fuente: 'reclamos_por_aspecto:tiempo_espera', sedeId: sede, unidadId: unidad }, 2026)).toMatchObject({
      indicador: { fuente: 'reclamos_por_aspecto:tiempo_espera', sedeId: sede, unidadId: unidad },
      errores: [],
    });
    expect(validarIndicador({ ...datos, sedeId: sede }, 2026).errores).toEqual([
      { campo: 'sedeId', mensaje: 'elija primero la serie que mide la plataforma; una sede solo acota esa serie' },
    ]);
    expect(validarIndicador({ ...datos, fuente: 'reclamos_recibidos', unidadId: 'oficina' }, 2026).errores.map((e) => e.campo)).toEqual(['unidadId']);
    expect(validarIndicador({ ...datos, fuente: 'reclamos_recibidos', sedeId: '', unidadId: '' }, 2026).indicador).toMatchObject({ sedeId: null, unidadId: null });
  });

  it('follows, for each series, the figure of /cifras with its filters', () => {
    const alcance = { sedeId: 's', unidadId: null };
    expect(serieDeFuente('reclamos_recibidos', alcance)).toEqual({ cifra: 'recibidos', filtros: { sedeId: 's' } });
    expect(serieDeFuente('reclamos_por_aspecto:acceso', { sedeId: null, unidadId: 'u' })).toEqual({ cifra: 'recibidos', filtros: { aspecto: 'acceso', unidadId: 'u' } });
    expect(serieDeFuente('porcentaje_notificado_en_plazo', alcance)).toEqual({ cifra: 'enPlazoLegalPct', filtros: { sedeId: 's' } });
    expect(serieDeFuente('satisfaccion_general', { sedeId: null, unidadId: null })).toEqual({ cifra: 'satisfaccionGeneral', filtros: {} });
  });
});

describe('acciones de mejora: measurement periods', () => {
  it('gives the periods that have begun, marking the one in course', () => {
    expect(periodos('trimestral', 2026, 2027, '2026-08-15').map((p) => [p.clave, p.desde, p.hasta, p.completo])).toEqual([
      ['2026-T1', '2026-01-01', '2026-03-31', true],
      ['2026-T2', '2026-04-01', '2026-06-30', true],
      ['2026-T3', '2026-07-01', '2026-09-30', false],
    ]);
    expect(periodos('mensual', 2024, 2024, '2030-01-01').find((p) => p.clave === '2024-02')?.hasta).toBe('2024-02-29');
    expect(periodos('semestral', 2026, 2026, '2026-12-31').map((p) => p.etiqueta)).toEqual(['1.º semestre 2026', '2.º semestre 2026']);
    expect(periodos('anual', 2026, 2030, '2025-12-31')).toEqual([]);
  });
});
