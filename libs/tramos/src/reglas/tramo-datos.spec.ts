import { TipoEntidad } from '@app/domain';
import { revisarDesignacion } from './designacion-datos';
import { numeroTramoValido, revisarTramo } from './tramo-datos';

describe('revisarTramo', () => {
  const VALIDO = { nombre: 'Tramo VI: Empresas', descripcion: '', tiposEntidad: ['empresa_estado'], fechaInicio: '2024-01-01', fechaLimite: '2024-06-30' };

  it('accepts a tramo, kinds as a list or as the one text a form sends', () => {
    expect(revisarTramo(VALIDO)).toEqual({ errores: [], datos: { ...VALIDO, tiposEntidad: [TipoEntidad.EMPRESA_ESTADO] } });
    expect(revisarTramo({ ...VALIDO, tiposEntidad: 'otro' }).datos?.tiposEntidad).toEqual([TipoEntidad.OTRO]);
  });

  it('names each wrong field in Spanish', () => {
    const { datos, errores } = revisarTramo({ nombre: 'T', tiposEntidad: ['banco'], fechaInicio: '2024-02-30', fechaLimite: '' });
    expect(datos).toBeNull();
    expect(errores.map((e) => e.campo)).toEqual(['nombre', 'tiposEntidad', 'fechaInicio', 'fechaLimite']);
    expect(errores[1].mensaje).toContain('«banco» no es un tipo de entidad');
    // A tramo of entities given to it by hand only: no kind.
    expect(revisarTramo({ ...VALIDO, tiposEntidad: [] }).datos?.tiposEntidad).toEqual([]);
  });

  it('refuses a deadline before the start', () => {
    expect(revisarTramo({ ...VALIDO, fechaLimite: '2023-12-31' }).errores).toEqual([{ campo: 'fechaLimite', mensaje: 'la fecha límite no puede ser anterior a la fecha de inicio' }]);
  });

  it('reads a number from the address only when it is 1 to 9999', () => {
    expect(['1', '9999', '0', '10000', '1e3', 'IV', '-1'].map(numeroTramoValido)).toEqual([1, 9999, null, null, null, null, null]);
  });
});

describe('revisarDesignacion', () => {
  const VALIDA = {
    oficioNumero: 'Oficio N° 045-2021-MINEDU/SG',
    oficioFecha: '2021-03-15',
    titularNombre: 'Rosa Elena  Quispe Mamani',
    titularEmail: 'RQuispe@minedu.gob.pe',
    alternoNombre: '',
    alternoEmail: '',
  };

  it('accepts a titular without alterno, e-mails in lower case', () => {
    expect(revisarDesignacion(VALIDA, '2026-01-10').datos).toEqual({
      oficioNumero: 'Oficio N° 045-2021-MINEDU/SG',
      oficioFecha: '2021-03-15',
      titularNombre: 'Rosa Elena Quispe Mamani',
      titularEmail: 'rquispe@minedu.gob.pe',
      alternoNombre: null,
      alternoEmail: null,
    });
  });

  it('refuses a future or pre-decree date, half an alterno and the same e-mail twice', () => {
    expect(revisarDesignacion({ ...VALIDA, oficioFecha: '2026-01-11' }, '2026-01-10').errores).toEqual([{ campo: 'oficioFecha', mensaje: 'la fecha del oficio no puede ser posterior a hoy' }]);
    expect(revisarDesignacion({ ...VALIDA, oficioFecha: '2019-12-31' }, '2026-01-10').errores[0].mensaje).toContain('D.S. N° 007-2020-PCM');
    expect(revisarDesignacion({ ...VALIDA, alternoNombre: 'Juan Pérez' }, '2026-01-10').errores).toEqual([{ campo: 'alternoEmail', mensaje: 'escriba el correo institucional del responsable alterno' }]);
    expect(revisarDesignacion({ ...VALIDA, alternoNombre: 'Juan Pérez', alternoEmail: 'rquispe@minedu.gob.pe' }, '2026-01-10').errores).toEqual([
      { campo: 'alternoEmail', mensaje: 'el alterno debe tener un correo distinto del titular: cada uno tendrá su propia cuenta' },
    ]);
    expect(revisarDesignacion({}, '2026-01-10').errores.map((e) => e.campo)).toEqual(['oficioNumero', 'oficioFecha', 'titularNombre', 'titularEmail']);
  });
});
