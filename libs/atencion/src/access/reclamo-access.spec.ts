import { RolUsuario } from '@app/domain';
import { StaffUser } from '@app/staff';
import { assertReclamoAccess, assertEntidadScope, ReclamoAccess } from './reclamo-access';

const ENTIDAD = '00000000-0000-0000-0000-0000000000aa';
const user = (rol: RolUsuario, id = 'u1'): StaffUser => ({
  id,
  email: `${rol}@x.gob.pe`,
  nombre: rol,
  rol,
  entidadId: rol === 'coordinador' || rol === 'administrador' ? null : ENTIDAD,
});

describe('case access rules', () => {
  it.each(['coordinador', 'administrador'] as const)('a %s cannot reach any case', (rol) => {
    expect(() => assertEntidadScope(user(rol), ENTIDAD)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it("refuses a command for another entity than the actor's", () => {
    expect(() => assertEntidadScope(user('responsable_titular'), '00000000-0000-0000-0000-0000000000bb')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  const table: Array<[RolUsuario, boolean, ReclamoAccess, boolean]> = [
    ['responsable_titular', false, 'responsable', true],
    ['responsable_alterno', false, 'gestionar', true],
    ['titular_entidad', false, 'leer', true],
    ['titular_entidad', false, 'gestionar', false],
    ['oficial', true, 'leer', true],
    ['oficial', true, 'gestionar', true],
    ['oficial', true, 'responsable', false],
    ['oficial', false, 'leer', false],
    ['oficial', false, 'gestionar', false],
  ];
  it.each(table)('%s (assigned: %s) asking to %s → allowed %s', (rol, asignado, access, allowed) => {
    const actor = user(rol);
    const run = () => assertReclamoAccess(actor, { asignadoA: asignado ? actor.id : 'otro' }, access);
    if (allowed) expect(run).not.toThrow();
    else expect(run).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});
