import { NivelGobierno, TipoEntidad } from '@app/domain';
import { numeroDeTramo, revisarEntidad, tipoEntidadDe, TramoResumen, tramoDeEntidad } from './entidad-datos';

const TRAMOS: TramoResumen[] = [
  { numero: 1, nombre: 'Tramo I', tiposEntidad: [TipoEntidad.MINISTERIO, TipoEntidad.ORGANISMO_PUBLICO] },
  { numero: 2, nombre: 'Tramo II', tiposEntidad: [TipoEntidad.GOBIERNO_REGIONAL] },
  { numero: 4, nombre: 'Tramo IV', tiposEntidad: [TipoEntidad.MUNICIPALIDAD_DISTRITAL] },
];

const VALIDA = {
  codigo: 'minedu',
  nombre: '  Ministerio   de Educación ',
  ruc: '20131370998',
  tipo: 'Ministerio',
  nivelGobierno: 'Nacional',
  sector: 'Educación',
  ubigeo: '150130',
  tramo: '',
};

describe('revisarEntidad', () => {
  it('normalises a valid entity: upper-case code, spaces, kind and level from their labels, the tramo of its kind', () => {
    expect(revisarEntidad(VALIDA, TRAMOS)).toEqual({
      errores: [],
      datos: {
        codigo: 'MINEDU',
        nombre: 'Ministerio de Educación',
        ruc: '20131370998',
        tipo: TipoEntidad.MINISTERIO,
        nivelGobierno: NivelGobierno.NACIONAL,
        sector: 'Educación',
        ubigeo: '150130',
        tramoId: 1,
        tramoManual: false,
      },
    });
  });

  it('names every wrong field at once, in Spanish', () => {
    const { datos, errores } = revisarEntidad(
      { codigo: 'MIN EDU', nombre: 'X', ruc: '20131370999', tipo: 'ministerios', nivelGobierno: 'federal', sector: '', ubigeo: '150199', tramo: '7' },
      TRAMOS,
    );
    expect(datos).toBeNull();
    expect(Object.fromEntries(errores.map((e) => [e.campo, e.mensaje]))).toEqual({
      codigo: expect.stringContaining('use de 2 a 20 letras'),
      nombre: expect.stringContaining('al menos 3 caracteres'),
      ruc: '«20131370999»: el RUC no es válido: el dígito verificador no coincide',
      tipo: expect.stringContaining('no es un tipo de entidad'),
      nivelGobierno: expect.stringContaining('use nacional, regional o local'),
      sector: expect.stringContaining('escriba el sector'),
      ubigeo: '150199 no es un distrito del INEI; revise el código (por ejemplo, 150101 es Lima / Lima / Lima)',
      tramo: 'no existe el tramo 7; los tramos son 1, 2 y 4',
    });
  });

  it('refuses a RUC of a natural person (public entities are personas jurídicas, 20…)', () => {
    const { errores } = revisarEntidad({ ...VALIDA, ruc: '10467793549' }, TRAMOS);
    expect(errores).toEqual([{ campo: 'ruc', mensaje: expect.stringContaining('empieza con 20') }]);
  });

  it('reads a five-digit ubigeo as the district a spreadsheet showed without its leading zero', () => {
    expect(revisarEntidad({ ...VALIDA, tipo: 'organismo_publico', ubigeo: '10101' }, TRAMOS).datos?.ubigeo).toBe('010101');
  });

  it('refuses a level of government the kind cannot have', () => {
    const { errores } = revisarEntidad({ ...VALIDA, tipo: 'municipalidad_distrital', nivelGobierno: 'nacional' }, TRAMOS);
    expect(errores).toEqual([{ campo: 'nivelGobierno', mensaje: 'una entidad de tipo «Municipalidad distrital» es del nivel local, no nacional' }]);
  });

  it('asks for a tramo when no tramo covers the kind', () => {
    const { errores } = revisarEntidad({ ...VALIDA, tipo: 'universidad' }, TRAMOS);
    expect(errores).toEqual([{ campo: 'tramo', mensaje: expect.stringContaining('ningún tramo cubre el tipo «Universidad pública»') }]);
    expect(revisarEntidad({ ...VALIDA, tipo: 'universidad', tramo: 'IV' }, TRAMOS).datos).toMatchObject({ tramoId: 4, tramoManual: true });
  });

  it('asks for every required field when the entry is empty', () => {
    expect(revisarEntidad({}, TRAMOS).errores.map((e) => e.campo)).toEqual(['codigo', 'nombre', 'ruc', 'tipo', 'nivelGobierno', 'sector', 'ubigeo']);
  });
});

describe('tramoDeEntidad', () => {
  it('follows the kind unless another tramo is given', () => {
    expect(tramoDeEntidad(TipoEntidad.MINISTERIO, null, TRAMOS)).toEqual({ tramoId: 1, tramoManual: false });
    expect(tramoDeEntidad(TipoEntidad.MINISTERIO, 1, TRAMOS)).toEqual({ tramoId: 1, tramoManual: false });
    expect(tramoDeEntidad(TipoEntidad.MINISTERIO, 2, TRAMOS)).toEqual({ tramoId: 2, tramoManual: true });
    expect(tramoDeEntidad(TipoEntidad.OTRO, null, TRAMOS)).toEqual({ tramoId: null, tramoManual: false });
  });
});

describe('numeroDeTramo and tipoEntidadDe', () => {
  it.each([
    ['3', 3],
    ['III', 3],
    ['Tramo IV', 4],
    ['tramo 12', 12],
    ['IX', 9],
    [5, 5],
    ['0', null],
    ['IIII', null],
    ['tres', null],
    ['', null],
  ])('%p → %p', (entrada, numero) => {
    expect(numeroDeTramo(entrada)).toBe(numero);
  });

  it('takes the code or the label of a kind, in any case and with or without accents', () => {
    expect(tipoEntidadDe('Organismo Publico')).toBe(TipoEntidad.ORGANISMO_PUBLICO);
    expect(tipoEntidadDe('municipalidad_distrital')).toBe(TipoEntidad.MUNICIPALIDAD_DISTRITAL);
    expect(tipoEntidadDe('Universidad pública')).toBe(TipoEntidad.UNIVERSIDAD);
    expect(tipoEntidadDe('banco')).toBeNull();
  });
});
